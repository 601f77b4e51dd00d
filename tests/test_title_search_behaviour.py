"""The command palette's paper search: how many it lists, and which ones it leaves out."""

from readinglist.core.title_search import search_titles, title_candidates


def test_at_most_twenty_papers_unless_asked_for_more(library, tmp_path):
    blocks = "".join(
        f"Quantum Walks on Lattice Number {n}\n\nWe study walks of kind {n} on lattices "
        "with several careful experiments and report what we measured.\n\n"
        for n in range(25)
    )
    path = tmp_path / "d.txt"
    path.write_text(f"new\n\nMay 3\n\n{blocks}", encoding="utf-8")
    assert library.import_files([path]).added == 25
    assert len(search_titles(library.conn, "quantum walks")) == 20
    assert len(search_titles(library.conn, "quantum walks", limit=25)) == 25
    assert len(title_candidates(library.conn, "quantum walks", limit=7)) == 7
    # Newest first among the candidates, every word before any word.
    found = title_candidates(library.conn, "lattice")
    assert [i for i, _ in found] == sorted((i for i, _ in found), reverse=True)

