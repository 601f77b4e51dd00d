"""The command line end to end, as a user runs it, in a temporary folder."""

import json


def test_import_tag_rate_search_export(run, samples, tmp_path):
    first = run("import", str(samples))
    assert first.returncode == 0, first.stderr
    assert "total: 314 added, 17 already known" in first.stdout
    assert "total: 0 added, 331 already known" in run("import", str(samples)).stdout

    papers = json.loads(run("search", "--json", "dense", "hebbian").stdout)
    assert len(papers) == 2
    assert set(papers[0]) >= {
        "id",
        "title",
        "abstract",
        "tags",
        "rating",
        "status",
        "note",
        "seen",
        "digests",
    }
    paper_id = papers[0]["id"]
    assert run("tag", str(paper_id), "theory", "to-read").returncode == 0
    assert run("rate", str(paper_id), "5").returncode == 0
    assert run("status", str(paper_id), "reading").returncode == 0
    assert run("note", str(paper_id), stdin="## Why\n- attractor *dynamics*\n").returncode == 0

    [tagged] = json.loads(run("search", "--json", "tag:theory").stdout)
    assert (tagged["id"], tagged["rating"], tagged["status"]) == (paper_id, 5, "reading")
    assert tagged["tags"] == ["theory", "to-read"]
    assert json.loads(run("search", "--json", "attractor").stdout)[0]["id"] == paper_id

    out = tmp_path / "list.md"
    assert run("export", "-o", str(out)).returncode == 0
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# Reading list\n")
    assert f"## {papers[0]['title']}" in markdown
    assert "★★★★★ · tags: theory, to-read · reading" in markdown
    assert "### Why" in markdown  # the note's heading sits under the paper's


def test_bad_files_are_refused_with_a_message_and_library_unchanged(run, tmp_path, samples):
    run("import", str(samples / "000_51ae902ca77ec354.txt"))
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("import", str(tmp_path / "photo.txt"), str(tmp_path / "empty.txt"))
    assert result.returncode == 1
    assert "photo.txt:3: error: not a text file" in result.stderr
    assert "empty.txt: error: the file is empty" in result.stderr
    assert "papers: 32" in run("stats").stdout


def test_errors_are_messages_not_tracebacks(run):
    run("stats")
    result = run("search", "rating:>>x")
    assert result.returncode == 1
    assert "bad query at character 1" in result.stderr and "Traceback" not in result.stderr
    result = run("rate", "12345", "3")
    assert result.returncode == 1 and "no paper with id 12345" in result.stderr


def test_saved_searches_and_typos_from_the_command_line(run, samples):
    run("import", str(samples))
    assert run("search", "--save", "hebb", "dense", "hebbian").returncode == 0
    assert len(json.loads(run("search", "--json", "--saved", "hebb").stdout)) == 2
    assert run("saved", "rename", "hebb", "Hebbian").stdout == "Hebbian: dense hebbian\n"
    typo = run("search", "--json", "difusion", "modle")
    assert "Did you mean: diffusion model?" in typo.stderr
    papers = json.loads(typo.stdout)
    assert papers and all(p["approximate"] for p in papers)
    assert run("search", "--saved", "nope").returncode == 1
