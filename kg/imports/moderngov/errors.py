"""The one error every step of a committee-system import raises, naming the URL or file it read."""

from __future__ import annotations

from kg.errors import InputError


class ModerngovError(InputError):
    """The committee system answered with something we cannot use (or did not answer)."""

    code = "MODERNGOV_ERROR"

    def __init__(self, message: str, *, url: str, line: int | None = None, column: int | None = None, hint: str = ""):
        super().__init__(message, file=url, line=line, column=column, hint=hint)
        self.url = url
        self.detail = message
