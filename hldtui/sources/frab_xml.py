"""Loader for frab/Pentabarf `schedule.xml`, from the root that `xml_files` parsed."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from xml.etree.ElementTree import Element

from hldtui.model import Schedule
from hldtui.sources.errors import quoted
from hldtui.sources.frab import Builder, RawConference, RawDay, RawEvent, RawLink, RawPerson

FORMAT_NAME = "frab XML"


def load_frab_xml(path: Path, root: Element, zone: tzinfo | None = None) -> Schedule:
    builder = Builder(path, FORMAT_NAME, zone)
    if root.tag != "schedule":
        builder.fail(
            root.tag, f"expected a <schedule> element at the top, found {quoted(root.tag)}."
        )
    conference = root.find("conference")
    if conference is None:
        builder.fail("schedule", "the <conference> element is missing.")
    raw = RawConference(
        title=_text(conference, "title"),
        acronym=_text(conference, "acronym"),
        start=_text(conference, "start"),
        end=_text(conference, "end"),
        days_count=_text(conference, "days"),
        time_zone_name=_text(conference, "time_zone_name"),
        day_change=_text(conference, "day_change"),
        venue=_text(conference, "venue"),
        city=_text(conference, "city"),
        base_url=_text(conference, "base_url") or _text(root, "base_url"),
        url=_text(conference, "url"),
    )
    events = []
    # Only direct children count, as the format nests them, so that elements nested
    # inside each other cannot multiply the events.
    for day_number, day in enumerate(root.findall("day"), start=1):
        where_day = f"day[{day_number}]"
        raw_day = RawDay(
            label=builder.day_date(day.get("date", ""), f"{where_day}@date")
            if day.get("date")
            else None,
            start=builder.day_moment(day.get("start", ""), f"{where_day}@start"),
            end=builder.day_moment(day.get("end", ""), f"{where_day}@end"),
        )
        raw.days.append(raw_day)
        for room in day.findall("room"):
            room_name = room.get("name", "")
            raw.rooms.append(room_name)
            for event in room.findall("event"):
                events.append(_event(event, f"{where_day}/room[{room_name}]", raw_day, room_name))
    if not events and root.find(".//event") is not None:
        builder.fail(
            "schedule",
            "the file has <event> elements, but none inside a <day> and its <room>, where "
            "frab's schedule.xml puts them, so it has no sessions hldtui can read.",
        )
    return builder.schedule(raw, events)


def _event(element: Element, where: str, day: RawDay, room: str) -> RawEvent:
    key = element.get("guid") or element.get("id") or "?"
    links = [
        RawLink(
            url=link.get("href", ""), title=(link.text or "").strip(), type=link.get("type", "")
        )
        for link in element.findall("links/link")
    ]
    links += [
        RawLink(
            url=item.get("href", ""),
            title=(item.text or "").strip(),
            type=item.get("type", "attachment"),
        )
        for item in element.findall("attachments/attachment")
    ]
    if video := _text(element, "video_download_url"):
        links.append(RawLink(url=video, title="Recording", type="recording"))
    return RawEvent(
        where=f"{where}/event[{key}]",
        day=day,
        guid=element.get("guid", ""),
        id=element.get("id", ""),
        code=element.get("code", "") or _text(element, "code"),
        slug=_text(element, "slug"),
        date=_text(element, "date"),
        start=_text(element, "start"),
        end=_text(element, "end"),
        duration=_text(element, "duration"),
        room=_text(element, "room") or room,
        title=_text(element, "title"),
        subtitle=_text(element, "subtitle"),
        track=_text(element, "track"),
        type=_text(element, "type"),
        language=_text(element, "language"),
        abstract=_text(element, "abstract"),
        description=_text(element, "description"),
        url=_text(element, "url"),
        persons=[
            RawPerson(name=(person.text or "").strip(), keys=(person.get("id", ""),))
            for person in element.findall("persons/person")
        ],
        links=links,
        not_recorded=_text(element, "recording/optout").lower() == "true",
        feedback_url=_text(element, "feedback_url"),
    )


def _text(element: Element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "").strip() if child is not None else ""
