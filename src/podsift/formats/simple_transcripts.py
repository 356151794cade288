"""Podlove Simple Transcripts: the XML transcript Podlove Publisher serves beside a podcast's feed.

    <pst:transcripts xmlns:pst="http://podlove.org/simple-transcripts" version="1.0">
      <pst:speech>
        <pst:speaker>Tim</pst:speaker>
        <pst:item start="00:00:01.660" end="00:00:02.080">Welcome to</pst:item>
        …

A ``speech`` is one speaker's turn, its ``item``s the recogniser's phrases of a few words each,
with their times. The phrases are joined into sentences and turns as other word-level sources'
are (:func:`podsift.formats.cues.merge_turns`). An empty ``<pst:speaker/>`` names no one, and
then a new speech is no sure sign of a new voice: recognisers open one mid-sentence ("Welcome
to" | "The Open Source Way"), so unnamed phrases join into sentences across them. Files are served as
``.xml`` and, from some publishers, ``.xsl``; they are told by their namespace, or by a root
``transcripts`` whose children are ``speech``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from podsift.formats.cues import WORD_SENTENCE_TURN, Piece, add_pieces, cue_time, merge_turns
from podsift.formats.timed_text_xml import local_name, read_xml
from podsift.model import Episode, SourceRejected
from podsift.text import counted, prepare_text, squash

NAME = "simple_transcripts"
EXTENSIONS = (".xml",)

_NAMESPACE = "podlove.org/simple-transcripts"
_ROOT = re.compile(r"<(?:[\w.-]+:)?transcripts\b[^>]{0,2000}>\s*<(?:[\w.-]+:)?speech[\s>]")


def sniff(text: str) -> float:
    head = text[:4096]
    return 0.95 if _NAMESPACE in head or _ROOT.search(head) else 0.0


def _child_text(node: ET.Element) -> str:
    return squash("".join(node.itertext()))


def parse(text: str, episode: Episode) -> None:
    root = read_xml(prepare_text(text, episode), episode)
    if local_name(root.tag) != "transcripts":
        raise SourceRejected(f"a Podlove transcript's root is <transcripts>, not <{local_name(root.tag)}>")
    pieces: list[Piece] = []
    unread = 0
    for speech in (node for node in root if local_name(node.tag) == "speech"):
        speaker = next((_child_text(c) for c in speech if local_name(c.tag) == "speaker"), "") or None
        for item in (c for c in speech if local_name(c.tag) == "item"):
            if not (words := _child_text(item)):
                continue
            start, end = (cue_time(item.get(name) or "") for name in ("start", "end"))
            unread += start is None
            pieces.append(Piece(start, end, speaker, words))
    if not pieces:
        raise SourceRejected("a Podlove transcript with no <speech> holding words in <item> elements")
    turns = merge_turns(pieces, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN)
    add_pieces(episode, turns)
    episode.repair("simple_transcripts", f"{len(pieces):,} timed phrases of a Podlove transcript joined into "
                                         f"{len(turns):,} sentences and turns")  # fmt: skip
    if unread:
        episode.repair("bad_timestamp", f"{counted(unread, '<item> start')} unreadable; left untimed")
