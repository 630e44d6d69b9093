"""Speed and memory of jixiao on PDFs, beside the bare text passes of the libraries it uses.

One run, the same PDFs for every figure: the shared corpus (../shared/corpus/pdf, else
data/raw/*.pdf) copied with a distinct trailing comment each (still valid PDFs, distinct
hashes) into a temporary folder. Prints pages per second for pypdfium2's bare text pass,
pdfplumber's bare extract_text, jixiao in this process (reading, PDF -> document model, and
extracting, document model -> rows, timed apart, with each PDF engine), and jixiao end to end
(the `jixiao extract` command, start-up and write included) with 1 worker and with all workers,
on the same subset of documents; then jixiao with all workers on the whole corpus, the peak
RSS of a worker, the wall time of a re-run on the unchanged corpus, and one worker on a long
document (``--long-pages`` pages made by repeating the largest PDF's) with its peak RSS; last,
seconds per page of scanned PDFs read by OCR (../shared/corpus/scanned, else data/raw/scanned)
with all workers, and the start-up: `jixiao extract` on one small text file.
Pages per CPU-second (the libraries' own CPU time; for jixiao, its workers' CPU time
extracting) is printed too: it holds still on a machine whose neighbours steal cycles, where
wall-clock figures wander.

    .venv/bin/python bench/bench.py [--docs 1000] [--subset 24] [--workers N] [--source DIR]
                                    [--long-pages 2000] [--scaling-docs 120] [--scans 4] [--only-ocr] [--only-startup]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.options import cpu_count  # noqa: E402

SOURCES = (REPO.parent / "shared" / "corpus" / "pdf", REPO / "data" / "raw")
SCANS = (REPO.parent / "shared" / "corpus" / "scanned", REPO / "data" / "raw" / "scanned")


def source_pdfs(folder: Path | None) -> list[Path]:
    """The PDFs of ``folder``, else of the first of SOURCES that has some."""
    for candidate in [folder] if folder else SOURCES:
        pdfs = sorted(candidate.glob("*.pdf"))
        if pdfs:
            return pdfs
    sys.exit(f"bench: no PDFs in {folder or ' or '.join(map(str, SOURCES))}")


def replicate(pdfs: list[Path], count: int, folder: Path) -> list[Path]:
    """``count`` documents cycling through ``pdfs``, each copy made distinct by a comment
    after %%EOF."""
    folder.mkdir(parents=True)
    out = []
    for i in range(count):
        pdf = pdfs[i % len(pdfs)]
        path = folder / f"{pdf.stem}-{i:04d}.pdf"
        path.write_bytes(pdf.read_bytes() + f"\n% copy {i}\n".encode())
        out.append(path)
    return out


def pdfium_pass(paths: list[Path]) -> tuple[int, float, float]:
    """pypdfium2: every page's text, nothing else; (pages, wall seconds, CPU seconds)."""
    import pypdfium2 as pdfium

    started, cpu, pages = time.perf_counter(), time.process_time(), 0
    for path in paths:
        doc = pdfium.PdfDocument(path)
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage()
            text.get_text_bounded()
            text.close()
            page.close()
            pages += 1
        doc.close()
    return pages, time.perf_counter() - started, time.process_time() - cpu


def pdfplumber_pass(paths: list[Path]) -> tuple[int, float, float]:
    """pdfplumber: extract_text on every page, nothing else; (pages, wall seconds, CPU seconds)."""
    import pdfplumber

    started, cpu, pages = time.perf_counter(), time.process_time(), 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages, time.perf_counter() - started, time.process_time() - cpu


def long_document(pdfs: list[Path], pages: int, path: Path) -> Path:
    """A ``pages``-page PDF: the largest of ``pdfs`` repeated (pypdfium2 copies the pages)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(max(pdfs, key=lambda p: p.stat().st_size))
    doc = pdfium.PdfDocument.new()
    while len(doc) < pages:
        doc.import_pages(source, list(range(min(len(source), pages - len(doc)))))
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    doc.close()
    source.close()
    return path


def in_process(paths: list[Path], engine: str) -> tuple[int, float, float, float]:
    """jixiao without start-up or writing: (pages, wall seconds, CPU seconds reading PDFs into
    documents, CPU seconds extracting rows from them)."""
    from pipeline.extract import extract_document
    from pipeline.readers.pdf import read_pdf

    pages, reading, extracting = 0, 0.0, 0.0
    started = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        cpu = time.process_time()
        doc = read_pdf(data, path.name, "0" * 16, engine=engine)
        middle = time.process_time()
        extract_document(doc)
        reading, extracting = reading + middle - cpu, extracting + time.process_time() - middle
        pages += doc.page_count
    return pages, time.perf_counter() - started, reading, extracting


def jixiao(corpus: Path, out: Path, workers: int, force: bool = True,
           timeout: float | None = None) -> dict[str, float]:
    """`jixiao extract` as a user runs it: its pages, wall seconds, the CPU seconds its
    workers spent extracting, and their peak RSS (from the run log)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    command = [sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "--out", str(out),
               "--workers", str(workers), "--progress", "off"] + (["--force"] if force else [])
    if timeout is not None:
        command += ["--timeout", str(timeout)]
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    log = pq.read_table(out / "runs.parquet")
    log = log.filter(pc.equal(log["run"], pc.max(log["run"])))
    failed = log.filter(pc.equal(log["status"], "failed")).num_rows
    if failed:
        print(f"  warning: {failed} documents failed in this run", file=sys.stderr)
    rss = pc.max(log["peak_rss_mb"]).as_py()
    return {"pages": float(pc.sum(log["pages"]).as_py() or 0), "seconds": seconds,
            "cpu": float(pc.sum(log["cpu_seconds"]).as_py() or 0),
            "rss": float(rss) if rss is not None else float("nan"), "docs": float(log.num_rows),
            "cached": float(pc.sum(log["cached"]).as_py() or 0)}


# A small report: a title, a heading, a score and a finding, so that every extractor runs.
SMALL_REPORT = ("某项目绩效评价报告\n\n一、评价项目概述\n\n项目绩效评价得分95分，评定等级为“优”。\n\n"
                "二、存在的问题\n\n一是预算执行进度偏慢；二是绩效目标设置不够细化。\n")


def startup_line(workers: int, tmp: Path, runs: int = 5) -> str:
    """Wall seconds of `jixiao extract` on one small text file, as a user types it (start-up,
    extraction and writing), with all workers and with none: the best of `runs`, the run
    least disturbed by other jobs on the machine."""
    folder = tmp / "small"
    folder.mkdir()
    (folder / "report.txt").write_text(SMALL_REPORT, encoding="utf-8")
    best = {}
    for count in (workers, 0):
        times = []
        for run in range(runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(folder), "--out",
                            str(tmp / f"out-small-{count}-{run}"), "--workers", str(count), "--progress", "off"],
                           cwd=REPO, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
        best[count] = min(times)
    return (f"start-up: `jixiao extract` on one small text file, best of {runs}: {best[workers]:.2f} s with"
            f" {workers} workers, {best[0]:.2f} s with --workers 0 (target: under 1 s)")


def ocr_line(copies: int, workers: int, tmp: Path) -> str:
    """Seconds per scanned page with every worker busy: ``copies`` scanned PDFs (cycling
    through the shared scans) read by OCR at the default rendering resolution."""
    from pipeline.readers.ocr_settings import OcrSettings

    scans = next((sorted(folder.glob("*.pdf")) for folder in SCANS if any(folder.glob("*.pdf"))), [])
    if not scans:
        return "OCR: no scanned PDFs in ../shared/corpus/scanned or data/raw/scanned"
    replicate(scans, copies, tmp / "scans")
    run = jixiao(tmp / "scans", tmp / "out-scans", workers)
    dpi = OcrSettings().scale * 72
    return (f"OCR of scans at {dpi:.0f} dpi, {workers} workers on {cpu_count()} cores: {run['docs']:.0f} docs,"
            f" {run['pages']:.0f} pages in {run['seconds']:.1f} s = {run['seconds'] / run['pages']:.2f} s per page"
            f" ({run['cpu'] / run['pages']:.2f} CPU-s per page; worker peak RSS {run['rss']:.0f} MiB;"
            " target: at most 3 s per page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the corpus (default 1000)")
    parser.add_argument("--subset", type=int, default=24,
                        help="documents for the single-process comparisons (default 24)")
    parser.add_argument("--workers", type=int, default=cpu_count(), help="all workers (default: one per core)")
    parser.add_argument("--source", type=Path, help="folder of PDFs to replicate (default ../shared/corpus/pdf)")
    parser.add_argument("--long-pages", type=int, default=2000,
                        help="pages of the long document read by one worker (default 2000; 0: none)")
    parser.add_argument("--scaling-docs", type=int, default=120,
                        help="documents for 1 worker against all workers, alternating runs (default 120)")
    parser.add_argument("--scans", type=int, default=4,
                        help="scanned PDFs for the OCR line (default 4, cycling the shared scans; 0: none)")
    parser.add_argument("--only-ocr", action="store_true", help="print the OCR line alone")
    parser.add_argument("--only-startup", action="store_true", help="print the start-up line alone")
    args = parser.parse_args()
    if args.only_ocr or args.only_startup:
        tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
        try:
            print(ocr_line(args.scans or 4, args.workers, tmp) if args.only_ocr else startup_line(args.workers, tmp))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return

    pdfs = source_pdfs(args.source)
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        subset = replicate(pdfs, args.subset, tmp / "subset")
        print(f"corpus: {len(pdfs)} PDFs from {pdfs[0].parent}, {args.subset} copies for the"
              f" comparisons, {args.docs} for the corpus; {args.workers} workers on {cpu_count()} cores")
        rows = []
        pages, secs, cpu = pdfium_pass(subset)
        rows.append(("pypdfium2 bare text pass", args.subset, pages, secs, cpu, None))
        pages, secs, cpu = pdfplumber_pass(subset)
        plumber, plumber_cpu = pages / secs, pages / cpu
        rows.append(("pdfplumber bare extract_text", args.subset, pages, secs, cpu, None))
        in_process(subset[:1], "pdfium")  # warm up: patterns compiled on first use are not the engines' cost
        stages = {engine: in_process(subset, engine) for engine in ("pdfium", "pdfplumber")}
        for engine, (pages, secs, reading, extracting) in stages.items():
            rows.append((f"jixiao in-process, {engine} engine", args.subset, pages, secs,
                         reading + extracting, None))
        one = jixiao(tmp / "subset", tmp / "out-1", 1)
        rows.append(("jixiao end to end, 1 worker", args.subset, one["pages"], one["seconds"], one["cpu"], one["rss"]))
        every = jixiao(tmp / "subset", tmp / "out-n", args.workers)
        rows.append((f"jixiao end to end, {args.workers} workers", args.subset, every["pages"],
                     every["seconds"], every["cpu"], every["rss"]))
        replicate(pdfs, args.docs, tmp / "corpus")
        big = jixiao(tmp / "corpus", tmp / "out-corpus", args.workers)
        rows.append((f"jixiao end to end, {args.workers} workers", args.docs, big["pages"], big["seconds"],
                     big["cpu"], big["rss"]))
        again = jixiao(tmp / "corpus", tmp / "out-corpus", args.workers, force=False)
        # 1 worker against all workers on the same documents, runs alternating so that a
        # neighbour's load falls on both alike; the best run of each counts
        replicate(pdfs, args.scaling_docs, tmp / "scaling")
        scaling: dict[int, list[dict[str, float]]] = {1: [], args.workers: []}
        for _ in range(2):
            for workers in scaling:
                scaling[workers].append(jixiao(tmp / "scaling", tmp / f"out-scaling-{workers}", workers))
        best = {w: min(runs, key=lambda r: r["seconds"]) for w, runs in scaling.items()}
        for workers, run in best.items():
            rows.append((f"jixiao end to end, {workers} worker{'s' if workers > 1 else ''} (best of 2)",
                         args.scaling_docs, run["pages"], run["seconds"], run["cpu"], run["rss"]))
        long = None
        if args.long_pages:
            long_document(pdfs, args.long_pages, tmp / "long" / "long.pdf")
            long = jixiao(tmp / "long", tmp / "out-long", 1, timeout=3600)
            rows.append((f"jixiao, 1 worker, a {args.long_pages}-page PDF", 1, long["pages"], long["seconds"],
                         long["cpu"], long["rss"]))

        print(f"\n{'what':<42} {'docs':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'pages/CPU-s':>11}"
              f" {'cores used':>10} {'worker peak RSS':>16}")
        for name, docs, pages, secs, cpu, rss in rows:
            rss_text = f"{rss:.0f} MiB" if rss is not None else "-"
            print(f"{name:<42} {docs:>5} {pages:>6.0f} {secs:>8.2f} {pages / secs:>8.1f} {pages / cpu:>11.1f}"
                  f" {cpu / secs:>10.2f} {rss_text:>16}")
        print("\njixiao in-process, pages per CPU-second of each stage (no start-up, no writing):")
        for engine, (pages, _, reading, extracting) in stages.items():
            print(f"  {engine + ' engine':<18} reading (PDF -> document) {pages / reading:7.1f}"
                  f"   extracting (document -> rows) {pages / extracting:7.1f}"
                  f"   both {pages / (reading + extracting):7.1f}")
        print(f"\nre-run on the unchanged {args.docs}-document corpus: {again['seconds']:.2f} s"
              f" ({again['cached']:.0f} of {again['docs']:.0f} documents from the cache)")
        if long is not None:
            print(f"the {args.long_pages}-page PDF: {long['pages']:.0f} pages read by one worker,"
                  f" peak RSS {long['rss']:.0f} MiB (largest document of this run)")
        print(f"jixiao 1 worker / pdfplumber extract_text: {one['pages'] / one['seconds'] / plumber:.2f}x"
              f" (per CPU-second of extraction: {one['pages'] / one['cpu'] / plumber_cpu:.2f}x)")
        print(f"jixiao {args.workers} workers / 1 worker (same {args.scaling_docs} documents, best of 2"
              f" alternating runs): {best[1]['seconds'] / best[args.workers]['seconds']:.2f}x;"
              f" same {args.subset} documents: {one['seconds'] / every['seconds']:.2f}x;"
              f" on the {args.docs}-document corpus: {big['pages'] / big['seconds'] / (one['pages'] / one['seconds']):.2f}x")
        print("(cores used: the CPU seconds of the workers', or this process's, extraction per second of"
              " wall time; on a machine shared with other jobs it shows what the run was given)")
        print(startup_line(args.workers, tmp))
        if args.scans:
            print(ocr_line(args.scans, args.workers, tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
