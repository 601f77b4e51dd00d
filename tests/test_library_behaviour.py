"""Searching, sorting, paging and counting as the table and `readinglist stats` do."""

import pytest

from readinglist.core.digest import parse_digest
from readinglist.core.library import Library
from readinglist.core.models import LibraryError

FILL = " We report experiments on several standard benchmarks and release all of our code."
PAPERS = [  # id 1..4 in this order
    ("Zebra graph models", "Graph graph graph: the graph is everything here."),
    ("Applied statistics", "A note in passing on one graph."),
    ("Message passing networks", "Graph messages pass along the edges of a graph."),
    ("Diffusion models", "A model that removes noise."),
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    with Library(tmp_path_factory.mktemp("library") / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        library.set_rating([2], 5)
        library.set_rating([3], 3)
        yield library


def test_words_come_best_match_first_unless_a_sort_is_asked_for(lib):
    assert lib.ids("graph") == [1, 3, 2]  # bm25: "graph" fills paper 1, passes by in 2
    assert lib.ids("graph", sort="title") == [2, 3, 1]
    assert lib.ids("graph", sort="rating", descending=True) == [2, 3, 1]


def test_library_order_either_way(lib):
    assert lib.ids("graph", sort="id") == [1, 2, 3]
    assert lib.ids("graph", sort="id", descending=True) == [3, 2, 1]
    assert lib.ids("", descending=True) == [4, 3, 2, 1]
    assert lib.ids("rating:>0", sort="id", descending=True) == [3, 2]


def test_pages_of_a_result(lib):
    assert [p.id for p in lib.search("", limit=2)] == [1, 2]
    assert [p.id for p in lib.search("", limit=2, offset=2)] == [3, 4]
    assert lib.ids("graph", limit=1, offset=1) == [3]


def test_counts(lib):
    assert lib.count() == 4
    assert lib.count("graph") == 3
    assert lib.count("graph rating:>=4") == 1


def test_an_unknown_sort_or_paper_is_named(lib):
    with pytest.raises(LibraryError, match="^cannot sort by 'colour'; use one of "):
        lib.ids("", sort="colour")
    with pytest.raises(LibraryError) as error:
        lib.paper(99)
    assert str(error.value) == "no paper with id 99"


def test_stats_sum_up_the_library(lib):
    assert lib.stats() == {
        "papers": 4,
        "digests": 1,
        "seen_more_than_once": 0,
        "tagged": 0,
        "rated": 2,
        "with_note": 0,
        "by_status": {"unread": 4},
        "tags": 0,
        "path": str(lib.path),
    }


def test_the_daily_backup_is_named_daily_and_taken_once_a_day(tmp_path):
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    with Library(tmp_path / "lib.sqlite") as library:
        assert library.daily_backup() is None  # nothing to keep yet
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        taken = library.daily_backup()
        assert taken is not None and taken.reason == "daily"
        assert [b.reason for b in library.backups()] == ["daily"]
        assert library.daily_backup() is None  # one a day


def test_spelling_suggestions_follow_a_restored_library(tmp_path):
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    later = f"new\n\nMay 9\n\nTransformers everywhere\n\nAttention layers stacked.{FILL}\n\n"
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        backup = library.backup()
        library.import_digests([parse_digest(later.encode(), "later.txt")])
        assert library.suggest("transformrs").text == "transformers"
        library.restore(backup.path)
        assert library.total() == 4
        assert library.suggest("transformrs") is None  # that paper is gone with the restore
        assert library.suggest("difusion").text == "diffusion"


@pytest.mark.parametrize(
    ("tables", "shown"),
    [
        (["notes", "people"], "notes, people"),
        ([f"t{i}" for i in range(7)], "t0, t1, t2, t3, t4, …"),
    ],
)
def test_another_programs_database_is_refused_naming_its_tables(tmp_path, tables, shown):
    import sqlite3

    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        for name in tables:
            conn.execute(f"CREATE TABLE {name} (x)")
    before = path.read_bytes()
    with pytest.raises(LibraryError) as error:
        Library(path)
    assert str(error.value) == (
        f"{path}: not a readinglist library: it is another program's database "
        f"(tables: {shown}); choose another file"
    )
    assert path.read_bytes() == before  # none of our tables were added


def test_restoring_the_oldest_backup_never_deletes_it(tmp_path):
    # Backups are pruned to ten, the restore's safety copy makes eleven: restoring the
    # oldest then pruned the very file being restored, before it was read.
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        for _ in range(10):
            library.backup()
        for _ in range(2):
            oldest = library.backups()[-1]
            library.restore(oldest.path)
            assert oldest.path.exists() and library.total() == 4


def test_a_backup_that_waited_too_long_says_so_and_the_next_is_named_manual(
    tmp_path, writelock_times_out
):
    from readinglist.core import writelock

    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])

        with writelock.write_lock(library.path, "importing"):
            with pytest.raises(writelock.Busy) as busy:
                library.backup(wait=5)
            assert library.daily_backup() is None  # busy: the next command backs up
        assert str(busy.value) == (
            f"{library.path}: another readinglist is importing, backing up or restoring; "
            "waited 5 s before backing up. Try again when it is done"
        )
        assert library.backups() == []
        assert library.backup().reason == "manual"
        assert [b.reason for b in library.backups()] == ["manual"]
