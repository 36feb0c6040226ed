"""Readable, stable, filesystem-safe names for pages.

Every generated folder (actors/, topics/, outlets/, ...) holds one page per name plus the
pages the generator writes itself (RESERVED). Two names never share a page: names that
slugify alike, or to a reserved stem, are told apart by a short suffix derived from the name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable

MAX_SLUG = 80
# A file name holds 255 bytes: 80 characters of four bytes each (CJK Extension B) did not fit,
# and the build stopped. The longest name built on a stem is a feed's, "feed-outlet-STEM.xml"
# (16 bytes), with a suffix of 7 bytes or a few more.
MAX_SLUG_BYTES = 224
RESERVED = frozenset({"index"})  # each folder's overview page
SUFFIX = 6  # hex digits of a name's digest that tell two alike slugs apart


def slugify(text: str) -> str:
    """Lower case letters and digits joined by hyphens. Accents are dropped ("é" -> "e");
    other scripts are kept (a Russian title stays readable). Never empty, never '.' or
    '..', at most MAX_SLUG characters and MAX_SLUG_BYTES bytes of UTF-8."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[\W_]+", "-", bare.lower()).strip("-")[:MAX_SLUG]
    slug = slug.encode()[:MAX_SLUG_BYTES].decode(errors="ignore").rstrip("-")  # a character cut in two goes
    return slug or "untitled-" + _digest(text)[:8]


def is_slug(text: str) -> bool:
    """True for a string slugify leaves as it is: safe as a page name."""
    return slugify(text) == text


def name_key(name: str) -> str:
    """What makes two spellings one name: letter case and spacing do not count."""
    return " ".join(name.split()).casefold()


def name_slug(name: str, taken: Collection[str] = RESERVED) -> str:
    """A page stem for a name that has no id of its own (a person the taxonomy does not list),
    the same whatever else the corpus holds: the slug when the name is just the slug's words
    in any case or spacing ("Jane Roe", "JANE  ROE"), else, and when the slug is `taken`, the
    slug with a suffix from the name ("Jane Roé", "Jane-Roe" and "Index" each get their own)."""
    slug, key = slugify(name), name_key(name)
    if key == slug.replace("-", " ") and slug not in taken:
        return slug
    return _suffixed(slug, key, taken)


def assign_stems(slugs: Iterable[tuple[str, str]], reserved: Collection[str] = RESERVED) -> dict[str, str]:
    """(key, slug) pairs -> a distinct page stem per key. In key order, the first key with a
    slug keeps it; later keys with the same slug, and keys whose slug is reserved, get the
    slug with a suffix derived from the key."""
    taken = set(reserved)
    stems: dict[str, str] = {}
    for key, slug in sorted(slugs):
        stems[key] = slug if slug not in taken else _suffixed(slug, key, taken)
        taken.add(stems[key])
    return stems


def _suffixed(slug: str, key: str, taken: Collection[str]) -> str:
    digest = _digest(key)
    width = SUFFIX
    while (stem := f"{slug}-{digest[:width]}") in taken:  # a digest prefix another name already has
        width += 1
    return stem


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
