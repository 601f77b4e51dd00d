"""A tag may hold any character: a quote in it never changes which papers a tag picks."""

import os
import subprocess
import sys

import pytest

from readinglist.core.markdown_import import parse_export
from readinglist.core.query import tag_query

QUOTED = 'gnn" OR "quantum'  # pasted into query text, this would match every quantum paper


@pytest.fixture
def tagged(sample_library):
    """Paper 1 carries the quoted tag, paper 2 the tag "gnn"; many papers say quantum."""
    sample_library.add_tags([1], [QUOTED])
    sample_library.add_tags([2], ["gnn"])
    assert len(sample_library.ids("quantum")) > 3
    return sample_library


def test_a_tag_query_picks_exactly_the_papers_with_that_tag(tagged):
    assert tagged.ids(tag_query(QUOTED)) == [1]
    assert tagged.count(tag_query(QUOTED)) == 1
    assert tagged.ids(tag_query("gnn")) == [2]


def test_export_tag_on_the_command_line_exports_only_that_tag(tagged):
    tagged.close()
    result = subprocess.run(
        [sys.executable, "-m", "readinglist", "export", "--tag", QUOTED],
        capture_output=True,
        text=True,
        env={**os.environ, "READINGLIST_DB": str(tagged.path)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    papers, _ = parse_export(result.stdout, "stdout")
    assert [p.tags for p in papers] == [[QUOTED]]


def test_file_export_offers_the_quoted_tag_and_exports_only_its_paper(qtbot, window, tagged):
    dialog = window.open_export()
    [index] = [i for i, s in enumerate(dialog.scopes) if s[0].startswith(f"Tag: {QUOTED} (")]
    dialog.scope.setCurrentIndex(index)
    dialog.update_preview()
    assert dialog.summary.text().startswith("1 paper will be exported")
    assert tagged.paper(1).title.split(":")[0] in dialog.raw.toPlainText()
