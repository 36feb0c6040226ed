"""Direct quotations and who said them.

A paragraph's quotation marks (curly or straight, mixed as copies mix them) are paired in
one pass; a mark left open runs to the end of the paragraph, and a paragraph that opens with
a quotation and names nobody continues the speaker of the one before. Each quotation's
speaker is read from its own sentence:
    “…,” Mattis said.   “…,” said Jane Roe, a senior analyst.   “…,” the 14th-ranked Roe said.
    Mattis said: “…”    According to his aunt, Jane Roe, “…”     “…,” she recalled, “…”
    Ann Smith, the commander of the fleet, said: “…”            “…” Smith said. “…” (same speaker)
The speaker as written is completed from the article ("Roe" -> "Jane Roe", named earlier) and
tied to the actor it names, if any; an organisation ("said NATO", "a report from X") speaks
for itself and has no actor id. "He" or "she" is the nearest person named before it, in this
paragraph or the one before, whose gender (read from the text: "Mr. Roe", "Roe said that he")
does not contradict it; never a person beyond a different speaker. A quotation whose speaker
is unclear keeps `speaker: None` rather than a guess. Scare quotes (a few words) and
lower-case fragments that open their sentence are not quotations.

The quotation marks and the attribution words (verbs, "according to", pronouns) are data,
taxonomy/speech.yml, per language: English's and the article's own language's are read
(« … », — заявил Лавров;  „…“, sagte Schoigu). Also read: interview transcripts ("Q:"/"A:"
turns go to the person the article names most, "Name:" turns to that person), a quotation
signed on the next line ("— Jane Roe", an embedded post "— Jane Roe (@jroe) …"), and "they"
or "it" said: the organisation that is the subject of the sentence before, never a person.

Every pattern is anchored at a quotation mark or a verb and reads a bounded window, so the
time is linear in the text.
"""

from __future__ import annotations

import functools
import hashlib
import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.actors import ORGANISATION_WORDS, Mention, first_name_gender, is_given_name
from generator.model import Quote
from generator.taxonomy import LanguageSpeech, Speech

_UPPER = "A-ZÀ-ÖØ-ÞĀ-žА-ЯЁЄІЇҐ"  # Latin Extended-A mixes cases; enough to start a name
_LOWER = "a-zß-öø-ÿа-яёєіїґąćęłńóśźż"
_TOKEN = rf"[{_UPPER}][\w'’.\-]{{0,30}}"  # a capitalised word, bounded (see _run)
_LINK = r"(?:bin|al|de|del|der|van|von|da|la|le|du|di|y)"  # lower-case words inside names
_LINK_WORDS = frozenset(_LINK[3:-1].split("|"))
_SENTENCE_WORD = re.compile(r"[\w'’-]{4,}\.|[A-Z]{3,}\.")  # "Moscow." ends a sentence; "Gen." and "E." do not
_NAME = rf"{_TOKEN}(?:\s(?:{_LINK}\s)?{_TOKEN}){{0,5}}"
# Between a speaker and the verb: an adverb, an auxiliary ("has urged"), a parenthetical.
_GAP = r"(?:\s++(?:\w{1,30}ly|also|instead|later|then|again|once|earlier|previously|has|had|have|would|will))*+"
_APPOSITION = r"(?:,[^,“”\"«»„]{1,150}){1,5},"
_ON_BEHALF = r"(?:(?:a|an|the)\s+(?:[a-z]+\s+)?(?:report|statement|spokesperson|spokesman|spokeswoman|note|post)\s+(?:from|for|by|of)\s+(?:the\s+)?)?"
# Capitalised words that open a sentence or a phrase but are not names.
_NOT_NAMES = frozenset(
    "The A An This That These Those It Its They Their There Then But And Or So If When While As After Before "
    "In On At For From With Without By Of To We Our I You Your His Her Some Many Most One Two Both Another "
    "According However Meanwhile Still Yet Also Now Today Yesterday Here Because Although Though Since Until "
    "Where Why How What Who Which Whether Even Just Only Not No Yes He She "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()  # "said in a statement Monday"
)
_OPENERS = "(?:" + "|".join(sorted(_NOT_NAMES, key=len, reverse=True)) + ")"
# Role words written before a speaker's name: "chairman, CEO and president Jane Roe",
# "the 14th-ranked Roe", "Taliban spokesman Jane Roe", "заявил глава ведомства Иван Петров".
# Lazy: the fewest words that leave a name ("writes the Associated Press").
_ROLE_WORDS = rf"(?:(?:[{_LOWER}\d][\w'’-]{{0,30}}|(?!{_OPENERS}\b)[{_UPPER}][\w'’.-]{{0,30}})(?:,\s*+|\s++)){{0,6}}?"
_DASH = r"(?:[—–-]\s*+)?"  # «…», — заявил Лавров;  „…” – powiedział Ławrow
_SENTENCE_END = re.compile(rf"[.!?…]\s+(?=[{_UPPER}“\"«„»])")
# Link texts glued to the words after them in copies ("Jane RoeJane Roe Senate passes..."):
# a capital right after two lower-case letters ends a name (not "MacDonald").
_GLUED = re.compile(rf"(?<=[{_LOWER}]{{2}})(?<!Mac)(?=[{_UPPER}][{_LOWER}])")
_HONORIFIC = {"Mr.": "m", "Mr": "m", "Sir": "m", "Lord": "m", "King": "m", "Prince": "m",
              "Mrs.": "f", "Mrs": "f", "Ms.": "f", "Ms": "f", "Miss": "f", "Dame": "f", "Lady": "f",
              "Queen": "f", "Princess": "f"}
_HONORIFIC_RE = re.compile(r"\b(?P<title>Mrs?\.?|Ms\.?|Miss|Sir|Dame|Lady|Lord)\s+(?P<who>" + _NAME + ")")


def _words(words: Sequence[str]) -> str:
    """An alternation of words as written, longest first; a phrase's spaces match any space."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


def _either_case(phrase: str) -> str:
    """A phrase that may open a sentence: its first letter in either case ("According to")."""
    return f"[{phrase[0].upper()}{phrase[0].lower()}]{_words([phrase])[len(re.escape(phrase[0])):]}"


class _Patterns:
    """The attribution patterns of one language's words (taxonomy/speech.yml, English included)."""

    def __init__(self, speech: LanguageSpeech):
        self.gender = dict(speech.pronouns)  # pronoun (lower case) -> "m" / "f"
        self.before_speaker = frozenset(_key(p) for p in speech.before_speaker)
        ahead = "|".join(_either_case(p) for p in sorted(speech.before_speaker, key=len, reverse=True))
        verb = rf"(?:{ahead + '|' if ahead else ''}{_words(speech.verbs) or '(?!)'})"
        pronoun = "|".join(_either_case(p) for p in self.gender) or "(?!)"
        who = rf"(?:{_NAME}|(?:{pronoun})\b)"
        self.verb = re.compile(rf"\b{verb}(?!\w)")
        # Right after a quotation: "…," Roe said / said Roe / the 14th-ranked Roe said / Roe, an analyst, said.
        self.after = re.compile(
            rf"\s*+,?+\s*+{_DASH}(?:(?P<verb>{verb})\s++{_ON_BEHALF}{_ROLE_WORDS}(?P<who_after>{who})"
            rf"|{_ROLE_WORDS}(?P<who>{who})(?:{_APPOSITION})?{_GAP}\s++{verb}(?!\w))"
        )
        self.name_at_end = re.compile(rf"(?:^|(?<=\s))(?P<who>{who}){_GAP}\s*+$")
        self.name_then_comma = re.compile(rf"\s*+(?:the\s+[\w-]{{1,30}}\s+)?(?P<who>{_NAME}),")
        self.name_after_verb = re.compile(
            rf"\s++{_ON_BEHALF}(?:(?:his|her|their|the|a|an)\s+[a-z]{{1,20}}\s*+,\s*+)?(?P<who>{who})")
        personal = "|".join(_either_case(p) for p, g in self.gender.items() if g != ORGANISATION) or "(?!)"
        self.said_that = re.compile(rf"(?P<who>{_NAME})\s+{verb}\s+(?:that\s+)?(?P<pronoun>{personal})\b")

    def is_pronoun(self, written: str) -> bool:
        return written.lower() in self.gender


@functools.lru_cache(maxsize=16)
def _patterns(speech: LanguageSpeech) -> _Patterns:
    return _Patterns(speech)


_WINDOW = 300  # characters of a sentence read before a quotation
MIN_WORDS = 4
PRONOUN_REACH = 3  # paragraphs a pronoun looks back through while they name nobody
FRAGMENT_WORDS = 6  # a lower-case quotation inside someone's sentence ("said it would “…”")


@dataclass
class _Quoted:
    start: int  # of the text, inside the marks
    end: int
    open_mark: int
    close_mark: int  # len(paragraph) when the paragraph ends inside the quotation


@dataclass
class _Named:
    """A person or organisation named at a position: who may be meant by a later pronoun."""

    block: int
    start: int
    speaker: str | None
    speaker_id: str | None
    spoke: bool  # named as the speaker of something


ORGANISATION = "organisation"  # what speech.yml calls the pronouns of organisations ("they", "it")
# A sentence whose subject is a name, maybe after an apposition: "Acme have denied …",
# "The company that runs it, Acme Productions, denies …".
_SUBJECT = re.compile(rf"(?:^|(?<=[.!?]\s))(?:(?:The|A|An)\s[^,.“”\"]{{1,60}},\s++)?(?P<who>{_NAME}),?\s++"
                      rf"(?P<next>[{_LOWER}][\w'’-]{{0,30}})")


def _organisation_like(name: str) -> bool:
    """An organisation's name: a word such as "Productions" in it, or no first name opening it."""
    tokens = name.split()
    return any(t in ORGANISATION_WORDS for t in tokens) or (
        tokens[0] not in _NOT_NAMES and first_name_gender(tokens[0]) is None and not is_given_name(tokens[0]))


_UNCLEAR = _Named(-1, -1, None, None, False)  # an attribution whose speaker cannot be told


_DOUBLED = {"’’": "”", "‘‘": "“", "''": "\""}  # two apostrophes some copies write for a double quote


@functools.lru_cache(maxsize=4)
def _marks(quote_marks: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str], dict[str, frozenset[str]]]:
    """The marks' pattern, each opener's closers, and each opener's family (openers sharing a closer)."""
    closers = dict(quote_marks)
    every = set(closers) | set("".join(closers.values()))
    doubled = [re.escape(pair) for pair, mark in _DOUBLED.items() if mark in every]
    family = {a: frozenset(b for b in closers if set(closers[a]) & set(closers[b])) for a in closers}
    return re.compile("|".join([*doubled, f"[{re.escape(''.join(sorted(every)))}]"])), closers, family


def quoted_spans(paragraph: str, quote_marks: tuple[tuple[str, str], ...]) -> list[_Quoted]:
    """Quotations of a paragraph in one pass over its marks (see taxonomy/speech.yml): an
    opening mark opens, one of its closers closes, a mark of its family (sharing a closer)
    opens anew ("the first never closed"), other marks are nested; one left open runs to the end."""
    pattern, closers, family = _marks(quote_marks)
    spans: list[_Quoted] = []
    open_at, opener = None, ""
    for found in pattern.finditer(paragraph):
        mark, at = _DOUBLED.get(found[0], found[0]), found.end() - 1  # a doubled mark counts at its last character
        if open_at is None:
            if mark in closers:  # a stray closing mark opens nothing
                open_at, opener = at, mark
        elif mark in closers[opener]:
            spans.append(_Quoted(open_at + 1, found.start(), open_at, at))
            open_at = None
        elif mark in family[opener]:
            spans.append(_Quoted(open_at + 1, found.start(), open_at, found.start()))
            open_at, opener = at, mark
    if open_at is not None:
        spans.append(_Quoted(open_at + 1, len(paragraph), open_at, len(paragraph)))
    return spans


def find_quotes(paragraphs: list[str], first_block: int, mentions: list[Mention], names: dict[str, str],
                speech: Speech, language: str | None = None, context: Sequence[str] = (),
                titles: Sequence[str] = (), role_nouns: frozenset[str] = frozenset()) -> list[Quote]:
    """paragraphs are blocks first_block.. of the scanned text; mentions come from ActorScanner,
    in reading order; names maps their actor ids to display names. `speech` gives the marks and
    the attribution words of English and the article's `language`. Names in `context` (headline,
    standfirst, captions) complete a surname; `titles` ("Gen.") and `role_nouns` ("leader") are not names."""
    patterns = _patterns(speech.for_language(language))
    marks = speech.quote_marks
    people = _People(paragraphs, first_block, mentions, names, _NameWords(paragraphs, context, titles, role_nouns),
                     patterns, marks)
    quotes: list[Quote] = []
    previous: _Named | None = None  # the last speaker of the paragraph before
    transcript = _Transcript(paragraphs, people, first_block)
    for offset, paragraph in enumerate(paragraphs):
        block = first_block + offset
        if answer := transcript.answer(offset):
            quotes.append(answer)
            previous = None
            continue
        spans = quoted_spans(paragraph, marks)
        indirect = people.reported_speakers(block, paragraph, spans)
        signed = people.signature(block + 1, paragraphs[offset + 1]) if offset + 1 < len(paragraphs) else None
        if not spans:
            if signed and signed.spoke and _POST_SIGNATURE.search(paragraphs[offset + 1]):  # an embedded post
                quotes.append(Quote(signed.speaker, signed.speaker_id, paragraph.strip(), paragraph))
            previous = indirect
            continue
        last: _Named | None = None
        for i, span in enumerate(spans):
            text = _clean(paragraph[span.start:span.end])
            outside = spans[i - 1].close_mark + 1 if i else 0  # where the text before this quotation starts
            sentence = outside + _sentence_start(paragraph[outside:span.open_mark])
            if not _is_speech(text, opens_sentence=not paragraph[sentence:span.open_mark].strip()):
                continue
            after_end = spans[i + 1].open_mark if i + 1 < len(spans) else len(paragraph)
            who = (people.after(block, paragraph, span.close_mark + 1, after_end)
                   or people.before(block, paragraph, sentence, span.open_mark))
            if who is None and (last or (i == 0 and not paragraph[:span.open_mark].strip())):
                who = last or previous  # no attribution: the same speaker goes on
            if who is None and signed:  # a quotation signed on the next line: "— Jane Roe"
                who = signed
            if who is _UNCLEAR:  # an attribution that names nobody this article makes clear
                who = None
            if who is not None:
                last = who
            quotes.append(Quote(who.speaker if who else None, who.speaker_id if who else None, text, paragraph))
        previous = last or indirect or (previous if _all_quoted(paragraph, spans) else None)
    return quotes


# A line that signs the paragraph above it: "— Jane Roe", "— Jane Roe (@janeroe) May 2, 2019".
_SIGNATURE = re.compile(rf"[—–]\s*+(?P<who>{_NAME})(?:\s*+\S{{0,12}}\s*+\(@\w{{1,30}}\).{{0,40}})?\s*")
_POST_SIGNATURE = re.compile(r"\(@\w{1,30}\)")


def signs_post(line: str) -> bool:
    """"— Jane Roe (@janeroe) May 2, 2019": the signature of an embedded post, not a date line."""
    return "(@" in line and bool(_POST_SIGNATURE.search(line) and _SIGNATURE.fullmatch(line))


# A transcript's turn: "Q: …", "A: …", "Jane: …", "Prof. Roe: …" at the start of a paragraph.
_TURN = re.compile(rf"(?P<label>Q|A|{_NAME})\s*+:\s++(?P<text>\S.*)", re.DOTALL)
TURNS = 2  # a transcript gives the same label this many turns at least


class _Transcript:
    """An interview written as turns. "A:" is the person interviewed, the one the article
    names most; "Name:" is the person of that name, when the article names them in full."""

    def __init__(self, paragraphs: list[str], people: _People, first_block: int):
        self.people = people
        self.first_block = first_block
        self.turns = {offset: turn for offset, p in enumerate(paragraphs) if (turn := _TURN.match(p))}
        labels = Counter(turn["label"] for turn in self.turns.values())
        self.labels = {label for label, n in labels.items() if n >= TURNS}
        if not {"Q", "A"} <= self.labels:
            self.labels -= {"Q", "A"}

    def answer(self, offset: int) -> Quote | None:
        turn = self.turns.get(offset)
        if not turn or turn["label"] not in self.labels or turn["label"] == "Q":
            return None
        text = _clean(turn["text"])
        if not _is_speech(text, opens_sentence=True):
            return None
        who = self.people.interviewee() if turn["label"] == "A" else self.people.labelled(
            self.first_block + offset, turn.start("label"), turn["label"])
        return Quote(who.speaker, who.speaker_id, text, turn.string) if who else None


def _first_sentence(written: str) -> str:
    """A name read after its verb ends with its sentence: "Associated Press. And" -> "Associated Press."."""
    tokens = written.split()
    ends = [i for i, token in enumerate(tokens[:-1]) if _SENTENCE_WORD.fullmatch(token)]
    return " ".join(tokens[:ends[0] + 1]) if ends else written


def _clean(text: str) -> str:
    text = text.strip()
    return text[:-1].rstrip() if text[-1:] in ",.?!…" and not text.endswith("...") else text


def _is_speech(text: str, opens_sentence: bool) -> bool:
    words = len(text.split())
    if not text:
        return False
    if text[0].isupper() or text[0] in "…0123456789[@":  # "@handle and I …" opens a post
        return words >= MIN_WORDS
    return not opens_sentence and words >= FRAGMENT_WORDS


def _sentence_start(before: str) -> int:
    """Where the sentence that runs into a quotation starts in `before` (its last _WINDOW characters)."""
    window_start = max(0, len(before) - _WINDOW)
    start = window_start
    for match in _SENTENCE_END.finditer(before, window_start):
        start = match.end()
    return start


def _all_quoted(paragraph: str, spans: list[_Quoted]) -> bool:
    return bool(spans) and not paragraph[:spans[0].open_mark].strip() and spans[-1].close_mark >= len(paragraph.rstrip()) - 1


class _People:
    """Who is named where in one article: actor mentions, speakers named by attributions, full
    names to complete a surname, and what the text says of each one's gender."""

    def __init__(self, paragraphs: list[str], first_block: int, mentions: list[Mention], names: dict[str, str],
                 words: _NameWords, patterns: _Patterns, marks: tuple[tuple[str, str], ...]):
        self.names = names
        self.words = words
        self.patterns = patterns
        self.paragraphs = dict(enumerate(paragraphs, first_block))
        self.marks = marks
        self.by_key = {_key(name): actor_id for actor_id, name in names.items()}
        self.by_surname: dict[str, set[str]] = {}
        self.by_word: dict[str, set[str]] = {}
        for name in names.values():
            self.by_surname.setdefault(name.split()[-1], set()).add(name)
        self.mentions: dict[int, list[Mention]] = {}
        for mention in mentions:
            self.mentions.setdefault(mention.block, []).append(mention)
        # Names inside quotation marks are spoken of, not speaking: no pronoun means them.
        self.outside: dict[int, list[Mention]] = {}
        for offset, paragraph in enumerate(paragraphs):
            spans = quoted_spans(paragraph, marks)
            opens = [span.open_mark for span in spans]

            def outside(mention: Mention) -> bool:
                i = bisect_right(opens, mention.start) - 1
                return i < 0 or mention.start > spans[i].close_mark

            self.outside[first_block + offset] = list(filter(outside, self.mentions.get(first_block + offset, ())))
        self.gender: dict[str, str] = {}
        for paragraph in (*paragraphs, *words.context):
            for match in re.finditer(_NAME, _GLUED.sub(" · ", paragraph)):
                name = words.strip(match[0])
                tokens = name.split() if name else ()
                if len(tokens) >= 2:
                    self.by_surname.setdefault(tokens[-1], set()).add(name)
                    for i, token in enumerate(tokens[:-1]):  # "Liu" of "Liu Xiaming", "Dale" of "Dale Ford"
                        self.by_word.setdefault(token, set()).add(" ".join(tokens[i:]))
        for paragraph in paragraphs:
            for match in _HONORIFIC_RE.finditer(paragraph):
                self.gender.setdefault(match["who"].split()[-1], _HONORIFIC[match["title"]])
            for match in patterns.said_that.finditer(paragraph):
                name = words.strip(match["who"])
                if name:
                    self.gender.setdefault(name.split()[-1], patterns.gender[match["pronoun"].lower()])
        self.named: dict[int, list[_Named]] = {}  # block -> speakers found so far, in reading order

    def after(self, block: int, paragraph: str, start: int, end: int) -> _Named | None:
        """The speaker named right after a quotation ("…," Roe said)."""
        match = self.patterns.after.match(paragraph[:min(end, start + _WINDOW)], start)
        if not match:
            return None
        if not match["verb"]:
            return self._speaker(block, paragraph, match.start("who"), match["who"])
        return self._speaker(block, paragraph, match.start("who_after"), _first_sentence(match["who_after"]))

    def before(self, block: int, paragraph: str, start: int, end: int) -> _Named | None:
        """The speaker of the sentence that runs into a quotation (Roe said: “…”)."""
        clause = paragraph[start:end]
        verbs = list(self.patterns.verb.finditer(clause))
        if not verbs:
            return None
        verb = verbs[-1]
        ahead = clause[:verb.start()]
        if _key(verb[0]) in self.patterns.before_speaker:
            match = self.patterns.name_after_verb.match(clause, verb.end())
            return self._speaker(block, paragraph, start + match.start("who"), match["who"]) if match else None
        match = self.patterns.name_at_end.search(ahead[-120:])
        if match:
            offset = start + max(0, len(ahead) - 120)
            return self._speaker(block, paragraph, offset + match.start("who"), match["who"])
        if ahead.rstrip().endswith(","):
            match = self.patterns.name_then_comma.match(ahead)
            if match:
                return self._speaker(block, paragraph, start + match.start("who"), match["who"])
        if not ahead.strip():
            match = self.patterns.name_after_verb.match(clause, verb.end())
            if match:
                return self._speaker(block, paragraph, start + match.start("who"), match["who"])
        return None

    def reported_speakers(self, block: int, paragraph: str, spans: list[_Quoted]) -> _Named | None:
        """Every subject of an attribution verb outside quotation marks ("Roe said it was late")
        joins the people a pronoun may mean; the last one is returned: a next paragraph that is
        all quotation goes on with them."""
        opens = [span.open_mark for span in spans]
        last = None
        for verb in self.patterns.verb.finditer(paragraph):
            i = bisect_right(opens, verb.start()) - 1
            if i >= 0 and verb.start() < spans[i].close_mark:
                continue
            start = max(0, verb.start() - 120)
            match = self.patterns.name_at_end.search(paragraph[start:verb.start()])
            if match and not self.patterns.is_pronoun(match["who"]):
                named = self._speaker(block, paragraph, start + match.start("who"), match["who"])
                last = last if named is _UNCLEAR else named
        return last

    def signature(self, block: int, paragraph: str) -> _Named | None:
        """The person a signature line names in full ("— Jane Roe"), None if it is none."""
        match = _SIGNATURE.fullmatch(paragraph.strip())
        return self.labelled(block, paragraph.find(match["who"]), match["who"]) if match else None

    def labelled(self, block: int, start: int, label: str) -> _Named | None:
        """The speaker a label or signature names: a name the article gives in full or an actor."""
        named = self._speaker(block, "", start, label)
        return named if named is not _UNCLEAR and (named.speaker_id or " " in named.speaker) else None

    def interviewee(self) -> _Named | None:
        """The person the article names most, if one is named more than any other."""
        counts = Counter(m.actor_id for found in self.mentions.values() for m in found).most_common(2)
        if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
            return None
        actor_id = counts[0][0]
        return _Named(-1, -1, self.names[actor_id], actor_id, True)

    def _speaker(self, block: int, paragraph: str, start: int, written: str) -> _Named:
        if self.patterns.is_pronoun(written):
            gender = self.patterns.gender[written.lower()]
            found = self._organisation(block, start) if gender == ORGANISATION else self._pronoun(block, start, gender)
            return found or _UNCLEAR
        mention = self._mention_at(block, start, start + len(written))
        if mention:
            named = _Named(block, start, self.names[mention.actor_id], mention.actor_id, True)
        else:
            name = self._complete(self.words.strip(written))
            if not name:
                return _UNCLEAR
            named = _Named(block, start, name, self.by_key.get(_key(name)), True)
        self.named.setdefault(block, []).append(named)
        return named

    def _complete(self, name: str | None) -> str | None:
        """A surname alone is the one person of that surname the article names in full."""
        if not name or " " in name:
            return name
        full = self.by_surname.get(name) or self.by_word.get(name, set())
        if len(full) > 1:  # "Because Roe" beside "Jane Roe": a word the article writes in lower case is no first name
            full = {n for n in full if n.split()[0].lower() not in self.words.lower}
        if len({(n.split()[0], n.split()[-1]) for n in full}) == 1:  # "Jane Roe" and "Jane Ann Roe": one person
            return min(full, key=len)
        return name

    def _mention_at(self, block: int, start: int, end: int) -> Mention | None:
        overlapping = [m for m in self.mentions.get(block, ()) if m.start < end and m.end > start]
        return overlapping[-1] if overlapping else None

    def _pronoun(self, block: int, position: int, gender: str) -> _Named | None:
        """The nearest person named before a pronoun, skipping one whose gender contradicts it
        (from a known first name, "Mike Ford" is no "she", else from the text), but never
        past such a person named as a speaker."""
        for candidate in self._named_before(block, position):
            known = self._gender(candidate.speaker)
            if known == gender or (known is None and candidate.block >= block - 1):  # far back: only a match
                return candidate
            if candidate.spoke:
                return None
        return None

    def _organisation(self, block: int, position: int) -> _Named | None:
        """What "they" or "it" said: the organisation that is the subject of the last sentence
        with a named subject before, in this paragraph or the one before ("Big Machine have
        denied …", "The company that runs it, Acme Productions, denies …"); never a person."""
        for b, end in ((block, position), (block - 1, None)):
            text = self.paragraphs.get(b, "")
            quoted = [(q.open_mark, q.close_mark) for q in quoted_spans(text, self.marks)]
            subjects = [m for m in _SUBJECT.finditer(text, 0, len(text) if end is None else end)
                        if not any(start <= m.start("who") <= close for start, close in quoted)]
            if subjects:
                subject = subjects[-1]
                name = self.words.strip(subject["who"])
                if not name or self._mention_at(b, subject.start("who"), subject.end("who")) \
                        or subject["next"].lower().rstrip("s") in self.words.roles or not _organisation_like(name):
                    return None
                return _Named(b, subject.start("who"), name, self.by_key.get(_key(name)), True)
        return None

    def _gender(self, name: str) -> str | None:
        tokens = name.split()
        # a first name first: the text's gender is kept by surname, which a family shares
        return (first_name_gender(tokens[0]) if len(tokens) > 1 else None) or self.gender.get(tokens[-1])

    def _named_before(self, block: int, position: int) -> Iterator[_Named]:
        """People named in this paragraph and the one before, nearest first; when those name
        nobody, in the nearest of the PRONOUN_REACH paragraphs before that names someone."""
        for reach in range(1, PRONOUN_REACH + 1):
            blocks = (block - reach, block) if reach == 1 else (block - reach,)
            speakers = [n for b in blocks for n in self.named.get(b, ())]
            mentions = [_Named(m.block, m.start, self.names[m.actor_id], m.actor_id, False)
                        for b in blocks for m in self.outside.get(b, ())]
            candidates = [c for c in speakers + mentions if (c.block, c.start) < (block, position)]
            if candidates:
                yield from sorted(candidates, key=lambda c: (c.block, c.start, c.spoke), reverse=True)
                return


class _NameWords:
    """What tells a name from the words written before it: "U.S. Attorney Jane Roe", "Browns DL
    Ann Smith", "Team Leader Ann Smith" are Jane Roe and Ann Smith. A word the article also
    writes in lower case ("leader"), a title, an abbreviation or an honorific precedes a name."""

    def __init__(self, paragraphs: Sequence[str], context: Sequence[str], titles: Sequence[str],
                 role_nouns: frozenset[str]):
        self.context = context
        self.lower = {w for p in paragraphs for w in re.findall(r"\b[a-z][\w'’-]*", p)}
        self.titles = {w.rstrip(".") for title in titles for w in title.split()}
        self.roles = role_nouns

    def strip(self, written: str) -> str | None:
        """The name in a run of capitalised words; None for a possessive ("Roe’s"), not a speaker."""
        if re.search(r"['’]s?$", written):
            return None
        tokens = written.split()
        for i in range(len(tokens) - 1, -1, -1):  # cut through the last word that precedes names
            last = i == len(tokens) - 1
            if (not last and _SENTENCE_WORD.fullmatch(tokens[i])) or (i < len(tokens) - 2 and self._precedes_names(tokens[i])):
                tokens = tokens[i + 1:]
                break
        while len(tokens) > 1 and (tokens[0] in _NOT_NAMES or tokens[0] in _HONORIFIC):
            tokens.pop(0)
        name = " ".join(tokens)
        if name.endswith(".") and len(tokens[-1]) > 3:  # the sentence's stop, not "Jr." or an initial
            name = name[:-1]
        return None if not name or name in _NOT_NAMES else name

    def _precedes_names(self, token: str) -> bool:
        bare = token.rstrip(".")
        if bare.lower() in _LINK_WORDS:
            return False
        return (token in _NOT_NAMES or token in _HONORIFIC or bare in self.titles or bare.lower() in self.roles
                or token.endswith(".") or bare.isupper() or re.search(r"['’]s$", token) is not None
                or token.lower() in self.lower)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


RUN_WORDS = 5


def word_runs(words: list[str]) -> list[str]:
    """Every run of RUN_WORDS consecutive words, as text: what two quotations share."""
    return [" ".join(words[i:i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)]


def quoted_runs(paragraphs: list[str], quote_marks: tuple[tuple[str, str], ...]) -> bytes:
    """Fingerprints (64-bit, packed) of every run of five words inside quotation marks,
    case and punctuation ignored. The same words quoted by two articles are a strong sign
    that they report the same event (see index.infer_dates); fingerprints keep the cached
    record small and comparing them cheap."""
    runs: set[int] = set()
    for paragraph in paragraphs:
        for span in quoted_spans(paragraph, quote_marks):
            words = re.findall(r"\w+", paragraph[span.start:span.end].lower())
            for run in word_runs(words):
                runs.add(int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest(), "big"))
    return array("Q", sorted(runs)).tobytes()


def run_fingerprints(packed: bytes) -> set[int]:
    fingerprints = array("Q")
    fingerprints.frombytes(packed)
    return set(fingerprints)
