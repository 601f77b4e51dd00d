"""One digest's papers written in batches: what an import reports and what each paper keeps."""

import pytest

from readinglist.core import import_batch

FILLER = "with enough words in the abstract to be read as a real abstract by the parser here."


def digest(tmp_path, name, day, papers):
    blocks = "".join(f"{t}\n\n{a} {FILLER}\n\n" if a else f"{t}\n\n" for t, a in papers)
    path = tmp_path / name
    path.write_text(f"new\n\n{day}\n\n{blocks}", encoding="utf-8")
    return path


def test_a_paper_twice_in_one_file_is_reported_and_sighted_once(library, tmp_path):
    path = digest(
        tmp_path,
        "d.txt",
        "May 4",
        [
            ("Sparse Codes In Cortex", "About codes"),
            ("Other Work On Graphs", "About graphs"),
            ("Sparse codes in cortex", "Again"),
        ],
    )
    report = library.import_files([path])
    assert report.added == 2
    warnings = [w for w in report.warnings if "earlier in this file" in str(w)]
    assert len(warnings) == 1
    assert "the same paper appears earlier in this file: 'Sparse codes in cortex'" in str(
        warnings[0]
    )
    [paper_id] = library.ids('title:"sparse codes"')
    assert library.paper(paper_id).seen == 1
    assert library.conn.execute(
        "SELECT count(*) FROM sightings WHERE paper_id = ?", (paper_id,)
    ).fetchone() == (1,)


def test_a_later_digest_counts_a_sighting_and_keeps_the_first_abstract(library, tmp_path):
    first = digest(tmp_path, "a.txt", "May 4", [("Sparse Codes In Cortex", "About codes")])
    library.import_files([first])
    [paper_id] = library.ids('title:"sparse codes"')
    later = digest(tmp_path, "b.txt", "May 2", [("Sparse Codes In Cortex", "Other words")])
    report = library.import_files([later])
    assert (report.added, report.known) == (0, 1)
    paper = library.paper(paper_id)
    assert paper.abstract.startswith("About codes") and paper.seen == 2
    assert paper.first_seen == "2026-05-02"  # the earlier of the two digests' dates
    library.import_files(
        [digest(tmp_path, "c.txt", "May 9", [("Sparse Codes In Cortex", "More words")])]
    )
    assert library.paper(paper_id).first_seen == "2026-05-02"
    assert library.paper(paper_id).seen == 3


def test_new_papers_get_consecutive_ids_after_the_last(library, tmp_path, monkeypatch):
    monkeypatch.setattr(import_batch, "BATCH", 2)
    titles = [f"Paper About Topic Number {n}" for n in range(5)]
    path = digest(tmp_path, "d.txt", "May 4", [(t, "About it") for t in titles])
    assert library.import_files([path]).added == 5
    ids = library.ids(sort="id")
    assert ids == list(range(ids[0], ids[0] + 5))
    assert [library.paper(i).title for i in ids] == titles
    assert [len(b) for b in import_batch.batches(iter(range(5)))] == [2, 2, 1]


@pytest.mark.parametrize("count", [0, 1])
def test_batches_of_nothing_or_one(count):
    assert list(import_batch.batches(range(count))) == ([[0]] if count else [])
