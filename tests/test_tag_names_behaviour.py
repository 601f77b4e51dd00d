"""One tag whatever case or Unicode form it is typed in; the first spelling is the one shown."""

from readinglist.core import tag_names


def test_every_spelling_of_a_tag_shares_one_key():
    key = tag_names.tag_key("Über")
    assert key == "über"
    assert tag_names.tag_key("ÜBER") == tag_names.tag_key("U\u0308ber") == key
    assert tag_names.tag_key("Straße") == tag_names.tag_key("STRASSE") == "strasse"
    assert tag_names.tag_key("x²") != tag_names.tag_key("x2")  # not compatibility folding


def test_a_tag_keeps_its_first_spelling_composed(sample_library):
    conn = sample_library.conn
    first = tag_names.ensure_tag(conn, "U\u0308ber")
    assert tag_names.ensure_tag(conn, "ÜBER") == first
    assert conn.execute("SELECT name, key FROM tags WHERE id = ?", (first,)).fetchone() == (
        "Über",
        "über",
    )
    assert tag_names.find_tag(conn, "über") == first
    assert tag_names.find_tag(conn, "unknown") is None
    other = tag_names.ensure_tag(conn, "graphs")
    assert other != first


def test_attaching_tags_creates_new_ones_and_leaves_existing_pairs(sample_library):
    lib = sample_library
    a, b = lib.ids(sort="id")[:2]
    with lib.transaction() as conn:
        tag_names.attach_tags(conn, [(a, "Theory"), (b, "theory"), (a, "Applied"), (a, "THEORY")])
    assert lib.paper(a).tags == ["Applied", "Theory"] and lib.paper(b).tags == ["Theory"]
    assert tag_names.split_tags("Applied, Theory") == ["Applied", "Theory"]
    assert tag_names.split_tags("") == [] and tag_names.split_tags(", x") == ["x"]
