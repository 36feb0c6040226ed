"""YAML that users write (front matter, taxonomy files), loaded as plain data only.

Always the safe loader (no Python objects), and no aliases: `*name` lets a file of a few
kilobytes stand for gigabytes once anything walks the data (nine nested nine-fold
aliases), and nothing a user writes here needs one. An alias is refused before any
value is built, with the line it is on.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's safe loader when PyYAML was built with it (ten times faster), else the Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(text: str | bytes) -> Any:
    """The document's data. Raises yaml.YAMLError (a MarkedYAMLError, with the line, for an alias)."""
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed; write the value out",
                                       problem_mark=event.start_mark)
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
