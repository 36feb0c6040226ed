"""Readable, stable, filesystem-safe names for pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 80


def slugify(text: str) -> str:
    """Lower case letters and digits joined by hyphens. Accents are dropped ("é" -> "e");
    other scripts are kept (a Russian title stays readable). Never empty, never '.' or
    '..', at most MAX_SLUG characters."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[\W_]+", "-", bare.lower()).strip("-")[:MAX_SLUG].rstrip("-")
    return slug or "untitled-" + hashlib.sha256(text.encode()).hexdigest()[:8]
