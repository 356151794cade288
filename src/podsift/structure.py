"""Structure a raw transcript gets at ingest: speaker names, estimated times, chapters where it has
none, and the full names its own words write for guests given as slugs."""

from __future__ import annotations

from podsift.chapters import auto_chapters
from podsift.model import Episode
from podsift.people import GUEST_NAMES, written_guest_names
from podsift.speakers import join_first_names, name_generic_speakers
from podsift.words import WORDS_PER_MINUTE, spoken_words


def estimate_times(episode: Episode) -> bool:
    """Give an untimed transcript times from its word counts; True if it did.

    Speech is spread evenly over the episode's duration when the source gives one,
    else at WORDS_PER_MINUTE. The episode is marked (``extra["times_estimated"]``)
    so every place that shows a time can say it is an estimate.
    """
    if any(s.start is not None for s in episode.segments):
        return False
    words = sum(spoken_words(s.text) for s in episode.segments)
    if not words:  # only directions, or text that was nothing but control characters
        return False
    per_second = words / episode.duration if episode.duration else WORDS_PER_MINUTE / 60
    clock = 0.0
    for seg in episode.segments:
        seg.start = round(clock, 1)
        clock += spoken_words(seg.text) / per_second
        seg.end = round(clock, 1)
    basis = "spread over the episode's duration" if episode.duration else f"at {WORDS_PER_MINUTE} words a minute"
    episode.finish()  # chapters and duration take the new times, as for any timed source
    episode.extra["times_estimated"] = True
    episode.repair("times_estimated", f"the source has no times; estimated from {words:,.0f} words, {basis}")
    return True


def end_last_turn(episode: Episode) -> bool:
    """Give the last segment an end where the source times only its start; True if it did.

    A transcript that times each turn's start (Otter, a YouTube panel copy) never says when the
    last one ends, so its length would be that turn's start, short by the whole turn. The end is
    the turn's words at WORDS_PER_MINUTE. A length the source states is kept when it runs past
    the last start: the turn may end anywhere before it.
    """
    if not episode.segments:
        return False
    last = episode.segments[-1]
    if last.start is None or last.end is not None or (episode.duration or 0) > last.start:
        return False
    words = spoken_words(last.text)
    if not words:
        return False
    last.end = round(last.start + words * 60 / WORDS_PER_MINUTE, 1)
    episode.duration = last.end
    episode.repair("last_end", f"the source times the last turn's start only; its end estimated from its "
                               f"{words:,.0f} words at {WORDS_PER_MINUTE} a minute")
    return True


def add_structure(episode: Episode, *, chapters: bool = True) -> None:
    """Name generic speakers, estimate missing times, give a chapterless episode chapters."""
    name_generic_speakers(episode)
    join_first_names(episode)
    if not estimate_times(episode):
        end_last_turn(episode)
    if written := written_guest_names(episode):  # "Marcello La Rocca" for "marcellolarocca", for people to show
        episode.extra[GUEST_NAMES] = written
    if chapters and not episode.chapters:
        generated = auto_chapters(episode)
        if len(generated) > 1:
            episode.chapters = generated
            episode.repair(
                "chapters_generated",
                f"{len(generated)} chapters computed from the turns (the source has none); "
                "marked as generated",
            )
