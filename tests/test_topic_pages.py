"""A topic page as a reader sees it: how many articles are about the topic and how many
mention it in passing, and each group under its own heading, newest first."""

from __future__ import annotations

import re

from generator.build import Project, build
from generator.render import TOPIC_LEVELS
from sitebuild import make_project

ABOUT = """{title}

{date}

Russian and NATO generals met for talks on restoring dialogue between their militaries.

Both sides agreed to keep the dialogue going and to meet again for further talks with Moscow.
"""

IN_PASSING = """{title}

{date}

NATO allies agreed to raise defense spending toward 2 percent of GDP by the end of the decade.

Several governments said their defense budgets would grow faster than planned.

Separately, officials said talks with Moscow on air safety would continue.
"""


def titles(listing: str) -> list[str]:
    return re.findall(r'">([^<]+)</a>', listing)


def test_topic_page_counts_and_groups_both_levels(tmp_path):
    files = {
        "a.txt": ABOUT.format(title="Generals Resume Talks", date="May 2, 2019"),
        "b.txt": IN_PASSING.format(title="Allies Raise Budgets", date="May 3, 2019"),
        "c.txt": ABOUT.format(title="Envoys Meet Again", date="June 9, 2019"),
    }
    project = Project.at(make_project(tmp_path / "project", {n: t.encode() for n, t in files.items()},
                                      with_samples=False))
    report = build(project)
    levels = {a.title: [level for level in ("primary", "mentioned") if any(h.id == "dialogue" for h in a.topics[level])]
              for a in report.articles}
    assert levels == {"Generals Resume Talks": ["primary"], "Allies Raise Budgets": ["mentioned"],
                      "Envoys Meet Again": ["primary"]}

    page = (project.content / "topics/dialogue.md").read_text("utf-8")
    assert "**2** primary · **1** mentioned" in page
    primary, mentioned = page.split(f"## {TOPIC_LEVELS['primary']}")[1].split(f"## {TOPIC_LEVELS['mentioned']}")
    assert titles(primary) == ["Envoys Meet Again", "Generals Resume Talks"]
    assert titles(mentioned) == ["Allies Raise Budgets"]
