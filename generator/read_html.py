"""HTML reader: a saved web page (.html, .htm, .html.gz) -> its article text and metadata.

trafilatura finds the article in the page (precision first: a page's furniture costs a
reader more than a missed line) and states the page's title, author, site name and
canonical address; its date is htmldate's reading of the markup, the original
publication rather than the last update. The language is the one the page declares.

The article becomes Markdown blocks, the shapes the text path produces: a subheading is
a `## ` line, every other block (paragraph, list item, block quote, table row) a
paragraph, each block separated by a blank line. The page's markup goes no further than
this module: only its text does, and safety.py escapes that like any other article text.

The site never publishes the page's HTML: its raw copy is `page_text`, the text a browser
shows on the page (menus, captions and all, one block a line), as plain text.

The page is untrusted: it is refused before trafilatura runs when it holds more elements
than an article page ever does (trafilatura's time grows with them; libxml2 already
stops nesting at a fixed depth), and a gzipped page is unpacked no further than the size
cap for any source.
"""

from __future__ import annotations

import logging
import re
import zlib

import trafilatura
from lxml import etree

from generator.model import InputError, PageMetadata

# What cannot be read is one problem line of ours ("file: cause"): the libraries' own log lines
# about the same page would only repeat it, on stderr and in MkDocs' output.
for _library in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_library).setLevel(logging.CRITICAL)

MAX_ELEMENTS = 50_000  # a news page holds a few thousand; trafilatura takes seconds per 50,000
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})  # trafilatura's "rend"; h1 is the headline
_ROWS = ("list", "table")  # blocks whose items (or rows) are each a paragraph
_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
HEADLINE_WORDS = 4  # a logo or a section name in an <h1> is shorter
SITE_NAME_WORDS = 3  # "Headline - The Example Blog": a short tail after a separator names the site
_AUTHOR_SEPARATOR = "; "  # how trafilatura joins several authors
_UNSEEN = ("head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
           "select", "button", etree.Comment, etree.ProcessingInstruction)
_LINE_BREAKS = ("title", "p", "div", "br", "li", "dt", "dd", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                "blockquote", "pre", "figcaption", "section", "article", "header", "footer", "nav", "aside", "form")


def page_bytes(name: str, data: bytes, limit: int) -> bytes:
    """The page a file named `name` holds: `data` itself, or for a .html.gz the page inside,
    refused when it unpacks to more than `limit` bytes."""
    if not name.lower().endswith(".gz"):
        return data
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        page = inflater.decompress(data, limit + 1)
    except zlib.error as err:
        raise InputError(f"not a readable gzip file ({err})") from None
    if len(page) > limit:
        raise InputError(f"the page unpacks to over {limit // 2**20} MB; articles over {limit // 2**20} MB are refused")
    return page


def read_page(data: bytes) -> tuple[str, PageMetadata]:
    """(the article as Markdown blocks, the page's metadata). Raises InputError when the
    page cannot be parsed, is too large to be an article page, or has no article text."""
    tree = trafilatura.load_html(data)
    if tree is None:
        raise InputError("not an HTML page (no markup could be parsed)")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise InputError(f"the page has {elements:,} HTML elements; pages over {MAX_ELEMENTS:,} are refused "
                         "(an article page has a few thousand)")
    language = _declared_language(tree)  # read first: trafilatura prunes the tree it is given
    headings = [text for h1 in tree.iter("h1") if (text := _text(h1))]
    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, favor_precision=True)
    blocks = list(_blocks(document.body)) if document is not None and document.body is not None else []
    if not blocks:
        raise InputError("no article text found in the page")
    meta = PageMetadata(
        title=_headline(headings, _text(document.title), _text(document.sitename)),
        author=_text(document.author.replace(_AUTHOR_SEPARATOR, ", ")) if document.author else None,
        date=document.date,
        site_name=_site_name(_text(document.sitename), document.hostname),
        url=document.url,
        language=language,
    )
    return "\n\n".join(blocks), meta


def _headline(headings: list[str], title: str | None, site_name: str | None) -> str | None:
    """The headline a reader sees: the page's only <h1> when it is headline-long, or its <h1> that
    says what its <title> says (a page's other <h1> is its logo or a section name); else the
    <title> without the site's name. An <h1> that is the site's name is its logo."""
    site_names = {name.casefold() for name in (site_name, _title_tail(title)) if name}
    headings = [heading for heading in headings if heading.casefold() not in site_names]
    if len(headings) == 1 and len(headings[0].split()) >= HEADLINE_WORDS:
        return headings[0]
    words = set(_WORD.findall((title or "").casefold()))
    for heading in headings:
        shared = words & set(_WORD.findall(heading.casefold()))
        if len(shared) >= len(words) / 2:
            return heading
    return _without_site_name(title, site_name) if title else None


def _title_tail(title: str | None) -> str | None:
    """What follows the <title>'s last separator ("Headline | Example News" -> "Example News")."""
    for separator in _TITLE_SEPARATORS:
        head, found, tail = (title or "").rpartition(separator)
        if found and head.strip() and tail.strip():
            return tail.strip()
    return None


def _without_site_name(title: str, site_name: str | None) -> str:
    """'Headline | Site' or 'Site: Headline' -> 'Headline', when the part cut off is the site's name
    or a short label after a separator ("Headline - TechCrunch")."""
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head and (len(tail.split()) <= SITE_NAME_WORDS or _same_name(tail, site_name)):
            return head.strip()
    if site_name and title.casefold().startswith(site_name.casefold() + ":"):
        return title[len(site_name) + 1:].strip()
    return title


def _site_name(name: str | None, hostname: str | None) -> str | None:
    """The name the page gives its site, without a tagline ("Site | Our tagline"). trafilatura's
    guess from the address ("Nj" for nj.com) is no name: the outlet is then decided as for text."""
    if not name or (hostname and name.casefold() == hostname.removeprefix("www.").split(".")[0]):
        return None
    return name.split(" | ")[0].strip() or None


def _same_name(a: str, b: str | None) -> bool:
    return b is not None and a.casefold().strip() == b.casefold().strip()


def _blocks(body: etree._Element):
    """Markdown blocks from trafilatura's XML body, in page order."""
    for element in body:
        if element.tag == "head":
            if (text := _text(element)) and element.get("rend", "h2") in HEADINGS:
                yield f"## {text}"
            elif text:
                yield text  # the headline repeated in the body: the clean stage knows it as the title
        elif element.tag in _ROWS:
            yield from filter(None, (_text(row, " | ") for row in element.iterchildren("item", "row")))
        elif element.tag == "quote" and len(element) and element[0].tag == "p":
            yield from filter(None, map(_text, element))
        elif element.tag not in ("graphic", "lb") and (text := _text(element)):
            yield text


def _text(node: etree._Element | str | None, cells: str = " ") -> str | None:
    """The visible text of an element (cells of a table row joined by `cells`), or of a string,
    with its whitespace folded; None when there is none."""
    if node is None:
        return None
    if isinstance(node, str):
        parts = [node]
    elif node.tag == "row":
        parts = [cells.join(filter(None, (_text(cell) for cell in node)))]
    else:
        parts = list(node.itertext())
    text = " ".join(" ".join(parts).split())
    return text or None


def _declared_language(tree: etree._Element) -> str | None:
    """The page's declared language: <html lang>, else the Content-Language or og:locale meta."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        found = tree.xpath('//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")="content-language"]'
                           '/@content | //meta[@property="og:locale"]/@content')
        declared = found[0] if found else None
    declared = (declared or "").strip().replace("_", "-")
    return declared.split(",")[0].strip() or None


def page_text(data: bytes) -> str:
    """The text a reader sees on the page, one block a line: the raw copy the site publishes
    instead of the page's HTML, which never reaches a reader as markup."""
    tree = trafilatura.load_html(data)
    if tree is None:
        return ""
    title = tree.findtext(".//title") or ""
    etree.strip_elements(tree, *_UNSEEN, with_tail=False)
    for element in tree.iter(*_LINE_BREAKS):  # a line of its own: a break before its text and after it
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in [title, *"".join(tree.itertext()).split("\n")])
    return "\n".join(filter(None, lines)) + "\n"
