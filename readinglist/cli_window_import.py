"""`readinglist window-import`: the window's large imports, run in a child process.

Parsing holds Python's interpreter lock; as a thread of the window it slowed
typing to twice its idle time. As a niced child (gui/import_worker.py starts
it) it has its own lock and yields the CPU. It talks to the window in JSON
lines on stdout: ``{"progress": [done, total, label]}`` at most every 0.1 s,
then one of ``{"report": ...}`` (the ImportReport, pickled: same program,
same version), ``{"cancelled": true}`` or ``{"failed": sentence}``. A line
"cancel" on stdin, or stdin closing (the window is gone), cancels the
import, which rolls back.
"""

from __future__ import annotations

import argparse
import base64
import json
import pickle
import sys
import threading
import time

from readinglist.core.errors import explain
from readinglist.core.library import ImportCancelled, Library, LibraryError
from readinglist.core.models import ImportReport

COMMAND = "window-import"
PROGRESS_EVERY_S = 0.1


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    child = sub.add_parser(
        COMMAND, parents=[common], help="(used by the window) import, talking JSON lines"
    )
    child.add_argument("paths", nargs="+")


def run(library: Library, args: argparse.Namespace) -> int:
    cancel = threading.Event()
    threading.Thread(target=_watch_stdin, args=(cancel,), daemon=True).start()
    last = [0.0]

    def progress(done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or done >= total:
            last[0] = now
            send({"progress": [done, total, label]})

    try:
        report = library.import_files(args.paths, progress=progress, cancelled=cancel.is_set)
        library.flag_possible_duplicates(report)
    except ImportCancelled:
        send({"cancelled": True})
    except LibraryError as exc:
        send({"failed": str(exc)})
    except Exception as exc:  # noqa: BLE001 - the window says it in a sentence
        send({"failed": str(explain(exc, "the import", library.path))})
    else:
        send({"report": base64.b64encode(pickle.dumps(report)).decode("ascii")})
    return 0


def send(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _watch_stdin(cancel: threading.Event) -> None:
    for line in sys.stdin:
        if line.strip() == "cancel":
            break
    cancel.set()  # asked to, or the window closed our stdin (it is gone)


def decode_report(text: str) -> ImportReport:
    report = pickle.loads(base64.b64decode(text))  # noqa: S301 - our own child's output
    if not isinstance(report, ImportReport):
        raise TypeError(f"not an import report: {type(report).__name__}")
    return report
