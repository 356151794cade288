"""Oyez's oral-argument transcripts of the Supreme Court of the United States, as its API serves them.

Oyez licenses its transcripts CC BY-NC, so the shape (from an archive of its API's answers) is a
faithful sample written here: a case's session, the recording's files, and sections of turns whose
text blocks carry their own times.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import read, timeline

from podsift.model import SourceRejected


def _speaker(name: str, roles: list[dict[str, Any]] | None) -> dict[str, Any]:
    slug = name.lower().replace(" ", "_").replace(".", "")
    return {"roles": roles, "view_count": 0, "href": f"https://api.oyez.org/people/{slug}", "name": name,
            "last_name": name.split()[-1], "identifier": slug, "ID": 1}  # fmt: skip


CHIEF = _speaker("Ruth Example", [
    {"institution_name": "Supreme Court of the United States", "type": "scotus_justice", "date_start": -16570800,
     "date_end": 528094800, "role_title": "Chief Justice of the United States"}])  # fmt: skip
ADVOCATE = _speaker("Sam Q. Counsel", None)
ARGUMENT = {
    "title": "Oral Argument - December 13, 1971",
    "damaged": False,
    "id": 12345,
    "unavailable": False,
    "transcript": {
        "title": "Doe v. Example",
        "sections": [
            {"start": 0, "stop": 30.5, "turns": [
                {"speaker": CHIEF, "start": 0, "stop": 12.25, "text_blocks": [
                    {"start": 0, "stop": 6.5, "text": "We will hear arguments in number 12, Doe against Example."},
                    {"start": 6.5, "stop": 12.25, "text": "Mr. Counsel, you may proceed."}]},
                {"speaker": ADVOCATE, "start": 12.25, "stop": 30.5, "text_blocks": [
                    {"start": 12.25, "stop": 30.5, "text": "Mr. Chief Justice, and may it please the Court. (Inaudible)"}]},
            ]},
            {"start": 30.5, "stop": 41, "turns": [
                {"speaker": None, "start": 30.5, "stop": 33, "text_blocks": [
                    {"start": 30.5, "stop": 33, "text": "Thank you."}]},
                {"speaker": CHIEF, "start": 33, "stop": 41, "text_blocks": [
                    {"start": 33, "stop": 41, "text": "The case is submitted."}]},
            ]},
        ],
        "duration": 41.2,
    },
    "media_file": [
        {"mime": "audio/ogg", "href": "https://s3.amazonaws.com/oyez.case-media.ogg/case_data/1971/12/x.ogg", "id": 2},
        {"mime": "audio/mpeg", "href": "https://s3.amazonaws.com/oyez.case-media.mp3/case_data/1971/12/x.mp3", "id": 1},
    ],
    "public_note": None,
}  # fmt: skip


def test_oyez_text_blocks_are_timed_segments_of_their_speakers_with_the_sessions_title_date_and_audio() -> None:
    # Refused before: "JSON object has no 'segments' list … and is no speech service's output".
    episode = read("1971.12-345-t01.json", json.dumps(ARGUMENT, indent=2))
    assert episode.source_format == "oyez"
    assert timeline(episode) == [
        (0.0, 6.5, "Ruth Example", "We will hear arguments in number 12, Doe against Example."),
        (6.5, 12.25, "Ruth Example", "Mr. Counsel, you may proceed."),
        (12.25, 30.5, "Sam Q. Counsel", "Mr. Chief Justice, and may it please the Court."),
        (30.5, 33.0, None, "Thank you."),
        (33.0, 41.0, "Ruth Example", "The case is submitted."),
    ]
    assert episode.segments[2].directions == ["(Inaudible)"]
    assert (episode.title, episode.date, episode.duration) == ("Doe v. Example: Oral Argument", "1971-12-13", 41.2)
    assert episode.media_url == "https://s3.amazonaws.com/oyez.case-media.mp3/case_data/1971/12/x.mp3"
    assert episode.extra["roles"] == {"Ruth Example": "Chief Justice of the United States"}
    assert episode.guests == ["Sam Q. Counsel"]
    assert any(r.kind == "oyez_transcript" and "1 turn names no speaker" in r.detail for r in episode.repairs)


def test_an_oyez_record_without_transcript_text_is_refused() -> None:
    empty = {**ARGUMENT, "transcript": {"title": "Doe v. Example", "sections": [{"turns": [
        {"speaker": CHIEF, "start": 0, "stop": 1, "text_blocks": [{"start": 0, "stop": 1, "text": ""}]}]}]}}  # fmt: skip
    with pytest.raises(SourceRejected, match="no words in its text blocks"):
        read("empty.json", json.dumps(empty))


def test_each_section_is_a_chapter_named_by_its_advocate_and_a_second_turn_is_the_rebuttal() -> None:
    # Oyez's sections (each side's argument, then the rebuttal) had no titles: the archive showed
    # one hour-long argument with generated chapter titles.
    other = _speaker("Ann Respondent", None)

    def section(start: float, advocate: dict[str, Any], words: str) -> dict[str, Any]:
        return {"start": start, "stop": start + 20, "turns": [
            {"speaker": CHIEF, "start": start, "stop": start + 5, "text_blocks": [
                {"start": start, "stop": start + 5, "text": "You may proceed, counsel, whenever you are ready."}]},
            {"speaker": advocate, "start": start + 5, "stop": start + 20, "text_blocks": [
                {"start": start + 5, "stop": start + 20, "text": words}]}]}  # fmt: skip

    argued = {**ARGUMENT, "transcript": {**ARGUMENT["transcript"], "sections": [
        section(0, ADVOCATE, "May it please the Court."), section(20, other, "The statute is valid."),
        section(40, ADVOCATE, "Briefly, in rebuttal.")]}}  # fmt: skip
    episode = read("1971.12-345-t01.json", json.dumps(argued))
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [
        ("Argument of Sam Q. Counsel", 0, 0), ("Argument of Ann Respondent", 20, 2),
        ("Rebuttal of Sam Q. Counsel", 40, 4)]  # fmt: skip
    # A section where only the Court speaks names no advocate: then no section is titled.
    assert read("1971.12-345-t01.json", json.dumps(ARGUMENT)).chapters == []
