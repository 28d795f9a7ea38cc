"""Write a large made-up programme in c3voc JSON, for measuring hldtui at congress scale.

Usage: python benchmarks/generate.py [--sessions 10000] [--days 5] [--36c3] [-o FILE]
--36c3 writes a programme of 36C3's size and shape instead: 1,351 sessions in about 90
rooms over 4 congress days, with abstracts and descriptions in HTML, as the congress's
own file has. Every name in it is generated; it describes no real event.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

WORDS = [
    "open",
    "source",
    "hardware",
    "security",
    "privacy",
    "network",
    "protocol",
    "data",
    "migration",
    "policy",
    "community",
    "design",
    "research",
    "energy",
    "climate",
    "mobility",
    "rights",
    "archive",
    "radio",
    "kernel",
    "compiler",
    "garden",
    "music",
    "memory",
    "language",
    "ethics",
    "market",
    "city",
    "map",
    "sensor",
    "satellite",
]
KINDS = ["lecture", "workshop", "talk", "panel", "meeting", "other"]


CONGRESS = {"sessions": 1351, "days": 4, "rooms": 90, "html": True}
"""36C3's size and shape."""


def html_text(rng: random.Random, words: int) -> str:
    """Paragraphs with emphasis, a link and an entity, as congress abstracts are written."""
    paragraphs = []
    for _ in range(rng.randint(1, 3)):
        text = " ".join(rng.choice(WORDS) for _ in range(words // 2))
        link = f'<a href="https://example.org/{rng.choice(WORDS)}">{rng.choice(WORDS)}</a>'
        paragraphs.append(f"<p>{text.capitalize()} <em>{rng.choice(WORDS)}</em> &amp; {link}.</p>")
    return "\n".join(paragraphs)


def programme(
    sessions: int, days: int, *, rooms: int | None = None, html: bool = False, seed: int = 2013
) -> dict[str, Any]:
    rng = random.Random(seed)
    zone = timezone(timedelta(hours=1))
    first = date(2030, 12, 27)
    count = rooms or max(2, sessions // 60)
    halls = [f"Hall {n}" for n in range(1, count + 1)]
    tracks = [f"{rng.choice(WORDS).title()} & {rng.choice(WORDS).title()}" for _ in range(20)]
    by_day: list[dict[str, list[dict[str, Any]]]] = [{} for _ in range(days)]
    for number in range(1, sessions + 1):
        day = number % days
        start = datetime.combine(first + timedelta(days=day), datetime.min.time(), zone)
        start += timedelta(hours=10, minutes=15 * rng.randrange(0, 64))
        length = rng.choice([15, 30, 45, 60, 90])
        room = rng.choice(halls)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9))).capitalize()
        by_day[day].setdefault(room, []).append(
            {
                "guid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "id": number,
                "date": start.isoformat(),
                "start": f"{start:%H:%M}",
                "duration": f"{length // 60:02d}:{length % 60:02d}",
                "room": room,
                "slug": f"gen-{number}",
                "url": f"https://example.org/events/{number}",
                "title": title,
                "subtitle": "",
                "track": rng.choice(tracks),
                "type": rng.choice(KINDS),
                "language": "en",
                "abstract": html_text(rng, 40)
                if html
                else " ".join(rng.choice(WORDS) for _ in range(40)),
                "description": html_text(rng, 120) if html else "",
                "persons": [
                    {"id": number * 10 + n, "public_name": f"Speaker {number}.{n}"}
                    for n in range(1, (rng.randint(1, 3) if html else 1) + 1)
                ],
                "links": [],
            }
        )
    return {
        "schedule": {
            "version": "generated",
            "conference": {
                "acronym": "gencon",
                "title": f"Generated congress ({sessions} sessions)",
                "start": first.isoformat(),
                "end": (first + timedelta(days=days - 1)).isoformat(),
                "daysCount": days,
                "timeslot_duration": "00:15",
                "days": [
                    {
                        "index": index + 1,
                        "date": (first + timedelta(days=index)).isoformat(),
                        "day_start": f"{first + timedelta(days=index)}T10:00:00+01:00",
                        "day_end": f"{first + timedelta(days=index + 1)}T04:00:00+01:00",
                        "rooms": rooms_of_day,
                    }
                    for index, rooms_of_day in enumerate(by_day)
                ],
            },
        }
    }


def write(path: Path, sessions: int, days: int, **shape: Any) -> Path:
    path.write_text(json.dumps(programme(sessions, days, **shape)), encoding="utf-8")
    return path


def write_congress(path: Path) -> Path:
    """A programme of 36C3's size and shape."""
    return write(path, **CONGRESS)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--36c3", dest="congress", action="store_true", help="36C3's shape")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    shape = CONGRESS if args.congress else {"sessions": args.sessions, "days": args.days}
    text = json.dumps(programme(**shape))  # type: ignore[arg-type]
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
