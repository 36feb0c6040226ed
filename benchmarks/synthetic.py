"""Deterministic synthetic corpus: N raw articles shaped like text copied from news pages.

    python -m benchmarks.synthetic OUT_DIR --count 1000 --seed 0

All text is made up here from templates and word lists (no third-party text).
Each article mixes what real pages carry: furniture before the headline,
standfirsts, bylines, captions with credits, date lines or datelines (some
without a year, some with none at all), subheadings, quotes in several shapes,
mid-text ads, related headlines, player residue and trailing blocks.
The same seed and count always give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SHORT_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OUTLETS = [("Baltic Ledger", "BL", "baltic-ledger.test"), ("Harbor Post", "HPN", "harbor-post.test"),
           ("Northern Wire", "NW", "northern-wire.test"), ("Capital Dispatch", "CD", "capital-dispatch.test")]
# (full forms, surname) of taxonomy actors, in the spellings articles use.
PEOPLE = [
    (["Defense Secretary Jim Mattis", "James Mattis", "Jim Mattis"], "Mattis"),
    (["Russian Defense Minister Sergei Shoigu", "Sergey Shoigu", "Sergei Shoygu"], "Shoigu"),
    (["President Donald Trump", "Donald Trump"], "Trump"),
    (["Russian President Vladimir Putin", "Vladimir Putin"], "Putin"),
    (["Gen. Joseph Dunford", "Joseph Dunford"], "Dunford"),
    (["Secretary of State Mike Pompeo", "Mike Pompeo"], "Pompeo"),
    (["Foreign Minister Sergei Lavrov", "Sergey Lavrov"], "Lavrov"),
    (["NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg"], "Stoltenberg"),
    (["Gen. Valery Gerasimov", "Valeriy Gerasimov"], "Gerasimov"),
    (["Secretary of State Rex Tillerson", "Rex Tillerson"], "Tillerson"),
]
INVENTED = [("Anna Kowalczyk", "a senior fellow at the Vistula Policy Institute"),
            ("Tomas Varga", "a former defense ministry official"),
            ("Ilse Brandt", "an analyst at the Kiel Security Forum"),
            ("Marco Ferrante", "a retired naval commander")]
PLACES = ["Brussels", "Helsinki", "Vienna", "Geneva", "Baku", "Warsaw", "Tallinn"]
SENTENCES = {
    "dialogue": [
        "{a} said talks with Moscow on military contacts could resume if both sides agreed on an agenda.",
        "Officials in {place} described the meeting as a rare chance for dialogue between the militaries.",
        "{a} and {b} discussed ways to restore cooperation and avoid incidents in the air and at sea.",
        "The two sides agreed to keep a hotline open and to meet again before the end of the year.",
    ],
    "spending": [
        "Allies were urged to meet the guideline of spending two percent of GDP on defense.",
        "Only a handful of members currently meet the 2% target, while others spend about 1.2 percent.",
        "{a} said burden sharing would dominate the next ministerial meeting of the alliance.",
        "Several governments promised to raise defense budgets over the coming decade.",
    ],
    "crimea": [
        "Relations deteriorated sharply after Russia annexed Crimea in 2014.",
        "Sanctions imposed over the annexation of Crimea remain in place.",
    ],
    "filler": [
        "Cyber-attacks against government networks were also on the agenda.",
        "The exercises involved ships, aircraft and several thousand troops.",
        "Analysts said the statement was aimed as much at domestic audiences as at foreign capitals.",
        "No date has been set for a follow-up meeting, according to people familiar with the plans.",
        "The ministry said the drills were planned well in advance and posed no threat to anyone.",
    ],
}
QUOTES = ["We are ready to talk, but we will not accept pressure from anyone",
          "Dialogue is not a reward, it is a necessity when tensions are high",
          "Our allies must do more, and they know it",
          "There is no military solution to this problem",
          "We will judge them by their actions, not by their words"]
HEADLINES = ["{s} Says Door to Talks Remains Open", "Allies Weigh Spending Targets Ahead of {place} Meeting",
             "{s} Rules Out New Military Cooperation for Now", "Generals Meet in {place} as Tensions Simmer",
             "{s} warns of consequences as talks stall"]
FURNITURE_TOP = ["Navigation", "Skip to content", "Menu", "Advertisement", "  •  ",
                 "Subscribe to our newsletter for daily updates!"]
FURNITURE_MID = ["Advertisement", "Related article: Ministers Trade Accusations Over Drills",
                 "WATCH: Ministers arrive for talks\nplease wait\n0:00 0:00:40 0:00"]
FURNITURE_END = ["To participate in the discussion\nlog in or register", "Latest Headlines", "Share this article"]


def _date(rnd: random.Random) -> tuple[int, int, int]:
    return rnd.randint(2015, 2019), rnd.randint(1, 12), rnd.randint(1, 28)


def _person(rnd: random.Random) -> tuple[str, str]:
    forms, surname = rnd.choice(PEOPLE)
    return rnd.choice(forms), surname


def _paragraph(rnd: random.Random, topic: str, a: str, b: str, place: str) -> str:
    count = rnd.randint(2, 4)
    picked = [rnd.choice(SENTENCES[topic] if i == 0 else SENTENCES[rnd.choice(list(SENTENCES))]) for i in range(count)]
    text = " ".join(s.format(a=a, b=b, place=place) for s in picked)
    return text.replace(" the ", " the\u00a0", 1) if rnd.random() < 0.2 else text


def _quote(rnd: random.Random, speaker: str) -> str:
    quote = rnd.choice(QUOTES)
    shape = rnd.randrange(3)
    if shape == 0:
        return f"“{quote},” {speaker} said."
    if shape == 1:
        return f'{speaker} said, "{quote}."'
    return f"“{quote}.” He added: “{rnd.choice(QUOTES)}.”"


def article(index: int, rnd: random.Random) -> str:
    year, month, day = _date(rnd)
    outlet, short, domain = rnd.choice(OUTLETS)
    lead, lead_surname = _person(rnd)
    other, _ = _person(rnd)
    place = rnd.choice(PLACES)
    topic = rnd.choice(["dialogue", "dialogue", "spending", "crimea"])
    lines = rnd.sample(FURNITURE_TOP, rnd.randint(0, 3))
    lines.append(rnd.choice(HEADLINES).format(s=lead_surname, place=place) + f" ({index})")
    if rnd.random() < 0.3:
        lines.append(f"{lead_surname} said the next steps depend on what happens in {place}.")
    if rnd.random() < 0.5:
        lines.append(f"By {rnd.choice(['Jane Roe', 'John Doe', 'Maria Stone', 'Piotr Lis'])}")
    if rnd.random() < 0.5:
        lines.append(f"{lead} speaks in {place}, {SHORT_MONTHS[month - 1]} {day}, {year}. (Photo by Lee Park/{outlet})")
    dating = rnd.random()
    first = _paragraph(rnd, topic, lead, other, place)
    if dating < 0.6:
        lines.append(f"{MONTHS[month - 1]} {day:02d}, {year}" if rnd.random() < 0.5 else f"{year}-{month:02d}-{day:02d}")
    elif dating < 0.97:
        first = f"{place.upper()}, {SHORT_MONTHS[month - 1]} {day}, {year} ({short}) -- {first}"
    body = [first]
    for _ in range(rnd.randint(4, 12)):
        roll = rnd.random()
        if roll < 0.25:
            body.append(_quote(rnd, rnd.choice([lead_surname, other])))
        elif roll < 0.32:
            body.append(rnd.choice(FURNITURE_MID))
        elif roll < 0.38:
            name, role = rnd.choice(INVENTED)
            body.append(f"{name}, {role}, said the outcome was uncertain. {_paragraph(rnd, 'filler', lead, other, place)}")
        elif roll < 0.42:
            body.append("Spending targets")
            body.append(_paragraph(rnd, "spending", lead, other, place))
        else:
            body.append(_paragraph(rnd, rnd.choice(list(SENTENCES)), lead, other, place))
    lines += body
    lines += rnd.sample(FURNITURE_END, rnd.randint(0, 2))
    if rnd.random() < 0.3:
        lines.append(f"Original url:\n\n<https://www.{domain}/{year}/{month:02d}/{day:02d}/story-{index}>")
    return "\n\n".join(lines) + "\n"


def generate_corpus(out_dir: Path, count: int, seed: int = 0) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    paths = []
    for index in range(count):
        path = out_dir / f"{index:05d}.txt"
        path.write_text(article(index, rnd), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{len(generate_corpus(args.out_dir, args.count, args.seed))} articles written to {args.out_dir}")


if __name__ == "__main__":
    main()
