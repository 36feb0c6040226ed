"""Where the article sits in a page copied from a browser, found by general evidence.

"Select all, copy" gives furniture (menus, prompts, section labels), then the article, then
more furniture (related links, comments, footers). Nothing here knows a site: each line gets
a shape from evidence that holds on any page, in any language.

  prose     a line that reads as running text: long enough and dense in the language's
            function words (the stop lists of the `justext` package, about 100 languages),
            or a finished sentence of several words. Pages in a language without a list
            (Japanese, Chinese...) fall back to length and sentence punctuation.
  short     anything else: a menu item, label, byline, subheading, teaser link...
  furniture a line the cleaner's own rules dropped (furniture phrases, captions, dates...).

The article core is the stretch of lines with the most prose, where each prose line adds its
length and every other line subtracts a cost that grows along a run of them: one subheading
or caption inside the article costs little, a menu or a list of related links breaks it (a
maximum-sum segment, as in body-text extraction).

The headline is the title-shaped line (capitalised, no final stop, a few words, not a label
in capitals, not inside a menu) closest above the core, preferring one right above the byline
or date, one the page repeats (its own title), and a longer one over a short label. The byline
or date that closes the header may sit far above the text when only short lines come between
(a share bar, a caption); a line inside a list of headline-shaped lines is a teaser, and one
holding two sentences a standfirst. A headline may also sit right under its byline when only a
short label ("Back to the list") is above it; a page with no sentences at all (a results
table) takes the text under its first header.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator import bylines, dates

LANGUAGE_SAMPLE = 5000  # characters of long lines: enough function words to tell a language
COMMON_WORDS = 60  # the page's most frequent words, matched against every stop list
MIN_LANGUAGE_HITS = 8  # fewer of them in the best list: a language without one (Japanese...)
PROSE_CHARS = 70  # jusText's "length_low": shorter lines are judged by their sentence shape
PROSE_STOP_DENSITY = 0.30  # jusText's "stopwords_low"
SENTENCE_STOP_DENSITY = 0.20  # a short finished sentence still carries function words
SENTENCE_WORDS = 6
CHARS_PER_WORD = 6  # size of a line in words, also for scripts written without spaces
# A kana, kanji or Hangul character holds about as much as three letters of an alphabet: a
# 30-character Japanese sentence is as long as a 90-letter English one.
WIDE_CHAR_LETTERS = 3
WIDE_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"  # kana, kanji, Hangul
_WIDE_CHAR = re.compile(f"[{WIDE_CHARS}]")
RUN_COST = 4  # words: the k-th non-prose line in a row costs k times this, up to RUN_CAP times
RUN_CAP = 6
# Rules of the cleaner for furniture that sits inside articles as often as around them
# (captions, adverts, player residue), and for furniture that only pages hold (a menu, a
# share or comment prompt, a dated list item).
INLINE_FURNITURE = frozenset({"caption", "photo-credit", "player", "advertisement", "image-placeholder",
                              "separator", "foreign-script", "contributor"})
STRONG_FURNITURE = frozenset({"navigation", "promo", "comment-prompt", "related", "date-line", "url-block", "duplicate"})
STRONG_FURNITURE_STEPS = 3
HEADER_GAP = 3  # lines between a headline, its byline or date, and the text
HEADER_BONUS = 40  # words: text that opens under a headline and byline outweighs a footer's paragraph
HEADER_REACH = 8  # lines above the text where a byline or date closes the header
HEADER_SCAN = 40  # ...or further up, across short lines only, when a headline sits right above it
HEADLINE_REACH = 12  # lines above the text (or that byline) where the headline may sit
TITLE_WORDS = range(2, 26)
MENU_WORDS = 4  # a line this short without a final stop is menu-shaped

_SENTENCE_END = frozenset(".!?…。！？\"”’»)")
_TITLE_STOPS = frozenset(".,;:|•·-–—")
_WORD = re.compile(r"\w+")
# "Q: Favorite books?" / "A: Two novels": short turns of an interview go on the text, as sentences do
_INTERVIEW_TURN = re.compile(r"[QA] ?: \S")
NEUTRAL_TEXT = frozenset({"sentence", "turn"})  # lines that prove neither text nor furniture
SCHEDULE_ITEMS = 4  # fewer dated lines under the text are a few links with their dates
_ITEM_SEPARATOR = re.compile(r" ?(?:--|[–—@|:-]) +\S")
_SENTENCES = re.compile(r"\w{2}[.!?] +[A-Z]")  # a sentence ends inside the line and another begins
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")  # "4:15PM" too
_BYLINE_OPENING = re.compile(r"(?i:by|von|por|par|door):?\s+(?![a-z])")
BYLINE_WORDS = 12
STAMP_WORDS = 15  # a longer line holding a date is a sentence, not a byline or date line


@dataclass(frozen=True)
class Shape:
    kind: str  # "prose" | "sentence" (a short finished sentence) | "turn" (of an interview) | "short"
    words: int
    stop_density: float

    def describe(self) -> str:
        kind = {"prose": "prose", "sentence": "short sentence", "turn": "interview turn", "short": "short line"}[self.kind]
        return f"{kind}: {self.words} word{'s' * (self.words != 1)}, {self.stop_density:.0%} function words"


@dataclass
class ArticleBlock:
    """The article core [start, end) in the page's lines, the headline's index, and why."""

    start: int
    end: int
    headline: int | None
    confident: bool
    headline_reason: str
    shapes: list[Shape] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the end was found, when not by the run alone

    def describe(self) -> str:
        notes = f" ({'; '.join(self.notes)})" if self.notes else ""
        return f"article text: lines {self.start + 1}-{self.end} of {len(self.shapes)}{notes}"


@functools.lru_cache(maxsize=1)
def stop_lists() -> dict[str, frozenset[str]]:
    """jusText's stop lists, read as data files: importing the package would load lxml."""
    spec = importlib.util.find_spec("justext")
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return {path.stem: frozenset(path.read_text(encoding="utf-8").casefold().split())
            for path in sorted(folder.glob("*.txt")) if path.stem != "Simple_English"}


def stop_words(texts: list[str]) -> frozenset[str]:
    """The stop list of the page's language, told by its most frequent words in long lines;
    empty when no list fits (the shapes then rest on length and punctuation)."""
    sample = " ".join(t for t in texts if len(t) >= PROSE_CHARS)[:LANGUAGE_SAMPLE].casefold()
    common = {w for w, _ in Counter(_WORD.findall(sample)).most_common(COMMON_WORDS)}
    lists = stop_lists()
    best = max(lists.values(), key=lambda words: len(words & common), default=frozenset())
    return best if len(best & common) >= MIN_LANGUAGE_HITS else frozenset()


def extent(text: str) -> int:
    """The line's length in letters of an alphabet (a CJK character counts as several)."""
    wide = 0 if text.isascii() else len(_WIDE_CHAR.findall(text))
    return len(text) + (WIDE_CHAR_LETTERS - 1) * wide


def words_in(text: str) -> int:
    """The line's size in words, also in scripts written without spaces."""
    return max(len(text.split()), extent(text) // CHARS_PER_WORD)


def shape(text: str, stops: frozenset[str]) -> Shape:
    """Prose is long, dense in function words and finished like a sentence (or long enough
    that it cannot be a headline); a short finished sentence proves little either way."""
    tokens = _WORD.findall(text.casefold())
    length, words = extent(text), words_in(text)
    density = sum(t in stops for t in tokens) / len(tokens) if tokens else 0.0
    # too long for a headline (in letters: a long CJK headline is no sentence)
    finished = _last_mark(text) in _SENTENCE_END or max(len(text.split()), len(text) // CHARS_PER_WORD) > TITLE_WORDS.stop
    dense = density >= PROSE_STOP_DENSITY if stops else True
    if finished and dense and length >= PROSE_CHARS:
        kind = "prose"
    elif finished and words >= SENTENCE_WORDS and (density >= SENTENCE_STOP_DENSITY or not stops):
        kind = "sentence"
    elif interview_turn(text):
        kind = "turn"
    else:
        kind = "short"
    return Shape(kind, words, density)


def _last_mark(text: str) -> str:
    """The line's last letter, digit or punctuation mark: "See you soon! 🙂" ends with "!"."""
    return next((ch for ch in reversed(text) if unicodedata.category(ch)[0] in "LNP"), text[-1])


def find(texts: list[str], rules: list[str | None], anchors: set[int], stops: frozenset[str]) -> ArticleBlock | None:
    """The article in a page: `rules[i]` is the cleaner's rule that dropped line i (None if none),
    `anchors` are the lines that read as a byline or date. None when the page holds no prose."""
    shapes = [shape(t, stops) for t in texts]
    # (a player's "3:12" under a video title is no header stamp)
    anchors = anchors | {i for i, t in enumerate(texts) if (stamped(t) or signed(t)) and rules[i] not in INLINE_FURNITURE}
    weights = _weights(shapes, rules, {"prose"})
    if not any(w > 0 for w in weights):  # no running text (a results table): its sentences will do
        weights = _weights(shapes, rules, {"prose", "sentence"})
    opening = _under_a_header(texts, anchors, weights)
    if opening:  # the page's first such header: teasers below an article have one too
        weights[opening[0]] += HEADER_BONUS
    core = _densest_run(weights) or _under_first_header(texts, anchors)
    if core is None:
        return None
    start, end = core
    while end < len(texts) and shapes[end].kind in NEUTRAL_TEXT and rules[end] is None:
        end += 1  # short finished sentences right after the text close it ("He declined to comment.")
    start = _text_start(start, end, anchors, shapes)
    notes = []
    if (text_end := _before_next_header(texts, rules, shapes, start, end)) < end:
        notes.append("ends above another article's headline and byline")
    if (end := _schedule_after(texts, rules, text_end)) > text_end:
        notes.append("with the schedule under it")
    headline, confident, reason = _headline(texts, rules, anchors, start, shapes)
    if headline == start:  # a long question as headline reads as prose
        start += 1
    return ArticleBlock(start, end, headline, confident, reason, shapes, notes)


def _before_next_header(texts: list[str], rules: list[str | None], shapes: list[Shape], start: int, end: int) -> int:
    """The text ends above another article's header inside the run: a headline-shaped line right
    above a byline right above prose (teasers with their ledes, the next story of an endless page)."""
    def text(j: int) -> bool:
        return (shapes[j].kind == "prose" or shapes[j].kind in NEUTRAL_TEXT) and rules[j] is None

    first_text = next((k for k in range(start, end) if text(k)), end)
    for j in range(first_text + 2, end - 1):  # some text of its own above the other header
        byline = rules[j] == "byline" or signed(texts[j])
        if byline and _headline_shaped(texts, j - 1) and shapes[j + 1].kind == "prose" and rules[j + 1] is None:
            end = j - 1
            while not text(end - 1):
                end -= 1
            break
    return end


def _schedule_after(texts: list[str], rules: list[str | None], end: int) -> int:
    """A schedule the text gives (tour dates, a timeline) goes on it: right under the text, or under
    one heading line of its own, a run of lines that each open with a day and a separator
    ("June 9 – Example Arena, Springfield")."""
    first = end + 1 if end < len(texts) and rules[end] is None and not dated_item(texts[end]) \
        and len(texts[end].split()) <= BYLINE_WORDS else end
    last = first
    while last < len(texts) and rules[last] is None and dated_item(texts[last]):
        last += 1
    return last if last - first >= SCHEDULE_ITEMS else end


def dated_item(text: str) -> bool:
    """"June 9 – Example Arena", "Aug. 2 @ Example Hall": a day, a separator, then what happens."""
    day = dates.DATE_RE.match(text)
    return bool(day and _ITEM_SEPARATOR.match(text, day.end()) and dates.month_day(day[0]))


def _text_start(start: int, end: int, anchors: set[int], shapes: list[Shape]) -> int:
    """The text starts under the byline or date that closes its header: one a few lines into
    the run (a standfirst reads as prose), or further in after short lines only (a headline
    and its kicker, video titles)."""
    def opens_header(j: int) -> bool:
        return j < start + HEADER_GAP or not any(shape.kind == "prose" for shape in shapes[start:j])
    return max((j + 1 for j in anchors if start <= j < min(end - 1, start + HEADER_REACH) and opens_header(j)),
               default=start)


def _weights(shapes: list[Shape], rules: list[str | None], text_kinds: set[str]) -> list[float]:
    """Text lines weigh their words; any other line costs more the longer its run goes on,
    and a line the cleaner found to be navigation, a prompt or a list item counts as several."""
    weights, run = [], 0
    for line, rule in zip(shapes, rules):
        if line.kind in text_kinds and rule is None:
            run = 0
            weights.append(float(line.words))
        elif line.kind in NEUTRAL_TEXT and rule is None or rule in INLINE_FURNITURE:
            weights.append(0.0)  # proves neither article nor furniture: the run goes on unbroken
        else:
            run += STRONG_FURNITURE_STEPS if rule in STRONG_FURNITURE else 1
            weights.append(-RUN_COST * min(run, RUN_CAP))
    return weights


def _under_a_header(texts: list[str], anchors: set[int], weights: list[float]) -> list[int]:
    """Text lines that open right under a headline and a byline or date: where an article
    starts. (A list of teasers has the same header, but no text under it.)"""
    opening = []
    for anchor in sorted(anchors):
        below = next((j for j in range(anchor + 1, min(len(texts), anchor + 1 + HEADER_GAP)) if weights[j] > 0), None)
        titled = any(_headline_shaped(texts, j) and j not in anchors for j in range(max(0, anchor - HEADER_GAP), anchor))
        if below is not None and titled:
            opening.append(below)
    return sorted(set(opening))


def _under_first_header(texts: list[str], anchors: set[int]) -> tuple[int, int] | None:
    """A page with no sentences at all (a results table): what follows its first headline and byline or date."""
    first = next((a for a in sorted(anchors) if any(_headline_shaped(texts, j) for j in range(a - HEADER_GAP, a))), None)
    return None if first is None or first + 1 >= len(texts) else (first + 1, len(texts))


def _densest_run(weights: list[float]) -> tuple[int, int] | None:
    """[start, end) of the segment with the largest sum of weights (Kadane); None if none is positive."""
    best, best_span = 0.0, None
    total, since = 0.0, 0
    for i, weight in enumerate(weights):
        if total <= 0:
            total, since = 0.0, i
        total += weight
        if total > best:
            best, best_span = total, (since, i + 1)
    return best_span


def _headline(texts: list[str], rules: list[str | None], anchors: set[int], start: int,
              shapes: list[Shape]) -> tuple[int | None, bool, str]:
    """The best title-shaped line above the article text, whether the pick is confident, and why.
    A byline or date line just above the text closes the header: the headline sits above it,
    and title-shaped lines between it and the text are captions or video titles."""
    header = _header_anchor(texts, rules, anchors, start, shapes)
    counts = Counter(texts)
    scored = []
    for top in ([header] if header is not None else []) + [start]:
        for i in range(top, max(-1, top - 1 - HEADLINE_REACH), -1):
            # a repeated line is furniture to the cleaner, but the headline is often the page's title too
            if rules[i] not in (None, "duplicate") or i in anchors or not title_shaped(texts[i]):
                continue
            score, evidence = _headline_score(texts, rules, anchors, counts, i, top)
            scored.append((score, i, evidence))
        if scored:
            break
    if not scored:
        return None, False, "no title-shaped line above the article text"
    score, index, evidence = max(scored)
    if header is not None and len(texts[index].split()) <= MENU_WORDS and _headline_below(texts, rules, anchors, header, start, shapes):
        return header + 1, True, f"right below the byline or date; above it only a short label ('{texts[index]}')"
    confident = len(scored) == 1 or any(e in evidence for e in (_ABOVE_ANCHOR, _REPEATED))
    return index, confident, ", ".join(evidence)


def _headline_below(texts: list[str], rules: list[str | None], anchors: set[int], header: int, start: int,
                    shapes: list[Shape]) -> bool:
    """A headline printed under its byline or date ("Back to the list" / byline / headline / text);
    not a first sentence ("Remember the old slogan?")."""
    below = header + 1
    return below <= start and rules[below] is None and below not in anchors and shapes[below].kind == "short" \
        and _headline_shaped(texts, below)


def _header_anchor(texts: list[str], rules: list[str | None], anchors: set[int], start: int,
                   shapes: list[Shape]) -> int | None:
    """The byline or date line that closes the article's header: the nearest within HEADER_REACH
    lines above the text, or, across a longer run of short lines (a share bar, a caption, a few
    related links) with no text of its own, the nearest with a headline-shaped line right above it."""
    for j in range(start - 1, max(-1, start - 1 - HEADER_SCAN), -1):
        if j in anchors and (start - j <= HEADER_REACH
                             or any(_headline_shaped(texts, k) for k in range(max(0, j - HEADER_GAP), j))):
            return j
        if shapes[j].kind == "prose" and rules[j] is None:
            return None  # text above the article's text: no header of its own here
    return None


_ABOVE_ANCHOR, _REPEATED = "above a byline or date", "repeated in the page"


def _headline_score(texts: list[str], rules: list[str | None], anchors: set[int], counts: Counter[str], i: int,
                    top: int) -> tuple[float, list[str]]:
    """Longer lines are headlines, short ones labels; right above a byline or date, or repeated
    (the page's title), is a headline's place; a line inside a menu or under a headline is not."""
    def headline_shaped(j: int) -> bool:
        return _headline_shaped(texts, j) and j not in anchors

    words = len(texts[i].split())
    score, evidence = float(min(words, 12)), [f"{words} words"]
    if any(j in anchors for j in range(i + 1, i + 4)):
        score += 6
        evidence.append(_ABOVE_ANCHOR)
    if counts[texts[i]] > 1:
        score += 4
        evidence.append(_REPEATED)
    if texts[i].isupper() and words <= MENU_WORDS:
        score -= 6
        evidence.append("a label in capitals")
    # a rubric is no menu, nor a short name right above a date (the byline "Ann Roe" / "Tuesday 4:15PM")
    if i + 1 < top and menu_shaped(texts[i + 1]) and i + 1 not in anchors and rules[i + 1] != "kicker" \
            and not (i + 2 in anchors and _names_a_person(texts[i + 1])):
        score -= 5
        evidence.append("followed by menu-shaped lines")
    if _trail_glued_to(texts, i):
        score -= 20  # "Home News World Ferry terminal approved" above "Ferry terminal approved"
        evidence.append("a breadcrumb trail glued to the line below")
    if headline_shaped(i - 1) and headline_shaped(i + 1):
        score -= 8  # one of a list of headlines: links to other articles
        evidence.append("inside a list of headline-shaped lines")
    elif headline_shaped(i - 1) and not headline_shaped(i - 2) and not _trail_glued_to(texts, i - 1):
        score -= 8  # two headline-shaped lines stacked: the upper one is the headline, this its deck
        evidence.append("under another headline-shaped line")
    if words > MENU_WORDS and _SENTENCES.search(texts[i]):
        score -= 8  # "The crisis deepened. It is up to them to act": a standfirst of sentences
        evidence.append("more than one sentence")
    score -= 0.5 * (top - i)
    return score, evidence


def _names_a_person(text: str) -> bool:
    byline = bylines.parse(text, bare=True)
    return byline is not None and bool(byline.persons)


def _trail_glued_to(texts: list[str], i: int) -> bool:
    """The line ends with the whole next line: section links copied onto the headline's front."""
    return i + 1 < len(texts) and len(texts[i]) > len(texts[i + 1]) >= 20 and texts[i].endswith(texts[i + 1])


def _headline_shaped(texts: list[str], i: int) -> bool:
    """Title-shaped and more than a label or a name (a comment's author, a menu item)."""
    return 0 <= i < len(texts) and title_shaped(texts[i]) and len(texts[i].split()) > MENU_WORDS and not texts[i].isupper()


def interview_turn(text: str) -> bool:
    return bool(_INTERVIEW_TURN.match(text))


def stamped(text: str) -> bool:
    """A byline or metadata line: short and holding a date or a clock time ("Posted 9:02 AM")."""
    # a real day ("Choir Set 40th Season" holds a month name in Portuguese, and no day)
    return len(text.split()) <= STAMP_WORDS and bool(_CLOCK.search(text) or dates.month_day(text))


def signed(text: str) -> bool:
    """A line opening like a byline in a few languages ("By", "BY:", "Von", "Por", "Par"),
    not like a sentence ("By the end of the day...")."""
    return len(text.split()) <= BYLINE_WORDS and bool(_BYLINE_OPENING.match(text))


def title_shaped(text: str) -> bool:
    """Capitalised, a few words, no final stop: how headlines (and menu items) look."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return (
        text[-1] not in _TITLE_STOPS
        and not first.islower()
        and len(text.split()) in TITLE_WORDS
        and "://" not in text
        and "©" not in text  # a copyright line
    )


def menu_shaped(text: str) -> bool:
    return len(text.split()) <= MENU_WORDS and text[-1] not in _SENTENCE_END
