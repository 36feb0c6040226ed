"""Read stage: source bytes -> RawArticle.

One reader per input format, chosen by file suffix: copied text (.txt), curated
Markdown (.md) and saved web pages (.html, .htm, .html.gz; generator.read_html).
Text and Markdown accept an optional YAML front-matter block whose fields override
what extraction finds, so corrections live beside the source; a saved page cannot
hold one, so its corrections live in a sidecar file beside it, the page's name plus
`.yml` (`page.html.yml`), with the same fields checked the same way. A field whose value is wrong (a date that
does not exist, `!!int xyz`) is one problem and the others still apply; front
matter never becomes article text. Decoding: UTF-8 (with or without BOM; a few
bytes that are not UTF-8 in an otherwise UTF-8 file are replaced and reported),
UTF-16 with BOM, or an encoding charset-normalizer is confident about; anything
else is refused with the cause.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from generator import read_html
from generator.display import not_a_file
from generator.model import InputError, RawArticle
from generator.yamldata import SAFE_LOADER, load_data, where as yaml_where  # `where` names a correction block here

MAX_BYTES = 5 * 1024 * 1024  # a news article is a few KB; 5 MB is a mis-saved file
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".html.gz": "html"}
SIDECAR = ".yml"  # page.html -> page.html.yml: the corrections for a saved page
MAX_SIDECAR_BYTES = 64 * 1024  # a few fields

# Front-matter fields a user may set, with the type each must have.
OVERRIDE_TYPES: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "date": (str, dt.date),
    "outlet": str,
    "author": str,
    "url": str,
    "summary": str,
    "language": str,
    "actors": list,
    "topics": list,
    "story": (str, bool),  # a story id, or none/false: generator.stories
}
_CLOSING = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)  # the line that ends front matter
# A line of front matter: a lowercase key and a colon (a headline such as "Breaking: ..." has capitals),
# or a value continued on an indented or "- " line.
_FIELD_LINE = re.compile(r"(?P<key>[a-z_][a-z0-9_-]*):(?:\s|$)|\s|- ")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # how Python's surrogateescape writes a byte that is not UTF-8
_NON_ASCII = bytes(range(128, 256))


def format_of(name: str) -> str | None:
    """The input format a file name's suffix stands for, or None."""
    lowered = name.lower()
    return next((fmt for suffix, fmt in FORMATS.items() if lowered.endswith(suffix)), None)


def read_article(path: Path, display: Path | None = None) -> RawArticle:
    """Read one source file. Raises InputError with the cause for unusable files."""
    fmt = format_of(path.name)
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'}; use .txt, .md or .html")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the read below
        raise InputError(not_a_file(info.st_mode))
    size = info.st_size
    if size > MAX_BYTES:
        raise InputError(f"file is {size / 2**20:.1f} MB; articles over {MAX_BYTES // 2**20} MB are refused")
    data = path.read_bytes()
    if fmt == "html":
        return _read_page(path, data, display)
    text, decode_problems, encoding = decode(data)
    if not text.strip():
        raise InputError("file is empty")
    overrides, body, problems = split_front_matter(text, fmt)
    if not body.strip() and "title" not in overrides:
        raise InputError("file has front matter but no article text")
    return RawArticle(
        source=display or path,
        text=body,
        format=fmt,
        overrides=overrides,
        encoding=encoding,
        digest=hashlib.sha256(data).hexdigest(),
        problems=(*decode_problems, *problems),
    )


def _read_page(path: Path, data: bytes, display: Path | None) -> RawArticle:
    """A saved web page, with the corrections of its sidecar file."""
    text, meta = read_html.read_page(read_html.page_bytes(path.name, data, MAX_BYTES))
    sidecar = path.with_name(path.name + SIDECAR)
    overrides, problems, sidecar_bytes = _read_sidecar(sidecar)
    return RawArticle(
        source=display or path,
        text=text,
        format="html",
        overrides=overrides,
        digest=hashlib.sha256(data + sidecar_bytes).hexdigest(),  # a changed sidecar is a changed article
        problems=tuple(problems),
        page=meta,
    )


def _read_sidecar(sidecar: Path) -> tuple[dict[str, Any], list[str], bytes]:
    """(valid overrides, problems, the file's bytes) of a saved page's sidecar; nothing when
    there is none. A sidecar that cannot be used is one problem: the page builds without it."""
    try:
        info = sidecar.stat()
    except FileNotFoundError:
        return {}, [], b""
    name = sidecar.name
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SIDECAR_BYTES:
        cause = not_a_file(info.st_mode) if not stat.S_ISREG(info.st_mode) else f"over {MAX_SIDECAR_BYTES // 1024} KB"
        return {}, [f"{name} is {cause}; its corrections were not applied"], b""
    data = sidecar.read_bytes()
    try:
        meta, problems = _load_fields(data.decode("utf-8-sig"), first_line=1)
    except UnicodeDecodeError:
        return {}, [f"{name} is not UTF-8; its corrections were not applied"], data
    except yaml.YAMLError as err:
        return {}, [f"{name} is malformed{yaml_where(err)}; its corrections were not applied"], data
    if meta is None:
        return {}, problems, data
    if not isinstance(meta, dict):
        return {}, [f"{name} must be a mapping of field: value; its corrections were not applied"], data
    overrides, field_problems = _overrides(meta, name)
    return overrides, problems + field_problems, data


def decode(data: bytes) -> tuple[str, list[str], str]:
    """Bytes -> (text, problems, encoding name). Line endings are normalised to \\n."""
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM says UTF-8, whatever else is wrong with the bytes
        return *_utf8(data[3:], declared=True), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _newlines(data.decode("utf-16")), [], "utf-16"
        except UnicodeDecodeError as err:
            raise InputError(f"invalid UTF-16 text ({err.reason})") from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not article text")
    if (utf8 := _utf8(data)) is not None:
        return *utf8, "utf-8"
    from charset_normalizer import from_bytes  # imported only when needed: most files are UTF-8, and it is slow to load

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("not UTF-8 and no text encoding could be detected")
    return _newlines(str(best)), [], best.encoding


def _utf8(data: bytes, declared: bool = False) -> tuple[str, list[str]] | None:
    """(text, problems), or None when the bytes are not UTF-8. Bytes that are not UTF-8 are
    replaced by U+FFFD and reported. Unless a BOM `declared` UTF-8, the file is UTF-8 when its
    valid multi-byte characters are at least as many as its invalid bytes: a UTF-8 article with
    a stray cp1252 quote or a cut character has dozens of the first and a few of the second,
    while in a legacy file (cp1251, latin-1) nearly every letter outside ASCII is an invalid
    byte, and valid UTF-8 pairs are rare accidents."""
    try:
        return _newlines(data.decode("utf-8")), []
    except UnicodeDecodeError as err:
        first_invalid = err.start
    escaped = data.decode("utf-8", errors="surrogateescape")  # one lone surrogate per invalid byte
    text, invalid = _ESCAPED_BYTE.subn("\ufffd", escaped)
    multi_byte = len(text) - len(data.translate(None, _NON_ASCII)) - invalid  # valid characters outside ASCII
    if multi_byte < invalid and not declared:
        return None
    before = _newlines(data[:first_invalid].decode("utf-8"))  # valid: the first invalid byte ends it
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    noun = "byte that is" if invalid == 1 else "bytes that are"
    return _newlines(text), [f"{invalid} {noun} not UTF-8 replaced by U+FFFD (the first at line {line}, column {column})"]


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, fmt: str = "markdown") -> tuple[dict[str, Any], str, list[str]]:
    """Return (valid overrides, body, problems). Front matter opens with a line that is exactly
    '---' and ends with a line of dashes. In a raw .txt page, a block that is not a mapping is
    page text (rules around a headline), not front matter; in a curated .md it is an error."""
    opening, _, rest = text.partition("\n")
    if opening.rstrip() != "---":
        return {}, text, []
    closing = _CLOSING.search(rest)
    if closing is None:
        return _unclosed(text, rest)
    block, body = rest[:closing.start()], rest[closing.end():]
    try:
        meta, problems = _load_fields(block)
    except yaml.YAMLError as err:
        raise InputError(f"malformed front matter{yaml_where(err, first_line=2)}") from None
    if meta is None:
        return {}, body, problems
    if not isinstance(meta, dict):
        if fmt == "text":
            return {}, text, []
        raise InputError("front matter must be a mapping of field: value")
    overrides, field_problems = _overrides(meta, "front matter")
    return overrides, body, problems + field_problems


def _overrides(meta: dict[Any, Any], where: str) -> tuple[dict[str, Any], list[str]]:
    """The fields of a correction block (`where` names it in problems) that have the type they
    must have; a problem for each other one."""
    overrides: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in meta.items():
        expected = OVERRIDE_TYPES.get(str(key))
        if expected is None:
            problems.append(f"{where} field '{key}' is not known and was ignored")
        elif value is None:
            continue
        elif not isinstance(value, expected):
            problems.append(f"{where} field '{key}' has the wrong type ({type(value).__name__}); ignored")
        elif key == "date" and (iso := _iso_date(value)) is None:
            problems.append(f"{where} date {value!r} is not a date (write YYYY-MM-DD); ignored")
        elif key == "date":
            overrides["date"] = iso
        elif isinstance(value, bool):  # `story: false` keeps the article alone; `true` names no story
            if value:
                problems.append(f"{where} field '{key}' must be a story id or false; ignored")
            else:
                overrides[str(key)] = "false"
        elif (checked := _text_values(str(key), value, problems, where)) is not None:
            overrides[str(key)] = checked
    return overrides, problems


def _text_values(key: str, value: str | list, problems: list[str], where: str) -> str | list[str] | None:
    """A text field stripped, a list field's items as stripped strings; a blank one, or an item
    that is no text (`actors: [1, [x]]`), is a problem and left out. None when nothing is left."""
    if isinstance(value, str):
        if not value.strip():
            problems.append(f"{where} field '{key}' is empty; ignored")
        return value.strip() or None
    items = []
    for item in value:
        if isinstance(item, str) and item.strip():
            items.append(item.strip())
        else:
            problems.append(f"{where} field '{key}': item {item!r:.60} is not a name or id; ignored")
    return items


def _unclosed(text: str, rest: str) -> tuple[dict[str, Any], str, list[str]]:
    """An opening '---' with no closing one. If the next line sets a known field, the lines that
    look like front matter are a broken block (reported, not applied, never the title); otherwise
    the dashes are page text, a rule above a headline."""
    lines = rest.split("\n")
    field = _FIELD_LINE.match(lines[0])
    if not (field and field["key"] in OVERRIDE_TYPES):
        return {}, text, []
    end = next((n for n, line in enumerate(lines) if not _FIELD_LINE.match(line)), len(lines))
    ignored = "line 2 was" if end == 1 else f"lines 2-{end + 1} were"
    problem = f"malformed front matter at line 1: the opening '---' has no closing '---' line, so {ignored} ignored"
    return {}, "\n".join(lines[end:]), [problem]


def _load_fields(block: str, first_line: int = 2) -> tuple[Any, list[str]]:
    """The block's data and problems. A value PyYAML cannot build (`2017-02-30`, `!!int xyz`:
    a ValueError, not a YAMLError) costs only its own field. `first_line` is the block's
    first line in its file (front matter starts under the opening '---')."""
    try:
        return load_data(block), []
    except ValueError:  # load_data refused no alias (that is a YAMLError), so composing is safe
        pass
    loader = SAFE_LOADER(block)
    try:
        root = loader.get_single_node()
        if not isinstance(root, yaml.MappingNode):
            return root.value, []  # a list or a scalar is not a mapping: the caller's rule for that applies
        meta: dict[Any, Any] = {}
        problems = []
        for key, value in root.value:
            try:  # one pair at a time, as a mapping of its own: PyYAML's checks on keys still apply
                meta.update(loader.construct_object(yaml.MappingNode(root.tag, [(key, value)]), deep=True))
            except ValueError as err:
                problems.append(f"malformed front matter at line {value.start_mark.line + first_line}: "
                                f"field '{key.value}': {err}; the field was ignored")
        return meta, problems
    finally:
        loader.dispose()


def _iso_date(value: str | dt.date) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None
