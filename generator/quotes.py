"""Direct quotations and who said them.

Recognised shapes (straight or curly quotes):
    “…,” Mattis said.        “…,” said Mattis.       “…,” he said.
    Mattis said, “…”         He told reporters: “…”   He added: “…”
A pronoun is resolved to the last person named outside quotation marks before
it. Only quotations that read as speech (they start with a capital letter and
run to several words) count: "scare quotes" inside reported speech do not.
"""

from __future__ import annotations

import hashlib
import re
from array import array

from generator.actors import Mention
from generator.model import Quote

_VERBS = r"(?:said|says|told|tells|added|adds|stated|warned|explained|noted|declared|insisted|asked|replied|wrote|continued|stressed)"
_OPEN, _CLOSE = r"[“\"]", r"[”\"]"
_TEXT = r"(?P<text>[^“”\"]{12,}?)"
_SPEAKER = r"(?P<who>(?:[A-Z](?:[\w'’-]+|\.)\s+){0,3}[A-Z][\w'’-]+|[Hh]e|[Ss]he)"
_QUOTE_THEN = rf"{_OPEN}{_TEXT}[,.?!…]?{_CLOSE}\s*,?\s*"
_AFTER = re.compile(rf"{_QUOTE_THEN}{_SPEAKER}\s+(?:\w+ly\s+)?(?:also\s+)?{_VERBS}\b")
_AFTER_INVERTED = re.compile(rf"{_QUOTE_THEN}{_VERBS}\s+{_SPEAKER}\b")
_BEFORE = re.compile(rf"{_SPEAKER}\s+(?:\w+ly\s+)?(?:also\s+)?{_VERBS}\b[^“”\"]{{0,80}}?[,:]\s*{_OPEN}{_TEXT}[,.?!…]?{_CLOSE}")
_QUOTED = re.compile(rf"{_OPEN}[^“”\"]*{_CLOSE}")
MIN_WORDS = 4


def find_quotes(paragraphs: list[str], first_block: int, mentions: list[Mention], names: dict[str, str]) -> list[Quote]:
    """paragraphs are blocks first_block.. of the scanned text; mentions come from ActorScanner."""
    quotes: list[Quote] = []
    for offset, paragraph in enumerate(paragraphs):
        block = first_block + offset
        if '"' not in paragraph and "“" not in paragraph:
            continue
        found = [(m.start("text"), m) for pattern in (_AFTER, _AFTER_INVERTED, _BEFORE) for m in pattern.finditer(paragraph)]
        seen_text: set[str] = set()
        for position, match in sorted(found, key=lambda item: item[0]):
            text = match["text"].strip().rstrip(",")
            if text in seen_text or not _is_speech(text):
                continue
            speaker_id = _resolve(match, block, mentions, paragraph)
            if speaker_id:
                seen_text.add(text)
                quotes.append(Quote(names[speaker_id], speaker_id, text, paragraph))
    return quotes


def _is_speech(text: str) -> bool:
    return (text[0].isupper() or text[0] in "…0123456789") and len(text.split()) >= MIN_WORDS


def _resolve(match: re.Match[str], block: int, mentions: list[Mention], paragraph: str) -> str | None:
    who_start, who_end = match.span("who")
    if match["who"].lower() not in ("he", "she"):
        named = [m for m in mentions if m.block == block and m.start < who_end and m.end > who_start]
        return named[-1].actor_id if named else None
    quoted = [m.span() for m in _QUOTED.finditer(paragraph)]
    earlier = [
        m for m in mentions
        if m.block < block or (m.block == block and m.end <= who_start and not any(s <= m.start < e for s, e in quoted))
    ]
    return earlier[-1].actor_id if earlier else None


RUN_WORDS = 5


def quoted_runs(paragraphs: list[str]) -> bytes:
    """Fingerprints (64-bit, packed) of every run of five words inside quotation marks,
    case and punctuation ignored. The same words quoted by two articles are a strong sign
    that they report the same event (see index.infer_dates); fingerprints keep the cached
    record small and comparing them cheap."""
    runs: set[int] = set()
    for paragraph in paragraphs:
        for match in _QUOTED.finditer(paragraph):
            words = re.findall(r"\w+", match[0].lower())
            for i in range(len(words) - RUN_WORDS + 1):
                run = " ".join(words[i:i + RUN_WORDS]).encode()
                runs.add(int.from_bytes(hashlib.blake2b(run, digest_size=8).digest(), "big"))
    return array("Q", sorted(runs)).tobytes()


def run_fingerprints(packed: bytes) -> set[int]:
    fingerprints = array("Q")
    fingerprints.frombytes(packed)
    return set(fingerprints)
