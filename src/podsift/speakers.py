"""Names for speakers a transcript only labels ("Host", "Guest", "Speaker 1").

A name is taken only from what the conversation itself says, and only when the
clues agree: "My name is ..." settles it alone; otherwise two different clues
must name the same person ("I'm Robert Manriquez" plus "thanks, Robert"; or
"we have a special guest today, Isabella" plus "is it Isabella or ..."). Nothing
is guessed: unsure labels stay as they are. Every name given records its
evidence, the lines that said it, in the episode's repair report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from podsift.model import Episode
from podsift.text import agrees, counted

_WORDS = r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})"
_MY_NAME = re.compile(r"\b(?i:my name is|my name's) " + _WORDS)
_I_AM = re.compile(r"\b(?:I'm|I’m|I am) " + _WORDS)
_WELCOME = re.compile(r"\b(?i:welcome)(?: (?:to|back))? " + _WORDS)
_THANKS = re.compile(r"\b(?i:thanks|thank you)\b[^.?!]{0,60}?[ ,]" + _WORDS + r"(?=[.,!?])")
# Introducing the other speaker: "we have a special guest today, Isabella".
_OUR_GUEST = re.compile(
    r"\b(?i:(?:special |our |my )?guest(?: (?:today|here|tonight|this week))?)(?:,| is| was| today is)? " + _WORDS
)
# Checking a pronunciation: "Is it Isabella or ...?"
_IS_IT = re.compile(r"\b(?i:is it) " + _WORDS + r"(?= or\b|\?)")
# Capitalised words that are not anyone's name.
_NOT_NAME = frozenset(
    "I I'm The A An And So But Not Just Really Very Here There This That Everybody Everyone "
    "Everyone's All Guys Folks Friends Team Sir Madam Ma'am Today Sure Happy Glad Excited "
    "Sorry Going Gonna Well Yes Yeah No Okay Ok Right Great Thanks Thank You We Our My "
    "Mr Mrs Ms Dr Webinar Podcast Show Episode Series".split()
)
# Labels that say a role, not who: these may be replaced by a name.
GENERIC = re.compile(
    r"^(?:host|guest|co-?host|interviewer|interviewee|moderator|panelist|speaker|spk|"
    r"speaker[ _-]?(?:\d+|[a-z])|spk[ _-]?\d+|unknown|"
    r"(?:guest|host|co-?host|interviewer|moderator|panelist|participant)[ _-]?\d+)$",
    re.IGNORECASE,
)
# Labels for whoever was not identified, often several people ("Unknown Speaker", Otter's;
# "Audience Member", "Caller"): no one in particular, and never named after one of them.
ANONYMOUS = re.compile(
    r"^(?:(?:unknown|unidentified|unnamed|other|male|female)[ _-]?(?:speaker|voice)s?(?:[ _-]?\d+)?|"
    r"(?:audience|crowd)(?:[ _-]?members?)?(?:[ _-]?\d+)?|callers?(?:[ _-]?\d+)?|narrator|announcer|"
    r"voice[ _-]?over|(?:multiple|several|many|all)[ _-]?(?:speakers|voices)|everyone|all|"
    r"inaudible|crosstalk)$",
    re.IGNORECASE,
)
# How far into a conversation introductions are looked for.
INTRO_TURNS = 60


def _name(raw: str) -> str | None:
    """The plausible person name in ``raw`` (1-3 capitalised words), or None."""
    words = list(dict.fromkeys(raw.split(" ")))  # "Isabella Isabella is ..." says one name
    while words and (words[-1] in _NOT_NAME or words[-1].lower().endswith(("'s", "’s"))):
        words.pop()
    if not words or words[0] in _NOT_NAME:
        return None
    if any(w in _NOT_NAME or len(w) < 2 or not any(c.islower() for c in w) for w in words):
        return None
    if any(c.isdigit() or c == "_" for w in words for c in w):
        return None
    return " ".join(words)


@dataclass
class _Evidence:
    name: str
    strong: bool  # "my name is" settles it alone
    note: str


def _gather(turns: list[tuple[int, str, str]], intro_turns: int) -> dict[str, list[_Evidence]]:
    """Evidence per speaker label from the opening turns."""
    found: dict[str, list[_Evidence]] = {}
    labels = list(dict.fromkeys(label for _, label, _ in turns))
    early = turns[:intro_turns]
    for k, (number, label, text) in enumerate(early):
        # Whom a line addresses: the only other speaker, or else whoever answers it.
        if len(labels) == 2:
            other: str | None = labels[1] if label == labels[0] else labels[0]
        else:
            other = turns[k + 1][1] if k + 1 < len(turns) and turns[k + 1][1] != label else None

        def note(kind: str, m: re.Match[str], number: int = number, label: str = label) -> str:
            return f'turn {number} ({label}) {kind} "{m.group(0)}"'

        for m in _MY_NAME.finditer(text):
            if name := _name(m.group(1)):
                found.setdefault(label, []).append(_Evidence(name, True, note("says", m)))
        for m in _I_AM.finditer(text):
            if name := _name(m.group(1)):
                found.setdefault(label, []).append(_Evidence(name, False, note("says", m)))
        if other is None:
            continue
        for pattern in (_OUR_GUEST, _IS_IT):
            for m in pattern.finditer(text):
                if name := _name(m.group(1)):
                    found.setdefault(other, []).append(_Evidence(name, False, note("says", m)))
        # A welcome at the end of a turn hands over to the next speaker.
        if k + 1 < len(turns):
            for m in _WELCOME.finditer(text, max(0, len(text) - 300)):
                if name := _name(m.group(1)):
                    found.setdefault(other, []).append(_Evidence(name, False, note("says", m)))
        # Thanks at the start of a reply is addressed to the previous speaker.
        if k > 0:
            thanks = _THANKS.search(text[:200])
            if thanks and (name := _name(thanks.group(1))):
                found.setdefault(other, []).append(
                    _Evidence(name, False, f'turn {number} ({label}) thanks "{name}"')
                )
    return found


def _decide(evidence: list[_Evidence]) -> str | None:
    """A name only when the clues agree and are strong enough together."""
    first_words = {e.name.split()[0] for e in evidence}
    if len(first_words) != 1:
        return None
    if not any(e.strong for e in evidence) and len({e.note for e in evidence}) < 2:
        return None
    return max((e.name for e in evidence), key=lambda n: len(n.split()))


def name_turns(episode: Episode, turns: list[tuple[int, str, str]], *, intro_turns: int = INTRO_TURNS,
               only: set[str] | None = None) -> dict[str, str]:  # fmt: skip
    """Names for the labels of ``turns`` ((number, label, text)), each with its evidence reported.

    ``only`` limits which labels may be renamed (the generic ones).
    """
    found = _gather(turns, intro_turns)
    names: dict[str, str] = {}
    for label, evidence in found.items():
        if (only is None or label in only) and (name := _decide(evidence)):
            names[label] = name
    taken = {label for _, label, _ in turns} - set(names)
    if len(set(names.values())) < len(names) or set(names.values()) & taken:
        return {}  # two speakers "named" the same: the clues were wrong
    for label, name in sorted(names.items()):
        notes = "; ".join(dict.fromkeys(e.note for e in found[label]))
        first = next(n for n, lab, _ in turns if lab == label)
        episode.repair("speaker_named", f'{label} named "{name}": {notes}', f"turn {first}")
    return names


def name_generic_speakers(episode: Episode) -> dict[str, str]:
    """Replace generic labels with names the conversation gives them; returns what was renamed."""
    generic = {s.speaker for s in episode.segments if s.speaker and GENERIC.match(s.speaker)}
    if not generic:
        return {}
    turns: list[tuple[int, str, str]] = []
    for seg in episode.segments:
        if not seg.text or not seg.speaker:
            continue
        if turns and turns[-1][1] == seg.speaker:
            number, label, text = turns[-1]
            turns[-1] = (number, label, f"{text} {seg.text}")
        else:
            turns.append((len(turns) + 1, seg.speaker, seg.text))
    if len({label for _, label, _ in turns}) < 2:
        return {}
    names = name_turns(episode, turns, only=generic)
    for seg in episode.segments:
        if seg.speaker in names:
            seg.speaker = names[seg.speaker]
    return names


# Initials as a label: "DB" for "Devin Becker".
_INITIALS = re.compile(r"[A-Z]{2,4}")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()


# Two or three people labelled as one turn: "Jason Staten & Megan Duclos", "TRAVIS and ASHLEY";
# or one of two whom the transcriber could not tell apart: "Ronak or Guang".
JOINED = re.compile(r" (?:&|\+|and|or) ")


def several_people(label: str) -> bool:
    """A label of two or three people at once, not one person's name."""
    return len(JOINED.split(label)) > 1


def join_first_names(episode: Episode) -> dict[str, str]:
    """A first name or initials used as a label beside one full name they fit are that person.

    Transcribers label a speaker's first turn in full and the rest by first name
    ("Bekah Hawrot Weigel:" once, then "Bekah:") or by initials ("Devin Becker:", then
    "DB:"): one voice, not two. A first name or initials that two full names share stay
    as they are, and so do a role or a common word beside a full name it starts ("Judge" and
    "Judge Smith"), as the parser's rule for first names has it. Returns what was renamed.
    """
    from podsift.formats.labels import first_name_label  # labels reads this module's patterns

    labels = Counter(s.speaker for s in episode.segments if s.speaker)
    full = [label for label in labels if len(label.split()) > 1 and not several_people(label)]  # "TRAVIS and ASHLEY"
    surnames = {f.split()[-1].casefold() for f in full}
    names: dict[str, str] = {}
    how: dict[str, str] = {}
    for short in labels:
        if " " in short or GENERIC.match(short):
            continue
        matches = [f for f in full if f.split()[0].casefold() == short.casefold()]
        if not first_name_label(short, surnames):
            matches = []  # the parser's rule, in either order: "Judge" beside "Judge Smith" is no first name
        how[short] = "starts with it"
        if not matches and _INITIALS.fullmatch(short):
            matches = [f for f in full if _initials(f) == short]
            how[short] = "has these initials"
        if len(matches) == 1:
            names[short] = matches[0]
    for seg in episode.segments:
        if seg.speaker in names:
            seg.speaker = names[seg.speaker]
    for short, name in names.items():
        episode.repair("first_name_joined", f"{counted(labels[short], 'segment')} labelled {short!r} {agrees(labels[short], 'is', 'are')} by {name!r}, "
                                            f"the one full name in this episode that {how[short]}")
    return names


# Labels that mean the show's own host.
HOST_LABELS = frozenset({"host", "interviewer", "moderator"})
# A show's host: speaks in at least this share of its other episodes, and in at least 3.
HOST_SHARE = 0.8
HOST_MIN_EPISODES = 3


def host_label(episode: Episode) -> str | None:
    """The "Host" label (any of HOST_LABELS) the episode's speakers use, when they use one."""
    labels = {s.speaker for s in episode.segments if s.speaker and s.speaker.lower() in HOST_LABELS}
    return labels.pop() if len(labels) == 1 else None


def name_show_host(episode: Episode, show_episodes: int, speakers: list[tuple[str, int]]) -> str | None:
    """Name a "Host" label after the person who speaks in nearly every other episode of the show.

    ``show_episodes`` and ``speakers`` describe the show's other episodes: how many,
    and in how many each speaker speaks, most first.
    """
    label = host_label(episode)
    if label is None or not speakers or show_episodes < HOST_MIN_EPISODES:
        return None
    name, seen = speakers[0]
    if GENERIC.match(name) or seen < max(HOST_MIN_EPISODES, HOST_SHARE * show_episodes):
        return None
    if name in {s.speaker for s in episode.segments}:
        return None  # already speaking here under their own name: "Host" is someone else
    for seg in episode.segments:
        if seg.speaker == label:
            seg.speaker = name
    episode.repair("speaker_named", f'{label} named "{name}": {name} speaks in {seen} of the '
                   f'{show_episodes} other episodes of {episode.show!r}, as its host', None)  # fmt: skip
    return name
