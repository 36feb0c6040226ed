"""Search: names findable without cluttering results; a person's own page first.

Material's search results show every tag of a page as a chip, so a page whose tags held
every spelling of every person it names showed some thirty chips. Pages keep in `tags`
only what a result should show (an actor page its canonical name; an article its outlet,
author and topics) and list the names a search should also find them by in their
`search_names` front matter. `add_search_names` puts those in the page's search entry as
a field of their own, weighted like the tags (Material's search worker indexes every
field its config names) and never shown. Only the page's own entry gets them, not each of
its sections, so a section matches a name only by what it says.

Actor pages carry `search: boost: PERSON_BOOST` (front matter Material reads), so a
search for a person's name lists the person's page before the articles naming them.
"""

from __future__ import annotations

from typing import Any

SEARCH_NAMES = "search_names"  # front matter key, and the search field
PERSON_BOOST = 4  # search weight of an actor page, against 1 for other pages
_TAGS_WEIGHT = 1e6  # Material's default weight of the `tags` field


def add_search_names(plugins: Any, names_by_url: dict[str, list[str]]) -> None:
    """Add each page's search names to its own entry in every search index that keeps its
    entries as a list (Material's), and have the index search that field. Call it before
    the search plugin writes its index (in its on_post_build)."""
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if not isinstance(getattr(index, "entries", None), list):
            continue
        fields = index.config.setdefault("fields", {})
        fields.setdefault(SEARCH_NAMES, {"boost": fields.get("tags", {}).get("boost", _TAGS_WEIGHT)})
        for entry in index.entries:
            if names := names_by_url.get(entry["location"]):
                entry[SEARCH_NAMES] = names
