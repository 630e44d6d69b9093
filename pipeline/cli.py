"""The `jixiao` command.

Exit codes: 0 at least one report was read; 1 nothing was read (no report files, or every
one failed); 2 a usage or environment error (a bad option, a missing input path, an output
folder that cannot be written, an unreachable scheduler, workers that cannot start), found
before any extraction; 130 interrupted (Ctrl-C), with the documents finished so far kept in
the cache.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from pipeline.options import (DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT_PER_PAGE, RunOptions,
                              cpu_count, format_size, parse_size)

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


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
    ex.add_argument("--out", type=Path, default=Path("data/parquet"),
                    help="output folder (default data/parquet); its datasets mirror this run's inputs")
    ex.add_argument("--workers", type=int, default=None, metavar="N",
                    help="worker processes, 0 or more (default: one per core; 0: in this process, no limits)")
    ex.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                    help=f"time limit of one document, before its pages are counted (default {DEFAULT_TIMEOUT:g})")
    ex.add_argument("--timeout-per-page", type=float, default=DEFAULT_TIMEOUT_PER_PAGE, metavar="SECONDS",
                    help=f"time added to the limit per page of a PDF (default {DEFAULT_TIMEOUT_PER_PAGE:g})")
    ex.add_argument("--memory-limit", type=_size, default=argparse.SUPPRESS, metavar="SIZE",
                    help=f"memory limit of one worker, e.g. 2G, 0 for none (default {format_size(DEFAULT_MEMORY_LIMIT)})")
    ex.add_argument("--force", action="store_true", help="extract every file again, ignoring the cache")
    ex.add_argument("--retry-failed", action="store_true",
                    help="extract again every document that failed last time (the cache keeps the others)")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run the extraction on this Dask distributed scheduler (needs jixiao[dask])")
    ex.add_argument("--progress", choices=["auto", "bar", "lines", "off"], default="auto",
                    help="progress on stderr: a bar on a terminal, plain lines otherwise (default auto)")
    return parser


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


def say(text: str) -> None:
    print(f"jixiao: {text}", file=sys.stderr)


def extract(args: argparse.Namespace, options: RunOptions) -> int:
    """`jixiao extract`: check the inputs and the output folder, then run."""
    from pipeline.inputs import discover
    from pipeline.outdir import OutputError, check_writable
    from pipeline.readers.formats import FOLDER_SUFFIXES

    found = discover(args.paths, exclude=args.out)
    for path in found.missing:
        say(f"no such file or folder: {path} (check the path; nothing was extracted)")
    if found.missing:
        return EXIT_USAGE
    try:
        check_writable(args.out)
    except OutputError as exc:
        say(str(exc))
        return EXIT_USAGE
    if not found.inputs:
        skipped = f"; {sum(found.skipped.values())} other files skipped" if found.skipped else ""
        say(f"no report files found: a folder is searched for {', '.join(sorted(FOLDER_SUFFIXES))}{skipped}")
        return EXIT_NOTHING_READ
    if options.workers and not options.scheduler:
        from pipeline import forkserver

        forkserver.start()  # its imports overlap with ours and with hashing the files

    from pipeline.batch import Interrupted, run
    from pipeline.dask_runner import SchedulerUnreachable
    from pipeline.outdir import OutputBusy
    from pipeline.workers import WorkerStartError

    try:
        summary = run(args.paths, args.out, options, found=found)
    except (OutputError, OutputBusy, SchedulerUnreachable, WorkerStartError) as exc:
        say(str(exc))
        return EXIT_USAGE
    except Interrupted as exc:
        say(f"interrupted; the {exc.kept} documents extracted are kept in the cache, and the same command"
            " resumes from there (the datasets were not written)")
        return EXIT_INTERRUPTED
    for line in summary.lines():
        print(line)
    print(f"datasets written to {args.out}/")
    return EXIT_OK if summary.reports > len(summary.failed) else EXIT_NOTHING_READ


def main(argv: Sequence[str] | None = None) -> int:
    """`jixiao extract PATH... --out DIR`; the exit codes are in the module's docstring."""
    parser = build_parser()
    args = parser.parse_args(argv)
    options = options_of(args, parser)
    try:
        return extract(args, options)
    except KeyboardInterrupt:
        say("interrupted (the datasets were not written)")
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
