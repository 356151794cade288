"""Which names are recordings: the suffixes of the audio and video files podsift plays or transcribes.

One list serves every reader, so a page's ``audio:`` link, a transcription log's chunk and
``podsift ingest talk.m4b`` agree on what a recording is.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

AUDIO_SUFFIXES = frozenset({".mp3", ".m4a", ".m4b", ".aac", ".wav", ".flac", ".ogg", ".oga", ".opus", ".aif", ".aiff",
                            ".wma"})  # fmt: skip
# Given to `podsift ingest`, a video's sound is transcribed; feeds still skip video enclosures.
VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv"})
MEDIA_SUFFIXES = AUDIO_SUFFIXES | VIDEO_SUFFIXES

# Longest first, so "aiff" is not read as "aif" and a letter.
_SUFFIX = "|".join(sorted((s[1:] for s in MEDIA_SUFFIXES), key=len, reverse=True))
# A recording's file name inside a line of text: "Processing ep12.mp3 ...".
MEDIA_FILE_NAME = re.compile(rf"[\w.-]+\.(?:{_SUFFIX})\b", re.IGNORECASE)
# The end of a recording's address: "https://host/ep12.mp3?dl=1".
MEDIA_URL_END = re.compile(rf"\.(?:{_SUFFIX})(?:[?#]|$)", re.IGNORECASE)


def is_media_file(path: str | Path) -> bool:
    """Whether a file's name says it is audio or video."""
    return Path(path).suffix.lower() in MEDIA_SUFFIXES


def url_suffix(url: str) -> str:
    """The lower-cased suffix of an address's path: ".mp3" for "https://h/a/ep.MP3?x=1#t=4"."""
    return PurePosixPath(urlsplit(url).path).suffix.lower()
