"""Quality on the sample digests: suggestions and the inbox beat the base rate by far.

The figures themselves: python tests/perf/discover_quality.py
"""

from discover_quality import inbox_precision, suggestion_precision


def test_suggestions_for_a_tag_find_the_rest_of_its_topic(sample_library):
    result = suggestion_precision(sample_library, "quantum")
    assert result.at_10 >= 0.5 > 10 * result.base_rate


def test_suggestions_for_diffusion_beat_the_base_rate_tenfold(sample_library):
    result = suggestion_precision(sample_library, "diffusion")
    assert result.at_10 >= 10 * result.base_rate


def test_inbox_puts_the_liked_topic_up_and_the_skipped_one_down(sample_library):
    liked, skipped = inbox_precision(sample_library, "diffusion", "quantum")
    assert liked.at_10 >= 10 * liked.base_rate
    assert skipped.at_10 == 0
