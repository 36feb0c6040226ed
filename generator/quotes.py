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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from generator.actors import Mention
from generator.model import Quote

_VERBS = r"(?:said|says|told|tells|added|adds|stated|warned|explained|noted|declared|insisted|asked|replied|wrote|continued|stressed)"
_OPEN, _CLOSE = r"[“\"]", r"[”\"]"
_TEXT = r"(?P<text>[^“”\"]{12,}?)"
# A speaker may start at any capital letter, so a word's length is bounded (no name or adverb
# is longer): otherwise every capital of a long word rescans the rest of it, quadratic time.
# Spaces are taken possessively where what follows cannot start with one: the same matches,
# without retrying every split of a run of spaces.
_WORD = r"[\w'’-]{1,40}"
_SPEAKER = rf"(?P<who>(?:[A-Z](?:{_WORD}|\.)\s++){{0,3}}[A-Z]{_WORD}|[Hh]e|[Ss]he)"
_ADVERB = r"(?:\w{1,40}ly\s++)?(?:also\s++)?"
_QUOTE_THEN = rf"{_OPEN}{_TEXT}[,.?!…]?{_CLOSE}\s*+,?+\s*+"
_AFTER = re.compile(rf"{_QUOTE_THEN}{_SPEAKER}\s++{_ADVERB}{_VERBS}\b")
_AFTER_INVERTED = re.compile(rf"{_QUOTE_THEN}{_VERBS}\s++{_SPEAKER}\b")
_BEFORE = re.compile(rf"{_SPEAKER}\s++{_ADVERB}{_VERBS}\b[^“”\"]{{0,80}}?[,:]\s*+{_OPEN}{_TEXT}[,.?!…]?{_CLOSE}")
_QUOTED = re.compile(rf"{_OPEN}[^“”\"]*{_CLOSE}")
MIN_WORDS = 4


def find_quotes(paragraphs: list[str], first_block: int, mentions: list[Mention], names: dict[str, str]) -> list[Quote]:
    """paragraphs are blocks first_block.. of the scanned text; mentions come from ActorScanner,
    in reading order."""
    quotes: list[Quote] = []
    blocks = [m.block for m in mentions]
    for offset, paragraph in enumerate(paragraphs):
        block = first_block + offset
        if '"' not in paragraph and "“" not in paragraph:
            continue
        found = [(m.start("text"), m) for pattern in (_AFTER, _AFTER_INVERTED, _BEFORE) for m in pattern.finditer(paragraph)]
        first, end = bisect_left(blocks, block), bisect_right(blocks, block)
        speakers = _Speakers(paragraph, mentions[first:end], mentions[first - 1] if first else None)
        seen_text: set[str] = set()
        for position, match in sorted(found, key=lambda item: item[0]):
            text = match["text"].strip().rstrip(",")
            if text in seen_text or not _is_speech(text):
                continue
            speaker_id = speakers.resolve(match)
            if speaker_id:
                seen_text.add(text)
                quotes.append(Quote(names[speaker_id], speaker_id, text, paragraph))
    return quotes


def _is_speech(text: str) -> bool:
    return (text[0].isupper() or text[0] in "…0123456789") and len(text.split()) >= MIN_WORDS


class _Speakers:
    """Who said a quotation of one paragraph. A name is the person named there; "he" or "she"
    is the last person named before it outside quotation marks, in this paragraph or an
    earlier block. Positions are found by bisection, so a paragraph of thousands of quotations
    and names costs time in proportion to them, not to their product."""

    def __init__(self, paragraph: str, here: list[Mention], before: Mention | None):
        quoted = [m.span() for m in _QUOTED.finditer(paragraph)]
        quoted_starts = [start for start, _ in quoted]

        def outside_quotes(mention: Mention) -> bool:
            i = bisect_right(quoted_starts, mention.start) - 1
            return i < 0 or mention.start >= quoted[i][1]

        self.here = _Positions(here)
        self.outside = _Positions([m for m in here if outside_quotes(m)])
        self.before = before

    def resolve(self, match: re.Match[str]) -> str | None:
        who_start, who_end = match.span("who")
        if match["who"].lower() not in ("he", "she"):
            named = self.here.overlapping(who_start, who_end)
            return named.actor_id if named else None
        earlier = self.outside.last_ending_by(who_start) or self.before
        return earlier.actor_id if earlier else None


class _Positions:
    """Mentions in reading order, searched by position."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def _starting_before(self, position: int) -> Iterator[Mention]:
        """Mentions that start before `position`, the last in reading order first."""
        for i in range(bisect_left(self.starts, position) - 1, -1, -1):
            yield self.mentions[i]

    def overlapping(self, start: int, end: int) -> Mention | None:
        """The last mention that overlaps start..end."""
        for mention in self._starting_before(end):
            if mention.end > start:
                return mention
            if mention.start + self.longest <= start:  # this one and all before it end too early
                return None
        return None

    def last_ending_by(self, position: int) -> Mention | None:
        return next((m for m in self._starting_before(position) if m.end <= position), None)


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
