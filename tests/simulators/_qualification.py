# Copyright: (c) 2026, restauth.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A subset of the AR System qualification language, as used in the REST API's ``q`` parameter.

Grammar (keywords are case-insensitive)::

    expression := and_expr (("OR" | "||") and_expr)*
    and_expr   := not_expr (("AND" | "&&") not_expr)*
    not_expr   := ("NOT" | "!") not_expr | "(" expression ")" | comparison
    comparison := operand ("=" | "!=" | "<" | ">" | "<=" | ">=" | "LIKE") operand
    operand    := 'Field Name' | "string with "" inside" | 12 | -3.5 | $NULL$

``parse(text)`` returns a predicate that takes an entry's values (a dict) and returns a bool.
"""

from __future__ import annotations

import operator
import re
from decimal import Decimal
from typing import Any, Callable, Iterator, Mapping, NamedTuple

Predicate = Callable[[Mapping[str, Any]], bool]
Operand = Callable[[Mapping[str, Any]], Any]

_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
_WORD_RE = re.compile(r"[A-Za-z_]+")
_KEYWORD_RE = re.compile(r"\$[A-Za-z_]+\$")
_WORDS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "LIKE": "CMP"}
# Longest symbols first so that "<=" is not read as "<" followed by "=".
_SYMBOLS = (
    ("<=", "CMP"), (">=", "CMP"), ("!=", "CMP"), ("&&", "AND"), ("||", "OR"),
    ("=", "CMP"), ("<", "CMP"), (">", "CMP"), ("!", "NOT"), ("(", "LPAREN"), (")", "RPAREN"),
)
_ORDERING = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


class QualificationError(ValueError):
    """The qualification text is not valid; ``position`` is the 0-based offset of the problem."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at position {position}")
        self.position = position


class _Token(NamedTuple):
    kind: str  # FIELD, STRING, NUMBER, NULL, CMP, AND, OR, NOT, LPAREN, RPAREN
    value: Any
    position: int


def parse(text: str) -> Predicate:
    """Compile an AR qualification into a predicate over an entry's values."""
    return _Parser(text).parse()


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Read a quoted literal starting at ``text[start]``; a doubled quote stands for one quote character."""
    quote = text[start]
    parts = []
    position = start + 1
    while True:
        end = text.find(quote, position)
        if end < 0:
            raise QualificationError("unterminated quoted text", start)
        parts.append(text[position:end])
        if text.startswith(quote * 2, end):
            parts.append(quote)
            position = end + 2
            continue
        return "".join(parts), end + 1


def _tokenize(text: str) -> Iterator[_Token]:
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif char in "'\"":
            value, end = _read_quoted(text, position)
            yield _Token("FIELD" if char == "'" else "STRING", value, position)
            position = end
        else:
            token, position = _read_bare(text, position)
            yield token


def _read_bare(text: str, position: int) -> tuple[_Token, int]:
    """Read a token that is not a quoted literal (a number, keyword, operator word or symbol); return it and its end."""
    for pattern, reader in ((_NUMBER_RE, _number_token), (_KEYWORD_RE, _keyword_token), (_WORD_RE, _word_token)):
        match = pattern.match(text, position)
        if match:
            return reader(match.group(), position), match.end()
    for symbol, kind in _SYMBOLS:
        if text.startswith(symbol, position):
            return _Token(kind, symbol, position), position + len(symbol)
    raise QualificationError(f"unexpected character {text[position]!r}", position)


def _number_token(word: str, position: int) -> _Token:
    return _Token("NUMBER", Decimal(word), position)


def _keyword_token(word: str, position: int) -> _Token:
    # Only $NULL$ is supported; $USER$, $DATE$ and friends are server-side keywords the simulator does not need.
    if word.upper() != "$NULL$":
        raise QualificationError(f"unsupported keyword {word}", position)
    return _Token("NULL", word, position)


def _word_token(word: str, position: int) -> _Token:
    kind = _WORDS.get(word.upper())
    if kind is None:
        raise QualificationError(f"unknown operator {word!r}", position)
    return _Token(kind, word.upper(), position)


class _Parser:
    """Recursive-descent parser producing closures."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._tokens = list(_tokenize(text))
        self._index = 0

    def parse(self) -> Predicate:
        if not self._tokens:
            raise QualificationError("empty qualification", 0)
        predicate = self._or()
        if self._index < len(self._tokens):
            token = self._tokens[self._index]
            raise QualificationError(f"unexpected {token.value!s}", token.position)
        return predicate

    def _peek(self, kind: str) -> bool:
        return self._index < len(self._tokens) and self._tokens[self._index].kind == kind

    def _take(self, kind: str, expected: str) -> _Token:
        if self._index >= len(self._tokens):
            raise QualificationError(f"expected {expected}, found the end", len(self._text))
        token = self._tokens[self._index]
        if token.kind != kind:
            raise QualificationError(f"expected {expected}, found {token.value!s}", token.position)
        self._index += 1
        return token

    def _or(self) -> Predicate:
        predicate = self._and()
        while self._peek("OR"):
            self._index += 1
            predicate = _any_of(predicate, self._and())
        return predicate

    def _and(self) -> Predicate:
        predicate = self._not()
        while self._peek("AND"):
            self._index += 1
            predicate = _all_of(predicate, self._not())
        return predicate

    def _not(self) -> Predicate:
        if self._peek("NOT"):
            self._index += 1
            return _negation(self._not())
        if self._peek("LPAREN"):
            self._index += 1
            predicate = self._or()
            self._take("RPAREN", "')'")
            return predicate
        return self._comparison()

    def _comparison(self) -> Predicate:
        left = self._operand()
        comparator = self._take("CMP", "a comparison operator").value
        right = self._operand()
        return _comparison(comparator, left, right)

    def _operand(self) -> Operand:
        if self._index >= len(self._tokens):
            raise QualificationError("expected a field, value or $NULL$, found the end", len(self._text))
        token = self._tokens[self._index]
        self._index += 1
        if token.kind == "FIELD":
            return _field(token.value)
        if token.kind in ("STRING", "NUMBER", "NULL"):
            return _constant(None if token.kind == "NULL" else token.value)
        raise QualificationError(f"expected a field, value or $NULL$, found {token.value!s}", token.position)


def _any_of(left: Predicate, right: Predicate) -> Predicate:
    return lambda values: left(values) or right(values)


def _all_of(left: Predicate, right: Predicate) -> Predicate:
    return lambda values: left(values) and right(values)


def _negation(inner: Predicate) -> Predicate:
    return lambda values: not inner(values)


def _field(name: str) -> Operand:
    # A missing field compares as $NULL$.
    return lambda values: _null_if_empty(values.get(name))


def _constant(value: Any) -> Operand:
    value = _null_if_empty(value)
    return lambda values: value


def _null_if_empty(value: Any) -> Any:
    # AR stores an empty character value as NULL, so "" and $NULL$ are the same thing in a qualification.
    return None if value == "" else value


def _comparison(comparator: str, left: Operand, right: Operand) -> Predicate:
    return lambda values: _compare(comparator, left(values), right(values))


def _compare(comparator: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        # SQL-like NULL handling: only = and != are meaningful against $NULL$.
        if comparator == "=":
            return left is None and right is None
        if comparator == "!=":
            return not (left is None and right is None)
        return False
    if comparator == "LIKE":
        return _like(str(left), str(right))
    left, right = _coerce(left, right)
    return _ORDERING[comparator](left, right)


def _like(text: str, pattern: str) -> bool:
    regex = "".join(".*" if char == "%" else "." if char == "_" else re.escape(char) for char in pattern)
    return re.fullmatch(regex, text, re.DOTALL) is not None


def _coerce(left: Any, right: Any) -> tuple[Any, Any]:
    """Numbers compare numerically when one side is a number and the other a number or numeric text; else as text."""
    if _is_number(left) or _is_number(right):
        left_number, right_number = _as_decimal(left), _as_decimal(right)
        if left_number is not None and right_number is not None:
            return left_number, right_number
    return str(left), str(right)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _as_decimal(value: Any) -> Decimal | None:
    if _is_number(value):
        return Decimal(str(value))
    if isinstance(value, str) and _NUMBER_RE.fullmatch(value.strip()):
        return Decimal(value.strip())
    return None
