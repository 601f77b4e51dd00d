"""Importing folders of digests and exports, as a drop onto the window does."""

from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.library import Library


def test_a_folder_brings_in_digests_and_exports_and_nothing_else(tmp_path, samples):
    with Library(tmp_path / "first.sqlite") as first:
        first.import_files([samples / "000_51ae902ca77ec354.txt"])
        first.add_tags([1], ["theory"])
        (tmp_path / "drop").mkdir()
        (tmp_path / "drop" / "list.MD").write_text(export_markdown(first.search("tag:theory")))
    (tmp_path / "drop" / "digest.TXT").write_bytes(
        (samples / "001_b6027a86ed3f20a8.txt").read_bytes()
    )
    (tmp_path / "drop" / "picture.png").write_bytes(b"\x89PNG")
    with Library(tmp_path / "second.sqlite") as second:
        report = second.import_files([tmp_path / "drop"])
        assert sorted(f.file.rsplit("/", 1)[1] for f in report.files) == ["digest.TXT", "list.MD"]
        assert report.errors == []
        assert second.count("tag:theory") == 1


def test_a_paper_known_without_abstract_gets_it_from_a_digest(tmp_path, samples):
    digest = samples / "000_51ae902ca77ec354.txt"
    with Library(tmp_path / "first.sqlite") as first:
        first.import_files([digest])
        first.set_rating([1], 4)
        [paper] = first.search("rating:4")
        text = export_markdown([paper], ExportOptions(abstracts="none"))
    (tmp_path / "list.md").write_text(text)
    with Library(tmp_path / "second.sqlite") as second:
        second.import_files([tmp_path / "list.md"])
        assert [p.abstract for p in second.search("rating:4")] == [""]
        second.import_files([digest])
        assert [p.abstract for p in second.search("rating:4")] == [paper.abstract]
