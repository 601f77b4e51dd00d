"""What `readinglist import` and `search --json` print: the reports and records of the core."""

import json
import shutil

import pytest

from readinglist.cli import main
from readinglist.core.library import Library

FILL = " We report experiments on several standard benchmarks and release all of our code."


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "lib.sqlite")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_one_line_per_file_and_a_total(capsys, db, samples, tmp_path):
    folder = tmp_path / "digests"
    shutil.copytree(samples, folder)
    code, out, _ = run(capsys, "--db", db, "import", str(folder))
    assert code == 0
    assert out.splitlines() == [
        f"{folder / '000_51ae902ca77ec354.txt'}: 32 added, 0 already known",
        f"{folder / '001_b6027a86ed3f20a8.txt'}: 229 added, 3 already known",
        f"{folder / '002_128d8afdb42565d4.txt'}: 53 added, 14 already known",
        f"total: 314 added, 17 already known, 314 papers in {db}",
    ]


def test_a_digest_imported_again_says_when_it_was_first(capsys, db, samples):
    digest = str(samples / "000_51ae902ca77ec354.txt")
    run(capsys, "--db", db, "import", digest)
    with Library(db) as library:
        first = library.conn.execute("SELECT imported FROM digests").fetchone()[0][:10]
    _, out, _ = run(capsys, "--db", db, "import", digest)
    assert out.splitlines()[0] == (
        f"{digest}: 0 added, 32 already known (this digest was already imported on {first})"
    )


def test_a_file_that_is_not_a_digest_is_named_with_the_reason(capsys, db, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\nworld\n")
    code, out, err = run(capsys, "--db", db, "import", str(bad))
    assert code == 1
    assert err.splitlines() == [
        f"{bad}: error: no paper found: no title followed by an abstract "
        "(is this a digest dump of titles and abstracts?)"
    ]
    assert out.splitlines() == [f"total: 0 added, 0 already known, 0 papers in {db}"]


def test_warnings_are_counted_in_the_file_line(capsys, db, tmp_path):
    digest = tmp_path / "odd.txt"
    digest.write_text(
        "new\n\nMay 5\n\nA Title Alone Without Its Abstract\n\n"
        f"Graph Neural Networks\n\nMessage passing on graphs.{FILL}\n\n"
    )
    _, out, _ = run(capsys, "--db", db, "import", str(digest))
    first, *warnings = out.splitlines()[:-1]
    assert first == f"{digest}: 1 added, 0 already known, 1 warning"
    assert warnings == [
        f"  warning: {digest}:5: unknown header line or title without abstract, skipped: "
        "'A Title Alone Without Its Abstract'"
    ]


def test_reimporting_an_export_says_how_many_papers_got_annotations_back(
    capsys, db, tmp_path, samples
):
    run(capsys, "--db", db, "import", str(samples / "000_51ae902ca77ec354.txt"))
    run(capsys, "--db", db, "tag", "1", "theory")
    run(capsys, "--db", db, "tag", "2", "theory")
    export = tmp_path / "list.md"
    run(capsys, "--db", db, "export", "-o", str(export))
    other = str(tmp_path / "other.sqlite")
    _, out, _ = run(capsys, "--db", other, "import", str(export))
    assert out.splitlines()[0] == f"{export}: 2 added, 0 already known, annotations restored on 2"


def test_search_json_gives_every_field_of_a_paper(capsys, db, samples):
    run(capsys, "--db", db, "import", str(samples))
    run(capsys, "--db", db, "tag", "1", "theory", "to read")
    run(capsys, "--db", db, "rate", "1", "4")
    run(capsys, "--db", db, "status", "1", "reading")
    run(capsys, "--db", db, "note", "1", "--text", "Compare with QAOA.")
    code, out, _ = run(capsys, "--db", db, "search", "--json", "tag:theory")
    assert code == 0
    with Library(db) as library:
        paper = library.paper(1)
    assert paper.seen == 2 and len(paper.digests) == 2
    assert json.loads(out) == [
        {
            "id": 1,
            "title": paper.title,
            "abstract": paper.abstract,
            "tags": ["theory", "to read"],
            "rating": 4,
            "status": "reading",
            "note": "Compare with QAOA.",
            "seen": 2,
            "first_seen": paper.first_seen,
            "added": paper.added,
            "digests": [{"file": s.file, "date": s.date} for s in paper.digests],
            # arXiv metadata (readinglist lookup): unknown until the paper is looked up
            "arxiv_id": None,
            "authors": [],
            "published": None,
            "url": None,
            "pdf_url": None,
            "doi": None,
            "primary_category": None,
            "approximate": False,
        }
    ]
    assert {s.file for s in paper.digests} == {
        "000_51ae902ca77ec354.txt",
        "002_128d8afdb42565d4.txt",
    }
