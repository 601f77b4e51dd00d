"""Generate realistic digest dumps for benchmarks, deterministic from a seed.

    python tests/perf/generate.py --papers 100000 --seed 1 --out /tmp/digests

Writes daily digest files (50-300 papers each) in both layouts seen in the
sample dumps (``tests/fixtures/digests``):

- *spaced*: header lines, a date line (``May 5``), then title and abstract
  blocks separated by blank lines;
- *compact*: two header lines, ``Subscribe`` glued to the first title, then one
  line per title and one per abstract.

The text is drawn from the sample dumps: titles mix a word-level Markov chain
over the sample titles with words picked by their frequency; abstracts are
Markov-chain sentences over the sample abstracts. Title and abstract lengths
follow the samples' lengths (titles ~25-140 characters, abstracts ~400-1900),
so searches hit about as often as they would on real data.

``--papers N`` is the number of distinct papers (the library ends with N rows).
A share of them (``--repeat``, 15% by default) comes back in one to three later
digests, as trending papers do; a tenth of those repeats carry the title with
other letter case or punctuation (still the same paper for the exact de-duplication).
About 1% of the papers have a title one word away from another paper's title
(two different papers, as "... of unsupervised learning" vs "... of supervised
learning"), and 0.5% are another paper misprinted (a typo or a dropped small
word, same abstract): the near-duplicate scan should flag those, not the former.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from readinglist.core.digest import read_digest
from readinglist.core.titles import title_key

VERSION = 3  # bump when the output for a seed changes
DEFAULT_SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "digests"
SPACED_HEADER = [
    "new",
    "",
    "Get trending papers in your email inbox!",
    "",
    "Subscribe",
    "",
    "byAK and the research community",
    "",
]
COMPACT_HEADER = [
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
]
# A title ending like this reads as wrapped onto the next line (see core.digest); avoid it.
_BAD_TITLE_END = re.compile(
    r"([:,\-\u2013\u2014.]|\b(of|and|for|the|with|in|on|to|a|an|via|by))$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?]$")
# The parser reads a line of 60+ characters with two sentence ends as an abstract.
_SENTENCE_MARK = re.compile(r"[.!?](?:\s|$)")
_HEADER_WORDS = {"new", "subscribe"}
START = "\x02"  # Markov-chain start state


@dataclass
class Paper:
    title: str
    abstract: str


@dataclass
class Corpus:
    """What the sample dumps teach: word chains and length distributions."""

    title_chain: dict[str, list[str]]
    title_words: list[str]
    title_weights: list[int]
    abstract_chain: dict[str, list[str]]
    abstract_words: list[str]
    title_lengths: list[int]
    abstract_lengths: list[int]

    @classmethod
    def from_samples(cls, folder: Path) -> Corpus:
        files = sorted(folder.glob("*.txt"))
        if not files:
            raise SystemExit(f"generate: no sample digests (*.txt) in {folder}")
        titles, abstracts = [], []
        for file in files:
            for entry in read_digest(file, today=dt.date(2026, 11, 23)).entries:
                titles.append(entry.title)
                if entry.abstract:
                    abstracts.append(entry.abstract)
        title_chain = _chain(t.split() for t in titles)
        # Title words weigh most; longer abstract words come in now and then.
        counts = Counter()
        for title in titles:
            for word in title.split():
                counts[word.strip(".,:;")] += 20
        for abstract in abstracts:
            for word in abstract.split():
                if word.isalpha() and len(word) > 3:
                    counts[word] += 1
        words = sorted(w for w in counts if w and w.lower() not in _HEADER_WORDS)
        return cls(
            title_chain=title_chain,
            title_words=words,
            title_weights=list(itertools.accumulate(counts[w] for w in words)),
            abstract_chain=_chain(a.split() for a in abstracts),
            abstract_words=sorted({w for a in abstracts for w in a.split()}),
            title_lengths=sorted(len(t) for t in titles),
            abstract_lengths=sorted(len(a) for a in abstracts),
        )


def _chain(token_lists) -> dict[str, list[str]]:
    """Word -> list of following words (repeats keep the frequencies); START begins."""
    chain: dict[str, list[str]] = defaultdict(list)
    for tokens in token_lists:
        previous = START
        for token in tokens:
            chain[previous].append(token)
            # A new sentence inside an abstract starts like the first one.
            previous = START if _SENTENCE_END.search(token) else token
    return dict(chain)


class Generator:
    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.corpus = corpus
        self.rng = random.Random(seed)
        self.sentences: list[str] = []

    def _length(self, lengths: list[int], low: int, high: int) -> int:
        base = self.rng.choice(lengths)
        return max(low, min(high, int(base * self.rng.uniform(0.85, 1.15))))

    def title(self) -> str:
        rng, corpus = self.rng, self.corpus
        target = self._length(corpus.title_lengths, 25, 140)
        words: list[str] = []
        previous = START
        while True:
            followers = corpus.title_chain.get(previous)
            if followers and rng.random() < 0.55:
                word = rng.choice(followers)
            else:
                point = rng.random() * corpus.title_weights[-1]
                word = corpus.title_words[bisect.bisect(corpus.title_weights, point)]
            word = word.rstrip(".")
            if not word:
                continue
            if words and len(" ".join(words)) + 1 + len(word) > target:
                break
            words.append(word)
            previous = word
        while len(words) > 2 and _BAD_TITLE_END.search(words[-1]):
            words.pop()
        title = " ".join(words)
        if len(title) > 140:
            title = title[:140].rsplit(" ", 1)[0]
        if _BAD_TITLE_END.search(title) or len(title) < 20 or _SENTENCE_MARK.search(title):
            return self.title()
        return title[0].upper() + title[1:]

    def _sentence(self) -> str:
        rng, chain = self.rng, self.corpus.abstract_chain
        words: list[str] = []
        previous = START
        while len(words) < 60:
            followers = chain.get(previous)
            if not followers or rng.random() < 0.04:
                followers = chain[START] if rng.random() < 0.5 else self.corpus.abstract_words
            word = rng.choice(followers)
            words.append(word)
            if _SENTENCE_END.search(word):
                if len(words) >= 6:
                    break
                previous = START
                continue
            previous = word
        sentence = " ".join(words)
        return sentence if _SENTENCE_END.search(sentence) else sentence + "."

    def abstract(self) -> str:
        if not self.sentences:  # a pool of sentences keeps large runs fast
            self.sentences = [self._sentence() for _ in range(40_000)]
        target = self._length(self.corpus.abstract_lengths, 400, 1900)
        parts: list[str] = []
        size = -1
        while size < target:
            sentence = self.rng.choice(self.sentences)
            if self.rng.random() < 0.1:
                sentence = self._sentence()
            parts.append(sentence)
            size += len(sentence) + 1
        text = " ".join(parts)
        if len(text) > 1900:
            text = text[:1900].rsplit(" ", 1)[0].rstrip(",;:") + "."
        return text

    def near_duplicate(self, title: str) -> str:
        """A different paper whose title is one word away from ``title``."""
        words = title.split()
        for index in self.rng.sample(range(len(words)), len(words)):
            word = words[index]
            if word.lower().startswith("un") and len(word) > 4:
                replacement = word[2:]
            elif word.isalpha() and len(word) > 3:
                replacement = "un" + word.lower() if self.rng.random() < 0.3 else None
                if replacement is None:
                    point = self.rng.random() * self.corpus.title_weights[-1]
                    position = bisect.bisect(self.corpus.title_weights, point)
                    replacement = self.corpus.title_words[position]
            else:
                continue
            candidate = " ".join(words[:index] + [replacement] + words[index + 1 :])
            if not _BAD_TITLE_END.search(candidate) and not _SENTENCE_MARK.search(candidate):
                return candidate
        return title + " Revisited"

    def misprinted(self, title: str) -> str:
        """The same paper as another digest may misprint it: a typo or a dropped small word."""
        words = title.split()
        small = [i for i, w in enumerate(words[1:-1], 1) if w.lower() in ("a", "the", "of", "for")]
        if small and self.rng.random() < 0.4:
            del words[self.rng.choice(small)]
            return " ".join(words)
        long_words = [i for i, w in enumerate(words) if w.isalpha() and len(w) > 5]
        if not long_words:
            return title + "s"
        index = self.rng.choice(long_words)
        word = words[index]
        at = self.rng.randrange(1, len(word) - 2)
        words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # swapped letters
        return " ".join(words)

    def restyled(self, title: str) -> str:
        """The same title as another digest may print it (same exact-dedup key)."""
        choice = self.rng.randrange(3)
        if choice == 0:
            return title.lower()
        if choice == 1:
            return title.replace("-", " ") if "-" in title else title.upper()
        return " ".join(w.capitalize() if w.islower() else w for w in title.split())


def papers(
    generator: Generator, count: int, near_share: float = 0.01, misprint_share: float = 0.005
) -> list[Paper]:
    """``count`` papers with distinct title keys.

    ``near_share`` of them are different papers one word away from another's
    title; ``misprint_share`` are the same paper as another, misprinted (a typo
    or a dropped small word, the same abstract): what the near-duplicate scan
    is for.
    """
    result: list[Paper] = []
    keys: set[str] = set()
    while len(result) < count:
        draw = generator.rng.random()
        abstract = None
        if result and draw < near_share:
            title = generator.near_duplicate(generator.rng.choice(result).title)
        elif result and draw < near_share + misprint_share:
            original = generator.rng.choice(result)
            title, abstract = generator.misprinted(original.title), original.abstract
        else:
            title = generator.title()
        key = title_key(title)
        if key in keys or _BAD_TITLE_END.search(title) or _SENTENCE_MARK.search(title):
            continue
        keys.add(key)
        result.append(Paper(title, abstract or generator.abstract()))
    return result


def plan_digests(
    rng: random.Random, count: int, repeat: float, low: int = 50, high: int = 300
) -> list[list[tuple[int, bool]]]:
    """Split paper indices into digests: (index, restyled title?) lists, repeats included."""
    new_low, new_high = int(low / (1 + repeat)) or 1, int(high / (1 + repeat)) or 1
    digests: list[list[tuple[int, bool]]] = []
    start = 0
    while start < count:
        size = rng.randint(new_low, new_high)
        digests.append([(i, False) for i in range(start, min(count, start + size))])
        start += size
    if len(digests) < 2:
        return digests
    owner = {i: d for d, digest in enumerate(digests) for i, _ in digest}
    for index in sorted(rng.sample(range(count), int(count * repeat))):
        home = owner[index]
        later = list(range(home + 1, min(len(digests), home + 30)))
        others = later or [d for d in range(len(digests)) if d != home]
        for target in rng.sample(others, min(len(others), rng.choice((1, 1, 1, 2, 2, 3)))):
            digests[target].append((index, rng.random() < 0.1))
    for digest in digests:  # repeats are spread through the day's list, not at its end
        rng.shuffle(digest)
    return digests


def render(entries: list[Paper], layout: str, date: dt.date | None) -> str:
    if layout == "spaced":
        lines = list(SPACED_HEADER)
        if date is not None:
            lines += [f"{date:%b} {date.day}", ""]
        for paper in entries:
            lines += [paper.title, "", paper.abstract, ""]
        return "\n".join(lines).rstrip("\n")
    lines = list(COMPACT_HEADER)
    for number, paper in enumerate(entries):
        lines.append(("Subscribe" if number == 0 else "") + paper.title)
        lines.append(paper.abstract)
    return "\n".join(lines)


def generate(
    count: int,
    seed: int,
    out: Path,
    samples: Path = DEFAULT_SAMPLES,
    repeat: float = 0.15,
    spaced_share: float = 0.6,
    last_day: dt.date = dt.date(2026, 11, 20),
) -> dict:
    """Write the digests into ``out``; returns a summary (also written as manifest.json)."""
    corpus = Corpus.from_samples(samples)
    generator = Generator(corpus, seed)
    all_papers = papers(generator, count)
    plan = plan_digests(generator.rng, count, repeat)
    out.mkdir(parents=True, exist_ok=True)
    entries_written = 0
    layouts = Counter()
    # Digests run back in time from last_day, one a day (dates repeat after a year,
    # as daily and trending lists do); Feb 29 would need a year to make sense.
    day = last_day
    for number, digest in enumerate(plan):
        layout = "spaced" if generator.rng.random() < spaced_share else "compact"
        entries = [
            Paper(generator.restyled(all_papers[i].title), all_papers[i].abstract)
            if restyle
            else all_papers[i]
            for i, restyle in digest
        ]
        text = render(entries, layout, day if layout == "spaced" else None)
        digest_hash = hashlib.sha256(text.encode()).hexdigest()[:16]
        (out / f"{number:05d}_{digest_hash}.txt").write_text(text, encoding="utf-8")
        entries_written += len(entries)
        layouts[layout] += 1
        day -= dt.timedelta(days=1)
        if day.month == 2 and day.day == 29:
            day -= dt.timedelta(days=1)
    summary = {
        "papers": count,
        "entries": entries_written,
        "files": len(plan),
        "layouts": dict(layouts),
        "seed": seed,
        "repeat_share": repeat,
        "generator_version": VERSION,
    }
    (out / "manifest.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, required=True, help="distinct papers to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder for the *.txt dumps")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="sample dumps")
    parser.add_argument("--repeat", type=float, default=0.15, help="share of papers repeated")
    args = parser.parse_args(argv)
    if args.papers < 1:
        parser.error("--papers must be at least 1")
    if args.out.exists() and any(args.out.glob("*.txt")):
        parser.error(f"{args.out} already holds *.txt files; use an empty folder")
    summary = generate(args.papers, args.seed, args.out, args.samples, args.repeat)
    print(json.dumps(summary), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
