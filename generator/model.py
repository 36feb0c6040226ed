"""The typed records passed between pipeline stages.

Every stage takes and returns these records; nothing else travels between them:

    read  -> RawArticle
    clean -> CleanArticle   (kept blocks + every dropped line with the rule that dropped it)
    extract -> Article      (metadata with provenance, actors, topics, quotes)
    index -> Indexes        (see generator.index)
    render -> Markdown files

All text held here is untrusted plain text. Escaping for Markdown/HTML happens
only when it is written out (generator.safety).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PageMetadata:
    """What a saved web page states about itself in its markup (generator.read_html): each
    field None when the page does not say. Front matter in a sidecar file still wins."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO date
    site_name: str | None = None
    url: str | None = None  # the canonical address
    language: str | None = None  # as the page declares it ("en", "pt-BR")


@dataclass(frozen=True)
class RawArticle:
    """A source file decoded to text, with its optional front-matter overrides."""

    source: Path  # path as given (relative to the corpus root when built from a corpus)
    text: str
    format: str  # "text" (raw scraped page) | "markdown" (curated article) | "html" (a saved page's article text)
    overrides: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    digest: str = ""  # sha256 of the source bytes: identity for duplicates and the cache
    problems: tuple[str, ...] = ()  # non-fatal: the article builds, the user must fix these
    page: PageMetadata | None = None  # a saved web page's own metadata


@dataclass(frozen=True)
class Dropped:
    line: str
    rule: str


@dataclass(frozen=True)
class LineVerdict:
    """What the cleaner did with one line: 'kept: paragraph', 'dropped: caption', ..."""

    line: str
    verdict: str


@dataclass(frozen=True)
class Block:
    """One unit of the cleaned body: a paragraph or a subheading."""

    kind: str  # "paragraph" | "heading"
    text: str


@dataclass
class CleanArticle:
    source: Path
    title: str | None
    summary: str | None  # standfirst/deck under the headline, if the page had one
    blocks: list[Block]
    dropped: list[Dropped]
    # Clues the cleaner lifted out of furniture; extract decides what they mean.
    date_lines: list[str] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)  # "Feb. 16 (UPI)" prefixes
    bylines: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)  # caption text, credits removed
    credits: list[str] = field(default_factory=list)  # photo credits: never actors
    trace: list[LineVerdict] = field(default_factory=list)  # every input line with its verdict, for `explain`
    title_source: str | None = None  # "headline above article", "best guess above article", "first line"
    title_reason: str | None = None  # the evidence for the headline, for `explain`
    page: PageMetadata | None = None  # a saved web page's own metadata, for extract to weigh

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "paragraph"]


class Cached:
    """A record worker processes send back for every article: pickled as its class and field
    values, so loading calls __init__ instead of restoring a __dict__ per object, which takes
    pickle nearly twice as long. A cold build receives every record."""

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        cls = type(self)
        values = _FIELD_VALUES.get(cls) or _FIELD_VALUES.setdefault(cls, attrgetter(*(f.name for f in fields(cls))))
        return cls, values(self)


_FIELD_VALUES: dict[type, attrgetter] = {}  # class -> getter of its field values (a tuple: every record has several)


@dataclass
class ActorMention(Cached):
    id: str
    name: str
    mentions: int
    auto: bool = False  # discovered in the text, not from the taxonomy
    role: str | None = None
    aliases: tuple[str, ...] = ()  # a discovered person's other spellings: another script, a short form


@dataclass
class TopicHit(Cached):
    id: str
    score: float
    evidence: list[str]


@dataclass
class Quote(Cached):
    speaker: str | None  # None when the text does not make clear who said it
    speaker_id: str | None  # the actor's id; None for an organisation or a person no actor stands for
    text: str
    paragraph: str


UNKNOWN_OUTLET = "Unknown outlet"  # how an article with no outlet is listed


@dataclass
class Article(Cached):
    source: str
    digest: str
    title: str
    title_source: str  # "front matter", "heading", "headline above article", "best guess above article", "first line", "file name"
    date: str | None  # ISO date or None when the text does not state it
    date_source: str | None
    outlet: str | None
    outlet_source: str | None
    author: str | None
    url: str | None
    language: str
    summary: str | None
    blocks: list[Block]
    dropped: list[Dropped]
    word_count: int
    reading_minutes: int
    actors: list[ActorMention] = field(default_factory=list)
    topics: dict[str, list[TopicHit]] = field(default_factory=lambda: {"primary": [], "mentioned": []})
    quotes: list[Quote] = field(default_factory=list)
    quote_runs: bytes = b""  # fingerprints of quoted five-word runs, to link coverage of one event (quotes.quoted_runs)
    wire: str | None = None  # the news agency whose copy the page carries ("Associated Press"), if any
    wire_source: str | None = None  # where that was read: "dateline" or "byline"
    weekday: int | None = None  # the weekday the text names most (Monday = 0), if any
    places: list[str] = field(default_factory=list)  # where the opening paragraphs say it happened (stories.places_named)
    story_pin: str | None = None  # front matter `story:` (a story id, or "none"): generator.stories
    story: str | None = None  # set by the index stage: the id of the story the article is part of
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    slug: str = ""  # set by the index stage, which knows every article's title
    page_path: str = ""  # generated page, relative to docs_dir
    page_digest: str = ""  # sha256 of the page last rendered for this record (lets a rebuild skip it)
    slim: bool = False  # a cached record without body; re-extract before rendering its page

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class InputError(Exception):
    """A source file that cannot become an article. The message names the cause;
    the caller adds the file name."""


class BuildError(Exception):
    """The build cannot go on (an unwritable folder, a full disk, a file where a generated
    folder belongs): one line naming the path and the cause, shown instead of a traceback."""
