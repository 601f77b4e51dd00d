"""Tags and notes have their own full-text table; searches find them exactly as before.

Words match a paper's title, abstract, tags and note together: "graph gnn" finds a
paper with "graph" in its title and the tag gnn. Tagging never re-indexes an abstract.
"""

import sqlite3

import pytest

from readinglist.core import schema
from readinglist.core.export import export_markdown
from readinglist.core.library import Library


def indexes_are_exact(lib) -> bool:
    try:
        for table in ("papers_fts", "annotations_fts"):
            lib.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    except sqlite3.DatabaseError:
        return False
    rows = lib.conn.execute("SELECT rowid, tag_list, note FROM annotations_fts ORDER BY rowid")
    wanted = lib.conn.execute(
        "SELECT id, tag_list, note FROM papers WHERE tag_list <> '' OR note <> '' ORDER BY id"
    )
    return rows.fetchall() == wanted.fetchall()


@pytest.fixture
def tagged(sample_library):
    """Papers 1 and 2 tagged zeppelin, 3 has a note; every title holds some word of its own."""
    lib = sample_library
    lib.add_tags([1, 2], ["zeppelin", "airship theory"])
    lib.set_note(3, "A hindenburg remark, see also zeppelin.")
    return lib


def title_word(lib, paper_id: int) -> str:
    title = lib.papers([paper_id])[0].title
    return max((w.strip(".,:;()") for w in title.split()), key=len).lower()


def test_bare_words_find_tags_and_notes_and_fields_keep_their_column(tagged):
    lib = tagged
    assert sorted(lib.ids("zeppelin")) == [1, 2, 3]  # two tags and a note
    assert lib.ids("hindenburg") == [3]
    assert sorted(lib.ids("zepp")) == [1, 2, 3]  # the last word is a prefix
    assert lib.ids('"hindenburg remark"') == [3]  # a phrase inside a note
    assert sorted(lib.ids('"airship theory"')) == [1, 2]  # a phrase inside a tag
    assert lib.ids("note:zeppelin") == [3]
    assert lib.ids("title:zeppelin") == [] and lib.ids("abstract:hindenburg") == []
    assert sorted(lib.ids("tag:zeppelin")) == [1, 2]


def test_words_in_the_title_and_in_a_tag_match_together(tagged):
    lib = tagged
    word = title_word(lib, 1)
    with_word = set(lib.ids(word))
    assert 1 in with_word and not {1, 2, 3} <= with_word
    assert set(lib.ids(f"{word} zeppelin")) == with_word & {1, 2, 3}
    assert set(lib.ids(f"zeppelin {word}")) == with_word & {1, 2, 3}
    assert set(lib.ids(f"{word} -zeppelin")) == with_word - {1, 2, 3}
    assert set(lib.ids(f"({word} OR hindenburg) zeppelin")) == (with_word & {1, 2}) | {3}
    assert set(lib.ids(f"{word} OR hindenburg")) == with_word | {3}
    assert set(lib.ids(f"{word} rating:0 zeppelin")) == with_word & {1, 2, 3}
    assert lib.ids(f"title:{word} note:hindenburg") == ([3] if 3 in with_word else [])


def test_counts_and_library_order_include_tag_and_note_matches_once(tagged):
    lib = tagged
    word = title_word(lib, 1)
    for query in ("zeppelin", f"{word} zeppelin", f"{word} OR zeppelin", "-zeppelin", word):
        ids = lib.ids(query, sort="id")
        assert ids == sorted(set(ids)), query  # each paper once, in library order
        assert lib.count(query) == len(ids), query
        assert lib.ids(query, sort="id", descending=True) == ids[::-1], query
        assert lib.ids(query, sort="id", limit=2, offset=1) == ids[1:3], query
    assert lib.count("-zeppelin") == lib.total() - 3


def test_ranked_search_lists_papers_matched_by_a_tag_after_those_matched_by_their_text(tagged):
    lib = tagged
    word = title_word(lib, 1)
    ranked = lib.ids(f"{word} OR hindenburg")
    assert sorted(ranked) == sorted(set(lib.ids(word)) | {3})
    if 3 not in lib.ids(word):
        assert ranked[-1] == 3  # no score from titles and abstracts: last


def test_tagging_and_notes_leave_the_title_and_abstract_index_untouched(sample_library):
    lib = sample_library
    before = lib.conn.execute("SELECT id, block FROM papers_fts_data ORDER BY id").fetchall()
    ids = lib.ids("")
    lib.add_tags(ids, ["zeppelin"])
    lib.set_note(ids[0], "hindenburg")
    lib.remove_tags(ids[:5], ["zeppelin"])
    lib.set_rating(ids, 3)
    after = lib.conn.execute("SELECT id, block FROM papers_fts_data ORDER BY id").fetchall()
    assert after == before
    assert lib.count("zeppelin") == len(ids) - 5
    assert indexes_are_exact(lib)


def test_undo_renames_merges_and_deletes_keep_both_indexes_exact(tagged):
    lib = tagged
    snapshot = lib.annotations([1, 2, 3, 4])
    lib.add_tags([1, 2, 3, 4], ["xyzzy"])
    lib.set_note(1, "rewritten")
    assert indexes_are_exact(lib)
    lib.restore_annotations(snapshot)
    assert lib.ids("xyzzy") == [] and lib.ids("rewritten") == []
    assert sorted(lib.ids("zeppelin")) == [1, 2, 3]
    lib.conn.execute("UPDATE tags SET name = 'blimp', key = 'blimp' WHERE name = 'zeppelin'")
    assert sorted(lib.ids("blimp")) == [1, 2] and lib.ids("zeppelin") == [3]
    lib.conn.execute("DELETE FROM papers WHERE id = 1")
    assert lib.ids("blimp") == [2]
    assert indexes_are_exact(lib)


def test_an_imported_export_finds_its_tags_and_notes(tagged, tmp_path):
    text = export_markdown(tagged.search("zeppelin"))
    (tmp_path / "list.md").write_text(text)
    with Library(tmp_path / "other.sqlite") as other:
        other.import_files([tmp_path / "list.md"])
        assert other.count("zeppelin") == 3 and other.count("hindenburg") == 1
        assert indexes_are_exact(other)


def test_a_misspelt_tag_word_is_corrected_from_the_tags(tagged):
    assert tagged.suggest("zepelin").text == "zeppelin"


def test_an_upgraded_library_finds_the_same_papers_by_tags_and_notes(tagged):
    lib = tagged
    word = title_word(lib, 1)
    queries = ["zeppelin", "hindenburg", f"{word} zeppelin", "note:zeppelin", word, "-zeppelin"]
    before = {q: lib.ids(q, sort="id") for q in queries}
    # The library as the previous version left it: one index of all four columns.
    conn = lib.conn
    for name in ("annotations_fts_insert", "annotations_fts_delete", "annotations_fts_update"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE annotations_vocab")
    conn.execute("DROP TABLE annotations_fts")
    conn.execute("DROP TABLE papers_fts")
    conn.execute(
        "CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, tag_list, note,"
        " content = 'papers', content_rowid = 'id',"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '3')"
    )
    conn.execute("INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')")
    conn.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(schema._ANNOTATIONS_FTS)}")
    lib.close()
    with Library(lib.path) as upgraded:
        assert {q: upgraded.ids(q, sort="id") for q in queries} == before
        upgraded.add_tags([4], ["zeppelin"])
        assert sorted(upgraded.ids("zeppelin")) == [1, 2, 3, 4]
        assert indexes_are_exact(upgraded)


@pytest.mark.parametrize(
    "words", ["hebbian", "title:diffusion", "quantum image", "zeppelin", "hebbian OR zeppelin"]
)
def test_words_alone_rank_as_words_with_a_field_do(tagged, words):
    """Scored in the index alone (words only) or through the papers (with a field): one order."""
    lib = tagged
    alone = lib.ids_plan(words)
    with_field = lib.ids_plan(f"({words}) rating:<=5")
    assert alone[2] and with_field[2]  # both by relevance
    assert "FROM papers " not in alone[0]  # no paper row read to rank them
    assert lib.ids(words) == lib.ids(f"({words}) rating:<=5")
    assert len(lib.ids(words)) == lib.count(words)


def test_without_a_word_is_every_other_paper_in_library_order(tagged):
    lib = tagged
    every = lib.ids("", sort="id")
    for word in ("zeppelin", "hindenburg", "zepp", title_word(lib, 1), '"airship theory"'):
        matched = set(lib.ids(word))
        rest = [i for i in every if i not in matched]
        assert lib.ids(f"-{word}", sort="id") == rest, word
        assert lib.ids(f"-{word}", sort="id", descending=True) == rest[::-1], word
        assert lib.ids(f"-{word}", limit=3, offset=2) == rest[2:5], word
        assert lib.count(f"-{word}") == len(rest), word
    assert " EXCEPT " in lib.ids_plan("-zeppelin")[0]  # merged, not a set of every match
