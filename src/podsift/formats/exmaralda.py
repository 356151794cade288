"""EXMARaLDA's basic transcriptions (``.exb``): the Partitur-Editor's files, in which corpora of
spoken German, English and other languages (HIAT, GAT, cGAT conventions) are kept.

    <basic-transcription><head><meta-information>
        <project-name>EXMARaLDA DemoKorpus</project-name><transcription-name>HARDtalk</transcription-name>
        <referenced-file url="HardTalk.wav"/>…
      <speakertable><speaker id="SPK0"><abbreviation>StS</abbreviation>…
        <ud-speaker-information><ud-information attribute-name="Name">Stephen Sackur</ud-information>…
    <basic-body><common-timeline><tli id="T0" time="0.0"/><tli id="T1" time="1.37"/>…
      <tier id="TIE0" speaker="SPK0" category="v" type="t" display-name="StS [v]">
        <event start="T1" end="T2">Daniel Dennett, welcome to Hard </event><event start="T2" end="T3">Talk. </event>

Each tier of type ``t`` (transcription) holds a speaker's words, cut into events wherever another
speaker's words start or stop: the events that follow each other without a gap are one turn,
their text joined as written (an event may end mid-word, ``Be`` / ``setzungen``: the spaces are
the events' own). Tiers of type ``d`` (descriptions: non-verbal behaviour) and ``a`` (annotations:
translations, comments, prosody) are not speech; they are kept with their times in
``extra["tiers"]`` (see ``tiers``). A speaker is named by the full name the speaker table gives
(``Name``, or ``Vorname`` and ``Name``), else by the abbreviation. A timeline point without a time
lies between the timed points around it. HIAT's pauses (``•``, ``((2s))``) leave the words, and
its descriptions in double parentheses (``((atmet ein))``, ``((laughs))``) are directions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from podsift.formats import tiers as tier_rules
from podsift.formats.cue_languages import LANGUAGE_CODES
from podsift.formats.cues import MAX_TURN, WORD_SENTENCE_TURN
from podsift.formats.labels import SENTENCE_END
from podsift.formats.tiers import Tier
from podsift.model import Episode, SourceRejected
from podsift.text import XML_PROLOG, counted, prepare_text, split_directions, squash, web_url

NAME = "exmaralda"
EXTENSIONS = (".exb",)

# The document's root, after the declaration and comments (EXMARaLDA writes one of its own).
_ROOT = re.compile(XML_PROLOG + r"<basic-transcription[\s>]", re.DOTALL)
# What each tier type holds, where it is not speech.
_ASIDE_TYPES = {"d": "description", "a": "annotation"}
# The speaker table's fields for a full name ("s:Name" in a corpus manager's export), and a first name.
_NAME_FIELDS = ("name", "full name", "fullname", "nachname", "surname", "last name")
_FIRST_NAME_FIELDS = ("vorname", "first name", "firstname", "given name", "forename")

# HIAT's pauses: "•" (short), "• •", "• • •", and a timed one in double parentheses, "((2s))", "((1,4s))".
_PAUSE = re.compile(r"\(\(\s*\d+(?:[.,]\d+)?\s*s\s*\)\)|•")
# HIAT's mark of an utterance that is no sentence ("Jà˙"), left alone where a description was taken out.
_LONE_DOT = re.compile(r"(?<!\S)˙+(?!\S)")
# A description in double parentheses: "((atmet ein))", "((lacht in Intervallen,3s))", "((unint.))".
_DESCRIPTION = re.compile(r"\(\([^()]{1,80}\)\)")


def sniff(text: str) -> float:
    return 0.95 if _ROOT.match(text[:8192]) else 0.0


def _field(speaker: ET.Element, names: tuple[str, ...]) -> str:
    """The value of the first of ``names`` among the speaker's own fields ("s:Name" is "Name")."""
    found: dict[str, str] = {}
    for info in speaker.iter("ud-information"):
        key = (info.get("attribute-name") or "").split(":", 1)[-1].strip().lower()
        if key and (value := squash(info.text or "")):
            found.setdefault(key, value)
    return next((found[n] for n in names if n in found), "")


def _speaker_name(speaker: ET.Element) -> str | None:
    """``Waldemar Hartmann`` from ``s:Vorname`` and ``s:Name``, ``Stephen Sackur`` from ``Name``;
    else the abbreviation (``WH``), else the id."""
    name, first = _field(speaker, _NAME_FIELDS), _field(speaker, _FIRST_NAME_FIELDS)
    if name and first and first not in name:
        name = f"{first} {name}"
    abbreviation = squash(speaker.findtext("abbreviation") or "")
    return name or abbreviation or squash(speaker.get("id") or "") or None


def _timeline(root: ET.Element, episode: Episode) -> dict[str, float | None]:
    times, untimed = tier_rules.placed((point.get("id") or "", point.get("time")) for point in root.iter("tli"))
    if untimed:
        episode.repair("untimed_points", f"{counted(untimed, 'timeline point')} without a time placed between "
                                         "the timed points around them")  # fmt: skip
    return times


def _turns(tier: ET.Element, times: dict[str, float | None],
           rank: dict[str, int]) -> list[tuple[float | None, float | None, str]]:  # fmt: skip
    """The tier's events joined into turns: an event that starts where the one before ends goes on
    its turn, its text joined as written; a long turn ends with a sentence (``_long``), so a long
    answer stays citable in parts."""
    events = sorted(tier.iter("event"), key=lambda e: rank.get(e.get("start") or "", -1))
    runs: list[tuple[str, str, list[str]]] = []
    for event in events:
        start, end, text = event.get("start") or "", event.get("end") or "", event.text or ""
        if runs and runs[-1][1] == start and not _long(runs[-1], times):
            runs[-1] = (runs[-1][0], end, runs[-1][2] + [text])
        else:
            runs.append((start, end, [text]))
    return [(times.get(start), times.get(end), "".join(parts)) for start, end, parts in runs]


def _long(run: tuple[str, str, list[str]], times: dict[str, float | None]) -> bool:
    """Has the turn run past ``WORD_SENTENCE_TURN`` seconds and ended a sentence, or past ``MAX_TURN``
    and a word (conventions without sentence punctuation, such as cGAT's)?"""
    start, end = times.get(run[0]), times.get(run[1])
    if start is None or end is None:
        return False
    last = run[2][-1]
    return (end - start >= WORD_SENTENCE_TURN and bool(SENTENCE_END.search(last.strip()))) or (
        end - start >= MAX_TURN and last[-1:].isspace())


def _sentence_tiers(nodes: list[ET.Element]) -> list[ET.Element]:
    """The INEL corpora's "ts" tiers, each speaker's sentences, where the file's one transcription tier
    is tied to one speaker though several speak: there the sentences say who said what."""
    words = [n for n in nodes if (n.get("type") or "t").lower() == "t" and n.find("event") is not None]
    sentences = [n for n in nodes if (n.get("category") or "") == "ts" and n.find("event") is not None]
    speakers = {n.get("speaker") for n in sentences}
    if len(words) != 1 or len(speakers) < 2 or None in speakers:
        return []
    return sentences


def _aside(tier: ET.Element) -> str | None:
    """What a tier holds when it is not speech: "translation (en)", "description (nv)"."""
    kind = (tier.get("type") or "t").lower()
    if kind == "t":
        return None
    category = squash(tier.get("category") or "")
    if kind == "a" and category.upper() in LANGUAGE_CODES:
        return f"translation ({category})"
    named = tier_rules.not_speech(category, tier.get("display-name"))
    what = named or _ASIDE_TYPES.get(kind, "annotation")
    return f"{what} ({category})" if category and category != named else what


def _meta(root: ET.Element, episode: Episode) -> None:
    meta = root.find("head/meta-information")
    if meta is None:
        return
    title = squash(meta.findtext("transcription-name") or "")
    project = squash(meta.findtext("project-name") or "")
    if title or project:
        episode.title = title or project
    if title and project:
        episode.show = project
    for ref in meta.iter("referenced-file"):
        url = ref.get("url") or ""
        if web_url(url):
            episode.media_url = episode.media_url or url
        elif url:
            episode.extra.setdefault("media_files", []).append(url)  # beside the file, on the transcriber's disk
    for key, tag in (("comment", "comment"), ("convention", "transcription-convention")):
        if value := squash(meta.findtext(tag) or ""):
            episode.extra[key] = value


def parse(text: str, episode: Episode) -> None:
    root = tier_rules.xml_document(prepare_text(text, episode), "basic-transcription", "EXMARaLDA")
    _meta(root, episode)
    speakers = {s.get("id"): _speaker_name(s) for s in root.iter("speaker")}
    times = _timeline(root, episode)
    rank = {point.get("id") or "": k for k, point in enumerate(root.iter("tli"))}

    nodes = list(root.iter("tier"))
    sentences = _sentence_tiers(nodes)
    found: list[Tier] = []
    for node in nodes:
        name = squash(node.get("display-name") or "") or node.get("id") or ""
        aside = _aside(node)
        if sentences:
            aside = None if node in sentences else aside or "words of the sentence tiers"
        tier = Tier(name, speakers.get(node.get("speaker")), _turns(node, times, rank), aside=aside)
        found.append(tier)
    if sentences:
        episode.repair("sentence_tiers", f"each speaker's sentences read from their 'ts' tiers ({len(sentences)} "
                       "speakers): the one word tier beside them holds everyone's words under one speaker")  # fmt: skip
    pauses = 0

    def split(text: str) -> tuple[str, list[str]]:
        nonlocal pauses
        text, n = _PAUSE.subn(" ", text)
        pauses += n
        described = _DESCRIPTION.findall(text)
        spoken, directions = split_directions(squash(_LONE_DOT.sub(" ", _DESCRIPTION.sub(" ", text))))
        if not any(c.isalnum() for c in spoken):
            spoken = ""  # HIAT's "˙" or "…" left after a description: no words said
        return spoken, described + directions

    tier_rules.build(episode, found, "events", split)
    if pauses:
        episode.repair("pauses", f"{counted(pauses, 'pause mark')} ('•', '((2s))') left out of the words")
    if not episode.segments:
        raise SourceRejected("an EXMARaLDA transcription with no words on its transcription tiers, "
                             "so it is not a transcript")  # fmt: skip
