"""Titles made from names, for a source that gives none: its file's name, or where that says only
what the file is ("transcript.md", "1-google-speech-transcription.json", "final-transcribed.trs"),
the name of the recording it transcribes or of the folder that holds it.

"freelancing-in-data.srt" -> "Freelancing in data", "000_582f84bb1ce279fd.txt" -> "Episode 000",
"Scaling Kafka [dQw4w9WgXcQ].en.vtt" -> "Scaling Kafka", "5_9.srt" (a season and an episode, as
a show's download script names them) -> "Season 5, Episode 9", "2024_01.vtt" -> "2024-01".
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath
from typing import Any
from urllib.parse import unquote, urlsplit

from podsift.media_files import is_media_file
from podsift.words import word_frequency

_NAME_PARTS = re.compile(r"\d{4}-\d\d-\d\d|[^\s_.-]+")  # a date stays whole
# "s02e05-pricing.srt", "Show S2 E5.vtt": a season and an episode in a file's name.
_SEASON_EPISODE = re.compile(r"(?<![a-z\d])s(\d{1,3})[ ._-]?e(\d{1,4})(?!\d)", re.IGNORECASE)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_HEX = re.compile(r"[0-9a-f]{8,}", re.IGNORECASE)
_LANGUAGES = (
    "en de fr es it pt nl sv da no nb fi pl cs sk hu ro bg el tr ru uk ar he fa hi bn ur zh ja ko vi th id ms"
).split()
# Caption downloads name their language last ("talk.en.vtt", "talk.en-US.srt", yt-dlp's
# "talk.en-orig.vtt"): a tag, not part of the title. Common codes only, so "node.js" stays.
_LANGUAGE_SUFFIX = re.compile(rf"\.(?:{'|'.join(_LANGUAGES)})(?:[-_][a-z]{{2,4}})?(?:-orig)?$", re.IGNORECASE)
# A name of numbers alone: a season and an episode ("5_9"), a date ("2024_01", "18.03.26").
_NUMBERS_ONLY = re.compile(r"\d+(?:[\s_.-]+\d+)+")
# What tools and pipeline steps call their output ("transcript", "2-diarization-with-text",
# "final_text"): a name of only these says what the file is, not which episode it holds.
_TOOL_WORDS = frozenset(
    """
    transcript transcripts transcription transcriptions transcribed transcribe transkript transkription
    transcripcion transcripción transcrição transcricao trascrizione transcriptie
    diarization diarisation diarized diarised diarize speaker speakers speech text texts words word segments
    turns captions caption subtitles subtitle subs cc final raw merged merge aligned alignment cleaned clean
    edited corrected draft full auto automatic generated output out result results export exported
    with and of the to from by google aws amazon azure whisper whisperx deepgram assemblyai otter rev sonix
    trint descript speechmatics spokendata com ai io api stt asr recognition cloud audio video recording file
    transcriber converted saved manually updated chapters info align response gentle
""".split()
)
# Folders that hold transcripts rather than name one.
_CONTAINERS = frozenset(
    """
    episodes episode transcripts files data downloads download desktop documents tmp temp src docs public static
    assets content test tests dateien folgen episodios
""".split()
)


def without_language_tag(stem: str) -> str:
    """A file's stem without the caption language its name ends with ("talk.en-US" -> "talk")."""
    return _LANGUAGE_SUFFIX.sub("", stem) or stem


def _hash_like(part: str) -> bool:
    """A file-name part that is an id a machine made ("582f84bb1ce279fd", "dQw4w9WgXcQ"), not a word."""
    letters, digits = any(c.isalpha() for c in part), any(c.isdigit() for c in part)
    if _HEX.fullmatch(part):
        return digits and letters
    return len(part) >= 10 and digits and letters


def _words(name: str) -> list[str]:
    words = [w for w in _NAME_PARTS.findall(_UUID.sub(" ", name)) if not _hash_like(w)]
    return [w.upper() if _SEASON_EPISODE.fullmatch(w) else w for w in words]


def _says_something(words: list[str]) -> bool:
    return any(len(w) > 2 or w.isdigit() for w in words)  # more than a language tag ("en")


_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


# Zoom names every meeting's files alike: "meeting_saved_closed_caption.txt", "meeting_saved_chat.txt",
# "closed_caption.txt", "GMT20220412-055954_Recording.transcript.vtt"; and its folder
# "2024-03-05 10.02.11 Weekly Sync 81234567890" by date, time, topic and meeting id.
_ZOOM_FILE = re.compile(r"(?:meeting_saved_)?(?:closed_caption|chat|new_chat)|GMT\d{8}-\d{6}_Recording(?:[._].*)?",
                        re.IGNORECASE)
_ZOOM_FOLDER = re.compile(r"\d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d (?P<topic>.+?)(?: \d{9,11})?")


def _tool_words(words: list[str]) -> bool:
    """Whether a name is only what a tool or a pipeline step calls its output, after any step
    number and language tag ("1-google-speech-transcription", "transcript_zh-TW"), or one of
    Zoom's fixed names."""
    if _ZOOM_FILE.fullmatch("_".join(words)):
        return True
    rest = words[1:] if words and words[0].isdigit() else words
    rest = [w for k, w in enumerate(rest) if w.casefold() not in _LANGUAGES
            and not (k and rest[k - 1].casefold() in _LANGUAGES and len(w) == 2)]  # fmt: skip
    parts = [part for w in rest for part in (_CAMEL_PART.findall(w) or [w])]  # AWS's "asrOutput"
    return bool(parts) and all(part.casefold() in _TOOL_WORDS for part in parts)


def _leading_date(parts: list[str]) -> tuple[str, int] | None:
    """A year, month and maybe day opening ``parts`` ("2024", "01", "25", or "20240125" as yt-dlp and
    recorders write it) as an ISO date and how many parts it took."""
    if parts and len(parts[0]) == 8 and parts[0].isdigit() and 1900 <= int(parts[0][:4]) < 2100:
        with contextlib.suppress(ValueError):
            return datetime.date(int(parts[0][:4]), int(parts[0][4:6]), int(parts[0][6:])).isoformat(), 1
    if len(parts) < 2 or not (len(parts[0]) == 4 and parts[0].isdigit() and 1900 <= int(parts[0]) < 2100):
        return None
    if not (parts[1].isdigit() and len(parts[1]) <= 2 and 1 <= int(parts[1]) <= 12):
        return None
    year, month = int(parts[0]), int(parts[1])
    if len(parts) > 2 and parts[2].isdigit() and len(parts[2]) <= 2:
        with contextlib.suppress(ValueError):
            return datetime.date(year, month, int(parts[2])).isoformat(), 3
    return f"{year:04d}-{month:02d}", 2


def _day_first(parts: list[str]) -> bool:
    """Whether three numbers can be a day, a month and a year ("18.03.26", "25_01_2026")."""
    if len(parts) != 3 or len(parts[2]) not in (2, 4) or max(len(parts[0]), len(parts[1])) > 2:
        return False
    first, second = int(parts[0]), int(parts[1])
    return 1 <= min(first, second) and min(first, second) <= 12 and max(first, second) <= 31


def _numbers_season_episode(name: str) -> tuple[int, int] | None:
    """The season and episode a name of numbers alone gives ("5_9"), or None: a date is neither."""
    parts = re.findall(r"\d+", name)
    if (date := _leading_date(parts)) and date[1] == len(parts) or _day_first(parts):
        return None
    return (int(parts[0]), int(parts[1])) if len(parts) == 2 and len(parts[0]) <= 2 else None


def _numbers_title(name: str) -> str:
    """A name of numbers alone: a date, or a season and an episode, never "Episode 5: 9"."""
    parts = re.findall(r"\d+", name)
    date = _leading_date(parts)
    if date and date[1] == len(parts):
        return date[0]
    if _day_first(parts):
        return re.sub(r"[\s_]+", "-", name)  # as written: which of the first two is the month is not sure
    if numbers := _numbers_season_episode(name):
        return f"Season {numbers[0]}, Episode {numbers[1]}"
    return f"Episode {'-'.join(parts)}"


def _title(name: str, words: list[str]) -> str:
    if _NUMBERS_ONLY.fullmatch(name.strip()):
        return _numbers_title(name.strip())
    if (date := _leading_date(words)) is not None:
        words = [date[0], *words[date[1] :]]  # "2024_01_25_keynote": as "2024-01-25-keynote" reads
    if words[0].isdigit():  # a running number: "003" or "003_intro"
        rest = " ".join(words[1:])
        return f"Episode {words[0]}" + (f": {rest[:1].upper()}{rest[1:]}" if rest else "")
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _stem(name: str) -> str:
    """A file's name without its extension and language tag; "18.03.26" ends with no extension."""
    stem, dot, suffix = name.rpartition(".")
    return without_language_tag(stem) if dot and stem and not suffix.isdigit() else name


def _one_talks(folder: Path) -> bool:
    """Whether a folder holds one talk's files: named by what they are ("1-diarization.xml",
    "final-transcribed.trs"), its recording, and at most one other ("links.txt"), not talks of their own."""
    own = 0
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith(".") or not entry.is_file() or is_media_file(entry.name):
                    continue
                words = _words(_stem(entry.name))
                own += _says_something(words) and not _tool_words(words)
                if own > 1:
                    return False
    except OSError:
        return False
    return True


def _folder(path: Path) -> str | None:
    """The name of the folder ``path`` names as holding it, where that names the episode: a folder of one
    talk's files, not the home folder, nor one named for what it holds ("episodes", "Downloads", "output")."""
    parent = path.parent
    with contextlib.suppress(RuntimeError):  # no home folder to be found
        if parent.absolute() == Path.home():
            return None
    words = _words(parent.name)
    named = [w for w in words if any(c.isalpha() for c in w) and w.casefold() not in _TOOL_WORDS | _CONTAINERS]
    if not (named and _says_something(words) and _one_talks(parent)):
        return None
    zoom = _ZOOM_FOLDER.fullmatch(parent.name)
    return zoom.group("topic") if zoom else parent.name


# Where a format keeps the name of the recording it transcribes (Transcriber's audio_filename,
# ELAN's and chat files' media, oTranscribe's media).
# AWS Transcribe names its output "asrOutput.json" and the job as its user did ("jobName").
_RECORDING_KEYS = ("audio_filename", "media_file", "media", "jobName", "job_name")


def _recording(extra: Mapping[str, Any]) -> str | None:
    """The name of the recording a source says it transcribes, without folders or extension."""
    value = next((v for k in _RECORDING_KEYS if isinstance(v := extra.get(k), str) and v.strip()), None)
    if value is None:
        return None
    with contextlib.suppress(ValueError):
        if urlsplit(value).scheme in ("http", "https", "file"):
            value = unquote(urlsplit(value).path)
    name = PureWindowsPath(value).name  # both separators: a path on the annotator's computer
    return re.sub(r"\.[A-Za-z][A-Za-z0-9]{1,4}$", "", name) or None


def _folded(name: str) -> str:
    """A name as its slug would spell it ("LNP232 Der böse Kleber" -> "lnp232derboesekleber")."""
    name = name.casefold()
    for letter, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(letter, spelled)
    return "".join(c for c in name if c.isalnum())


def title_and_origin(path: Path, extra: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """A readable title for a source that gives none, and what it was made from (for the report).

    ``extra`` is what the source's reader kept, which may name the recording it transcribes.
    """
    stem = _stem(path.name)
    words = _words(stem)
    if video := _video_name(stem):
        return f"YouTube video {video}", "the file name, a video's id"
    if _says_something(words) and not _tool_words(words):
        return _title(stem, words), "the file name"
    # The file's name says only what it is: the recording or the folder names the episode.
    what = f"its own name, {path.name!r}, says only what the file is"
    folder = _folder(path)
    recording = _recording(extra or {})
    if recording and _says_something(named := _words(recording)) and not _tool_words(named):
        if folder and _folded(folder) == _folded(recording):  # the same name, with its capitals and accents
            return _title(folder, _words(folder)), f"its folder's name, its recording's {recording!r} ({what})"
        return _title(recording, named), f"the name of its recording, {recording!r} ({what})"
    if folder:
        return _title(folder, _words(folder)), f"its folder's name ({what})"
    if not _says_something(words):
        return "Untitled episode", "the file name"
    step = words[1:] if words[0].isdigit() else words  # "1-google-speech-transcription": a step, not episode 1
    return _title(" ".join(step), step), "the file name"


# yt-dlp's names: "Title [dQw4w9WgXcQ].en.vtt" (its default), "20140807_twPNa5NhSfA.srt"
# ("%(upload_date)s_%(id)s"). Bare, an id has both cases of letters, as YouTube's nearly all do.
_BRACKETED_VIDEO = re.compile(r"\[([A-Za-z0-9_-]{11})\]")
_DATED_VIDEO = re.compile(r"(?P<date>\d{4}-?\d\d-?\d\d)[_ ](?P<video>(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[A-Za-z0-9_-]{11})")
# A name that is a video's id alone ("%(id)s"), maybe after "yt-": "pN3jRihVpGk.json", "yt--VZPknJnb-4.md":
# eleven characters with two capitals or more, one inside a run of letters, and a digit or dash, not words
# run together ("MyPodcast01") nor a title's words between dashes ("Ep-12-Intro").
_VIDEO_NAME = re.compile(r"(?:[Yy][Tt]|[Yy]ou[Tt]ube)?[-_]?(?P<video>(?=[\w-]*[a-z\d][A-Z])(?=(?:[\w-]*[A-Z]){2})(?=[\w-]*[\d_-])"
                         r"[A-Za-z0-9_-]{11})")


# A post's or recording's day opening or closing its name, or all of it: Jekyll's "2018-10-29-e62-interview.md",
# "Interview with Danny Silvers - 2020-11-19.md". Only a whole date with its dashes (a day and month in range).
_ISO_DAY = r"(?:19|20)\d\d-\d\d-\d\d"
_OPENING_DAY = re.compile(rf"({_ISO_DAY})(?:[-_ ](?=.*[^\W\d_])|$)")
_CLOSING_DAY = re.compile(rf"(?<=[^\W\d_])[\W_]*[-_ ]({_ISO_DAY})$")


def date_and_video(path: Path) -> tuple[str | None, str | None]:
    """The upload date and YouTube video id a downloader's file name holds, or the day a post's or
    recording's name opens or closes with; each None if it holds none."""
    stem = _stem(path.name)
    if m := _DATED_VIDEO.fullmatch(stem):
        day = _leading_date([m.group("date").replace("-", "")])
        return day[0] if day else None, m.group("video")
    bracketed = _BRACKETED_VIDEO.findall(stem)
    dated = _OPENING_DAY.match(stem) or _CLOSING_DAY.search(stem)
    day = _leading_date([dated.group(1).replace("-", "")]) if dated else None
    return day[0] if day else None, bracketed[-1] if bracketed else _video_name(stem)


# An episode's numbering in a name: "S1E03", "2x01", "Ep5", "ep_7", "Episode-12".
_NUMBERED_NAME = re.compile(r"(?i)s\d{1,2}e\d{1,3}|\b\d{1,2}x\d{1,3}|ep(?:isode)?[-_ ]?\d")
_ID_WORD = 100  # a part of a name this common in English is a word, which a random id seldom spells


def _video_name(stem: str) -> str | None:
    """The video's id a name is alone (but for a "yt-" before it), else None."""
    m = _VIDEO_NAME.fullmatch(stem)
    if not m or _NUMBERED_NAME.search(m.group("video")):
        return None
    parts = [part.lower() for part in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", m.group("video"))]
    if all(len(p) > 1 and word_frequency(p) for p in parts) or any(
            len(p) >= 3 and word_frequency(p) >= _ID_WORD for p in parts):
        return None  # words run together or a word among the letters ("S1E03-Pilot", "iOS-Dev-Ep5")
    return m.group("video")


def season_and_episode(path: Path) -> tuple[int, int] | None:
    """The season and the episode ``path``'s name gives (``s02e05-pricing.srt``; ``5_9.srt``,
    which titles as "Season 5, Episode 9"), or None."""
    stem = _stem(path.name).strip()
    if found := _SEASON_EPISODE.search(stem):
        return int(found.group(1)), int(found.group(2))
    return _numbers_season_episode(stem) if _NUMBERS_ONLY.fullmatch(stem) else None


def title_from_file_name(path: Path) -> str:
    """A readable title made from ``path``'s name (or its folder's): see title_and_origin."""
    return title_and_origin(path)[0]
