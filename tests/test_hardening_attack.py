"""Issue 16, checked again with new cases of each kind: shapes of text, YAML, fields and
files the first round's tests did not try. Each case failed (crash, hang, markup) before its fix."""

from __future__ import annotations

import pytest

from test_hardening_regex import SIZE, cpu_seconds


def short_lines(template: str, size: int) -> str:
    """A page of distinct short lines and no prose (a list of links, a table copied as text)."""
    lines, total = [], 0
    while total < size:
        lines.append(template.format(len(lines)))
        total += len(lines[-1]) + 1
    return "\n".join(lines)


@pytest.mark.parametrize("template", ["{}", "A{}", "Aa Bb {}"])
def test_a_page_of_short_lines_extracts_in_linear_time(template):
    """Each headline-like line looked for the next line of text among all that follow it:
    64 KB of numbers took 21 s, 256 KB over a minute."""
    articles = [(f"{size}.txt", short_lines(template, size), "text", {}) for size in (SIZE // 4, SIZE)]
    seconds = cpu_seconds(articles, limit=30)
    assert seconds[f"{SIZE}.txt"] < 3, seconds
    assert seconds[f"{SIZE}.txt"] < 8 * seconds[f"{SIZE // 4}.txt"] + 0.5, seconds
