"""A local stand-in for the arXiv API: serves the hand-written feeds of
tests/fixtures/arxiv from http.server in a thread (never the network)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from xml.etree import ElementTree

FIXTURES = Path(__file__).parent / "fixtures" / "arxiv"
ATOM = "{http://www.w3.org/2005/Atom}"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
_PHRASE = re.compile(r'ti:"([^"]*)"')


@dataclass
class FakeArxiv:
    """``url`` is the query endpoint; ``requests`` the query strings received."""

    server: ThreadingHTTPServer
    entries: dict[str, tuple[str, str]]  # id -> (title, entry XML)
    requests: list[dict[str, list[str]]] = field(default_factory=list)
    fail_with: int | None = None  # answer every request with this HTTP status
    answer: bytes | None = None  # answer every request with these bytes

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/query"

    def respond(self, query: dict[str, list[str]]) -> bytes:
        chosen: list[str] = []
        if "id_list" in query:
            for arxiv_id in query["id_list"][0].split(","):
                if arxiv_id in self.entries:
                    chosen.append(arxiv_id)
        if "search_query" in query:
            limit = int(query.get("max_results", ["10"])[0])
            clauses = [_PHRASE.findall(c) for c in query["search_query"][0].split(" OR ")]
            for arxiv_id, (title, _) in self.entries.items():
                flat = " ".join(title.split()).lower()
                if any(c and all(p.lower() in flat for p in c) for c in clauses):
                    chosen.append(arxiv_id)
            chosen = chosen[:limit]
        body = "\n".join(self.entries[i][1] for i in chosen)
        return (_HEAD + body + "\n</feed>\n").encode()


def load_entries() -> dict[str, tuple[str, str]]:
    ElementTree.register_namespace("", "http://www.w3.org/2005/Atom")
    entries = {}
    for path in sorted(FIXTURES.glob("*.xml")):
        if path.name == "error.xml":
            continue
        for entry in ElementTree.parse(path).getroot().iter(f"{ATOM}entry"):
            arxiv_id = re.sub(r"v\d+$", "", entry.findtext(f"{ATOM}id").rsplit("/abs/", 1)[1])
            entries[arxiv_id] = (
                entry.findtext(f"{ATOM}title"),
                ElementTree.tostring(entry, encoding="unicode"),
            )
    return entries


def start() -> FakeArxiv:
    holder: list[FakeArxiv] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            fake = holder[0]
            query = parse_qs(urlparse(self.path).query)
            fake.requests.append(query)
            if fake.fail_with:
                self.send_error(fake.fail_with, "Service Unavailable")
                return
            body = fake.answer if fake.answer is not None else fake.respond(query)
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder.append(FakeArxiv(server, load_entries()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return holder[0]


@contextmanager
def serving() -> Iterator[FakeArxiv]:
    """A fake arXiv answering for the length of the with-block, then shut down."""
    fake = start()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
