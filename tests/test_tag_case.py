"""Tags match whatever the case, in every script: "Über" and "über" are one tag."""

import sqlite3

from readinglist.core import schema
from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.library import Library
from readinglist.core.models import Annotation


def test_non_ascii_tags_that_differ_in_case_are_one_tag(sample_library):
    lib = sample_library
    lib.add_tags([1], ["Über"])
    assert lib.add_tags([1, 2], ["über"]) == [2]  # paper 1 had it already
    assert lib.tags() == [("Über", 2)]
    assert lib.paper(2).tags == ["Über"]  # the first spelling stays


def test_tag_field_matches_any_case(sample_library):
    lib = sample_library
    lib.add_tags([3], ["Théorie"])
    lib.add_tags([4], ["straße"])
    assert lib.ids("tag:THÉORIE") == [3]
    assert lib.ids("tag:théorie") == [3]
    assert lib.ids("tag:STRASSE") == [4]  # full case folding, not just lower()


def test_composed_and_decomposed_spellings_are_one_tag(sample_library):
    lib = sample_library
    lib.add_tags([1], ["Über"])  # U+00DC
    lib.add_tags([2], ["U\u0308ber"])  # U + combining diaeresis
    assert lib.tags() == [("Über", 2)]


def test_removing_renaming_and_listing_ignore_case(sample_library):
    lib = sample_library
    lib.add_tags([1, 2], ["Über"])
    lib.add_tags([3], ["Ökologie"])
    assert lib.tagged_ids("ÜBER") == [1, 2]
    assert lib.remove_tags([1], ["über"]) == [1]
    assert lib.rename_tag("über", "ÜBER") == [2]  # a change of case only
    assert lib.paper(2).tags == ["ÜBER"]
    assert lib.rename_tag("ÜBER", "ökologie") == [2]  # onto an existing tag: merged
    assert lib.tags() == [("Ökologie", 2)]
    assert lib.delete_tag("ÖKOLOGIE") == [2, 3]
    assert lib.tags() == []


def test_undo_and_reimported_exports_reuse_the_tag_in_any_case(sample_library, tmp_path):
    lib = sample_library
    lib.add_tags([1], ["Über"])
    lib.restore_annotations({2: Annotation(("ÜBER",), 0, "unread", "")})  # an undo
    assert lib.tags() == [("Über", 2)]
    [exported] = lib.papers([3])
    exported.tags = ["über"]
    (tmp_path / "export.md").write_text(export_markdown([exported], ExportOptions()))
    lib.import_files([tmp_path / "export.md"])
    assert lib.tags() == [("Über", 3)]


def _library_at_version_4(path):
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:4]:
        for statement in schema._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO imports(id, started) VALUES (1, '2026-11-01T00:00:00')")
    for pid in (1, 2, 3):
        conn.execute(
            "INSERT INTO papers(id, title, title_key, added, import_id) VALUES (?, ?, ?, ?, 1)",
            (pid, f"Paper {pid}", f"paper {pid}", "2026-11-01"),
        )
    conn.executemany(
        "INSERT INTO tags(id, name) VALUES (?, ?)", [(1, "Über"), (2, "über"), (3, "gnn")]
    )
    conn.executemany(
        "INSERT INTO paper_tags(paper_id, tag_id) VALUES (?, ?)",
        [(1, 1), (2, 2), (3, 1), (3, 2), (3, 3)],
    )
    conn.close()


def test_opening_an_older_library_joins_its_tags_that_differ_in_case(tmp_path):
    _library_at_version_4(tmp_path / "old.sqlite")
    with Library(tmp_path / "old.sqlite") as lib:
        assert lib.tags() == [("gnn", 1), ("Über", 3)]
        assert [p.tags for p in lib.papers([1, 2, 3])] == [["Über"], ["Über"], ["gnn", "Über"]]
        assert lib.ids("tag:ÜBER") == [1, 2, 3]
        assert lib.ids("Über") == [1, 2, 3]  # the full-text index follows
