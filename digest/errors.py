"""Errors a user can cause, and findings (warnings) collected as values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _where(path: Path | str | None, line: int | None) -> str:
    if path is None:
        return ""
    shown = Path(path)
    if shown.is_absolute() and shown.is_relative_to(Path.cwd()):
        shown = shown.relative_to(Path.cwd())
    return f"{shown}:{line}: " if line else f"{shown}: "


class DigestError(Exception):
    """An error in the user's input: printed as one line, never as a traceback."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{_where(self.path, self.line)}error: {self.message}{hint}"


@dataclass(frozen=True)
class Finding:
    """Something the user should look at; returned as a value, never logged globally."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    hint: str | None = None
    level: str = "warning"

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{_where(self.path, self.line)}{self.level}: {self.message}{hint}"
