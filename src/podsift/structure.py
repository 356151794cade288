"""Structure a raw transcript gets at ingest: speaker names and chapters where it has none."""

from __future__ import annotations

from podsift.chapters import auto_chapters
from podsift.model import Episode
from podsift.speakers import name_generic_speakers


def add_structure(episode: Episode, *, chapters: bool = True) -> None:
    """Name generic speakers from what they say; give a chapterless episode generated chapters."""
    name_generic_speakers(episode)
    if chapters and not episode.chapters:
        generated = auto_chapters(episode)
        if len(generated) > 1:
            episode.chapters = generated
            episode.repair(
                "chapters_generated",
                f"{len(generated)} chapters computed from the turns (the source has none); "
                "marked as generated",
            )
