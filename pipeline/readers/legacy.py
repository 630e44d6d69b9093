"""Legacy binary office files (.doc, .wps, RTF; .et and .xls that xlrd cannot read) converted
with LibreOffice headless (`soffice --convert-to docx|xlsx`) in a temporary folder, then read
as .docx/.xlsx. ``source_format`` stays what the file is (`doc`, `xls`).

LibreOffice runs as a child of the process extracting the document and dies with it, so a
conversion is under the document's time limit when the run has one (a worker killed at its
timeout takes soffice with it); ``CONVERT_TIMEOUT`` bounds a run without workers.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from pipeline.readers.errors import UnreadableDocument
from schemas.document import Document
from schemas.warnings import warn

CONVERT_TIMEOUT = 600.0  # seconds; a run with workers kills a conversion at the document's limit
FIRST_START_EXIT = 81  # soffice.bin's exit after setting up a new profile: start it again
# What each format converts to, the package that converts it, the file name LibreOffice is given.
TARGETS = {"doc": ("docx", "libreoffice-writer", "document.doc"),
           "xls": ("xlsx", "libreoffice-calc", "workbook.xls")}
PR_SET_PDEATHSIG = 1
FOLDER_PREFIX = "jixiao-soffice-"  # + the converting process's id: a folder of a dead one is stale


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_folders() -> None:
    """Remove the conversion folders of processes that are gone: a worker killed at its time
    limit cannot remove its own."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        owner = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def soffice_program() -> str | None:
    """LibreOffice's program: soffice.bin itself where it is installed beside the `soffice`
    launcher (so that it is our direct child and dies with us), else the launcher."""
    launcher = shutil.which("soffice") or shutil.which("libreoffice")
    if launcher is None:
        return None
    program = Path(launcher).resolve().parent / "soffice.bin"
    return str(program) if program.exists() else launcher


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """In the child: be killed when the process that started it dies (Linux)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run LibreOffice in its own process group; on timeout the group is killed."""
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_die_with_parent,
                            env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise UnreadableDocument("conversion_timeout", f"LibreOffice did not convert the file within {timeout:.0f} s") from None
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def convert(data: bytes, fmt: str, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """The bytes of a legacy file converted by LibreOffice (`doc` -> .docx, `xls` -> .xlsx).
    Raises UnreadableDocument naming the package to install when LibreOffice is missing."""
    target, package, name = TARGETS[fmt]
    return soffice_convert(data, name, target, package, timeout)


def soffice_convert(data: bytes, name: str, target: str, package: str,
                    timeout: float = CONVERT_TIMEOUT) -> bytes:
    """``data``, saved as ``name`` in a temporary folder, converted by LibreOffice to the
    ``target`` format (a file extension: docx, xlsx, doc, xls), with a profile of its own."""
    program = soffice_program()
    if program is None:
        kind = Path(name).suffix.lstrip(".")
        raise UnreadableDocument("needs_libreoffice", f"reading {kind} files needs LibreOffice, which is not installed: "
                                 f"install the package {package} (apt-get install {package})")
    sweep_stale_folders()
    with tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-") as tmp:
        folder = Path(tmp)
        source = folder / name
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   "--convert-to", target, "--outdir", str(folder / "out"), str(source)]
        result = _run(command, timeout)
        if result.returncode == FIRST_START_EXIT:
            result = _run(command, timeout)
        converted = folder / "out" / f"{source.stem}.{target}"
        if not converted.exists():
            said = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1]}" if said else f" (exit code {result.returncode})"
            raise UnreadableDocument("conversion_failed", f"LibreOffice could not convert {name} to {target}{detail}")
        return converted.read_bytes()


def read_doc(data: bytes, source_file: str, report_id: str) -> Document:
    """A legacy word-processing file (.doc, .wps, RTF) read through its .docx conversion."""
    from pipeline.readers.docx import read_docx

    return replace(read_docx(convert(data, "doc"), source_file, report_id), source_format="doc")


def read_rtf(data: bytes, source_file: str, report_id: str) -> Document:
    """An RTF document (often named .doc) read through its .docx conversion."""
    from pipeline.readers.docx import read_docx

    return replace(read_docx(convert(data, "doc"), source_file, report_id), source_format="rtf")


def convert_and_read(data: bytes, source_file: str, report_id: str, fmt: str,
                     reason: str) -> list[Document]:
    """A workbook xlrd cannot read, read through its .xlsx conversion; ``reason`` says why
    xlrd could not, and becomes a warning."""
    from pipeline.readers.xlsx import read_xlsx

    documents = read_xlsx(convert(data, fmt), source_file, report_id)
    note = warn("converted_by_libreoffice", f"read through LibreOffice's conversion ({reason})")
    return [replace(doc, source_format=fmt, warnings=doc.warnings + (note,)) for doc in documents]
