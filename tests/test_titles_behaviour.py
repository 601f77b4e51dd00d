"""Title keys for titles beyond the Basic Multilingual Plane (emoji, rare scripts)."""

from readinglist.core.titles import title_key


def test_titles_with_emoji_fold_case_punctuation_and_spacing():
    assert title_key("Robots 🤖: Learning-to-Walk!") == title_key("robots 🤖 learning to walk")
    assert title_key("“Robots” 🤖 — a survey") == title_key("robots 🤖 a survey")


def test_titles_with_emoji_drop_modifier_symbols():
    # "^" and "`" are modifier symbols (Sk), as in "e^+ e^-"
    assert title_key("e^+ e^- 🤖 pairs") == title_key("e+ e- 🤖 pairs")


def test_titles_with_emoji_keep_their_words_and_symbols():
    assert title_key("Robots 🤖 walk") != title_key("Robots 🤖 run")
    assert title_key("Robots 🤖 walk") != title_key("Robots walk")
    assert title_key("Robots 🤖 walk") == "robots🤖walk"
