"""The one place untrusted text becomes Markdown.

Article text and front matter come from the web and must reach the reader as
visible, inert text. Every value the render stage writes into a Markdown page
passes through `md_text` (the template environment's finalize hook applies it,
so a template cannot forget). Generated links are built from slugs, never from
article text, and an article's URL is linked only when it is http(s).

What is escaped, and why only that (the Markdown stays readable in the JSON):
  * `<` always, and `&` when it would start an entity: no raw HTML can form;
  * inline syntax: backslash, backtick, `*`, `_`, `[`, `]`, `{`, `}`, `|`
    (emphasis, code, links and images, attr_list attributes, tables);
  * the first character, when it could open a block: `#` (heading), `>` (quote), `-`, `+`
    (list, rule), `=` (setext rule), `!` (admonition `!!!`), `?` (collapsible `???`), `~`
    (fenced code `~~~`), written as a character reference (Python-Markdown has no backslash
    escape for `=`, `?` or `~`); and "1." list markers. Every value is escaped so, wherever
    a template places it: at the start of a paragraph, of a line, or after `> `.
Extensions that add syntax on other characters (pymdownx tilde, caret, mark,
magiclink, or a macros plugin) must not be enabled; tests/test_injection.py guards this.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_ENTITY_LIKE = re.compile(r"&(?=#\d+;|#x[0-9a-fA-F]+;|\w+;)")
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]{}|])")
_BLOCK_MARKERS = "#>+=-!?~"
_BLOCK_START = re.compile(rf"^(?:[{re.escape(_BLOCK_MARKERS)}]|\d+(?=[.)]))")
_SPECIAL = re.compile(r"[&<\\`*_\[\]{}|]")  # a plain character class: scanned far faster than an alternation


def md_text(value: object) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    if isinstance(value, Markup):  # Markdown the generator built itself from escaped parts
        return str(value)
    text = " ".join(str(value).split())  # one line: nothing can open a block mid-text
    if not (_SPECIAL.search(text) or text[:1] in _BLOCK_MARKERS or text[:1].isdecimal()):  # most values: nothing to do
        return text
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    text = _INLINE_SYNTAX.sub(r"\\\1", text)
    return _BLOCK_START.sub(_neutral_block_start, text)


def _neutral_block_start(start: re.Match[str]) -> str:
    """'1.' -> '1\\.' (no list); a block marker -> its character reference (no block)."""
    return start[0] + "\\" if start[0][0].isdigit() else f"&#{ord(start[0])};"


def safe_url(url: str | None) -> str | None:
    """Only plain http(s) URLs may become links; anything else is shown as text."""
    return url if url and re.fullmatch(r"https?://[^\s<>\"'`\\]+", url) else None
