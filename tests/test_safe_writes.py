"""Files the app writes are whole or untouched; exports never replace a user's file silently."""

import os

import pytest
from conftest import fill

from readinglist.core import atomic
from readinglist.core.export import ExportOptions, export_html, vault_files, write_vault
from readinglist.core.library import LibraryError
from readinglist.core.models import Paper


@pytest.fixture
def cli(cli, samples):
    """conftest's cli on the samples, paper 1 tagged."""
    assert cli("import", str(samples))[0] == 0
    assert cli("tag", "1", "theory")[0] == 0
    return cli


def paper(paper_id, title, note=""):
    return Paper(paper_id, title, "An abstract.", "2026-11-01", 3, "read", note, ["t"], 1, None)


# -- atomic writes ---------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "list.md"
    target.write_text("old")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), atomic.replacing(target) as out:
        out.write("new, half")
        raise Boom
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["list.md"]


def test_export_to_a_full_disk_leaves_the_old_file_whole(cli, small_disk, tmp_path):
    target = small_disk / "list.md"
    target.write_text("# My old list\n\nkept whole\n")
    fill(small_disk, leave=8 * 1024)
    code, _, err = cli("export", "--all", "--force", "-o", str(target))
    assert code == 1
    assert "export failed: the disk is full" in err
    assert target.read_text() == "# My old list\n\nkept whole\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "list.md"]


# -- CLI exports -------------------------------------------------------------------------


def test_export_over_an_existing_file_needs_force(cli, tmp_path):
    target = tmp_path / "list.md"
    target.write_text("mine")
    code, _, err = cli("export", "-o", str(target))
    assert code == 1
    assert f"{target} exists; add --force to replace it" in err
    assert target.read_text() == "mine"
    assert cli("export", "--force", "-o", str(target))[0] == 0
    assert target.read_text().startswith("# Reading list")


def test_export_to_a_missing_folder_or_a_folder(cli, tmp_path):
    code, _, err = cli("export", "-o", str(tmp_path / "nope" / "list.md"))
    assert code == 1
    assert "export failed:" in err and "no such file or folder" in err
    code, _, err = cli("export", "--force", "-o", str(tmp_path))
    assert code == 1
    assert f"export failed: {tmp_path} is a folder, not a file" in err


# -- vaults ------------------------------------------------------------------------------


def test_vault_into_a_path_that_is_a_file(cli, tmp_path):
    (tmp_path / "afile").write_text("mine")
    code, _, err = cli("export", "--vault", str(tmp_path / "afile"))
    assert code == 1
    assert "a file, not a folder; choose a folder for the vault" in err
    assert (tmp_path / "afile").read_text() == "mine"


def test_vault_overwrites_only_files_it_wrote(tmp_path):
    vault = tmp_path / "vault"
    files = vault_files([paper(1, "Sparse Attention"), paper(2, "Dense Models")], ExportOptions())
    first = write_vault(vault, files)
    assert [p.name for p in first] == ["Sparse Attention.md", "Dense Models.md"]
    (vault / "Dense Models.md").write_text("my own note, not an export")  # the user's now
    again = write_vault(vault, files)
    assert [p.name for p in again] == ["Sparse Attention.md", "Dense Models 2.md"]
    assert (vault / "Dense Models.md").read_text() == "my own note, not an export"
    assert write_vault(vault, files) == again  # stable: our own "2" file is reused


def test_vault_never_writes_through_a_symlink(tmp_path):
    vault = tmp_path / "vault"
    vault.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("precious")
    os.symlink(outside, vault / "Sparse Attention.md")
    written = write_vault(vault, vault_files([paper(1, "Sparse Attention")], ExportOptions()))
    assert [p.name for p in written] == ["Sparse Attention 2.md"]
    assert outside.read_text() == "precious"
    assert (vault / "Sparse Attention.md").is_symlink()


def test_vault_file_names_fit_any_file_system(tmp_path):
    title = "注意力机制" * 40 + " 🧠" * 30
    written = write_vault(tmp_path / "v", vault_files([paper(1, title)], ExportOptions()))
    assert len(written[0].name.encode()) <= 255
    assert '\nexported_by: "readinglist"\n' in written[0].read_text(encoding="utf-8")


def test_vault_refuses_names_leaving_the_folder(tmp_path):
    with pytest.raises(LibraryError, match="refusing to write outside"):
        write_vault(tmp_path / "v", {"../evil.md": "x"})


# -- HTML links --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "&#0000106avascript:alert(1)",
    ],
)
def test_html_export_filters_links_after_decoding_entities(link):
    page = export_html(f"[click]({link})\n")
    assert "href" not in page.split("<body>")[1]
    assert "click" in page


def test_html_export_keeps_harmless_links():
    page = export_html("[paper](https://arxiv.org/abs/1706.03762)\n")
    assert 'href="https://arxiv.org/abs/1706.03762"' in page
