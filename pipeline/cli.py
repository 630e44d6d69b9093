"""The `jixiao` command."""
from __future__ import annotations

import argparse
import importlib.abc
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from pipeline.options import DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT, RunOptions, format_size, parse_size


def _size(text: str) -> int | None:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description="Budget-performance reports to Parquet datasets.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract reports (PDF or text files, or folders of them)")
    ex.add_argument("paths", nargs="+", type=Path, help="report files or folders (searched recursively)")
    ex.add_argument("--out", type=Path, default=Path("data/parquet"), help="output folder (default data/parquet)")
    ex.add_argument("--workers", type=int, default=-1, metavar="N",
                    help="worker processes (default: one per core; 0: in this process, no limits)")
    ex.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                    help=f"time limit of one document (default {DEFAULT_TIMEOUT:g})")
    ex.add_argument("--memory-limit", type=_size, default=DEFAULT_MEMORY_LIMIT, metavar="SIZE",
                    help=f"memory limit of one worker, e.g. 2G, 0 for none (default {format_size(DEFAULT_MEMORY_LIMIT)})")
    ex.add_argument("--force", action="store_true", help="extract every file again, ignoring the cache")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run the extraction on this Dask distributed scheduler (needs jixiao[dask])")
    ex.add_argument("--progress", choices=["auto", "bar", "lines", "off"], default="auto",
                    help="progress on stderr: a bar on a terminal, plain lines otherwise (default auto)")
    # hidden: the PDF engine to compare against (see pipeline.extract.pdf_engine)
    ex.add_argument("--pdf-engine", choices=["pdfium", "pdfplumber"], help=argparse.SUPPRESS)
    return parser


class SkipPandas(importlib.abc.MetaPathFinder):
    """Refuses to import pandas: pyarrow imports it (most of a small run's start-up, 0.9 s)
    the first time it converts Python values, only to check that they are not pandas
    objects, and an extraction hands it none. pyarrow takes the refusal as "no pandas" for
    the rest of the process, so this is for the `jixiao` program only (see ``entry``)."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname == "pandas":
            raise ModuleNotFoundError("pandas is not needed to extract", name=fullname)


def entry() -> None:
    """The `jixiao` program: ``main`` in a process of its own, without pandas unless the
    run goes to a Dask cluster (whose client may use it)."""
    if "pandas" not in sys.modules and not any(arg.startswith("--scheduler") for arg in sys.argv[1:]):
        sys.meta_path.insert(0, SkipPandas())
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """`jixiao extract PATH... --out DIR`: exit 0 when at least one report was read."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        options = RunOptions(workers=args.workers, timeout=args.timeout, memory_limit=args.memory_limit,
                             force=args.force, scheduler=args.scheduler, progress=args.progress)
    except ValueError as exc:
        parser.error(str(exc))
    if args.pdf_engine:
        os.environ["JIXIAO_PDF_ENGINE"] = args.pdf_engine  # before any worker starts: they inherit it
    if options.workers and not options.scheduler:
        from pipeline import forkserver

        forkserver.start()  # its imports overlap with ours and with hashing the files

    from pipeline.batch import discover, run
    from pipeline.outdir import OutputBusy
    from pipeline.workers import WorkerStartError

    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print(f"jixiao: no such file or folder: {p}", file=sys.stderr)
    paths = [p for p in args.paths if p.exists()]
    if not discover(paths):
        print("jixiao: no report files found (.pdf, .txt)", file=sys.stderr)
        return 1
    try:
        summary = run(paths, args.out, options)
    except (OutputBusy, WorkerStartError) as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    print(f"datasets written to {args.out}/")
    return 0 if summary.reports > len(summary.failed) else 1


if __name__ == "__main__":
    entry()
