"""The lexer of the expression language (:mod:`cchc.expressions`): text to tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from cchc.errors import ExpressionError

__all__ = ["CODE", "KEYWORDS", "Lexer", "Token", "expression_error"]

CODE = re.compile(r"^[0-9]+(\.[0-9]+)*(\.[a-z])?$")
"""What an indicator code looks like (contract §1)."""


@attrs.frozen
class Token:
    kind: str  # num, str, ref, name, op, end
    text: str
    col: int
    value: object = None


_OPERATORS = (
    "<=", ">=", "==", "!=", "≤", "≥", "≠", "<", ">", "+", "-", "*", "/", "(", ")", ",", "[", "]",
)  # fmt: skip
_CANONICAL = {"≤": "<=", "≥": ">=", "≠": "!="}
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
KEYWORDS = {"and", "or", "not", "in", "true", "false"}


class Lexer:
    def __init__(self, text: str) -> None:
        self.text = text

    def error(self, col: int, message: str) -> ExpressionError:
        return expression_error(self.text, col, message)

    def tokens(self) -> Iterator[Token]:
        text, i = self.text, 0
        while i < len(text):
            ch = text[i]
            col = i + 1
            if ch.isspace():
                i += 1
            elif ch == "{":
                end = text.find("}", i)
                if end < 0:
                    raise self.error(col, "'{' is not closed by '}'")
                code = text[i + 1 : end].strip()
                if not CODE.fullmatch(code):
                    raise self.error(
                        col, f"malformed code {{{code}}} (digits and dots, optional .a-.z)"
                    )
                yield Token("ref", text[i : end + 1], col, code)
                i = end + 1
            elif ch == '"':
                end = text.find('"', i + 1)
                if end < 0 or "\n" in text[i:end]:
                    raise self.error(col, "a string is not closed by '\"'")
                yield Token("str", text[i : end + 1], col, text[i + 1 : end])
                i = end + 1
            elif match := _NUMBER.match(text, i):
                raw = match.group()
                number: int | Decimal = Decimal(raw) if "." in raw else int(raw)
                yield Token("num", raw, col, number)
                i = match.end()
            elif match := _NAME.match(text, i):
                yield Token("name", match.group(), col)
                i = match.end()
            else:
                for op in _OPERATORS:
                    if text.startswith(op, i):
                        yield Token("op", _CANONICAL.get(op, op), col)
                        i += len(op)
                        break
                else:
                    if ch == "=":
                        raise self.error(col, "use '==' to compare for equality")
                    raise self.error(col, f"unexpected character {ch!r}")
        yield Token("end", "", len(text) + 1)


def expression_error(text: str, col: int, message: str) -> ExpressionError:
    return ExpressionError(f"{message}, in {text!r}", location=f"col {col}")
