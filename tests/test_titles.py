from readinglist.core.titles import title_key


def test_case_punctuation_spacing_and_unicode_forms_fold():
    assert title_key("Out-of-Distribution  Generalization!") == title_key(
        "out of distribution generalization"
    )
    assert title_key("\u00b5LO: fast") == title_key("μlo fast")  # micro sign vs Greek mu


def test_word_differences_are_kept():
    unsupervised = (
        "Dense Hebbian neural networks: a replica symmetric picture of unsupervised learning"
    )
    supervised = "Dense Hebbian neural networks: a replica symmetric picture of supervised learning"
    assert title_key(unsupervised) != title_key(supervised)
    assert title_key("Gradients are Not All You Need") != title_key("Gradient is All You Need?")


def test_punctuation_only_title_still_has_a_key():
    assert title_key("???") == "???"
