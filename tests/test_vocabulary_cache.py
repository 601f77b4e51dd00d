"""Spelling help reads the words of every title and abstract (slow on a large library) once,
and again only when those can have changed; tag and note words are always current."""

from readinglist.core.suggest import Vocabulary

DIGEST = (
    "Get trending papers in your email inbox!\n"
    "Zorbulatron networks for quantum sampling\n"
    "We study zorbulatron networks, a new family of samplers for quantum systems, and show "
    "that they beat the usual baselines on every benchmark we tried.\n"
)


def reads_of_the_text_words(lib, action) -> int:
    statements = []
    lib.conn.set_trace_callback(statements.append)
    try:
        action()
    finally:
        lib.conn.set_trace_callback(None)
    return sum("papers_vocab" in s for s in statements)


def test_tags_and_ratings_do_not_make_it_read_every_title_and_abstract_again(sample_library):
    lib = sample_library
    assert lib.suggest("difusion").text == "diffusion"
    lib.add_tags([1, 2], ["zeppelin"])
    lib.set_rating([3], 4)
    assert reads_of_the_text_words(lib, lambda: lib.suggest("zepelin")) == 0
    assert lib.suggest("zepelin").text == "zeppelin"  # the tag's word, already known
    lib.remove_tags([1, 2], ["zeppelin"])
    assert lib.suggest("zepelin") is None


def test_an_import_brings_its_new_words(sample_library, tmp_path):
    lib = sample_library
    assert lib.suggest("zorbulatrn") is None
    (tmp_path / "new.txt").write_text(DIGEST)
    lib.import_files([tmp_path / "new.txt"])
    assert reads_of_the_text_words(lib, lambda: lib.suggest("zorbulatrn")) == 1
    assert lib.suggest("zorbulatrn").text == "zorbulatron"


def test_warmed_in_a_thread_the_first_correction_reads_nothing_more(sample_library):
    lib = sample_library
    vocabulary = Vocabulary(lib.conn)
    vocabulary.warm(lib.path)
    assert reads_of_the_text_words(lib, lambda: vocabulary.correct("difusion")) == 0
    assert vocabulary.correct("difusion") == "diffusion"
