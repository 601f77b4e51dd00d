"""The full-text index keeps no prefix index (a last word is still a prefix), and upgrades
keep every match."""

from readinglist.core import schema
from readinglist.core.library import Library

QUERIES = ["hebbian", "hebb", "dense hebbian", "neu", "title:quantum", '"neural network"', "quan"]


def fts_sql(lib) -> str:
    return lib.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'papers_fts'").fetchone()[0]


def test_an_upgraded_library_finds_the_same_papers_without_prefix_indexes(sample_library):
    lib = sample_library
    before = {q: lib.ids(q, sort="id") for q in QUERIES}
    assert all(before.values())
    # The library as the previous version left it: prefix indexes of 2 and 3 letters.
    lib.conn.execute("DROP TABLE papers_fts")
    lib.conn.execute(
        "CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, tag_list, note,"
        " content = 'papers', content_rowid = 'id',"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    lib.conn.execute("INSERT INTO papers_fts(papers_fts) VALUES ('rebuild')")
    before_prefix_3 = schema.MIGRATIONS.index(schema._FTS_PREFIX_3)  # later ones may follow
    lib.conn.execute(f"PRAGMA user_version = {before_prefix_3}")
    lib.close()
    with Library(lib.path) as upgraded:
        assert "prefix" not in fts_sql(upgraded)
        assert {q: upgraded.ids(q, sort="id") for q in QUERIES} == before
        upgraded.add_tags([1], ["zeppelin"])  # the triggers write into the new index
        assert upgraded.ids("zeppelin") == [1]
        upgraded.conn.execute("INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')")
