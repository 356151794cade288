"""Speaker labels: which ``Name:``-style prefixes in a file really name speakers.

A label is a speaker only when it looks like a name and behaves like one: it
recurs, or it takes turns with other labels. Headers (``Kind: captions``),
credits (``Subtitles: @someone``, ``Transcribed by ...``) and URLs never are,
however often they repeat (joined caption files repeat their headers).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Collection, Sequence

from podsift.speakers import ANONYMOUS, GENERIC, JOINED
from podsift.text import agrees, counted, names_a_sound, squash
from podsift.words import word_frequency

if TYPE_CHECKING:
    from podsift.model import Episode

# Headings of meeting notes ("ACTION ITEM: Send the deck - WATCH"), in the singular: a note, never a speaker.
NOTES_KEYWORDS = frozenset(
    {
        "action item", "action", "todo", "to do", "note", "decision", "summary", "agenda", "key takeaway",
        "takeaway", "next step", "follow up", "followup", "key point", "highlight", "recap", "outcome",
        "open question", "blocker", "risk", "task", "reminder", "screen sharing", "meeting note",
        "meeting minute", "minute", "key decision", "action point", "discussion point", "keyword",
        "summary keyword", "overview", "conclusion", "fyi", "nb",
    }
)

# Fields of meeting notes under a topic's heading ("Presenter: Jane Doe (JDE)", TC39's and
# standards bodies' minutes): who presents or attends, metadata rather than a turn of speech.
# "Delegates: re-use your existing abbreviations!" heads the notes as their attendees' list does.
# A council's or board's minutes list who attends the same way ("OFFICERS IN ATTENDANCE: Karla Moore-Love, …").
MEETING_FIELDS = frozenset({"presenter", "attendee", "delegate", "facilitator", "note taker", "notetaker", "scribe",
                            "in attendance", "officers in attendance", "staff in attendance", "also present",
                            "members present", "members absent", "staff present", "absent"})  # fmt: skip

# Words that head a line as a label of something other than a speaker.
NOT_NAMES = frozenset(
    {
        # document headers and fields
        "note", "notes", "update", "edit", "warning", "source", "sources", "transcript", "summary",
        "http", "https", "ps", "re", "fw", "fwd", "subject", "date", "time", "title", "tags", "tag",
        "kind", "language", "lang", "subtitle", "subtitles", "caption", "captions", "closed captions",
        "translator", "translation", "translated by", "transcriber", "transcription", "transcribed by",
        "reviewer", "reviewed by", "subtitles by", "captions by", "copyright", "credit", "credits",
        "website", "web", "url", "link", "links", "more info", "more information", "see also", "read more",
        "email", "e mail", "twitter", "instagram", "facebook", "linkedin", "youtube", "github", "episode", "season", "duration", "length", "published",
        "recorded", "location", "category", "categories", "description", "keywords", "author",
        "authors", "show notes", "shownotes", "chapter", "chapters", "timestamps", "topics",
        "resources", "references", "mentioned", "guests", "hosts", "speakers",
        "audio", "video", "image", "cover", "download", "listen", "watch", "file", "filename",
        "format", "version", "style", "region", "position", "align", "size", "appearances", "present",
        "index", "exhibit", "exhibits", "examination", "contents", "agenda", "break", "intro", "outro",
        # the same fields in Spanish, Portuguese, French, German and Italian ("**Fecha:** 2025-11-17")
        # (only words no one is named: "Ora", "Ort" and "Datum" may be someone's)
        "fecha", "duración", "duracion", "lugar", "modalidad", "hora de inicio", "hora de finalización",
        "hora de finalizacion", "hora de fin", "duração", "duracao", "horário", "durée", "dauer", "uhrzeit",
        "durata", "luogo",
        # a page's contact fields: "Phone: 021 316 0300", "Telefoane: …", "Adresa poştală: …"
        # (not "Phone" or "Mobile 3": a dispatcher's units and a call's other end are heard)
        "fax", "address", "postal address", "mailing address",
        "telefon", "telefoane", "adresa", "adresă", "adresa poştală", "adresa poștală", "téléphone", "adresse",
        "teléfono", "telefono", "dirección", "telefone", "endereço", "indirizzo", "anschrift",
        # a log's levels: "info: server started", "error: disk full", "[WARN] 12:00:01"
        "info", "debug", "error", "trace", "fatal", "warn",
        # a talk script's or interview write-up's stage notes: "SLIDE: Overview", "Setting: a kitchen"
        "slide", "demo", "setting", "scene", "stage direction", "speaker note",
        # enumerations inside speech: "One: ... Two: ..."
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second",
        "third", "fourth", "fifth", "step", "part", "question", "answer", "example", "tip", "rule",
        "option", "alternative", "proposal", "approach", "scenario",
        # a list weighed in speech or notes: "pros: it is fast", "cons: thin docs"
        "pro", "con", "upside", "downside", "advantage", "disadvantage", "benefit", "drawback", "caveat",
        # meeting notes' headings, which Fathom, Otter and their like write into the transcript
        *NOTES_KEYWORDS,
        *MEETING_FIELDS,
    }
)
# Short words that open a reply; alone, they are speech, not a name.
INTERJECTIONS = frozenset(
    "yeah yes yep no nope ok okay right so and but well um uh mm mhm hmm sure thanks thank "
    "hi hey hello exactly cool great oh ah true wow nice awesome absolutely definitely "
    "i indeed correct perfect good totally alright sorry bye goodbye excellent fantastic "
    "agreed interesting really amazing wonderful welcome cheers laughter applause music".split()
)

_FUNCTION_WORDS = frozenset("of by for with to and the at in on from a an or".split())
_URLISH = re.compile(r"(?:https?://|www\.|@\w|\.(?:com|org|net|io|ai|co|fm)\b)", re.IGNORECASE)
# Lower-case words inside a name: "Daria van den Bercken", "Ursula von der Leyen", "João dos Santos".
PARTICLES = frozenset("de van von da del la le den der du dos das di ten ter".split())
_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_QUOTED = re.compile(r"^[‘'“\"]([^\W\d_][\w.\-]*)[’'”\"]$")  # a nickname in quotes inside a name
MAX_LABEL_CHARS = 40
_NUMBER = re.compile(r"\d{1,3}[A-Z]?|\d+")
_MAX_AT_ONCE = 3


def _one_of(label: str, words: frozenset[str]) -> bool:
    """``label`` is one of ``words``, in any case or number, a trailing number aside. A hyphen counts as a
    space ("E-mail" is "e mail"), so ``words`` are written with spaces."""
    parts = label.lower().replace("-", " ").split()
    if len(parts) > 1 and parts[-1].isdigit():
        parts = parts[:-1]
    key = " ".join(parts)
    return key in words or (key.endswith("s") and key[:-1] in words)


def notes_heading(label: str) -> bool:
    """A meeting notes' heading, in any case or number: "Action items", "Next steps", "Decisions"."""
    return _one_of(label.strip(" \t#*_:"), NOTES_KEYWORDS)


# A field's last word, which no one is named: "Talk Language: English", "Interview Location: Paris";
# a show page's notes headings: "Guest Bio:", "Resource Links:".
_FIELD_NOUNS = frozenset({"language", "languages", "location", "venue", "duration", "bio", "biography", "links"})


def not_a_name(label: str) -> bool:
    """A header word or notes heading, in any case or number: "Notes", "ACTION ITEMS", "Next Steps 2", "To-Do";
    or a field named by what it is of ("Talk Language", "Recording Location")."""
    parts = label.lower().split()
    return _one_of(label, NOT_NAMES) or (1 < len(parts) <= 3 and parts[-1] in _FIELD_NOUNS) or blank_name(label)


# Who attended, by kind: "SENATORS PRESENT:", "ASSEMBLY MEMBERS PRESENT:", "Council members absent:".
_ATTENDANCE = re.compile(r"[^\W\d_][\w .'’-]{0,40}[ \t](?:present|absent|in attendance|attending)", re.IGNORECASE)


def meeting_field(label: str) -> bool:
    """A meeting notes' field ("Presenter", "Attendees", "Note taker", "Senators present"), in any case or number."""
    return _one_of(label, MEETING_FIELDS) or bool(_ATTENDANCE.fullmatch(label.strip()))


# A name with its company, show or role in brackets after it ("Jason Lemkin (SaaStr)", "Ann Lee (SL)",
# "Jane Doe (host)"), as a guest is introduced and a meeting tool shows a participant: the name decides;
# the label stays whole.
_AFFILIATION = re.compile(r"(?P<name>\S.*?) \((?P<of>[^\W\d_][^()\n]{0,29}(?<=\S))\)")


def without_affiliation(label: str) -> str:
    """``label`` without a capitalised company or show in brackets after the name ("(SaaStr)"), or
    a role in any case ("(Host)", "(host)"; "(laughing)" is no role)."""
    m = _AFFILIATION.fullmatch(label)
    return m.group("name") if m and (m.group("of")[0].isupper() or GENERIC.match(m.group("of"))) else label


# Who speaks by office in a parliament's or a court's record: "The Prime Minister:", "THE COURT:".
_THE_ROLE = re.compile(
    r"(?i:the)[ \t]+(?:(?i:deputy|acting|vice)[ \t]+)?(?:Prime[ \t]+Minister|PRIME[ \t]+MINISTER|President|PRESIDENT|"
    r"Speaker|SPEAKER|Chair(?:man|woman|person)?|CHAIR(?:MAN|WOMAN|PERSON)?|Presiding[ \t]+Officer|"
    r"PRESIDING[ \t]+OFFICER|Moderator|MODERATOR|Clerk|CLERK|Court|COURT|Witness|WITNESS|Mayor|MAYOR|"
    r"Interpreter|INTERPRETER|Bailiff|BAILIFF|Premier|PREMIER|Secretary|SECRETARY|Reporter|REPORTER)")


# An office before its holder's name: "The Clerk of the Committee (Mr. Georges Etoka)".
_OFFICE = re.compile(r"^(?:The|La|Le|Les|L')\s", re.IGNORECASE)
_GROUPS = re.compile(r"(?P<before>[^()]+?)(?P<groups>(?:\s*\((?:[^()]|\([^()]*\))*\))+)")


def person(label: str) -> tuple[str, str | None]:
    """The name in a report's label and the role beside it: "Ziad Aboultaif (Edmonton Manning, CPC)" is
    Ziad Aboultaif of that seat; "The Clerk of the Committee (Mr. Georges Etoka)" is Mr. Georges Etoka;
    "The Chair (Kelly McCauley (Edmonton West, CPC))" is Kelly McCauley."""
    label = squash(label).strip(" :：—–-")
    if not (m := _GROUPS.fullmatch(label)):
        return label, None
    before, groups = m.group("before").strip(), m.group("groups").strip()
    first = re.match(r"\((?P<name>[^()]*?)\s*(?:\((?P<seat>[^()]*)\))?\)", groups)
    if first and _OFFICE.match(before) and (name := first.group("name")) and any(c.isupper() for c in name) \
            and (first.group("seat") is not None or "," not in name):
        rest = (f"({first.group('seat')}) " if first.group("seat") else "") + groups[first.end():].strip()
        return name, squash(f"{before} {rest}")
    return before, squash(re.sub(r"\s*\(\s*", " (", groups)).strip()


def looks_like_name(label: str) -> bool:
    """Shape only: 1-4 capitalised words (a trailing number allowed), no URL, not a header word;
    or two or three such names joined by " & ", " + ", " and " or " or ".

    "Alexey", "Mary Ann Lee", "Speaker 2", "Dr. Ana Ruiz", "Unknown Speaker", "Ann & Bob",
    "DUCKWORTH + DUBNER" pass;
    "Kind", "Subtitles", "https", "Transcribed by" do not.
    """
    label = without_affiliation(label.strip())
    if not label or len(label) > MAX_LABEL_CHARS or _URLISH.search(label):
        return False
    if _THE_ROLE.fullmatch(label):
        return True  # "The Prime Minister", "THE COURT", "THE WITNESS": an office speaks
    if not_a_name(label):
        return False
    people = JOINED.split(label)
    if len(people) > 1:  # "Jason Staten & Megan Duclos": two people who laugh or answer at once
        # "Q and A" is a heading, not two people
        return len(people) <= _MAX_AT_ONCE and all(len(p) > 1 and looks_like_name(p) for p in people)
    words = [_QUOTED.sub(r"\1", w) if k else w for k, w in enumerate(label.split())]  # Andrew ‘Boz’ Bosworth
    if len(words) > 1 and _NUMBER.fullmatch(words[-1]):
        words = words[:-1]  # "Speaker 2", "Lead 2A": a numbered voice, or counsel for a module
    # "I" is the word, but in capitals alone an interview's "I:" is its interviewer (I and B, I and R).
    if len(words) > 4 or (len(words) == 1 and words[0] != "I" and words[0].lower().rstrip(".!?,") in INTERJECTIONS):
        return False
    # A letter last is a label's letter ("Speaker A", AssemblyAI's lettered voices), not the article.
    last = words[-1].lower() if len(words[-1]) > 1 else ""
    if len(words) > 1 and (last in _FUNCTION_WORDS or words[0].lower() in _FUNCTION_WORDS):
        return False  # "INTERVIEW OF", "The End": a phrase, not a name
    if words[-1].endswith((".", "!", "?", ",")) and len(words[-1].rstrip(".")) > 1:
        return False  # "Yeah." ends a sentence; "Dr." and an initial "J." do not end a name
    return all(_WORD.match(w) and (w[0].isupper() or w in PARTICLES) for w in words) and words[0][0].isupper()


_NAMED_SHARE = 0.8


def names_column(cells: list[str]) -> bool:
    """Whether a column's cells (or one field's values down a list of records) are speakers' names:
    nearly all filled, short, most of them recurring, and shaped like names or a diarizer's ids ("SPEAKER_00")."""
    filled = [c for c in cells if c]
    names = set(filled)
    return (
        len(filled) >= _NAMED_SHARE * len(cells)
        and len(names) < len(filled)
        and all(len(c) <= MAX_LABEL_CHARS and len(c.split()) <= 4 for c in names)
        and sum(looks_like_name(c) for c in names) >= _NAMED_SHARE * len(names)
    )


# A name's word in a script without capitals (Chinese, Japanese, Korean, Thai…), at most this long.
# Its shape cannot tell it from any other word ("地点: 北京", "注意：" are fields and notes), so it is a
# name only where the layout sets a name apart: Zoom's "[道生 武松] 21:54:00", a caption's labels.
_CASELESS_WORD = 8


def caseless_word(word: str) -> bool:
    return 0 < len(word) <= _CASELESS_WORD and all(c.isalpha() and not c.isupper() and not c.islower() for c in word)


# A chat log's nick in angle brackets opening a line: IRC's "<jthomas>", or a full name as other chats
# write it ("<Jane Doe>"); an address ("<jane@example.com>") has no such shape.
IRC_NICK = r"<(?P<nick>[A-Za-z_\[\]^`|{}][\w\-\[\]^`|{}]{0,30}(?: [^\W\d_][\w'’.\-]{0,30}){0,2})>"
# Tags that open a line of HTML, not a nick: "<p> words", "<b> words".
_HTML_TAGS = frozenset("p b i u s a em strong small code pre div span br li ul ol td tr th sup sub table blockquote "
                       "h1 h2 h3 h4 h5 h6 hr cite q mark del ins".split())


# A template's blank for a name, never filled in: "<Your Name>", "<Guest Name>", "<First Last>", "<Name>".
_BLANK_WORDS = frozenset("your my guest host speaker interviewer interviewee first last full insert here name".split())
_BLANK_NAME = frozenset("first last full insert here name".split())


def blank_name(label: str) -> bool:
    """Whether ``label``'s words are only a template's words for a name (``Speaker Name``), not a name."""
    words = set(label.lower().split())
    return words <= _BLANK_WORDS and bool(words & _BLANK_NAME)


def irc_nick(nick: str) -> bool:
    """Whether the words of an ``IRC_NICK`` are a nick: one word that is no HTML tag, or a person's name
    (not a tag's attributes, "<v Jane Doe>" naming a caption's voice, or a template's "<Your Name>")."""
    if blank_name(nick):
        return False
    if " " in nick:  # a sound set so, "<Music Playing>" opening a line of a labelled talk, is no one
        return looks_like_name(nick) and not names_a_sound(nick)
    # "<Laughter> that's so true": a sound, set as oral histories set theirs, is no one's nick
    return nick.lower() not in _HTML_TAGS and not names_a_sound(nick, angled=True)


def caseless_name(label: str) -> bool:
    """A label of 1-4 words, all in a script without capitals ("道生 武松", "主持人")."""
    words = label.split()
    return 0 < len(words) <= 4 and all(caseless_word(w) for w in words)


# A letter and a number is a version or a step as often as a voice ("v1: slow", "s2: done").
_LETTER_ID = re.compile(r"[vVsS]\d{1,3}")


def diarizer_id(label: str) -> bool:
    """A diarizer's numbered id however written: "speaker0", "spk_1" as Chinese pipelines write them,
    "说话人1", "話者1"; not "v1" or "s2", which the label's shape cannot tell from a version or a step."""
    return numbered_speaker(label) is not None and not _LETTER_ID.fullmatch(label)


# A hearing record's label: a title or honorific, then the surname in capitals, then a full stop
# ("Mr. NIELDS. Now, Mr. Secord…", "Chairman INOUYE.", "Senator RUDMAN.", "Mr. McFARLANE.",
# "The CHAIRMAN."), as the Congressional Record and hearing transcripts print them. The capitals
# tell it from a sentence that starts with a name ("Mr. Smith. He said…").
_HONORIFICS = (
    r"Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Rev|Hon|Chairman|Chairwoman|Chairperson|Vice Chairman|Senator|Sen|"
    r"Representative|Rep|Congressman|Congresswoman|Delegate|Judge|Justice|Governor|Gov|Mayor|Secretary|"
    r"Ambassador|Attorney General|Admiral|Adm|General|Gen|Colonel|Col|Lieutenant Colonel|Lt\. Col|Major|Maj|"
    r"Captain|Capt|Lieutenant|Lt|Sergeant|Sgt|Commander|Cdr"
)
_CAPITAL_SURNAME = r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O['’]|D['’])?[A-Z][A-Z'’-]+"
_HEARING_LABEL = re.compile(
    rf"^(?P<name>(?:(?:{_HONORIFICS})\.?[ \t]+(?:[A-Z]\.[ \t]+)?{_CAPITAL_SURNAME}(?:[ \t]+{_CAPITAL_SURNAME})?"
    # The Congressional Record tells members of one name apart by their state: "Mr. MEEK of Florida."
    r"(?:[ \t]+(?:of|OF)[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)?"
    r"|The[ \t]+(?:CHAIRMAN|CHAIRWOMAN|CHAIR|VICE CHAIRMAN|PRESIDING OFFICER|CLERK|WITNESS|SPEAKER|PRESIDENT)"
    r"(?:[ \t]+pro[ \t]+tempore)?)(?:[ \t]+\((?:Mr|Mrs|Ms|Miss|Dr)\.[ \t]+[^()\n]{1,40}\))?)"
    r"\.(?:[ \t]+|$)"
)


# The Government Publishing Office's text of a hearing sets the surname as written: "Mr. Koo. Thank you,
# Chairman Frank…", "The Chairman. The hearing will come to order.", "Dr. Paul. …". Only a record that
# opens many paragraphs so can be told from one whose sentence starts with a name.
_MIXED_HEARING_LABEL = re.compile(
    rf"^(?P<name>(?:{_HONORIFICS})\.?[ \t]+(?:[A-Z]\.[ \t]+)?(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)?"
    r"|The[ \t]+(?:Chairman|Chairwoman|Chair|Vice Chairman|Presiding Officer|Clerk|Witness|Speaker|President)"
    r"(?:[ \t]+pro[ \t]+tempore)?)\.[ \t]+(?=[A-Z\"“(\[])"
)


_TITLED = re.compile(rf"(?:{_HONORIFICS})\.?[ \t]+\S")


def titled(name: str) -> bool:
    """Whether a label names someone by their title ("Senator Smith", "Mr. Koo")."""
    return bool(_TITLED.match(name))


def hearing_label(text: str, mixed: bool = False) -> tuple[str, str] | None:
    """``Mr. NIELDS. Now, Mr. Secord…`` as (``Mr. NIELDS``, ``Now, Mr. Secord…``); None where ``text``
    does not open with a hearing record's label. With ``mixed``, the surname as written too
    (``Mr. Koo. Thank you…``), which only a record of many such paragraphs can tell from a sentence."""
    m = (_MIXED_HEARING_LABEL if mixed else _HEARING_LABEL).match(text)
    return (m.group("name"), text[m.end():]) if m else None


# whisper.cpp's --diarize tells the two channels of a stereo recording apart, in every output it
# writes: "(speaker 1) text", "(speaker ?)" when it cannot tell.
_STEREO_SPEAKER = re.compile(r"^\(speaker (\d{1,2}|\?)\)\s*")


def stereo_label(text: str) -> str:
    """``text`` with whisper.cpp's "(speaker 1)" opening written as a label ("Speaker 1: "); the
    speaker it could not tell is "Unknown Speaker", which names no one."""
    m = _STEREO_SPEAKER.match(text)
    if not m:
        return text
    name = UNKNOWN_SPEAKER if m.group(1) == "?" else f"Speaker {m.group(1)}"
    return f"{name}: {text[m.end():]}"


# A voice's code as NeMo's diarization examples write it, "sp" and the reader's number in the corpus
# ("sp3000", "sp422"): kept as written, as the number names one reader, not an order of turns.
_CODED_VOICE = re.compile(r"sp\d{1,5}", re.IGNORECASE)


def coded_voice(label: str) -> bool:
    """Whether ``label`` is a corpus reader's code ("sp3000"); a label only where a time opens its line."""
    return bool(_CODED_VOICE.fullmatch(label))


# A diarizer's numbered id for a voice it told apart, not a name: WhisperX's and pyannote's "SPEAKER_00",
# Apple Podcasts' "SPEAKER_1", TTML's "v1", the speech services' "spk_0", "S1" and "speaker_0" (Chinese
# pipelines' "speaker0", "spk0"), and
# pyannote's id with a tool's prefix of its own (roundtable's clips: "speaker_SPEAKER_04", a WhisperX
# demo's "Speaker SPEAKER_00").
# Alibaba's and iFlytek's Chinese ids ("说话人1", "发言人 2"), Japanese "話者1" (and "スピーカー1",
# "発言者1"), Korean "화자1" and Naver Clova Note's "참석자 1" (participant).
_NUMBERED_ID = re.compile(r"(?:speaker(?:_|[ \t]+))?(?:SPEAKER_?|SPK_?|S|v|(?:说话人|說話人|发言人|發言人|讲话人|話者|话者|화자"
                          r"|참석자|スピーカー|発言者)[ \t]?)(\d{1,3})",
                          re.IGNORECASE)


def numbered_speaker(label: str) -> str | None:
    """"Speaker N" for a diarizer's numbered id, keeping its number ("SPEAKER_01" as "Speaker 1"); else None."""
    m = _NUMBERED_ID.fullmatch(label.strip())
    return f"Speaker {int(m.group(1))}" if m else None


# A participant's account id where a meeting tool gives no name (Microsoft Stream's and Teams' old VTT:
# "<v 88b66bf7-d0d1-4ed1-bb80-ce79d271ac2a@72f988bf-86f1-41af-91ab-2d7cd011db47>").
_GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_ACCOUNT_ID = re.compile(rf"{_GUID}(?:@{_GUID})?", re.IGNORECASE)


def show_numbered_speakers(episode: Episode) -> None:
    """Every segment whose speaker is a diarizer's numbered id shows it as "Speaker N", whatever the format;
    account ids with no name are numbered in the order they first speak."""
    shown: dict[str, str] = {}
    for seg in episode.segments:
        if seg.speaker is not None and (name := numbered_speaker(seg.speaker)):
            shown[seg.speaker] = name
            seg.speaker = name
    if shown:
        episode.repair("speaker_ids", f"numbered speaker ids {', '.join(sorted(shown))} shown as 'Speaker N'")
    accounts: dict[str, str] = {}
    taken = {seg.speaker for seg in episode.segments}
    for seg in episode.segments:
        if seg.speaker is not None and _ACCOUNT_ID.fullmatch(seg.speaker):
            if seg.speaker not in accounts:
                number = len(accounts) + 1
                while f"Speaker {number}" in taken:
                    number += 1
                accounts[seg.speaker] = f"Speaker {number}"
                taken.add(accounts[seg.speaker])
            seg.speaker = accounts[seg.speaker]
    if accounts:
        episode.repair("speaker_ids", f"{counted(len(accounts), 'account id')} with no name ({next(iter(accounts))}, …) "
                                      "shown as 'Speaker N' in the order they first speak")  # fmt: skip


# A voice the transcriber could not name ("Unknown: Adam Clark curry. Yes.", as Buzzsprout writes it;
# "Unidentified"): no one, as Otter's "Unknown Speaker" is, and shown as that one label.
UNKNOWN_SPEAKER = "Unknown Speaker"
_UNKNOWN_LABEL = re.compile(r"(?:unknown|unidentified)(?:[ _-]?speaker)?", re.IGNORECASE)


def show_unknown_speakers(episode: Episode) -> None:
    """Every segment whose speaker is "Unknown" or the like shows "Unknown Speaker", whatever the format."""
    shown = Counter(seg.speaker for seg in episode.segments
                    if seg.speaker and seg.speaker != UNKNOWN_SPEAKER and _UNKNOWN_LABEL.fullmatch(seg.speaker))
    if not shown:
        return
    for seg in episode.segments:
        if seg.speaker in shown:
            seg.speaker = UNKNOWN_SPEAKER
    episode.repair("unknown_speaker", f"{counted(sum(shown.values()), 'segment')} labelled {', '.join(map(repr, shown))} "
                   f"{agrees(sum(shown.values()), 'is', 'are')} a voice the transcript does not name: shown as {UNKNOWN_SPEAKER!r}, no one in particular")


# A word of a person's name, the last of a full name or a label alone: letters, maybe an apostrophe
# or hyphen ("O'Brien", "Smith-Jones"); a title's stop ("Dr.") only before it.
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*")
_TITLE_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\.?")


def surnames_as_full_names(episode: Episode) -> None:
    """A label that is only a surname ("KENNEDY") is the speaker whose full-name label ends with it
    ("Michael KENNEDY"), in any case, when exactly one full name does: human transcripts name each
    person in full at their first turn and by surname after. The full name is shown, and the report
    says which labels were joined. Roles ("Host" beside "Guest Host") and anonymous voices are never
    taken for surnames, nor are joint labels ("Ann & Bob") for full names.
    """
    speakers = episode.speakers
    if len(speakers) < 2:
        return
    by_surname: dict[str, list[str]] = {}
    for name in speakers:
        words = name.split()
        # "Podcast Stefan" beside a "Podcast" label of its own is a voice's kind and a name, not a full name;
        # nor is a role before a call sign ("Guest CAPCOM" is a stand-in, not the "CAPCOM" of every other turn).
        if (2 <= len(words) <= 4 and all(_TITLE_WORD.fullmatch(w) and w not in speakers for w in words[:-1])
                and not GENERIC.match(words[0])
                and _NAME_WORD.fullmatch(words[-1]) and looks_like_name(name) and not ANONYMOUS.match(name)):
            by_surname.setdefault(words[-1].casefold(), []).append(name)
    # A person is named in full first and by surname after; a one-word label heard before the longer
    # one that ends with it ("Stefan", then "Podcast Stefan" for his voice on a recording) is its own.
    first_turn: dict[str, int] = {}
    last_turn: dict[str, int] = {}
    for k, seg in enumerate(episode.segments):
        if seg.speaker is not None:
            first_turn.setdefault(seg.speaker, k)
            last_turn[seg.speaker] = k
    joined: dict[str, str] = {}
    for name in speakers:
        full = by_surname.get(name.casefold(), [])
        if (len(full) == 1 and _NAME_WORD.fullmatch(name) and len(name) > 1 and looks_like_name(name)
                and not GENERIC.match(name) and not ANONYMOUS.match(name)
                and (first_turn.get(full[0], 0) < first_turn.get(name, 0) or _capital_surname(name, full[0]))):
            joined[name] = full[0]
    given = _given_names(speakers, by_surname, first_turn, set(joined), last_turn)
    if joined:
        episode.rename_speakers(joined)
        episode.repair("surname_labels", "surname-only labels read as the one speaker whose full name ends with them: "
                       + ", ".join(f"{short} as {full}" for short, full in joined.items()))
    if given:
        episode.rename_speakers(given)
        episode.repair("given_name_labels", "first-name labels read as the one speaker named in full with that first "
                       "name, or a longer form of it, before them: " + ", ".join(f"{short} as {full}" for short, full in given.items()))


# A given name is no common word: "Jeremy" (1,344 in pyspellchecker's list), "John" (6,920); "Judge"
# (83,677), "Senator" (11,971), "Okay", "Trigger" are words. Some names are words too ("Will", "Grace").
_GIVEN_NAME_FREQUENCY = 10_000
# A role with a number is no one's full name ("Witness Two", "Juror Five"), nor these with a name.
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())
_ROLE_WORDS = frozenset("juror caller speaker host guest moderator interviewer narrator reporter student member "
                        "panelist participant listener viewer audience judge justice senator officer detective doctor "
                        "professor captain father coach agent witness chairman chairwoman chair president governor mayor "
                        "minister sergeant general colonel lieutenant chief attorney counsel commissioner representative "
                        "secretary ambassador reverend pastor rabbi sister brother deputy inspector nurse".split())
# A first name joined to a full name may be a word as well ("Mark", 50,334; "Grace"), not one this common.
_FIRST_NAME_FREQUENCY = 100_000


def role_word(word: str) -> bool:
    """Whether ``word`` names a role that speaks ("Host", "Interviewer", "Participant"), in any case."""
    return word.lower() in _ROLE_WORDS


def given_name_like(word: str) -> bool:
    """Whether ``word`` may be a given name: no common English word."""
    return word_frequency(word.lower()) < _GIVEN_NAME_FREQUENCY


def full_name_label(label: str) -> bool:
    """Whether ``label`` may be one person's full name whose first word alone labels them too:
    two or three name words, the first no role ("Judge Smith", "Doctor Who") and not in capitals,
    the last no number ("Witness Two"), and no anonymous or generic voice. A handle or affiliation
    in brackets after it is no word of it, and makes a first name alone one ("Dan (danceratopz)")."""
    noted = _AFFILIATION.fullmatch(label)
    name = noted.group("name") if noted else label
    words = name.split()
    return ((len(words) in (2, 3) or (noted is not None and len(words) == 1))
            and all(_NAME_WORD.fullmatch(w) for w in words) and not words[0].isupper()
            and words[-1].lower() not in _NUMBER_WORDS and words[0].lower() not in _ROLE_WORDS
            and looks_like_name(name) and not ANONYMOUS.match(name) and not GENERIC.match(name))


def first_name_label(label: str, surnames: Collection[str]) -> bool:
    """Whether ``label`` may be a first name alone: one name word, no role ("Judge", "Host"), no very
    common word ("Okay") and none of ``surnames`` (casefolded)."""
    return (label.casefold() not in surnames and bool(_NAME_WORD.fullmatch(label)) and looks_like_name(label)
            and not GENERIC.match(label) and not ANONYMOUS.match(label) and label.lower() not in _ROLE_WORDS
            and word_frequency(label.lower()) < _FIRST_NAME_FREQUENCY)


def _given_names(speakers: list[str], by_surname: dict[str, list[str]], first_turn: dict[str, int],
                 taken: set[str], last_turn: dict[str, int]) -> dict[str, str]:  # fmt: skip
    """"Jeremy" after "Jeremy Jung": a one-word label that is the first name of exactly one full-name
    label heard before it, and no one's surname, is that speaker, as podcasts' transcripts name a
    guest in full at the first turn and by first name after: the full name no more once the short one
    is heard, the short one no role ("Judge" after "Judge Smith") and no very common word. A short form
    of one first name ("Oli" after "Oliver Scherer") is joined the same way."""
    by_given: dict[str, list[str]] = {}
    for label in speakers:
        if full_name_label(label):
            by_given.setdefault(label.split()[0].casefold(), []).append(label)
    out = {}
    by_prefix: dict[str, list[str]] = {}  # first names by their first letters: a short form is looked up, not scanned for
    for given in by_given:
        by_prefix.setdefault(given[:_SHORT_FORM], []).append(given)
    for name in speakers:
        named = by_given.get(name.casefold(), []) or _shortened(name, by_given, by_prefix)
        if (name not in taken and len(named) == 1 and first_name_label(name, by_surname)
                and last_turn.get(named[0], 0) < first_turn.get(name, 0)):
            out[name] = named[0]
    return out


# "Oli" for "Oliver", "Chris" for "Christopher": a short form is at least this long, and leaves out at
# least two letters ("Dan" is not "Dana", "Eli" no "Elia").
_SHORT_FORM = 3
_LEFT_OUT = 2


def _shortened(name: str, by_given: dict[str, list[str]], by_prefix: dict[str, list[str]]) -> list[str]:
    """The one full name whose first name ``name`` shortens ("Oli" for "Oliver Scherer"), if exactly one."""
    folded = name.casefold()
    if len(folded) < _SHORT_FORM or not given_name_like(name):  # "Cat" beside "Catherine" may be a cat
        return []
    longer = [full for given in by_prefix.get(folded[:_SHORT_FORM], [])
              if given.startswith(folded) and (len(given) - len(folded) >= _LEFT_OUT or given[len(folded):] in ("n", "h"))
              for full in by_given[given]]  # "Steve" for "Steven", "Sara" for "Sarah"; "Dan" no "Dana"
    return longer if len(longer) == 1 else []


def _capital_surname(short: str, full: str) -> bool:
    """"DUBNER" beside "Stephen J. DUBNER": the surname in capitals in both, the given name not, as
    edited transcripts write people; one person, whichever label comes first (a teaser before the
    show's opening uses the short one)."""
    words = full.split()
    return len(short) > 1 and short.isupper() and words[-1] == short and not words[0].isupper()


# "Subtitles by the Amara.org community", "Transcribed by https://otter.ai", "Captions created with Descript".
_CREDIT_LINE = re.compile(
    r"^\W*(?:(?:english|closed)[ \t]+)?(?:(?:sub)?titles?|captions?|transcripts?|transcription|translation)"
    r"(?:[ \t]+(?:created|made|provided|synced|edited|done|generated|powered))?[ \t]+(?:by|from|with)\b"
    r"|^\W*(?:subtitled|captioned|transcribed|translated|synced|corrected|reviewed|edited)"
    # "Translated, Timed & Titled by goob": a fansubber's several jobs before the one "by"
    r"(?P<jobs>(?:(?:[ \t]*,)?[ \t]+(?:(?:&|and)[ \t]+)?(?:timed|titled|synced|corrected|edited|proofread|encoded|typeset))*)"
    r"[ \t]+(?:by|with)\b"
    r"|\botter\.ai\b",
    re.IGNORECASE,
)
CREDIT_WORDS = 8  # a credit is a short line; a longer one starting "Transcribed by" is speech


# The same in other languages: "Transcrição feita pelo serviço automático de transcrição Good Tape",
# "Transcripción realizada por …", "Transcription réalisée par …", "Untertitel von …", "ترجمة : أيمن عمار",
# "Vertaling: Wietske van der Pol".
_OTHER_CREDIT = re.compile(
    r"^\W*(?:transcri[çc][ãa]o|transcripci[óo]n|transcription|transkription|transkript|trascrizione|"
    r"tradu[çc][ãa]o|traducci[óo]n|traduction|[üu]bersetzung|traduzione|legendas?|subt[íi]tulos?|sous-titres?|untertitel)"
    r"(?:[ \t]+(?:feita|realizada|hecha|r[ée]alis[ée]e|faite|fatta))?[ \t]+"
    r"(?:pelo|pela|por(?![ \t]+(?:ejemplo|exemplo|favor)\b)|par(?![ \t]+exemple\b)|erstellt[ \t]+von)\b"
    r"|^\W*untertitel[ \t]+von\b"  # whisper's German sign-off from its training captions
    r"|^\W*(?:transkribiert|transcrito|transcrit|trascritto)[ \t]+(?:mit|von|con|com|por|pelo|avec|par)\b"  # "Transkribiert mit OpenAI Whisper"
    r"|^\W*(?:ترجمة|تدقيق|ترجمه|vertaling|ondertiteling)\s*:",
    re.IGNORECASE,
)
OTHER_CREDIT_WORDS = 12  # "… pelo serviço automático de transcrição Good Tape": a service's name is long


def is_credit_line(line: str) -> bool:
    """A transcription service's or captioner's credit, standing on its own line."""
    words = len(line.split())
    if m := _CREDIT_LINE.search(line):
        jobs = len((m.group("jobs") or "").split())  # "Translated, Timed & Titled by": one credit, its jobs
        if words - jobs <= CREDIT_WORDS:
            return True
    return bool(_OTHER_CREDIT.search(line)) and words <= OTHER_CREDIT_WORDS


def is_credit(label: str, rest: str) -> bool:
    """A credit or link line, not speech: ``Subtitles: @someone``, ``Source: https://...``."""
    rest = rest.strip()
    if label.lower().endswith(" by"):
        return True
    first = rest.split(" ", 1)[0] if rest else ""
    return bool(first) and bool(_URLISH.match(first)) and len(rest.split()) <= 3


# A word English uses this rarely (pyspellchecker's count) is a name's, not a heading's ("FULL TRANSCRIPT").
_RARE_WORD = 1000
_COMMON_WORD = 5000  # "alert", "news", "fact", "full": a heading's words, no one's name
# Who gives a talk, named by role alone as it opens ("PROFESSOR: Welcome back to recitation.").
# A talk's one label opens one of its first turns, after a licence notice or a "[MUSIC]" perhaps.
_OPENING_TURNS = 3
_SPEAKING_ROLES = frozenset({"professor", "lecturer", "instructor", "teacher", "presenter", "narrator"})


def _talk_speaker(label: str) -> bool:
    """A label in capitals that names a talk's one speaker: a role (``PROFESSOR``) or a full name
    (``CHRISTINE BREINER``: two to four words, none a header word, one no common English word)."""
    words = label.lower().split()
    if not label.isupper() or not all(_WORD.match(w) for w in words):
        return False
    if len(words) == 1:
        return words[0] in _SPEAKING_ROLES or bool(GENERIC.match(label))
    # A name's words are three letters or more, none a common word ("SPOILER ALERT", "TL DR", "Q AND A"
    # are headings), and one rare.
    return (len(words) <= 4 and all(len(w) >= 3 and word_frequency(w) < _COMMON_WORD for w in words)
            and not any(w in NOT_NAMES or w.rstrip("s") in NOT_NAMES for w in words)
            and any(word_frequency(w) < _RARE_WORD for w in words))  # fmt: skip


def credible(labels: Sequence[str | None]) -> set[str]:
    """The labels that behave like speakers, given one entry per turn in file order.

    ``None`` stands for a turn without a label. A label counts when it looks like a
    name and either recurs or takes turns with a different label (a guest who asks
    one question between the host's turns). A lone label said once is a header, except a name or
    role in capitals opening one of the first turns: the one label of a talk.
    """
    named = [lab for lab in labels if lab is not None and (looks_like_name(lab) or numbered_speaker(lab))]
    counts = Counter(named)
    accepted = {lab for lab, n in counts.items() if n >= 2}
    if len(named) == 1 and named[0] in labels[:_OPENING_TURNS] and _talk_speaker(named[0]):
        accepted.add(named[0])  # a talk's speaker, named as it opens: "CHRISTINE BREINER: Welcome back…"
    for before, after in zip(named, named[1:]):
        if before != after:
            accepted.update((before, after))
    if accepted == {"I"}:
        return set()  # an interviewer's "I:" answers to someone; alone it is the word opening lines
    if _terms_defined(labels, counts) or _quoted_once(labels, counts):
        return set()
    return accepted - _header_field(named, counts, accepted)


# A monologue's words, unlabelled, before any label: this many paragraphs or more.
_LEAD_TURNS = 3
# Paragraphs after a label said once, no other label between: more than one turn's worth.
_MANY_PARAGRAPHS = 5


# So many names, each said once, opening most lines: a list of quotations, not a conversation. A panel's
# short excerpt has four or five voices speaking once each ("Jane Doe: Welcome…", "Mark Lee: Thanks Jane…").
_QUOTED_NAMES = 6


def _quoted_once(labels: Sequence[str | None], counts: Counter[str]) -> bool:
    """Whether the labels are names each said once over most of the turns (``Albert Einstein: Imagination…``
    / ``Maya Angelou: …`` / ``Steve Jobs: …``): people quoted in turn; a conversation's voices come back,
    if only by a part of the name (``GUY RAZ:`` then ``RAZ:``, ``Speaker 1`` beside ``Speaker 2``)."""
    if len(counts) < _QUOTED_NAMES or max(counts.values()) > 1 or 2 * len(counts) < len(labels):
        return False
    if any(" " not in name.strip() for name in counts):
        return False  # quotations name who said them in full; "Alice:" beside an "Introduction" heading talks
    words = Counter(word for name in counts for word in set(name.lower().split()))
    return max(words.values()) == 1


def _terms_defined(labels: Sequence[str | None], counts: Counter[str]) -> bool:
    """Labels of one word each, said once each, after a monologue has run unlabelled, one of them over many
    paragraphs ("Heteronormativity: a term coined…", later "Dumbledore: gay wizarding icon…"): terms the
    speaker defines or lead-ins, not voices. No speaker is named once, in a word, and talks on for pages."""
    if len(counts) < 2 or any(n != 1 for n in counts.values()):
        return False
    if any(len(label.split()) != 1 or role_word(label) for label in counts):
        return False  # "Moderator:" introducing "Alan Kay:": who speaks, each once
    at = [k for k, label in enumerate(labels) if label in counts]
    if sum(1 for label in labels[: at[0]] if label is None) < _LEAD_TURNS:
        return False
    ends = [*at[1:], len(labels)]
    return max(end - k - 1 for k, end in zip(at, ends)) >= _MANY_PARAGRAPHS


def _header_field(named: list[str], counts: Counter[str], accepted: set[str]) -> set[str]:
    """A label said once, before anyone speaks, in another case than every speaker's: a header's field
    ("Room: Johnson" over "MICHAEL:", "AUDIENCE:" turns), not a voice."""
    if not named or counts[named[0]] != 1 or named[0].isupper():
        return set()
    speakers = accepted - {named[0]}
    if len(speakers) >= 2 and all(label.isupper() and counts[label] >= 2 for label in speakers):
        return {named[0]}
    return set()


# Initials as meeting notes label their turns ("RPR:", "NRO:"), two to five capitals.
_INITIALS = re.compile(r"[A-Z]{2,5}")
_INITIALS_MIN = 2


def initials_that_are_words(labels: Sequence[str | None]) -> set[str]:
    """Labels in capitals that spell an interjection ("MM", "OK") yet, in notes whose turns are labelled
    with people's initials ("RPR:", "NRO:"), are someone's initials too: each recurs, and at least two
    other labels of initials do. Alone, "Mm:" opens a reply, not a turn."""
    counts = Counter(label for label in labels if label and _INITIALS.fullmatch(label))
    words = {label for label, n in counts.items() if n >= 2 and label.lower() in INTERJECTIONS}
    others = [label for label, n in counts.items() if n >= 2 and label not in words and looks_like_name(label)]
    return words if len(others) >= _INITIALS_MIN else set()


# Names as people type them, in any case ("shruthi:", "Saurabh's iPad:"): speakers only where
# labels open at least this share of the turns, and each recurs.
TYPED_SHARE = 0.5
_TYPED_MIN_TURNS = 4
# A sentence's end, closing quotes and brackets after it.
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")


def typed_names(labels: Sequence[str | None], labelled: int | None = None) -> set[str]:
    """The typed-in names among ``labels`` (one entry per turn, None for a turn without one) that
    behave like speakers: labels open most turns (``labelled`` of them, when other markup names
    some), and each name recurs and is no header, credit or sentence."""
    if labelled is None:
        labelled = sum(1 for label in labels if label)
    if len(labels) < _TYPED_MIN_TURNS or labelled < TYPED_SHARE * len(labels):
        return set()
    counts = Counter(label for label in labels if label)
    return {
        name for name, n in counts.items()
        if n >= 2 and len(name.split()) <= 6 and any(c.isalpha() for c in name)
        and not not_a_name(name) and not SENTENCE_END.search(name) and "," not in name
        and not is_credit(name, "") and name.split()[0].lower() not in _FUNCTION_WORDS  # "and say: Man, you made"
    }


# "ACTION ITEM: Send the deck - WATCH: https://...  And then we...": a note Fathom writes into the
# transcript, its link after it; in Fathom's copied text the speech it interrupted runs on after the link.
_FATHOM_NOTE = re.compile(
    r"^\s*(?P<label>[^\W\d_][\w -]{0,30}?)\s*:\s*(?P<note>.*?)\s+-\s+WATCH\b:?\s*(?:https?://\S+)?(?P<rest>.*)$",
    re.DOTALL,
)


def fathom_note(text: str) -> tuple[str, str] | None:
    """``(note, speech after it)`` if ``text`` opens with Fathom's "ACTION ITEM: ... - WATCH", else None.

    Other notes ("Note: ...", "ACTION ITEM: ..." with no link) are only not speakers: they stay in the text.
    """
    m = _FATHOM_NOTE.match(text) if "WATCH" in text else None
    if not m or not not_a_name(m.group("label")):
        return None
    return f"{m.group('label').strip()}: {m.group('note').strip()}", m.group("rest").strip()


def keep_notes(episode: Episode, notes: list[str]) -> None:
    """Keep the meeting notes found among the speech in ``extra["notes"]``, and say so."""
    if notes:
        episode.extra.setdefault("notes", []).extend(notes)
        episode.repair("meeting_notes", f"{counted(len(notes), 'note')} the meeting recorder wrote into the transcript "
                       f"({notes[0].split(':')[0]}: ... - WATCH) kept in extra['notes'], not as speech")
