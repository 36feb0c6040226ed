"""Lines the generator prints about files: problems, notices and errors.

A file name (or anything else a line quotes from the corpus) may hold a new line, which
would forge a report line of its own, or a terminal escape sequence, which would drive
the reader's terminal. Every such line leaves the program through `shown`; the few
fatal errors become their lines through `error_lines`; `not_a_file` says why an entry
that is not a regular file is not read.
"""

from __future__ import annotations

import os
import stat
import unicodedata

from generator.model import BuildError
from generator.taxonomy import TaxonomyError

FATAL = (BuildError, TaxonomyError, OSError)  # a build that cannot go on: one line, no traceback

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: object) -> str:
    """`text` with every character a terminal would not simply print (control and format
    characters, line separators, bytes of a file name that are not UTF-8) written as a
    visible escape (\\n, \\x1b, \\u202e, \\xff). Applying it twice changes nothing more."""
    text = os.fspath(text) if isinstance(text, os.PathLike) else str(text)
    if text.isprintable():  # nearly every line: nothing to do
        return text
    return "".join(_escape(char) if _unprintable(char) else char for char in text)


def _unprintable(char: str) -> bool:
    """Control, format, private and unassigned characters and line breaks; not spaces (NBSP)."""
    return not char.isprintable() and unicodedata.category(char) != "Zs"


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogate escape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def not_a_file(mode: int) -> str:
    """Why an entry of this mode (os.stat's st_mode) is not read: reading a named pipe
    blocks until something writes to it, and a socket or a device is no article."""
    kind = next((name for is_kind, name in _KINDS if is_kind(mode)), None)
    return "not a regular file" + (f" but {kind}" if kind else "")


def error_lines(err: BaseException) -> list[str]:
    """The lines for a fatal error: one per problem of a broken taxonomy, else one line: the
    message, or for an operating-system error the path (both paths of a rename) and the cause,
    e.g. 'content/articles: Not a directory'."""
    if isinstance(err, OSError) and err.strerror:
        paths = [os.fsdecode(p) for p in (err.filename, err.filename2) if p is not None]
        return [shown(": ".join([" -> ".join(paths), err.strerror] if paths else [err.strerror]))]
    return [shown(line) for line in str(err).splitlines() or [""]]
