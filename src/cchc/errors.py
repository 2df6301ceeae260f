"""Exceptions raised by cchc.

Every exception cchc raises on purpose derives from :class:`CchcError`.  Where a
caller would naturally catch a builtin (``KeyError`` for an unknown code,
``ValueError`` for a malformed value), the cchc exception subclasses that builtin
too, so both ``except cchc.errors.UnknownIndicatorError`` and ``except KeyError``
work.

An exception means the *input cannot be used at all*.  A value that breaks a rule
is never an exception: it is a :class:`cchc.Finding`.

Exceptions carry structured fields (``source``, ``location``) besides their
message, and several problems found in one pass are raised together in one
:class:`ProblemsError` whose message lists each of them.

>>> from cchc.errors import Problem, FormError
>>> err = FormError(
...     [Problem("unknown unit 'Cái'", source="my-form.toml", location="indicator[3].unit")]
... )
>>> print(err)
my-form.toml: 1 problem:
  indicator[3].unit: unknown unit 'Cái'
>>> err.problems[0].location
'indicator[3].unit'
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "AggregationError",
    "CchcError",
    "CodeListError",
    "ExpressionError",
    "FormError",
    "FormatError",
    "LimitError",
    "PeriodError",
    "Problem",
    "ProblemCollector",
    "ProblemsError",
    "ReadError",
    "ReportError",
    "UnknownFormError",
    "UnknownIndicatorError",
    "UsageError",
]


class CchcError(Exception):
    """Base class of every exception cchc raises on purpose.

    Args:
        message: what is wrong, in words a person can act on.
        source: the file (or other input) the problem is in, if known.
        location: where in that source: a row, a JSON path, a key.
    """

    def __init__(self, message: str, *, source: str | None = None, location: str | None = None):
        self.message = message
        self.source = source
        self.location = location
        super().__init__(self._render())

    def _render(self) -> str:
        where = ": ".join(part for part in (self.source, self.location) if part)
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self._render()

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields are not restored by BaseException's default reduce.
        return (_rebuild, (type(self), self.message, self.source, self.location))


def _rebuild(
    cls: type[CchcError], message: str, source: str | None, location: str | None
) -> CchcError:
    return cls(message, source=source, location=location)


class UnknownIndicatorError(CchcError, KeyError):
    """An indicator code that the form does not have.

    >>> import cchc
    >>> cchc.load_form()["9.9.9"]
    Traceback (most recent call last):
    ...
    cchc.errors.UnknownIndicatorError: phu-luc-2b: unknown indicator code '9.9.9'
    """

    def __init__(self, code: str, *, source: str | None = None, location: str | None = None):
        self.code = code
        super().__init__(f"unknown indicator code {code!r}", source=source, location=location)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message; show it as written.
        return self._render()

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unknown, (self.code, self.source, self.location))


def _rebuild_unknown(code: str, source: str | None, location: str | None) -> UnknownIndicatorError:
    return UnknownIndicatorError(code, source=source, location=location)


class UnknownFormError(CchcError, LookupError):
    """A form id that is neither built in nor a readable file."""


class PeriodError(CchcError, ValueError):
    """A period id or period text that cannot be understood."""


class CodeListError(CchcError, ValueError):
    """A coded-answer legend (``Không = 0⏎Có = 1``) that cannot be parsed."""


class ExpressionError(CchcError, ValueError):
    """A rule or ratio expression that cannot be parsed or evaluated.

    ``location`` points into the expression text (``"col 12"``).
    """


class ReportError(CchcError, ValueError):
    """A report built with a value that its indicator cannot hold."""


class FormatError(CchcError, ValueError):
    """A number or cell that is not in a format cchc can read."""


class UsageError(CchcError, ValueError):
    """An API or command-line call whose arguments do not fit together."""


class AggregationError(CchcError, ValueError):
    """Reports that cannot be combined: another form or period, a duplicate reporter.

    The message names the report that does not fit (its position and reporter).
    """


@attrs.frozen
class Problem:
    """One problem found in an input: what, and where.

    Attributes:
        message: what is wrong.
        source: the file or input name.
        location: the place inside it (row, key, JSON path).
    """

    message: str
    source: str | None = None
    location: str | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@attrs.define
class ProblemCollector:
    """Gathers the problems of one input, so that all of them are raised together.

    Readers and loaders subclass it (or hold one), call :meth:`add` for each problem
    with its location, and raise ``ReadError(collector.problems, ...)`` at the end.

    >>> collector = ProblemCollector("a.json")
    >>> collector.add("$.period", "not a period id: '2021Q5'")
    >>> print(ReadError(collector.problems))
    a.json: 1 problem:
      $.period: not a period id: '2021Q5'
    """

    source: str
    problems: list[Problem] = attrs.Factory(list)

    def add(self, location: str, message: str) -> None:
        """Record *message* about *location* in this collector's source."""
        self.problems.append(Problem(message, source=self.source, location=location))


SHOWN_PROBLEMS = 10
"""How many problems the message of a :class:`ProblemsError` lists; all stay in ``problems``."""
_LINE_LIMIT = 500


def _bounded(line: str) -> str:
    # A problem quotes its cell in short, but a message must stay one screen
    # whatever a caller put in it.
    if len(line) <= _LINE_LIMIT:
        return line
    return f"{line[:_LINE_LIMIT]}… ({len(line)} characters)"


class ProblemsError(CchcError, ValueError):
    """Several problems found in one pass over an input, raised together.

    ``problems`` holds each :class:`Problem`; the message lists the first ten
    and says how many more there are.

    >>> err = ReadError([Problem(f"bad value {n}", location=f"row {n}") for n in range(1, 13)])
    >>> print(err)
    12 problems:
      row 1: bad value 1
      row 2: bad value 2
      row 3: bad value 3
      row 4: bad value 4
      row 5: bad value 5
      row 6: bad value 6
      row 7: bad value 7
      row 8: bad value 8
      row 9: bad value 9
      row 10: bad value 10
      … and 2 more
    >>> len(err.problems)
    12
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None):
        self.problems = tuple(problems)
        if source is None:
            sources = {p.source for p in self.problems if p.source}
            source = sources.pop() if len(sources) == 1 else None
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''}:"]
        lines.extend(f"  {_bounded(str(p))}" for p in self.problems[:SHOWN_PROBLEMS])
        if count > SHOWN_PROBLEMS:
            lines.append(f"  … and {count - SHOWN_PROBLEMS} more")
        super().__init__("\n".join(lines), source=source)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_problems, (type(self), self.problems, self.source))


def _rebuild_problems(
    cls: type[ProblemsError], problems: tuple[Problem, ...], source: str | None
) -> ProblemsError:
    return cls(problems, source=source)


class FormError(ProblemsError):
    """A form file with one or more problems (duplicate code, unknown unit, …)."""


class ReadError(ProblemsError):
    """A source that cannot be read as a report (empty, binary, wrong columns, …).

    For a single problem, build it as ``ReadError.one("message", source=..., location=...)``.
    """

    @classmethod
    def one(
        cls, message: str, *, source: str | None = None, location: str | None = None
    ) -> ReadError:
        """Build a ReadError holding a single :class:`Problem`."""
        return cls([Problem(message, source=source, location=location)], source=source)


class LimitError(ReadError):
    """An input beyond one of the declared :class:`~cchc.limits.Limits`.

    ``limit`` names the :class:`~cchc.limits.Limits` field, ``value`` its value;
    the message says how to raise it.

    >>> err = LimitError("the input is 60 MB", limit="max_input_bytes", value=10, source="a.txt")
    >>> print(err)
    a.txt: the input is 60 MB, more than the limit of 10 (max_input_bytes; \
raise it with cchc.read(..., limits=Limits(max_input_bytes=...)))
    >>> isinstance(err, ReadError), err.limit
    (True, 'max_input_bytes')
    """

    def __init__(
        self,
        what: str,
        *,
        limit: str,
        value: int,
        unit: str = "",
        source: str | None = None,
        location: str | None = None,
    ):
        self.what = what
        self.limit = limit
        self.value = value
        self.unit = unit
        amount = f"{value} {unit}" if unit else str(value)
        message = (
            f"{what}, more than the limit of {amount} ({limit}; "
            f"raise it with cchc.read(..., limits=Limits({limit}=...)))"
        )
        self.problems = (Problem(message, source=source, location=location),)
        CchcError.__init__(self, message, source=source, location=location)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_limit,
            (self.what, self.limit, self.value, self.unit, self.source, self.location),
        )


def _rebuild_limit(  # noqa: PLR0917 - the fields of one exception
    what: str, limit: str, value: int, unit: str, source: str | None, location: str | None
) -> LimitError:
    return LimitError(what, limit=limit, value=value, unit=unit, source=source, location=location)
