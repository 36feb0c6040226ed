"""YAML that users write (front matter, taxonomy files), loaded as plain data only.

Always the safe loader (no Python objects), and no aliases: `*name` lets a file of a few
kilobytes stand for gigabytes once anything walks the data (nine nested nine-fold
aliases), and nothing a user writes here needs one. Nor does anything need deep nesting,
which crashes the loaders (`[[[[...` 100,000 levels deep kills the process in libyaml's
composer; a few thousand levels overflow the Python constructor's recursion). An alias or
nesting deeper than MAX_DEPTH is refused before any value is built, with the line it is on.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's safe loader when PyYAML was built with it (ten times faster), else the Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # lists and mappings inside each other; taxonomy files use four
_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def load_data(text: str | bytes) -> Any:
    """The document's data. Raises yaml.YAMLError (a MarkedYAMLError, with the line, for an
    alias or too deep a nesting)."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed; write the value out",
                                       problem_mark=event.start_mark)
        depth += isinstance(event, _OPENING) - isinstance(event, _CLOSING)
        if depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(problem=f"lists and mappings nested more than {MAX_DEPTH} deep",
                                       problem_mark=event.start_mark)
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)


def where(err: yaml.YAMLError, first_line: int = 1) -> str:
    """' at line N: cause (context that starts at line M)', one line; `first_line` is the file's
    line number of the YAML's first line (2 in front matter, under the opening '---')."""
    mark = getattr(err, "problem_mark", None)
    at = f" at line {mark.line + first_line}" if mark is not None else ""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context, context_mark = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context and context_mark is not None:
        problem += f" ({context} that starts at line {context_mark.line + first_line})"
    return f"{at}: {problem}"
