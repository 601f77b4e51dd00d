"""Coverage-guided fuzzing of the digest parser with atheris (not part of the test run).

    pip install atheris
    python tests/fuzz/fuzz_digest.py -runs=200000 -max_len=4096 /tmp/corpus tests/fuzz/corpus

Every input must end in papers plus warnings or one DigestError: any other
exception, a hang (-timeout) or a crash is a finding.
"""

import sys

import atheris

with atheris.instrument_imports():
    from readinglist.core.digest import DigestError, parse_digest


def test_one_input(data: bytes) -> None:
    try:
        digest = parse_digest(data, "fuzz.txt")
    except DigestError:
        return
    assert digest.entries, "a digest without papers must be an error"
    for entry in digest.entries:
        assert entry.title and entry.line >= 1


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
