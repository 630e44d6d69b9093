"""The `jixiao` command."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """`jixiao extract PATH... --out DIR`: exit 0 when at least one report was read."""
    parser = argparse.ArgumentParser(prog="jixiao", description="Budget-performance reports to Parquet datasets.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract reports (PDF or text files, or folders of them)")
    ex.add_argument("paths", nargs="+", type=Path, help="report files or folders (searched recursively)")
    ex.add_argument("--out", type=Path, default=Path("data/parquet"), help="output folder (default data/parquet)")
    args = parser.parse_args(argv)

    from pipeline.batch import discover, run

    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print(f"jixiao: no such file or folder: {p}", file=sys.stderr)
    paths = [p for p in args.paths if p.exists()]
    if not discover(paths):
        print("jixiao: no report files found (.pdf, .txt)", file=sys.stderr)
        return 1
    summary = run(paths, args.out)
    for line in summary.lines():
        print(line)
    print(f"datasets written to {args.out}/")
    return 0 if summary.reports > len(summary.failed) else 1


if __name__ == "__main__":
    sys.exit(main())
