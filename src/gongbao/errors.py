"""Named errors. Surfaces turn them into exit code 2 and a one-line message."""

from __future__ import annotations


class GongbaoError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    def __init__(self, message: str, *, path: str | None = None, where: str | None = None):
        self.message = message
        self.path = path
        self.where = where
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [p for p in (self.path, self.where) if p]
        prefix = ":".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class InputError(GongbaoError):
    """The input file cannot be read as a gazette (empty, binary, truncated PDF…)."""


class InstructionError(GongbaoError):
    """An amendment instruction cannot be parsed or applied."""


class CitationError(GongbaoError):
    """A citation (第X条第Y款…) or eId does not resolve."""


class StoreError(GongbaoError):
    """The store cannot be opened, read or written."""


class CalendarError(GongbaoError):
    """A date falls outside the known official calendar."""
