"""TalkBank CHAT (``.cha``, CLAN's format): the transcripts of speech research corpora (TalkBank,
CHILDES, AphasiaBank, CABank) and of batchalign.

    @UTF8
    @Begin
    @Participants:	PAR Participant, INV Investigator
    @Media:	interview, audio
    *INV:	tell me &-um a story about this picture . 125_475
    *PAR:	and the stepmother <uses Cinderella as> [/] uses Cinderella as
    	a maid . 2575_5195
    %mor:	cconj|and det|the-Def-Art noun|stepmother ...
    %wor:	and 2575_2795 the 2795_2955 ...
    @End

(The bullets, ``125_475``, stand between two U+0015 characters: start and end in milliseconds.)

Each utterance (``*CODE:``) is a segment in the file's order, timed by its bullet, its speaker the
participant's name in ``@Participants`` (``CODE Name Role``), else its role where no one else
has it, else its code. A line opening with a tab goes on the line above. Dependent tiers
(``%mor``, ``%gra``, ``%wor``, ``%com``...) are not words: they are set aside as annotation tiers
are (see ``tiers``), comments, actions and translations kept with their utterance's times.

CHAT's codes in the words are read as a reader of the utterance sees it: retracings keep the
words said and lose their markers (``<i like> [/] i like``), fillers and fragments are words
(``&-um``: um, ``&+fr``: fr-, the older ``&um``: um), omitted sounds are filled in (``(be)cause``: because), a
replacement keeps what was said (``gonna [: going to]``: gonna), events are sounds
(``&=laughs``: [laughs], a direction whatever it names), ``xxx`` and ``yyy`` are unintelligible, pauses, bracketed codes, word
markers (``@s``, ``@l``), lengthening colons and Conversation Analysis marks leave, and the
terminators are punctuation (``+...``: ...). ``@G`` and ``@Bg`` gems are chapters, ``@Date``
the date, ``@Media`` the recording, other headers kept in ``extra["headers"]``.
"""

from __future__ import annotations

import datetime
import re

from podsift.formats import tiers as tier_rules
from podsift.formats.cues import ms
from podsift.formats.tiers import Tier
from podsift.model import Chapter, Episode, SourceRejected
from podsift.text import agrees, as_time, counted, prepare_text, squash, web_url

NAME = "chat"
EXTENSIONS = (".cha",)

# CHAT's media bullet is written between two U+0015 (NAK) characters, which every text reader
# strips as a control character: they stand in for it as this private-use character until read.
_NAK = "\x15"
_MARK = "\ue015"
_BULLET = re.compile(rf"{_MARK}(?:%\w+:\s*\"?[^\"{_MARK}\n]*\"?_)?(\d+)_(\d+)-?{_MARK}")
# A bullet whose U+0015s were lost on the way (copied as text): the time pair ending the utterance.
_BARE_BULLET = re.compile(r"\s(\d+)_(\d+)\s*$")

_BEGIN = re.compile(r"^@Begin[ \t]*$", re.MULTILINE)
_SPEAKER_LINE = re.compile(r"^\*[A-Za-z0-9_+\-]{1,10}:\t", re.MULTILINE)
# "*PAR:\tworda", "%mor:\t...", "@Birth of CHI:\t...", "@Begin", "@New Episode".
_LINE = re.compile(r"^(?P<kind>[*%@])(?P<name>[^:\t\n]+?)[ \t]*(?::[ \t]*(?P<value>.*))?$")


def sniff(text: str) -> float:
    head = text[:8192]
    begin = _BEGIN.search(head)
    if not begin or head[: begin.start()].count("\n") > 40:
        return 0.0
    return 0.95 if "@Participants:" in head or _SPEAKER_LINE.search(head) else 0.0


# ---------------------------------------------------------------------------
# The words of an utterance.

# Bracketed codes: retracing [/] [//] [///] [/-] [/?], replacements [: x] [:: x], errors [*],
# explanations [= x], paralinguistics [=! x], overlap [<] [>], stress [!], best guess [?],
# repetitions [x 3], postcodes [+ x], precodes [- lang], comments [% x], duration [# 2.5].
_EVENT_CODE = re.compile(r"\[=!\s*([^\]]+)\]")
_CODE = re.compile(r"\[[^\[\]\n]*\]")
_GROUP = re.compile(r"[<>‹›〔〕]")
_PAUSE = re.compile(r"\((?:\d+:)?\d*\.+\d*\)|\(\.+\)")
# Linkers opening an utterance: +< lazy overlap, +^ quick uptake, +, self-completion, ++ other
# completion, +" quotation, +≋ +≈ CA latching.
_LINKER = re.compile(r"^\s*(?:\+[<^,+\"≋≈])+(?=\s|$)")
# Special terminators: + then punctuation ("+...", "+/.", "+//?", "+!?", "+\"/."); . ? ! are a reader's own.
_TERMINATOR = re.compile(r"(?<!\S)\+[^\w\s]+(?=\s|$)")
_EVENT = re.compile(r"(?<!\S)&=([^\s]+)")
_FILLER = re.compile(r"(?<!\S)&[-~]([^\s]+)")  # &-um filler, &~gaga nonword: said
_FRAGMENT = re.compile(r"(?<!\S)&\+([^\s]+)")  # &+fr: a word begun and broken off
# "&um", "&www": the older CHAT's filler or fragment, the & alone before the word; the word was said.
_BARE_AMPERSAND = re.compile(r"(?<!\S)&(?=[^\W\d_])")
_OTHER = re.compile(r"(?<!\S)&\*[A-Z0-9]+:[^\s]+|(?<!\S)&[{}][a-z]=[^\s]+")  # another's interposed word; long events
_OMITTED = re.compile(r"(?<!\S)0[^\s.?!]*")  # a word not said
_UNINTELLIGIBLE = re.compile(r"(?<![\w&])(?:xxx|yyy)(?![\w])")
_UNTRANSCRIBED = re.compile(r"(?<![\w&])www(?![\w])")
_WORD_MARKER = re.compile(r"(?<=\w)@[a-z:$*]*[a-z](?::[\w$]+)?")  # fiu@s:hun, a@l, wawa@c
_IN_WORD_PARENS = re.compile(r"\(([^\s()]*)\)")  # (be)cause, goin(g): sounds not said, the word still meant
_LENGTHENING = re.compile(r"(?<=[^\W\d_]):+|\^")  # hm: , ba:by, syllables broken with ^
# Conversation Analysis marks around and inside words: pitch, overlap brackets, tempo, volume,
# voice quality, stress, latching, the CA terminators.
_CA_MARKS = re.compile("[↑↓⇗↗→↘⇘∞≡∙⌈⌉⌊⌋∆∇°▁▔☺♋⁇∬Ϋ∲§∾↻Ἡ↫≈≋ˈˌ\u0332\u2016]")
_TAG_MARKS = re.compile("[„‡]")  # tag question and vocative markers: a comma where a reader sees one
_CLINGING = re.compile(r"\s+([.,;:?!…]+)(?=\s|$)")
_COMPOUND = re.compile(r"(?<=\w)[+_](?=\w)")  # ice+cream, Santa_Claus


def _terminator(mark: str) -> str:
    """A CHAT terminator as the punctuation a reader sees: +... trailing off and +/. interruption as
    "...", +..? as "...?", +!? as "?!", quotation terminators +"/. and +". as a full stop."""
    if mark.startswith('+"'):
        return "."
    if mark.endswith("?") and ".." in mark:
        return "...?"
    if "!?" in mark or "?!" in mark:
        return "?!"
    if mark.endswith("?"):
        return "?"
    if mark.endswith("!"):
        return "!"
    if "..." in mark or "/" in mark:
        return "..."
    return "."


# Events are sounds, bracketed as any transcript brackets them; held apart from CHAT's own codes
# in brackets until those are gone.
_OPEN, _CLOSE, _SPACE = "\ue016", "\ue017", "\ue018"  # the space inside one: no word of its own ("&=w5_02")
_SOUND_BEFORE_MARK = re.compile(f"((?:{_OPEN}[^{_CLOSE}]*{_CLOSE}\\s*)+)([.,;:?!…]+)(?=\\s|$)")


def _event(m: re.Match[str]) -> str:
    return f" {_OPEN}{m.group(1).replace(':', ' ').replace('_', ' ').strip().replace(' ', _SPACE)}{_CLOSE} "


def clean(words: str) -> str:
    """An utterance's main tier (bullets taken out) as a reader sees it."""
    text = _EVENT_CODE.sub(_event, words)
    text = _CODE.sub(" ", text)
    text = _LINKER.sub(" ", text)
    text = _TERMINATOR.sub(lambda m: " " + _terminator(m.group(0)), text)
    text = _PAUSE.sub(" ", text)
    text = _OTHER.sub(" ", text)
    text = _EVENT.sub(_event, text)
    text = _FRAGMENT.sub(lambda m: m.group(1) + "-", text)
    text = _FILLER.sub(lambda m: m.group(1), text)
    text = _BARE_AMPERSAND.sub("", text)
    if re.fullmatch(r"\s*0\s*[.?!]?\s*", text):
        return "0."  # nothing said: counted as such, not as an empty line
    text = _OMITTED.sub(" ", text)
    text = _UNINTELLIGIBLE.sub(f"{_OPEN}unintelligible{_CLOSE}", text)
    text = _UNTRANSCRIBED.sub(f"{_OPEN}untranscribed{_CLOSE}", text)
    text = _GROUP.sub(" ", text)
    text = _WORD_MARKER.sub("", text)
    text = _IN_WORD_PARENS.sub(r"\1", text)
    text = _LENGTHENING.sub("", text)
    text = _CA_MARKS.sub("", text)
    text = _TAG_MARKS.sub(" ,", text)
    text = _COMPOUND.sub(" ", text)
    text = _SOUND_BEFORE_MARK.sub(r"\2 \1", squash(text))  # "raining [laughs]." reads "raining. [laughs]"
    text = _CLINGING.sub(r"\1", text).replace(_OPEN, "[").replace(_CLOSE, "]").replace(_SPACE, " ")
    if not re.search(r"\w", _CODE.sub("", text)):
        return squash(re.sub(r"[.,;:?!…]+", "", text))  # a sound alone: no sentence to end
    return squash(re.sub(r"^[,;.]+\s*", "", text))


_SOUND = re.compile(r"\s*\[[^\[\]\n]*\]")


def _split(text: str) -> tuple[str, list[str]]:
    """An utterance's words and its sounds: every bracket ``clean`` leaves is one (an event,
    "[unintelligible]", "[untranscribed]"), CHAT's own codes being gone, whatever it names."""
    directions = [m.group(0).strip() for m in _SOUND.finditer(text)]
    return (squash(_CLINGING.sub(r"\1", _SOUND.sub("", text))), directions) if directions else (text, [])


def _times(line: str) -> tuple[str, float | None, float | None]:
    """The line without its bullets, and the times they give (the first start, the last end)."""
    found = _BULLET.findall(line)
    if found:
        line = _BULLET.sub(" ", line)
    elif bare := _BARE_BULLET.search(line):
        found, line = [bare.groups()], line[: bare.start()]
    if not found:
        return line, None, None
    start, end = int(found[0][0]), int(found[-1][1])
    return line, ms(as_time(start / 1000)), ms(as_time(end / 1000)) if end >= start else None


# ---------------------------------------------------------------------------
# Headers.

# Dependent tiers by name: what they hold, and whether a reader would want them beside the words.
_DEPENDENT = {
    "mor": ("parts of speech", False), "gra": ("grammatical relations", False), "wor": ("word times", False),
    "pho": ("phones", False), "mod": ("phones", False), "xpho": ("phones", False), "phosyl": ("phones", False),
    "modsyl": ("phones", False), "phoaln": ("phones", False), "trn": ("parts of speech", False),
    "com": ("comments", True), "act": ("actions", True), "add": ("addressee", True), "sit": ("situation", True),
    "exp": ("explanations", True), "gpx": ("gestures", True), "int": ("intonation", True),
    "spa": ("speech acts", True), "err": ("errors", True), "eng": ("translation", True),
    "tra": ("translation", True), "xtra": ("translation", True), "ort": ("orthography", True),
}  # fmt: skip
_MONTHS = {m: k for k, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
# Headers that describe the file's making, not the recording: left out of extra.
_PLUMBING = frozenset({"utf8", "begin", "end", "font", "window", "colorwords", "options", "pid", "blank", "id",
                       "participants", "media", "date", "g", "bg", "eg", "new episode"})  # fmt: skip


def _date(value: str) -> str | None:
    m = re.fullmatch(r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s*", value)
    if not m or m.group(2).upper() not in _MONTHS:
        return None
    try:
        return datetime.date(int(m.group(3)), _MONTHS[m.group(2).upper()], int(m.group(1))).isoformat()
    except ValueError:
        return None


def _participants(value: str) -> dict[str, str]:
    """Each code's speaker: the name given, else the role where no one else has it, else the code."""
    entries = []
    for entry in value.split(","):
        parts = entry.split()
        if parts:
            code, role = parts[0], parts[-1] if len(parts) > 1 else ""
            name = " ".join(parts[1:-1])
            entries.append((code, name.replace("_", " "), role.replace("_", " ")))
    roles = [role for _, name, role in entries if not name]
    return {code: name or (role if role and roles.count(role) == 1 else code) for code, name, role in entries}


def _media(value: str, episode: Episode) -> None:
    name = value.split(",")[0].strip()
    if not name:
        return
    if web_url(name):
        episode.media_url = name
    else:
        episode.extra["media_file"] = name  # a file beside the transcript, named without its extension


# ---------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """The file's lines with their continuations (lines opening with a tab) joined on."""
    joined: list[str] = []
    for line in text.split("\n"):
        if line.startswith("\t") and joined:
            joined[-1] = f"{joined[-1]} {line.strip()}"
        elif line.strip():
            joined.append(line.rstrip())
    return joined


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text.replace(_NAK, _MARK), episode)
    speakers: dict[str, str] = {}
    headers: dict[str, list[str]] = {}
    main: dict[str, Tier] = {}
    dependent: dict[str, Tier] = {}
    gems: list[tuple[int, str]] = []  # (utterances before it, title)
    said = 0  # utterances so far that make a segment
    places: dict[str, list[int]] = {}  # each speaker's utterances' places in the file
    position = 0
    last: tuple[float | None, float | None] = (None, None)
    stray = 0
    for line in _lines(text):
        m = _LINE.match(line)
        if not m:
            stray += 1
            continue
        kind, name, value = m.group("kind"), m.group("name").strip(), (m.group("value") or "").strip()
        if kind == "@":
            key = name.lower()
            if key == "participants":
                speakers.update(_participants(value))
            elif key == "date" and (day := _date(value)):
                episode.date = episode.date or day
            elif key == "media":
                _media(value, episode)
            elif key in ("g", "bg") and value:
                gems.append((said, value.replace("_", " ")))
            elif key not in _PLUMBING and value:
                headers.setdefault(name, []).append(_BULLET.sub("", value).strip())
        elif kind == "*":
            words, start, end = _times(value)
            tier = main.get(name)
            if tier is None:
                tier = main[name] = Tier(f"*{name}", speakers.get(name, name))
            spoken = clean(words)
            tier.intervals.append((start, end, spoken))
            places.setdefault(name, []).append(position)
            position += 1
            said += tier_rules.unsaid(squash(spoken)) is None
            last = (start, end)
        else:  # a dependent tier: of the utterance above it, and timed as it is
            code = name.lower().lstrip("x") if name.lower() not in _DEPENDENT else name.lower()
            what, keep = _DEPENDENT.get(code, ("dependent tier", True))
            tier = dependent.get(name)
            if tier is None:
                tier = dependent[name] = Tier(f"%{name}", None, aside=what, keep_aside=keep)
            tier.intervals.append((*last, _BULLET.sub("", value)))
    if stray:
        episode.repair("stray_lines", f"{counted(stray, 'line')} that {agrees(stray, 'is', 'are')} not CHAT (no *, % or @ opening them) left out")
    for name, values in headers.items():
        episode.extra.setdefault("headers", {})[name] = "; ".join(values)
    if not main:
        raise SourceRejected("a CHAT file with no utterances (*SPEAKER: lines), so it is not a transcript")
    for name, tier in main.items():
        tier.positions = places[name]  # the file's order is the timeline: an untimed utterance stays put
    tier_rules.build(episode, [*main.values(), *dependent.values()], "utterances", _split)
    for first, title in gems:
        if first < len(episode.segments):  # a gem opens at the next utterance said
            episode.chapters.append(Chapter(title, episode.segments[first].start, first))
    if gems:
        episode.repair("gems", f"{counted(len(gems), 'gem')} (@G, @Bg: the corpus's own sections) read as chapters")
