"""The `jixiao` command.

Exit codes of `jixiao extract`: 0 at least one report was read; 1 nothing was read (no report
files, or every one failed); 2 a usage or environment error (a bad option, a missing input
path, an output folder that cannot be written, an unreachable scheduler, workers that cannot
start), found before any extraction; 130 interrupted (Ctrl-C), with the documents finished so
far kept in the cache.
"""
from __future__ import annotations

import argparse
import importlib.abc
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from pipeline.datasets_dir import DEFAULT_OUT, check_out_dir
from pipeline.errors import CommandError
from pipeline.options import (DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT_PER_PAGE, RunOptions,
                              cpu_count, format_size, parse_size)

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _size(text: str) -> int | None:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_out(parser: argparse.ArgumentParser, verb: str) -> None:
    """`--out DIR`: the datasets folder, the same flag for every command."""
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help=f"the datasets folder {verb} (default {DEFAULT_OUT})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description="Budget-performance reports to Parquet datasets.")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    debug = argparse.ArgumentParser(add_help=False)  # --debug also after the command's name
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", parents=[debug], help="extract reports (PDF or text files, or folders of them)")
    ex.add_argument("paths", nargs="+", type=Path, help="report files or folders (searched recursively)")
    add_out(ex, "to write (its datasets mirror this run's inputs)")
    ex.add_argument("--workers", type=int, default=None, metavar="N",
                    help="worker processes, 0 or more (default: one per core; 0: in this process, no limits)")
    ex.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                    help=f"time limit of one document, before its pages are counted (default {DEFAULT_TIMEOUT:g})")
    ex.add_argument("--timeout-per-page", type=float, default=DEFAULT_TIMEOUT_PER_PAGE, metavar="SECONDS",
                    help=f"time added to the limit per page of a PDF (default {DEFAULT_TIMEOUT_PER_PAGE:g})")
    ex.add_argument("--memory-limit", type=_size, default=argparse.SUPPRESS, metavar="SIZE",
                    help=f"memory one worker may map for a document beyond what it holds at start, e.g. 200M, "
                         f"0 for none (default {format_size(DEFAULT_MEMORY_LIMIT)})")
    ex.add_argument("--force", action="store_true", help="extract every file again, ignoring the cache")
    ex.add_argument("--retry-failed", action="store_true",
                    help="extract again every document that failed last time (the cache keeps the others)")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run the extraction on this Dask distributed scheduler (needs jixiao[dask])")
    ex.add_argument("--progress", choices=["auto", "bar", "lines", "off"], default="auto",
                    help="progress on stderr: a bar on a terminal, plain lines otherwise (default auto)")
    # hidden: the PDF engine to compare against (see pipeline.readers.pdf_engines)
    ex.add_argument("--pdf-engine", choices=["pdfium", "pdfplumber"], help=argparse.SUPPRESS)
    q = sub.add_parser("query", parents=[debug], help="SQL over the datasets (DuckDB; one view per dataset)")
    q.add_argument("sql", nargs="?", help="one SQL statement; without it, statements are read at a prompt")
    add_out(q, "to read")
    for fmt in ("csv", "json", "parquet"):
        q.add_argument(f"--{fmt}", type=Path, metavar="FILE", help=f"write the rows to FILE as {fmt}")
    sm = sub.add_parser("summary", parents=[debug], help="one self-contained HTML page about the datasets")
    add_out(sm, "to read")
    sm.add_argument("--html", type=Path, required=True, metavar="FILE", help="the page to write, e.g. report.html")
    sc = sub.add_parser("schema", parents=[debug], help="the columns of a dataset and what they mean")
    sc.add_argument("dataset", nargs="?", help="one dataset (default: every one)")
    add_out(sc, "to read (its files' own metadata is printed when they exist)")
    sc.add_argument("--markdown", action="store_true",
                    help="print the data contract as markdown (docs/data-contract.md)")
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
    """The `jixiao` program: ``main`` in a process of its own; `jixiao extract` runs without
    pandas unless it goes to a Dask cluster (whose client may use it)."""
    args = sys.argv[1:]
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command == "extract" and "pandas" not in sys.modules and not any(a.startswith("--scheduler") for a in args):
        sys.meta_path.insert(0, SkipPandas())
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """`jixiao COMMAND ...`: a person's mistake is one line on stderr and exit 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args, parser)
    except CommandError as exc:
        if args.debug:
            raise
        print(f"jixiao: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("jixiao: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `jixiao query … | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug: one line unless asked for the traceback
        if args.debug:
            raise
        first_line = str(exc).strip().split("\n")[0]
        print(f"jixiao: internal error: {type(exc).__name__}: {first_line} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


def query(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pipeline.query import query_command

    return query_command(args.out, args.sql, {"csv": args.csv, "json": args.json, "parquet": args.parquet})


def summary(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pipeline.summary import summary_command

    return summary_command(args.out, args.html)


def schema(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pipeline.schema_command import schema_command

    return schema_command(args.out, args.dataset, args.markdown)


def options_of(args: argparse.Namespace, parser: argparse.ArgumentParser) -> RunOptions:
    """The run's settings from the command line; a bad value or combination exits 2."""
    if args.scheduler and hasattr(args, "memory_limit"):
        parser.error("--memory-limit does not apply with --scheduler: give the cluster's workers"
                     " their own --memory-limit when you start them")
    try:
        return RunOptions(workers=cpu_count() if args.workers is None else args.workers,
                          timeout=args.timeout, timeout_per_page=args.timeout_per_page,
                          memory_limit=getattr(args, "memory_limit", DEFAULT_MEMORY_LIMIT),
                          force=args.force, retry_failed=args.retry_failed, scheduler=args.scheduler,
                          progress=args.progress)
    except ValueError as exc:
        parser.error(str(exc))


def extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`jixiao extract PATH... --out DIR`: check the inputs and the output folder, then run;
    the exit codes are in the module's docstring."""
    options = options_of(args, parser)
    if args.pdf_engine:
        from pipeline.readers.pdf_engines import ENGINE_VARIABLE

        os.environ[ENGINE_VARIABLE] = args.pdf_engine  # before any worker starts: they inherit it
    if options.workers and not options.scheduler:
        from pipeline import forkserver

        forkserver.start()  # its imports overlap with ours, the folder walk and the hashing

    from pipeline.inputs import discover
    from pipeline.outdir import OutputError, check_writable
    from pipeline.readers.formats import FOLDER_SUFFIXES

    found = discover(args.paths, exclude=args.out)
    if found.missing:
        raise CommandError(f"no such file or folder: {', '.join(map(str, found.missing))} (check the path; "
                           "nothing was extracted)")
    check_out_dir(args.out)
    try:
        check_writable(args.out)
    except OutputError as exc:
        raise CommandError(str(exc)) from None
    if not found.inputs:
        skipped = f"; {sum(found.skipped.values())} other files skipped" if found.skipped else ""
        print(f"jixiao: no report files found: a folder is searched for {', '.join(sorted(FOLDER_SUFFIXES))}"
              f"{skipped}", file=sys.stderr)
        return EXIT_NOTHING_READ
    from pipeline.batch import Interrupted, run
    from pipeline.dask_runner import SchedulerUnreachable
    from pipeline.outdir import OutputBusy
    from pipeline.workers import WorkerStartError

    try:
        outcome = run(args.paths, args.out, options, found=found)
    except (OutputError, OutputBusy, SchedulerUnreachable, WorkerStartError) as exc:
        raise CommandError(str(exc)) from None
    except Interrupted as exc:
        print(f"jixiao: interrupted; the {exc.kept} documents extracted are kept in the cache, and the same"
              " command resumes from there (the datasets were not written)", file=sys.stderr)
        return EXIT_INTERRUPTED
    for line in outcome.lines():
        print(line)
    print(f"datasets written to {args.out}/")
    return EXIT_OK if outcome.reports > len(outcome.failed) else EXIT_NOTHING_READ


COMMANDS = {"extract": extract, "query": query, "summary": summary, "schema": schema}

if __name__ == "__main__":
    entry()
