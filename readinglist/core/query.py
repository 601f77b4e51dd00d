"""The search language -> an SQL WHERE clause plus parameters.

Shaped like beets' dbcore queries: the text is parsed into a small tree whose
nodes each return ``(sql, params)``; user text only ever travels as a
parameter. Words go to the FTS5 indexes (title, abstract, tags and notes: core/word_match.py);
fields filter on columns.

    graph neural -survey "message passing" (tag:gnn OR tag:"to read")
    title:diffusion rating:>=3 is:unread has:note seen:>1 added:2026-11
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from readinglist.core import word_match
from readinglist.core.discover.triage import DECIDED_SQL, INBOX_SQL, IS_TERMS
from readinglist.core.limits import MAX_ID, MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MAX_QUERY_TERMS
from readinglist.core.schema import STATUSES
from readinglist.core.tag_names import tag_key

TEXT_FIELDS = {"title": "title", "abstract": "abstract", "note": "note"}
FIELDS = (*TEXT_FIELDS, "tag", "rating", "is", "has", "seen", "added", "digest", "new")
FIELDS += ("author", "year", "arxiv")  # arXiv metadata (core/metadata)
_HAS = {
    "note": "note <> ''",
    "notes": "note <> ''",
    "tag": "tag_list <> ''",
    "tags": "tag_list <> ''",
    "abstract": "abstract <> ''",
    "rating": "rating > 0",
    "arxiv": "id IN (SELECT paper_id FROM paper_metadata)",
}
_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?(\d+)$")
_DATE_PREFIX = re.compile(r"^(>=|<=|>|<|=)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)$")
_FIELD = re.compile(r"^([A-Za-z]+):")
_WORD_CHARS = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MIN_PREFIX = 3  # a last word shorter than this is matched whole, not as a prefix


class QueryError(ValueError):
    """A query that cannot be understood; ``position`` is where in the text."""

    def __init__(self, message: str, position: int = 0) -> None:
        self.message = message
        self.position = position
        super().__init__(message)


Clause = tuple[str, list]


class Node:
    def clause(self) -> Clause:
        raise NotImplementedError

    def fts(self) -> str | None:
        """This node as an FTS5 expression, when it is pure text; else None."""
        return None


@dataclass
class Text(Node):
    text: str
    column: str | None = None
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        if self.prefix:
            quoted += "*"
        return f"{self.column} : {quoted}" if self.column else quoted

    def clause(self) -> Clause:
        return word_match.clause(self)


@dataclass
class Condition(Node):
    sql: str
    params: list = field(default_factory=list)

    def clause(self) -> Clause:
        return self.sql, list(self.params)


@dataclass
class Not(Node):
    child: Node

    def clause(self) -> Clause:
        sql, params = self.child.clause()
        return f"NOT ({sql})", params


def _texts(children: list[Node]) -> list[str] | None:
    """The children's FTS5 expressions, or None unless every child is pure text."""
    texts = [text for child in children if (text := child.fts()) is not None]
    return texts if len(texts) == len(children) else None


@dataclass
class And(Node):
    children: list[Node]

    def fts(self) -> str | None:
        parts = _texts(self.children)
        return None if parts is None else " AND ".join(parts)

    def clause(self) -> Clause:
        # All plain words go to FTS5 as one MATCH: one index lookup, not one per word.
        texts = [child for child in self.children if child.fts() is not None]
        others = [child for child in self.children if child.fts() is None]
        words = [word_match.clause(And(texts) if len(texts) > 1 else texts[0])] if texts else []
        rest = [c.clause() for c in others]
        if words and any(sql.startswith("id IN (") for sql, _ in rest):
            # A tag's or a digest's papers are usually far fewer than a word's matches:
            # "+" leaves SQLite to walk those and test the words, rather than read a
            # paper's row per word match (optimal transport tag:theory at a million
            # papers: counted in 20 ms instead of 68).
            words = [("+" + words[0][0], words[0][1])]
        return _join(words + rest, "AND")


@dataclass
class Or(Node):
    children: list[Node]

    def fts(self) -> str | None:
        parts = _texts(self.children)
        return None if parts is None else "(" + " OR ".join(f"({p})" for p in parts) + ")"

    def clause(self) -> Clause:
        if self.fts() is not None:
            return word_match.clause(self)
        return _join([child.clause() for child in self.children], "OR")


class Everything(Node):
    def clause(self) -> Clause:
        return "1", []


def _join(clauses: list[Clause], operator: str) -> Clause:
    if len(clauses) == 1:
        return clauses[0]
    sql = f" {operator} ".join(f"({sql})" for sql, _ in clauses)
    return sql, [param for _, params in clauses for param in params]


@dataclass
class Query:
    text: str
    root: Node
    words: list[str]  # the plain words and phrases, for highlighting

    def clause(self) -> Clause:
        return self.root.clause()

    @property
    def has_words(self) -> bool:
        return bool(self.words)

    def rank_expression(self) -> str | None:
        """An FTS5 expression of the wanted (not excluded) words, to rank results by bm25."""
        return word_match.rank_expression(_positive_texts(self.root))


def _positive_texts(node: Node) -> list[Text]:
    if isinstance(node, Text):
        return [node]
    if isinstance(node, And | Or):
        return [text for child in node.children for text in _positive_texts(child)]
    return []  # Not, Condition, Everything


def left_out_words(root: Node) -> Node | None:
    """The words a search leaves out when that is all it does (``-model``), else None."""
    return root.child if isinstance(root, Not) and root.child.fts() else None


def tag_condition(name: str) -> Node:
    return Condition(
        "id IN (SELECT pt.paper_id FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE t.key = ?)",
        [tag_key(name)],
    )


def tag_query(name: str) -> Query:
    """Papers carrying the tag ``name``, whatever characters it holds (nothing is parsed)."""
    return Query("", tag_condition(name), [])


def restrict_to_tags(query: Query, names: list[str]) -> Query:
    """The query narrowed to papers carrying every one of the tags (the tag sidebar)."""
    if not names:
        return query
    return Query(query.text, And([query.root, *map(tag_condition, names)]), query.words)


def restrict_to_ids(query: Query, ids: list[int]) -> Query:
    """The query narrowed to given papers (a selection), still sorted by SQLite."""
    condition = Condition("id IN (SELECT value FROM json_each(?))", [json.dumps(list(ids))])
    return Query(query.text, And([query.root, condition]), query.words)


def everything() -> Query:
    """Every paper (what an empty search shows)."""
    return Query("", Everything(), [])


def annotated() -> Query:
    """Papers with a tag, a rating or a note: what an export takes when told nothing."""
    return Query("", Or([Condition(_HAS[what]) for what in ("tag", "rating", "note")]), [])


def parse(text: str) -> Query:
    """Parse a search string; raises QueryError with a position on malformed input."""
    # Control characters (a pasted NUL, say) separate words; positions stay the same.
    parser = _Parser(_CONTROL.sub(" ", text))
    root = parser.parse()
    return Query(text, root, parser.words)


# -- tokenizer and recursive-descent parser ---------------------------------


@dataclass
class _Token:
    kind: str  # "word", "phrase", "field", "(", ")", "or", "not"
    value: str
    position: int
    field_name: str = ""


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(
                f"a search holds at most {MAX_QUERY_CHARS:,} characters, this one "
                f"{len(text):,}; shorten it",
                MAX_QUERY_CHARS,
            )
        self.tokens = _tokenize(text)
        _check_size(self.tokens)
        self.index = 0
        self.words: list[str] = []
        last_word = [i for i, token in enumerate(self.tokens) if token.kind == "word"]
        trailing_space = text[-1:].isspace()
        self.prefix_index = last_word[-1] if last_word and not trailing_space else -1
        if self.prefix_index >= 0 and len(self.tokens[self.prefix_index].value) < MIN_PREFIX:
            self.prefix_index = -1  # "d" as a prefix matches every paper: wait for more

    def parse(self) -> Node:
        if not self.tokens:
            return Everything()
        node = self._or()
        if self.index < len(self.tokens):
            token = self.tokens[self.index]
            raise QueryError("unbalanced ')': no '(' opens it", token.position)
        return node

    def _peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _or(self) -> Node:
        children = [self._and()]
        while (token := self._peek()) and token.kind == "or":
            self.index += 1
            following = self._peek()
            if following is None or following.kind in (")", "or"):
                raise QueryError("OR needs a term after it", token.position)
            children.append(self._and())
        return children[0] if len(children) == 1 else Or(children)

    def _and(self) -> Node:
        children = []
        while (token := self._peek()) and token.kind not in (")", "or"):
            children.append(self._unary(token))
        if not children:
            token = self._peek()
            position = token.position if token else len(self.text)
            raise QueryError("OR needs a term before it", position)
        return children[0] if len(children) == 1 else And(children)

    def _unary(self, token: _Token) -> Node:
        if token.kind == "not":
            self.index += 1
            following = self._peek()
            if following is None or following.kind in (")", "or"):
                raise QueryError("'-' needs a word or field after it", token.position)
            return Not(self._atom())
        return self._atom()

    def _atom(self) -> Node:
        token = self.tokens[self.index]
        self.index += 1
        if token.kind == "(":
            following = self._peek()
            if following is None:  # "graph (": nothing after it, so nothing closes it
                raise QueryError("unbalanced '(': no ')' closes it", token.position)
            if following.kind == ")":
                raise QueryError("empty parentheses", token.position)
            node = self._or()
            closing = self._peek()
            if closing is None or closing.kind != ")":
                raise QueryError("unbalanced '(': no ')' closes it", token.position)
            self.index += 1
            return node
        if token.kind == "field":  # a ")" never gets here: parse() names a stray one
            return _field_node(token, self.words)
        self.words.append(token.value)
        return Text(token.value, prefix=self.index - 1 == self.prefix_index)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char, i))
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError('unclosed quote: add a closing "', i)
            phrase = text[i + 1 : end].strip()
            if _WORD_CHARS.search(phrase):
                tokens.append(_Token("phrase", phrase, i))
            i = end + 1
        elif char == "-" and i + 1 < len(text) and not text[i + 1].isspace():
            tokens.append(_Token("not", "-", i))
            i += 1
        else:
            i = _read_word(text, i, tokens)
    return tokens


def _read_word(text: str, start: int, tokens: list[_Token]) -> int:
    field_match = _FIELD.match(text[start:])
    if field_match and field_match.group(1).lower() in FIELDS:
        name = field_match.group(1).lower()
        i = start + field_match.end()
        if text[i : i + 1] == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError('unclosed quote: add a closing "', i)
            tokens.append(_Token("field", text[i + 1 : end].strip(), start, name))
            return end + 1
        end = _word_end(text, i)
        tokens.append(_Token("field", text[i:end], start, name))
        return end
    end = _word_end(text, start)
    word = text[start:end]
    if field_match and len(word) > field_match.end():
        raise QueryError(_unknown_field_message(field_match.group(1)), start)
    if word == "OR":
        tokens.append(_Token("or", word, start))
    elif _WORD_CHARS.search(word):
        tokens.append(_Token("word", word, start))
    return end


def _word_end(text: str, start: int) -> int:
    i = start
    while i < len(text) and not text[i].isspace() and text[i] not in '()"':
        i += 1
    return i


def _unknown_field_message(name: str) -> str:
    from rapidfuzz import process

    guess = process.extractOne(name.lower(), FIELDS, score_cutoff=60)
    hint = f"; did you mean {guess[0]}:?" if guess else ""
    return f"unknown field {name}:{hint} (fields: {', '.join(f + ':' for f in FIELDS)})"


def _field_node(token: _Token, words: list[str]) -> Node:
    name, value, position = token.field_name, token.value, token.position
    if name in TEXT_FIELDS:
        if not _WORD_CHARS.search(value):
            raise QueryError(f"{name}: needs a word, like {name}:diffusion", position)
        words.append(value)
        return Text(value, column=TEXT_FIELDS[name])
    if name == "tag":
        if not value:
            raise QueryError('tag: needs a tag name, like tag:gnn or tag:"to read"', position)
        return tag_condition(value)
    if name == "rating":
        operator, number = _comparison(value, "rating:4, rating:>=3 or rating:0", position)
        if number > 5:
            raise QueryError("ratings go from 0 (unrated) to 5", position)
        return Condition(f"rating {operator} ?", [number])
    if name == "seen":
        operator, number = _comparison(value, "seen:>1 or seen:3", position)
        return Condition(f"seen {operator} ?", [number])
    if name == "is":
        if value.lower() in IS_TERMS:  # triage: is:inbox, is:kept, is:skipped, is:later
            decision = IS_TERMS[value.lower()]
            return Condition(DECIDED_SQL, [decision]) if decision else Condition(INBOX_SQL)
        if value.lower() not in STATUSES:
            raise QueryError(f"is: takes {', '.join((*STATUSES, *IS_TERMS))}", position)
        return Condition("status = ?", [value.lower()])
    if name == "has":
        if value.lower() not in _HAS:
            raise QueryError("has: takes note, tag, abstract, rating or arxiv", position)
        return Condition(_HAS[value.lower()])
    if name == "added":
        match = _DATE_PREFIX.match(value)
        if not match:
            raise QueryError("added: takes a date like 2026-11 or >=2026-11-01", position)
        operator, date = match.group(1) or "=", match.group(2)
        if not _valid_date(date):
            raise QueryError(f"added: {date} is not a date; write one like 2026-11-30", position)
        return Condition(f"substr(added, 1, {len(date):d}) {operator} ?", [date])
    if name == "digest":
        if not value:
            raise QueryError(
                "digest: needs a file name or a date, like digest:2026-05-05", position
            )
        return Condition(
            "id IN (SELECT s.paper_id FROM sightings s JOIN digests d ON d.id = s.digest_id "
            "WHERE d.file LIKE ? ESCAPE '\\' OR d.date = ?)",
            ["%" + re.sub(r"([%_\\])", r"\\\1", value) + "%", value],
        )
    if name in ("author", "year", "arxiv"):
        from readinglist.core.metadata.query_fields import metadata_node

        return metadata_node(name, value, position)
    # new: papers added by the latest import run
    return Condition("import_id = (SELECT max(id) FROM imports)")


def _comparison(value: str, example: str, position: int) -> tuple[str, int]:
    match = _COMPARISON.match(value)
    if not match:
        raise QueryError(
            f"expected a number with an optional >, >=, < or <=, like {example}", position
        )
    digits = match.group(2).lstrip("0") or "0"
    if len(digits) > 19 or int(digits) > MAX_ID:
        raise QueryError(f"the number is too large (at most {MAX_ID:,})", position)
    return match.group(1) or "=", int(digits)


def _check_size(tokens: list[_Token]) -> None:
    """Too many terms or parentheses nested too deep: SQLite would refuse it, say it here."""
    terms = [t for t in tokens if t.kind in ("word", "phrase", "field")]
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(
            f"a search holds at most {MAX_QUERY_TERMS} terms, this one {len(terms)}; "
            "narrow it with fields (tag:, rating:) or split it",
            terms[MAX_QUERY_TERMS].position,
        )
    depth = 0
    for token in tokens:
        if token.kind == "(":
            depth += 1
            if depth > MAX_QUERY_DEPTH:
                raise QueryError(
                    f"parentheses nest at most {MAX_QUERY_DEPTH} deep; simplify the search",
                    token.position,
                )
        elif token.kind == ")":
            depth = max(0, depth - 1)


def _valid_date(date: str) -> bool:
    """2026, 2026-11 or 2026-11-30: a real month and day."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return False
    return True
