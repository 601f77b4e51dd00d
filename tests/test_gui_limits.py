"""The window with hostile input: huge notes, queries beyond the limits."""

from readinglist.gui.note_editor import EDITOR_CHARS
from readinglist.gui.preview import PREVIEW_CHARS


def test_a_10_mb_note_is_previewed_in_part_and_never_saved_cut(qtbot, window, sample_library):
    note = ("A line of a very long note with **bold** words.\n\n" * 210_000)[:10_000_000]
    sample_library.set_note(1, note)
    window.reload()
    window.select_ids([1])
    shown = window.preview.toPlainText()
    assert len(shown) < PREVIEW_CHARS + 2_000
    assert "The note has 10,000,000 characters; the preview shows the first 10,000" in shown
    editor = window.note_editor
    assert editor.isReadOnly() and editor.toPlainText() == ""
    assert f"{EDITOR_CHARS:,}" not in editor.placeholderText()
    assert "readinglist note 1 < note.md" in editor.placeholderText()
    editor.save()
    window.select_ids([2])
    assert sample_library.paper(1).note == note  # nothing was saved over it
    assert not editor.isReadOnly()


def test_queries_beyond_the_limits_are_said_in_the_window(qtbot, window):
    shown = window.model.rowCount()
    for query, message in [
        ("(" * 300 + "a" + ")" * 300, "parentheses nest at most 20 deep"),
        ("rating:>99999999999999999999", "the number is too large"),
        (" ".join("a" for _ in range(999)), "a search holds at most 100 terms"),
        ("added:2026-13-45", "added: 2026-13-45 is not a date"),
    ]:
        window.search_field.setText(query)
        window.apply_search()
        assert window.search_error.isVisible()
        assert message in window.search_error.text()
        assert window.model.rowCount() == shown
