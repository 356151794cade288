"""Speech-to-text services' JSON, as the flat entries :mod:`podsift.formats.podcast_json` reads.

Each service nests its timeline its own way (each reader below opens with the shape it reads).
:func:`timeline` finds the shape and returns plain entries (``speaker``, times, ``body``) in the
file's order, so the JSON reader's rules for words, turns, units and repairs apply unchanged.

Punctuation that a service gives as items of its own is joined to the word it follows, so a
sentence reads ``Hola.``, not ``Hola .``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from podsift.text import decimal_text

Entry = dict[str, Any]


@dataclass
class Timeline:
    """A service's timeline as entries, and the top-level keys it was read from."""

    service: str
    keys: tuple[str, ...]
    entries: list[Entry] = field(default_factory=list)
    captions: bool = False  # caption lines nobody is named for, to be joined into sentences
    duration: float | None = None  # the audio's length, where the service states it
    turns: bool = False  # each entry is an utterance the service ended itself: never joined to the next
    note: str | None = None  # what the reader chose that the report should say


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _first(value: Any) -> dict[str, Any]:
    items = _list(value)
    return _dict(items[0]) if items else {}


def _number(value: Any) -> float | None:
    """A time as a number; the services write them as numbers or as decimal strings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return decimal_text(value)
    return None


def _label(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _attach(entries: list[Entry], mark: str) -> None:
    """Punctuation joins the word before it; with no word yet it starts an entry of its own."""
    if not mark.strip():
        return
    if entries:
        entries[-1]["body"] += mark
    else:
        entries.append({"body": mark})


def _add_word(entries: list[Entry], since: int, speaker: str | None, start: float | None, end: float | None,
              text: str) -> None:  # fmt: skip
    """A word joins the run of its speaker's words that ``entries[since:]`` ends with, or starts one."""
    if len(entries) > since and entries[-1]["speaker"] == speaker:
        entries[-1]["body"] += f" {text}"
        entries[-1]["end"] = end
    else:
        entries.append({"speaker": speaker, "start": start, "end": end, "body": text})


def _channels(items: list[dict[str, Any]]) -> int:
    """How many audio channels the items name (numbers only: anything else names none)."""
    return len({c for item in items if isinstance(c := item.get("channel"), int) and not isinstance(c, bool)})


def _channel(number: Any, channels: int) -> str | None:
    """Several channels (a call recorded one side per channel) are the voices when nothing else names them."""
    if channels < 2 or not isinstance(number, int) or isinstance(number, bool):
        return None
    return f"Channel {number + 1}"


# ---------------------------------------------------------------------------
# Deepgram: {"metadata", "results": {"channels": [{"alternatives": [{words, paragraphs}]}], "utterances"}}

def _is_deepgram(data: dict[str, Any]) -> bool:
    channels = _dict(data.get("results")).get("channels")
    return bool(_list(channels)) and "alternatives" in _first(channels)


def _deepgram(data: dict[str, Any]) -> list[Entry]:
    results = _dict(data["results"])
    # The service's own turns first; then its paragraphs' sentences; then the words.
    utterances = [u for u in _list(results.get("utterances")) if isinstance(u, dict)]
    channels = [c for c in _list(results.get("channels")) if isinstance(c, dict)]
    if utterances:
        return [{"speaker": _label(u.get("speaker")) or _channel(u.get("channel"), len(channels)),
                 "start": u.get("start"), "end": u.get("end"), "body": u.get("transcript", "")} for u in utterances]
    entries: list[Entry] = []
    for n, channel in enumerate(channels):
        best = _first(channel.get("alternatives"))
        voice = _channel(n, len(channels))
        paragraphs = _list(_dict(best.get("paragraphs")).get("paragraphs"))
        if paragraphs:
            for paragraph in map(_dict, paragraphs):
                speaker = _label(paragraph.get("speaker")) or voice
                entries.extend({"speaker": speaker, "start": s.get("start"), "end": s.get("end"),
                                "body": s.get("text", "")} for s in map(_dict, _list(paragraph.get("sentences"))))
        elif _list(best.get("words")):
            for word in map(_dict, _list(best.get("words"))):
                entries.append({"speaker": _label(word.get("speaker")) or voice, "start": word.get("start"),
                                "end": word.get("end"), "body": word.get("punctuated_word") or word.get("word") or ""})
        elif isinstance(best.get("transcript"), str):
            entries.append({"speaker": voice, "body": best["transcript"]})
    return in_time_order(entries) if len(channels) > 1 else entries


# A channel's words are one run until a sentence ends or the voice pauses this long (seconds).
_RUN_PAUSE = 1.0


def _start(entry: Entry) -> float:
    start = entry.get("start")
    return float(start) if isinstance(start, (int, float)) and not isinstance(start, bool) else 0.0


def in_time_order(entries: list[Entry]) -> list[Entry]:
    """Several channels' entries, each channel's given in turn, as one timeline: each channel's words
    joined into runs (to a sentence's end or a pause) first, so that two people talking at once
    interleave by sentence, not word by word; then the runs in the order they start."""
    runs: list[Entry] = []
    last: dict[Any, Entry] = {}
    for entry in entries:
        run = last.get(entry.get("speaker"))
        body = str(entry.get("body", ""))
        if (run is not None and run is runs[-1] and not re.search(r"[.?!…]$", run["body"])
                and isinstance(entry.get("start"), (int, float)) and isinstance(run.get("end"), (int, float))
                and entry["start"] - run["end"] < _RUN_PAUSE):
            run["body"] += f" {body}"
            run["end"] = entry.get("end")
            continue
        runs.append(dict(entry, body=body))
        last[entry.get("speaker")] = runs[-1]
    return sorted(runs, key=_start)


def from_stream(rows: list[Any]) -> dict[str, Any] | None:
    """Deepgram's streaming messages, saved one a line, in its batch layout; None unless they are.

    ``{"type": "Results", "is_final": true, "start", "duration", "channel_index": [0, 2],
    "channel": {"alternatives": [{"transcript", "words"}]}}``: an interim result (``is_final``
    false) is said again, revised, by a final one, so only the final ones count. Their words
    (times from the stream's start) become the channel's words; without words, each final
    result is an utterance.
    """
    results = [r for r in rows if isinstance(r, dict) and r.get("type") == "Results"
               and "alternatives" in _dict(r.get("channel"))]  # fmt: skip
    if not results:
        return None
    channels: dict[int, list[Any]] = {}
    utterances: list[Entry] = []
    for result in results:
        if result.get("is_final") is False:
            continue
        best = _first(_dict(result.get("channel")).get("alternatives"))
        index = _list(result.get("channel_index"))
        number = index[0] if index and isinstance(index[0], int) else 0
        words = [w for w in _list(best.get("words")) if isinstance(w, dict)]
        channels.setdefault(number, []).extend(words)
        start, duration = _number(result.get("start")), _number(result.get("duration"))
        if isinstance(best.get("transcript"), str) and best["transcript"].strip():
            utterances.append({"start": start, "end": None if start is None or duration is None else start + duration,
                               "transcript": best["transcript"], "channel": number})  # fmt: skip
    if not any(channels.values()):
        return {"results": {"channels": [{"alternatives": [{}]}], "utterances": utterances}}
    ordered = [channels[n] for n in sorted(channels)]
    return {"results": {"channels": [{"alternatives": [{"words": words}]} for words in ordered]}}


# ---------------------------------------------------------------------------
# AWS Transcribe: {"jobName", "results": {"transcripts": [{transcript}], "items": [...], "speaker_labels"}}

def _is_aws(data: dict[str, Any]) -> bool:
    results = _dict(data.get("results"))
    items = _list(results.get("items"))
    if items:
        return "alternatives" in _first(items) and "type" in _first(items)
    return bool(_list(results.get("transcripts"))) and "transcript" in _first(results.get("transcripts"))


def _aws_labels(results: dict[str, Any]) -> dict[str, str]:
    """Speaker (or channel) of each word by its start time, from the older files' separate lists."""
    labels: dict[str, str] = {}
    for segment in map(_dict, _list(_dict(results.get("speaker_labels")).get("segments"))):
        for item in map(_dict, _list(segment.get("items"))):
            if isinstance(item.get("start_time"), str) and _label(item.get("speaker_label")):
                labels[item["start_time"]] = str(item["speaker_label"])
    if labels:
        return labels
    for channel in map(_dict, _list(_dict(results.get("channel_labels")).get("channels"))):
        name = _label(channel.get("channel_label"))
        for item in map(_dict, _list(channel.get("items"))):
            if name and isinstance(item.get("start_time"), str):
                labels[item["start_time"]] = name
    return labels


def _aws_speaker(label: str | None) -> str | None:
    if label is not None and (m := re.fullmatch(r"ch_(\d+)", label)):
        return f"Channel {int(m.group(1)) + 1}"
    return label  # numbered ids ("spk_0") are shown as "Speaker 0" by formats.parse


def _aws(data: dict[str, Any]) -> list[Entry]:
    results = _dict(data["results"])
    items = [i for i in _list(results.get("items")) if isinstance(i, dict)]
    if not items:  # only the whole text: one untimed entry
        return [{"body": t.get("transcript", "")} for t in map(_dict, _list(results.get("transcripts")))]
    labels = _aws_labels(results)
    entries: list[Entry] = []
    for item in items:
        content = str(_first(item.get("alternatives")).get("content", ""))
        if item.get("type") == "punctuation":
            _attach(entries, content)
            continue
        start = item.get("start_time")
        # A word's own label first: with channel identification each item names its channel, and two
        # channels' words often start at the same time, so a lookup by time gives one the other's.
        label = (_label(item.get("speaker_label")) or _label(item.get("channel_label"))
                 or (labels.get(start) if isinstance(start, str) else None))
        entries.append({"speaker": _aws_speaker(label), "start": _number(start),
                        "end": _number(item.get("end_time")), "body": content})
    if len({e["speaker"] for e in entries if str(e.get("speaker", "")).startswith("Channel ")}) > 1:
        return in_time_order(entries)  # one channel's words after the other's in the file
    return entries


# ---------------------------------------------------------------------------
# AWS Transcribe Call Analytics: {"JobStatus", "LanguageCode", "Participants", "ConversationCharacteristics",
# "Transcript": [{Content, BeginOffsetMillis, EndOffsetMillis, ParticipantRole, Items, Sentiment}]}

def _is_call_analytics(data: dict[str, Any]) -> bool:
    first = _first(data.get("Transcript"))
    return "Content" in first and "BeginOffsetMillis" in first


def _call_analytics(data: dict[str, Any]) -> list[Entry]:
    # Each entry is already a turn of one side of the call; its words (Items) would only say it again.
    entries: list[Entry] = []
    for turn in map(_dict, _list(data.get("Transcript"))):
        role = _label(turn.get("ParticipantRole"))  # AGENT, CUSTOMER: shown as a person would write them
        entries.append({"speaker": role.replace("_", " ").capitalize() if role else None,
                        "BeginOffsetMillis": turn.get("BeginOffsetMillis"),
                        "EndOffsetMillis": turn.get("EndOffsetMillis"), "body": turn.get("Content", "")})
    return entries


# ---------------------------------------------------------------------------
# Amazon Bedrock Data Automation, audio: {"metadata", "audio_items", "audio", "topics", "statistics",
# "audio_segments": [{start_timestamp_millis, end_timestamp_millis, speaker: {speaker_label}, channel, text}]}

def _is_bedrock_audio(data: dict[str, Any]) -> bool:
    first = _first(data.get("audio_segments"))
    return "text" in first and "start_timestamp_millis" in first


def _bedrock_audio(data: dict[str, Any]) -> list[Entry]:
    segments = [s for s in _list(data.get("audio_segments")) if isinstance(s, dict)]
    channels = {_label(_dict(s.get("channel")).get("channel_label")) for s in segments}
    entries: list[Entry] = []
    for segment in segments:
        # "spk_0" is shown as "Speaker 0" by formats.parse; where no speaker is told apart, a
        # channel ("ch_0") of a stereo call is the voice (one channel alone names no one).
        speaker = _label(_dict(segment.get("speaker")).get("speaker_label"))
        channel = _label(_dict(segment.get("channel")).get("channel_label")) if len(channels) > 1 else None
        entries.append({"speaker": speaker or _aws_speaker(channel),
                        "start_timestamp_millis": segment.get("start_timestamp_millis"),
                        "end_timestamp_millis": segment.get("end_timestamp_millis"), "body": segment.get("text", "")})
    return entries


# ---------------------------------------------------------------------------
# Rev.ai: {"monologues": [{"speaker", "speaker_info": {"display_name"}, "elements": [{type, value, ts, end_ts}]}]};
# Rev's transcript editor saves "spans": [{value, ts, endTs}] instead, the speakers named in a top-level list.

def _is_rev(data: dict[str, Any]) -> bool:
    first = _first(data.get("monologues"))
    return isinstance(first.get("elements"), list) or isinstance(first.get("spans"), list)


def _is_gecko(data: dict[str, Any]) -> bool:
    return isinstance(_first(data.get("monologues")).get("terms"), list)


def _gecko(data: dict[str, Any]) -> list[Entry]:
    return [entry for monologue in map(_dict, _list(data.get("monologues"))) for entry in _gecko_terms(monologue)]


def _rev(data: dict[str, Any]) -> list[Entry]:
    entries: list[Entry] = []
    for monologue in map(_dict, _list(data.get("monologues"))):
        speaker = _label(_dict(monologue.get("speaker_info")).get("display_name")) or _label(monologue.get("speaker"))
        if "elements" not in monologue:
            spans = _rev_spans(monologue, speaker)
            if spans and spans[0].get("start") is None and entries:
                spans[0]["start"] = entries[-1].get("end") or entries[-1].get("start")
            entries += spans
            continue
        for element in map(_dict, _list(monologue.get("elements"))):
            value = str(element.get("value", ""))
            if element.get("type") == "punct":
                # Punctuation never crosses into the next speaker's turn.
                if entries and entries[-1].get("speaker") == speaker:
                    _attach(entries, value)
                continue
            if element.get("type") == "unknown":
                value = "[" + value.strip("<> ") + "]"  # <inaudible>, <laugh>: sounds, not words
            entries.append({"speaker": speaker, "start": element.get("ts"), "end": element.get("end_ts"), "body": value})
    return entries


def _gecko_terms(monologue: dict[str, Any]) -> list[Entry]:
    """Gecko's monologues (``{"speaker": {"id": "speaker_2", "name": null}, "terms": [{start, end, text,
    type}]}``), as NeMo's diarizer writes them for that editor: each word timed, punctuation joined to
    the word before, the speaker its name or else its id."""
    who = _dict(monologue.get("speaker"))
    speaker = _label(who.get("name")) or _label(who.get("id"))
    entries: list[Entry] = []
    for term in map(_dict, _list(monologue.get("terms"))):
        text = str(term.get("text", ""))
        if str(term.get("type", "")).upper() == "PUNCTUATION":
            if entries:
                _attach(entries, text)
            continue
        entries.append({"speaker": speaker, "start": term.get("start"), "end": term.get("end"), "body": text})
    return entries


def _rev_spans(monologue: dict[str, Any], speaker: str | None) -> list[Entry]:
    """Rev's transcript editor: a monologue's ``spans`` (``{value, ts, endTs}``), its words timed and
    the spaces, punctuation and words typed in by the editor not: those join the word before them,
    but for an opening quote or bracket after a space, which opens the next word. A monologue typed
    whole (no word timed) starts where the one before it ended."""
    entries: list[Entry] = []
    pending = ""
    for span in map(_dict, _list(monologue.get("spans"))):
        value = str(span.get("value", ""))
        if span.get("ts") is None:
            before, space, after = value.rpartition(" ")
            opening = _OPENING.fullmatch(after) and (space or entries and entries[-1]["body"].endswith(" "))
            if not entries:
                pending += value
            elif opening:
                entries[-1]["body"] += before + space
                pending += after
            else:
                entries[-1]["body"] += value
            continue
        entries.append({"speaker": speaker, "start": span.get("ts"), "end": span.get("endTs"), "body": pending + value})
        pending = ""
    if pending.strip():
        if entries:
            entries[-1]["body"] += pending
        else:
            entries.append({"speaker": speaker, "body": pending})
    return entries


_OPENING = re.compile(r"[\"“‘'(\[¿¡«]+")


# ---------------------------------------------------------------------------
# Bilibili's subtitles, the player's CC and its AI subtitles:
# {"font_size", "lang", "type": "AIsubtitle", "body": [{"from", "to", "content", "location", "sid"}]}

def _is_bilibili(data: dict[str, Any]) -> bool:
    first = _first(data.get("body"))
    return isinstance(first.get("content"), str) and _number(first.get("from")) is not None


def _bilibili(data: dict[str, Any]) -> list[Entry]:
    return [{"start": _number(line.get("from")), "end": _number(line.get("to")), "body": str(line.get("content", ""))}
            for line in map(_dict, _list(data.get("body")))]


# ---------------------------------------------------------------------------
# Gentle, the forced aligner: {"transcript": text, "words": [{word, case, start, end, startOffset, endOffset}]}

def _is_gentle(data: dict[str, Any]) -> bool:
    first = _first(data.get("words"))
    return isinstance(data.get("transcript"), str) and "case" in first and "startOffset" in first


def _gentle(data: dict[str, Any]) -> list[Entry]:
    """Each word with the transcript's punctuation up to the next word, timed where Gentle aligned
    it. A word it could not find in the audio (``"case": "not-found-in-audio"``) has no ``start``,
    only its place in the text (``startOffset``, in characters): it goes on from the word before."""
    text: str = data["transcript"]
    words = [w for w in map(_dict, _list(data.get("words")))
             if isinstance(w.get("startOffset"), int) and not isinstance(w.get("startOffset"), bool)]
    words.sort(key=lambda w: w["startOffset"])
    # A clip cut from a longer recording (a cartoon's line): its "speaker", and "clipStart", where
    # the clip begins in the recording, which its times count from.
    speaker = (data["speaker"].strip() or None) if isinstance(data.get("speaker"), str) else None
    offset = _number(data.get("clipStart")) or 0.0
    entries: list[Entry] = []
    said = None  # where the last aligned word ended
    for k, word in enumerate(words):
        stop = words[k + 1]["startOffset"] if k + 1 < len(words) else len(text)
        body = _DIALOGUE_DASH.sub("", text[0 if k == 0 else word["startOffset"]:max(stop, word["startOffset"])]).strip()
        start = _number(word.get("start")) if word.get("case") == "success" else None
        if start is None:
            entries.append({"start": said, "body": body, "speaker": speaker})
            continue
        end = _number(word.get("end"))
        start, said = start + offset, (end + offset if end else start + offset)
        entries.append({"start": start, "end": said, "body": body, "speaker": speaker})
    return entries


# A subtitle's dialogue dash ("- And turn it round."), opening the text or a line after another's
# sentence: it marks who speaks, and is no word.
_DIALOGUE_DASH = re.compile(r"(?:^\s*|(?<=[.!?…])\s+)[-–—](?=\s)|(?<=[.!?…])\s+[-–—]\s*$")


# ---------------------------------------------------------------------------
# Speechmatics: {"format", "job", "metadata", "results": [{type, start_time, end_time, alternatives: [{content, speaker}]}]}

def _is_speechmatics(data: dict[str, Any]) -> bool:
    first = _first(data.get("results"))
    return "type" in first and "content" in _first(first.get("alternatives"))


def _speechmatics(data: dict[str, Any]) -> list[Entry]:
    entries: list[Entry] = []
    pending = ""  # punctuation that attaches to the next word
    for result in map(_dict, _list(data.get("results"))):
        best = _first(result.get("alternatives"))
        content = str(best.get("content", ""))
        if result.get("type") == "punctuation":
            if result.get("attaches_to") == "next":
                pending += content
            else:
                _attach(entries, content)
            continue
        if result.get("type") not in ("word", "entity"):
            continue
        speaker = _label(best.get("speaker"))
        entries.append({"speaker": None if speaker == "UU" else speaker,  # UU: unknown
                        "start": result.get("start_time"), "end": result.get("end_time"), "body": pending + content})
        pending = ""
    return entries


# ---------------------------------------------------------------------------
# Azure batch transcription: {"source", "combinedRecognizedPhrases", "recognizedPhrases": [{offsetInTicks, nBest}]}

def _is_azure(data: dict[str, Any]) -> bool:
    return "nBest" in _first(data.get("recognizedPhrases"))


_ISO_SECONDS = re.compile(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?")
TICKS_PER_S = 10_000_000


def _ticks(phrase: dict[str, Any], key: str) -> float | None:
    """``offsetInTicks``, or the ISO 8601 ``offset`` (``PT1M2.5S``) some versions write alone."""
    ticks = _number(phrase.get(f"{key}InTicks"))
    if ticks is not None:
        return ticks
    m = _ISO_SECONDS.fullmatch(str(phrase.get(key, "")))
    if not m or not any(m.groups()):
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return (hours * 3600 + minutes * 60 + seconds) * TICKS_PER_S


def _azure(data: dict[str, Any]) -> list[Entry]:
    phrases = [p for p in _list(data.get("recognizedPhrases"))
               if isinstance(p, dict) and p.get("recognitionStatus", "Success") == "Success"]
    channels = _channels(phrases)
    entries: list[Entry] = []
    for phrase in phrases:
        best = _first(phrase.get("nBest"))
        body = best.get("display") or best.get("itn") or best.get("lexical") or ""
        speaker = _label(phrase.get("speaker")) or _channel(phrase.get("channel"), channels)
        # Ticks keep the key that names their unit, so the reader divides by 10,000,000 and says so.
        entries.append({"speaker": speaker, "offsetInTicks": _ticks(phrase, "offset"),
                        "durationInTicks": _ticks(phrase, "duration"), "body": body})
    # Stereo files list each channel's phrases in turn; the episode runs in time order.
    entries.sort(key=lambda e: e["offsetInTicks"] if e["offsetInTicks"] is not None else 0.0)
    return entries


# ---------------------------------------------------------------------------
# Azure fast transcription: {"durationMilliseconds", "combinedPhrases", "phrases": [{channel, speaker,
# offsetMilliseconds, durationMilliseconds, text, words}]}; the 2024-05-15 preview wrote "duration",
# "offset" and "duration" without the unit, in milliseconds all the same.

def _is_azure_fast(data: dict[str, Any]) -> bool:
    first = _first(data.get("phrases"))
    return "text" in first and ("offsetMilliseconds" in first or ("offset" in first and "combinedPhrases" in data))


def _azure_fast(data: dict[str, Any]) -> list[Entry]:
    phrases = [p for p in _list(data.get("phrases")) if isinstance(p, dict)]
    channels = _channels(phrases)
    entries: list[Entry] = []
    for phrase in phrases:
        offset = phrase.get("offsetMilliseconds", phrase.get("offset"))
        length = phrase.get("durationMilliseconds", phrase.get("duration"))
        # Keys that name the unit, so the reader divides by 1,000 whichever version wrote the file.
        entries.append({"speaker": _label(phrase.get("speaker")) or _channel(phrase.get("channel"), channels),
                        "offsetMilliseconds": offset, "durationMilliseconds": length, "body": phrase.get("text", "")})
    # A stereo call may list each channel's phrases in turn; the episode runs in time order.
    if channels > 1:
        entries.sort(key=lambda e: t if (t := _number(e["offsetMilliseconds"])) is not None else 0.0)
    return entries


# ---------------------------------------------------------------------------
# Azure speech to text for short audio (REST, and the Speech SDK's result JSON): one result,
# {"RecognitionStatus", "Offset", "Duration" (100-ns ticks), "DisplayText", "NBest": [{Display, Words}]}

def _is_azure_short(data: dict[str, Any]) -> bool:
    return isinstance(data.get("RecognitionStatus"), str) and ("DisplayText" in data or "NBest" in data)


def _azure_short(data: dict[str, Any]) -> list[Entry]:
    body = data.get("DisplayText") or _first(data.get("NBest")).get("Display") or ""
    return [{"offsetInTicks": data.get("Offset"), "durationInTicks": data.get("Duration"), "body": body}]


# ---------------------------------------------------------------------------
# YouTube json3 captions: {"wireMagic": "pb3", "events": [{tStartMs, dDurationMs, segs: [{utf8}]}]}

def _is_json3(data: dict[str, Any]) -> bool:
    events = [e for e in _list(data.get("events"))[:50] if isinstance(e, dict)]
    return any("tStartMs" in e for e in events) and any(isinstance(e.get("segs"), list) for e in events)


def _json3(data: dict[str, Any]) -> list[Entry]:
    entries: list[Entry] = []
    for event in map(_dict, _list(data.get("events"))):
        text = "".join(str(_dict(seg).get("utf8", "")) for seg in _list(event.get("segs")))
        if not text.strip():
            continue  # window definitions and the line breaks auto-captions append
        start, length = _number(event.get("tStartMs")), _number(event.get("dDurationMs"))
        end = None if start is None or length is None else start + length
        # The file's own key, which names the unit (milliseconds) for the reader and its report.
        entries.append({"tStartMs": start, "end_ms": end, "body": " ".join(text.split())})
    # Auto-captions keep a line on screen until the one after next replaces it; a caption's
    # words end where the next caption's begin.
    for entry, after in zip(entries, entries[1:]):
        if entry["end_ms"] is not None and after["tStartMs"] is not None and entry["end_ms"] > after["tStartMs"]:
            entry["end_ms"] = max(entry["tStartMs"] or 0.0, after["tStartMs"])
    return entries


# ---------------------------------------------------------------------------
# Captioning vendors' and course platforms' exports.
# 3Play Media: {"words": [["1870", "NARRATOR: Let's"], ["2070", "look"], ["3240", ""], ...], "paragraphs":
# [0, 1870, 7680], "speakers": {"1870": "NARRATOR"}}: each word's start in ms, "" a silence, a paragraph
# opened by a named speaker (the name also typed before the word) or by a dash (someone unnamed).

def _is_threeplay(data: dict[str, Any]) -> bool:
    words = [w for w in _list(data.get("words"))[:20] if isinstance(w, list)]
    return bool(words) and all(len(w) == 2 and isinstance(w[1], str) and _number(w[0]) is not None for w in words)


def _threeplay(data: dict[str, Any]) -> list[Entry]:
    speakers = {round(ms): str(name) for key, name in _dict(data.get("speakers")).items()
                if (ms := _number(key)) is not None and _label(name)}  # fmt: skip
    paragraphs = {round(ms) for p in _list(data.get("paragraphs")) if (ms := _number(p)) is not None}
    words = [(ms, str(w[1])) for w in _list(data.get("words"))
             if isinstance(w, list) and len(w) == 2 and (ms := _number(w[0])) is not None]  # fmt: skip
    entries: list[Entry] = []
    speaker: str | None = None
    for k, (ms, text) in enumerate(words):
        end = words[k + 1][0] if k + 1 < len(words) else None
        if entries and entries[-1]["end"] is None:
            entries[-1]["end"] = ms / 1000
        if not text.strip():
            continue  # a silence: it ends the word before
        if round(ms) in speakers:
            speaker = speakers[round(ms)]
            text = text[len(speaker) + 1:].lstrip() if text.startswith(f"{speaker}:") else text
        elif round(ms) in paragraphs and text.startswith("-"):
            speaker, text = None, text[1:]  # "-We": someone the file does not name takes over
        if text:
            entries.append({"speaker": speaker, "start": ms / 1000, "end": None if end is None else end / 1000,
                            "body": text})
    return entries


# Trint: {"title", "words": [{"value", "time" (ms), "duration" (ms), "paragraphId", "speaker",
# "strikethrough"}], "speakers": {...}, "paragraphs": {...}}; a struck-out word was deleted in the editor.

def _is_trint(data: dict[str, Any]) -> bool:
    first = _first(data.get("words"))
    return "value" in first and "time" in first and "paragraphId" in first


def _trint(data: dict[str, Any]) -> list[Entry]:
    names = {str(k): str(v.get("name") if isinstance(v, dict) else v) for k, v in _dict(data.get("speakers")).items()}
    entries: list[Entry] = []
    for word in map(_dict, _list(data.get("words"))):
        start, length = _number(word.get("time")), _number(word.get("duration"))
        if word.get("strikethrough") is True or start is None:
            continue
        who = _label(word.get("speaker"))
        entries.append({"speaker": names.get(who, who) if who else None, "start": start / 1000,
                        "end": None if length is None else (start + length) / 1000, "body": str(word.get("value", ""))})
    return entries


# Open edX's .srt.sjson (the captions it gets from 3Play and others): {"start": [ms], "end": [ms],
# "text": [caption or null]}, three lists in step.

def _is_sjson(data: dict[str, Any]) -> bool:
    lists = [data.get(k) for k in ("start", "end", "text")]
    return all(isinstance(x, list) for x in lists) and len({len(x) for x in lists if isinstance(x, list)}) == 1


def _sjson(data: dict[str, Any]) -> list[Entry]:
    entries: list[Entry] = []
    for start, end, text in zip(data["start"], data["end"], data["text"]):
        if isinstance(text, str) and text.strip() and (s := _number(start)) is not None:
            e = _number(end)
            entries.append({"start": s / 1000, "end": None if e is None else e / 1000, "body": " ".join(text.split())})
    return entries


# Kaltura's caption assets as its API serves them: {"objects": [{"startTime" (ms), "endTime", "content":
# [{"text"}]}]}, often the second answer of a multi-request (a bare list beside the session's).

_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,40}>")  # the captions' <i>…</i>


def _is_kaltura(data: dict[str, Any]) -> bool:
    first = _first(data.get("objects"))
    return "startTime" in first and isinstance(first.get("content"), list)


def _kaltura(data: dict[str, Any]) -> list[Entry]:
    entries: list[Entry] = []
    for item in map(_dict, _list(data.get("objects"))):
        text = _MARKUP.sub("", "\n".join(str(_dict(part).get("text", "")) for part in _list(item.get("content"))))
        start, end = _number(item.get("startTime")), _number(item.get("endTime"))
        if text.strip() and start is not None:
            entries.append({"start": start / 1000, "end": None if end is None else end / 1000, "body": text})
    return entries


# ---------------------------------------------------------------------------
# Gladia: {"result": {"metadata", "transcription": {"full_transcript", "utterances": [{text, start, end, speaker}]}}}
# (v2; some clients keep only the "transcription" object), or v1's {"prediction": [{transcription, time_begin}]}

def _gladia_utterances(data: dict[str, Any]) -> list[Any]:
    transcription = data.get("transcription")
    if not isinstance(transcription, dict):
        transcription = _dict(_dict(data.get("result")).get("transcription"))
    return _list(transcription.get("utterances"))


def _is_gladia(data: dict[str, Any]) -> bool:
    first = _first(_gladia_utterances(data))
    if first:
        return "text" in first and "start" in first
    first = _first(data.get("prediction"))
    return "transcription" in first and "time_begin" in first


def _gladia_speaker(value: Any) -> str | None:
    # v1 writes "speaker_not_activated" where diarization was off.
    return None if isinstance(value, str) and value.startswith("speaker_not") else _label(value)


def _gladia(data: dict[str, Any]) -> list[Entry]:
    utterances = [u for u in _gladia_utterances(data) if isinstance(u, dict)]
    if utterances:
        channels = _channels(utterances)
        return [{"speaker": _gladia_speaker(u.get("speaker")) or _channel(u.get("channel"), channels),
                 "start": u.get("start"), "end": u.get("end"), "body": u.get("text", "")} for u in utterances]
    return [{"speaker": _gladia_speaker(p.get("speaker")), "start": p.get("time_begin"), "end": p.get("time_end"),
             "body": p.get("transcription", "")} for p in map(_dict, _list(data.get("prediction")))]


# ---------------------------------------------------------------------------
# ElevenLabs Scribe: {"language_code", "text", "words": [{text, start, end, type, speaker_id}]},
# or with several channels {"transcripts": [{"channel_index", "words"}]}

def _scribe_channels(data: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(data.get("words"), list):
        return [data]
    return [t for t in _list(data.get("transcripts")) if isinstance(t, dict)]


def _is_elevenlabs(data: dict[str, Any]) -> bool:
    channels = _scribe_channels(data)
    first = _first(channels[0].get("words")) if channels else {}
    return "text" in first and first.get("type") in ("word", "spacing", "audio_event", "punctuation")


def _elevenlabs(data: dict[str, Any]) -> list[Entry]:
    channels = _scribe_channels(data)
    entries: list[Entry] = []
    for n, channel in enumerate(channels):
        index = channel.get("channel_index")
        voice = _channel(index if isinstance(index, int) else n, len(channels))
        for word in map(_dict, _list(channel.get("words"))):
            text = str(word.get("text", ""))
            if word.get("type") == "spacing":
                continue  # the space between words, which joining them puts back
            speaker = _label(word.get("speaker_id")) or voice
            if word.get("type") == "punctuation" and entries and entries[-1].get("speaker") == speaker:
                _attach(entries, text)
                continue
            # audio events ("(laughs)") stay in the words, where the reader takes them as sounds
            entries.append({"speaker": speaker, "start": word.get("start"), "end": word.get("end"), "body": text})
    if len(channels) > 1:
        entries.sort(key=lambda e: e["start"] if isinstance(e.get("start"), (int, float)) else 0.0)
    return entries


# ---------------------------------------------------------------------------
# Google Speech-to-Text: {"results": [{"alternatives": [{transcript, words: [{startTime, endTime, word,
# speakerTag}]}], "resultEndTime", "channelTag"}]} (v1; v2 writes startOffset, endOffset, speakerLabel,
# resultEndOffset). Each result is an utterance the recogniser ended at a pause.

def _proto_seconds(value: Any) -> float | None:
    """A protobuf Duration: ``"1.770s"`` (its JSON form), a number, or ``{"seconds": "5", "nanos":
    400000000}`` as the Node and Go clients print it (a field that is zero left out, so ``{}`` is 0)."""
    if isinstance(value, dict):
        seconds, nanos = _number(value.get("seconds", 0)), _number(value.get("nanos", 0))
        if seconds is None or nanos is None or not value.keys() <= {"seconds", "nanos"}:
            return None
        return seconds + nanos / 1e9
    if isinstance(value, str):
        return _number(value.strip().removesuffix("s"))
    return _number(value)


def is_google_results(results: Any) -> bool:
    def recognised(result: Any) -> bool:
        best = _first(_dict(result).get("alternatives"))
        return ("transcript" in best or "words" in best) and "content" not in best

    return any(recognised(r) for r in _list(results)[:20])


def _is_google(data: dict[str, Any]) -> bool:
    return is_google_results(data.get("results"))


def _best_words(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in _list(_first(result.get("alternatives")).get("words")) if isinstance(w, dict)]


def _word_speaker(word: dict[str, Any]) -> str | None:
    tag = word.get("speakerLabel", word.get("speakerTag"))
    return None if tag in (0, "0", "", None) else _label(tag)  # 0: diarization was off


def _diarized_copy(results: list[dict[str, Any]]) -> bool:
    """With diarization on, Google puts every word of the file again, each with its speaker, into a
    last result of its own (its transcript empty); the results before it have none."""
    if len(results) < 2:
        return False
    last = _best_words(results[-1])
    earlier = [w for r in results[:-1] for w in _best_words(r)]
    return (bool(earlier) and len(last) >= len(earlier) and all(_word_speaker(w) is None for w in earlier)
            and sum(_word_speaker(w) is not None for w in last) > len(last) / 2)


def google_results(results: list[Any]) -> tuple[list[Entry], bool]:
    """Each result's best alternative as entries: one per speaker's run of words within it, or the
    result's transcript where it has no words. Also whether the speakers came from the diarized copy."""
    rows = [r for r in results if isinstance(r, dict) and _first(r.get("alternatives"))]
    diarized = _diarized_copy(rows)
    speakers: dict[float, str | None] = {}
    if diarized:
        speakers = {t: _word_speaker(w) for w in _best_words(rows[-1])
                    if (t := _proto_seconds(w.get("startTime", w.get("startOffset")))) is not None}
        rows = rows[:-1]
    channels = {str(r["channelTag"]) for r in rows if r.get("channelTag") not in (None, 0, "0")}
    entries: list[Entry] = []
    since: float | None = 0.0  # a result without word times runs from the end of the one before to its own
    for result in rows:
        best = _first(result.get("alternatives"))
        end = _proto_seconds(result.get("resultEndTime", result.get("resultEndOffset")))
        voice = f"Channel {result['channelTag']}" if len(channels) > 1 and str(result.get("channelTag")) in channels else None
        words = _best_words(result)
        if not words:
            entries.append({"speaker": voice, "start": since if end is not None else None, "end": end,
                            "body": str(best.get("transcript", ""))})
        first = len(entries)  # a speaker's run of words stays within its result
        for word in words:
            start = _proto_seconds(word.get("startTime", word.get("startOffset")))
            speaker = (speakers.get(start) if diarized and start is not None else _word_speaker(word)) or voice
            _add_word(entries, first, speaker, start, _proto_seconds(word.get("endTime", word.get("endOffset"))),
                      str(word.get("word", "")))
        since = end if end is not None else (entries[-1]["end"] if entries and entries[-1]["end"] is not None else since)
    if len(channels) > 1:
        entries.sort(key=lambda e: e["start"] if isinstance(e.get("start"), float) else 0.0)
    return entries, diarized


def _google(data: dict[str, Any]) -> list[Entry]:
    return google_results(_list(data.get("results")))[0]


# ---------------------------------------------------------------------------
# IBM Watson Speech to Text: {"results": [{"alternatives": [{transcript, timestamps: [[word, from, to]]}],
# "final"}], "speaker_labels": [{from, to, speaker}]}; its asynchronous job's answer holds such objects
# under its own "results" ({"id", "status": "completed", "results": [{"result_index", "results", …}]}).

def _ibm_responses(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The recognition responses in ``data``: itself, or those its job holds."""
    results = _list(data.get("results"))
    if any(isinstance(_dict(r).get("results"), list) for r in results[:5]):
        return [r for r in results if isinstance(r, dict)]
    return [data]


def _is_ibm(data: dict[str, Any]) -> bool:
    return any(isinstance(_first(_dict(result).get("alternatives")).get("timestamps"), list)
               for response in _ibm_responses(data)[:5] for result in _list(response.get("results"))[:20])  # fmt: skip


def _ibm(data: dict[str, Any]) -> list[Entry]:
    """Each result's best alternative, cut where its words' speaker (``speaker_labels``, by time) changes."""
    entries: list[Entry] = []
    for response in _ibm_responses(data):
        speakers = {_number(label.get("from")): _label(label.get("speaker"))
                    for label in _list(response.get("speaker_labels")) if isinstance(label, dict)}  # fmt: skip
        for result in _list(response.get("results")):
            best = _first(_dict(result).get("alternatives"))
            words = [w for w in _list(best.get("timestamps")) if isinstance(w, list) and len(w) == 3]
            if not words:
                if text := " ".join(w for w in str(best.get("transcript", "")).split() if w != _HESITATION):
                    entries.append({"speaker": None, "start": None, "end": None, "body": text})
                continue
            first = len(entries)
            for word, start, end in words:
                if _spoken(word):
                    _add_word(entries, first, speakers.get(_number(start)), _number(start), _number(end), str(word))
    return entries


# ---------------------------------------------------------------------------
# BBC's Kaldi service (as its digital paper edit and transcript editor keep it): {"action": "audio-transcribe",
# "retval": {"punct": text, "words": [{start, end, word, punct}], "segmentation": {"segments": [{start,
# duration, speaker: {"@id": "S1"}}]}}}. Each word's "punct" is its form in the punctuated text.

def _is_bbc_kaldi(data: dict[str, Any]) -> bool:
    words = _list(_dict(data.get("retval")).get("words"))
    return bool(words) and all("punct" in _dict(w) and "word" in _dict(w) for w in words[:20])


def _bbc_kaldi(data: dict[str, Any]) -> list[Entry]:
    """The words in their punctuated form, cut into turns where the segmentation's speaker changes."""
    retval = _dict(data.get("retval"))
    turns = []
    for segment in _list(_dict(retval.get("segmentation")).get("segments")):
        start, length = _number(_dict(segment).get("start")), _number(_dict(segment).get("duration"))
        if start is not None and length is not None:
            turns.append((start, start + length, _label(_dict(segment.get("speaker")).get("@id"))))
    turns.sort(key=lambda turn: turn[0])
    begins = [begin for begin, _, _ in turns]
    entries: list[Entry] = []
    for word in _list(retval.get("words")):
        word = _dict(word)
        start = _number(word.get("start"))
        # the segment the word starts in, or (in a gap between them) the one before it
        at = bisect_right(begins, start) - 1 if start is not None else -1
        speaker = turns[at][2] if at >= 0 else None
        _add_word(entries, 0, speaker, start, _number(word.get("end")), str(word.get("punct") or word.get("word") or ""))
    return entries


# autoEdit2 (OpenNewsLabs' text-based video editor), a transcription as it saves one: {"text": [{"speaker",
# "paragraph": [{"line": [{"text", "startTime", "endTime"}], "startTime", "endTime"}]}], "metadata":
# {"duration"}, "title", "sttEngine"}, one entry a word; "Unnamed Speaker" is its name for nobody.

_UNNAMED = re.compile(r"unnamed(?: speaker)?", re.IGNORECASE)


def _is_autoedit(data: dict[str, Any]) -> bool:
    block = _first(data.get("text"))
    return isinstance(block.get("paragraph"), list) and "line" in _first(block.get("paragraph"))


def _autoedit(data: dict[str, Any]) -> list[Entry]:
    entries: list[Entry] = []
    for block in map(_dict, _list(data.get("text"))):
        speaker = _label(block.get("speaker"))
        speaker = None if speaker and _UNNAMED.fullmatch(speaker) else speaker
        for paragraph in map(_dict, _list(block.get("paragraph"))):
            entries.extend({"speaker": speaker, "start": _number(word.get("startTime")),
                            "end": _number(word.get("endTime")), "body": str(word["text"]).strip()}
                           for word in map(_dict, _list(paragraph.get("line"))) if _spoken(word.get("text")))
    return entries


# Clarify's insight transcript: {"participants": [{"name", "transcript": {"segments": [{start, dur,
# "terms": [{term, start, dur, type}]}]}}]}, each participant's utterances in turn; "type": "mark" is punctuation.

def _is_clarify(data: dict[str, Any]) -> bool:
    segment = _first(_dict(_first(data.get("participants")).get("transcript")).get("segments"))
    return isinstance(segment.get("terms"), list) and "dur" in segment


def _clarify(data: dict[str, Any]) -> list[Entry]:
    """Each utterance of every participant, in the order they start: its terms joined, a mark joined to
    the word before it, and its end its start plus its length ("dur")."""
    entries: list[Entry] = []
    for participant in map(_dict, _list(data.get("participants"))):
        speaker = _label(participant.get("name"))
        for segment in map(_dict, _list(_dict(participant.get("transcript")).get("segments"))):
            words: list[Entry] = []
            for term in map(_dict, _list(segment.get("terms"))):
                text = str(term.get("term", "")).strip()
                if term.get("type") == "mark" and words:
                    _attach(words, text)
                elif text:
                    words.append({"body": text})
            start, length = _number(segment.get("start")), _number(segment.get("dur"))
            end = start + length if start is not None and length is not None else None
            entries.append({"speaker": speaker, "start": start, "end": end, "body": " ".join(w["body"] for w in words)})
    return sorted(entries, key=_start)


# IBM Watson's filled pause, as its words and the tools built on it (autoEdit2) keep it.
_HESITATION = "%HESITATION"


def _spoken(word: Any) -> bool:
    """Whether a service's word is one: not empty, not IBM's hesitation mark."""
    return isinstance(word, str) and bool(word.strip()) and word.strip() != _HESITATION


_SERVICES: tuple[tuple[str, tuple[str, ...], Callable[[dict[str, Any]], bool], Callable[[dict[str, Any]], list[Entry]]], ...] = (
    ("Deepgram", ("results",), _is_deepgram, _deepgram),
    ("AWS Transcribe", ("results",), _is_aws, _aws),
    ("AWS Transcribe Call Analytics", ("Transcript",), _is_call_analytics, _call_analytics),
    # audio_items are the segments' words again
    ("Bedrock Data Automation", ("audio_segments", "audio_items"), _is_bedrock_audio, _bedrock_audio),
    ("Rev.ai", ("monologues",), _is_rev, _rev),
    ("Gecko (as NeMo's diarizer writes it)", ("monologues",), _is_gecko, _gecko),
    ("Speechmatics", ("results",), _is_speechmatics, _speechmatics),
    ("BBC Kaldi", ("retval", "action"), _is_bbc_kaldi, _bbc_kaldi),
    # before Google's: its results look alike, but time their words in lists of three
    ("IBM Watson Speech to Text", ("results", "speaker_labels", "created", "updated", "id", "status"), _is_ibm, _ibm),
    ("Google Speech-to-Text", ("results",), _is_google, _google),
    ("Azure Speech", ("recognizedPhrases", "combinedRecognizedPhrases"), _is_azure, _azure),
    # the duration is read (in ms) as the audio's length, not left for the JSON reader to take as seconds
    ("Azure fast transcription", ("phrases", "combinedPhrases", "durationMilliseconds", "duration"),
     _is_azure_fast, _azure_fast),
    ("Azure short audio", ("DisplayText", "NBest", "RecognitionStatus", "Offset", "Duration"),
     _is_azure_short, _azure_short),
    ("YouTube json3", ("events",), _is_json3, _json3),
    ("Gladia", ("result", "transcription", "prediction"), _is_gladia, _gladia),
    ("Gentle", ("words", "transcript"), _is_gentle, _gentle),
    ("Bilibili subtitles", ("body",), _is_bilibili, _bilibili),
    ("ElevenLabs", ("words", "text", "transcripts"), _is_elevenlabs, _elevenlabs),
    ("3Play Media", ("words", "paragraphs", "speakers"), _is_threeplay, _threeplay),
    ("Trint", ("words", "speakers", "paragraphs"), _is_trint, _trint),
    ("Open edX captions (.sjson)", ("text", "start", "end"), _is_sjson, _sjson),
    ("Kaltura captions", ("objects",), _is_kaltura, _kaltura),
    ("autoEdit2", ("text", "metadata", "sttEngine"), _is_autoedit, _autoedit),
    ("Clarify", ("participants",), _is_clarify, _clarify),
)


def _duration(data: dict[str, Any]) -> float | None:
    """The audio's length in seconds, where the service states it: ``metadata.duration`` (Deepgram),
    ``job.duration`` (Speechmatics), ``metadata.audio_duration`` (Gladia), ``audio_duration_secs``
    (ElevenLabs); in milliseconds ``durationMilliseconds`` (Azure fast transcription; its preview's
    ``duration`` beside ``combinedPhrases``), ``ConversationCharacteristics.TotalConversationDurationMillis``
    (AWS Call Analytics), ``metadata.duration_millis`` (Bedrock Data Automation)."""
    metadata = _dict(data.get("metadata")) or _dict(_dict(data.get("result")).get("metadata"))
    for seconds in (_number(metadata.get("duration")), _number(_dict(data.get("job")).get("duration")),
                    _number(metadata.get("audio_duration")), _number(data.get("audio_duration_secs"))):
        if seconds is not None and seconds > 0:
            return seconds
    for ms in (_number(data.get("durationMilliseconds")),
               _number(data.get("duration")) if "combinedPhrases" in data else None,
               _number(_dict(data.get("ConversationCharacteristics")).get("TotalConversationDurationMillis")),
               _number(metadata.get("duration_millis"))):
        if ms is not None and ms > 0:
            return ms / 1000
    return None


def recognise(data: Any) -> str | None:
    """The service whose JSON ``data`` is, if any."""
    if not isinstance(data, dict):
        return None
    return next((name for name, _, test, _ in _SERVICES if test(data)), None)


def timeline(data: Any) -> Timeline | None:
    """The entries of a service's JSON, or None when ``data`` is no service's shape."""
    if not isinstance(data, dict):
        return None
    for name, keys, test, read in _SERVICES:
        if not test(data):
            continue
        if read is _google:
            entries, diarized = google_results(_list(data.get("results")))
            note = ("the speakers are the last result's, which repeats every word with its speaker "
                    "(diarization on)") if diarized else None
            return Timeline(name, keys, entries, duration=_duration(data), turns=True, note=note)
        # Caption lines, to be joined into sentences.
        return Timeline(name, keys, read(data), captions=read in (_json3, _bilibili, _sjson, _kaltura),
                        duration=_duration(data), turns=read is _clarify)
    return None
