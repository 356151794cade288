"""ELAN's annotation documents (``.eaf``): oral-history projects', linguists' and field workers'
transcripts, and what tools export for ELAN.

    <ANNOTATION_DOCUMENT FORMAT="3.0"><HEADER TIME_UNITS="milliseconds">
      <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="281689"/>...</TIME_ORDER>
      <TIER LINGUISTIC_TYPE_REF="Utterance" PARTICIPANT="@mn1985m" TIER_ID="@mn1985m-text">
        <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
          <ANNOTATION_VALUE>один на всю страну</ANNOTATION_VALUE>
      <TIER LINGUISTIC_TYPE_REF="translation" PARENT_REF="transcription" TIER_ID="translation">
        <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1">...

Each annotation of an independent tier (one without ``PARENT_REF``) is a segment timed by its two
time slots, its speaker the tier's ``PARTICIPANT`` or, where that is empty, its ``TIER_ID``; all
tiers are merged in time order. Dependent tiers (translations, glosses, words, parts of speech,
``REF_ANNOTATION``s timed by the annotation they refer to) are not speech: they are kept with
their times in ``extra["tiers"]``, as are independent tiers whose name or linguistic type says
they hold gestures, notes or codes (see ``tiers``). A time slot without a value (ELAN leaves
some unaligned) takes its time between the aligned slots around it. The standard library's
parser reads the XML (it loads no external DTD, and its expat refuses entity-expansion bombs),
as in ``transcriber``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from podsift.formats import tiers as tier_rules
from podsift.formats.tiers import Tier
from podsift.model import Episode, SourceRejected
from podsift.text import XML_PROLOG, counted, prepare_text, squash, web_url

NAME = "elan"
EXTENSIONS = (".eaf",)

# The document's root, after the declaration and comments: a page that only quotes EAF is not one.
_ROOT = re.compile(XML_PROLOG + r"<ANNOTATION_DOCUMENT[\s>]", re.DOTALL)
# Time slot values per second, by the header's TIME_UNITS (frames are from EAF's first versions).
_UNITS = {"milliseconds": 1000.0, "pal-frames": 25.0, "ntsc-frames": 29.97}


def sniff(text: str) -> float:
    return 0.95 if _ROOT.match(text[:8192]) else 0.0


def _slots(root: ET.Element, per_second: float, episode: Episode) -> dict[str, float | None]:
    """Every time slot's time in seconds; unaligned ones between the aligned slots around them."""
    # ELAN lists slots in time order: an unaligned one lies between its aligned neighbours.
    times, unaligned = tier_rules.placed(
        ((slot.get("TIME_SLOT_ID") or "", slot.get("TIME_VALUE")) for slot in root.iter("TIME_SLOT")), per_second)
    if unaligned:
        episode.repair("unaligned_slots", f"{counted(unaligned, 'time slot')} without a time (not aligned in ELAN) "
                                          "placed between the aligned ones around them")  # fmt: skip
    return times


def _value(annotation: ET.Element) -> str:
    return annotation.findtext("ANNOTATION_VALUE") or ""


def _header(root: ET.Element, episode: Episode) -> float:
    """Media and author to ``extra``; returns time slot units per second."""
    header = root.find("HEADER")
    units = (header.get("TIME_UNITS") if header is not None else None) or "milliseconds"
    per_second = _UNITS.get(units.lower())
    if per_second is None:
        episode.repair("time_units", f"time units {units!r} are not ELAN's; read as milliseconds")
        per_second = 1000.0
    media = root.find("HEADER/MEDIA_DESCRIPTOR")
    if media is not None and (url := media.get("MEDIA_URL") or media.get("RELATIVE_MEDIA_URL")):
        if web_url(url):
            episode.media_url = url
        else:
            episode.extra["media_file"] = url  # a path on the annotator's computer
    if author := squash(root.get("AUTHOR") or ""):
        episode.extra["author"] = author
    return per_second


def parse(text: str, episode: Episode) -> None:
    root = tier_rules.xml_document(prepare_text(text, episode), "ANNOTATION_DOCUMENT", "ELAN")
    times = _slots(root, _header(root, episode), episode)
    types = {t.get("LINGUISTIC_TYPE_ID"): t for t in root.iter("LINGUISTIC_TYPE")}

    spans: dict[str, tuple[float | None, float | None]] = {}  # annotation id -> its times
    refs: dict[str, str] = {}  # REF_ANNOTATION id -> the annotation it refers to
    found: list[tuple[Tier, list[tuple[str, ET.Element]]]] = []
    for node in root.iter("TIER"):
        tier_id = node.get("TIER_ID") or ""
        type_id = node.get("LINGUISTIC_TYPE_REF") or ""
        parent = node.get("PARENT_REF")
        tier = Tier(tier_id, squash(node.get("PARTICIPANT") or "") or tier_rules.speaker_of(tier_id))
        if parent:
            constraint = (types[type_id].get("CONSTRAINTS") or "") if type_id in types else ""
            tier.aside = f"{type_id or constraint or 'dependent'}, of {parent}"
        elif kind := tier_rules.not_speech(tier_id, type_id):
            tier.aside = kind
        annotations: list[tuple[str, ET.Element]] = []
        for annotation in node.iter("ANNOTATION"):
            for inner in annotation:
                ident = inner.get("ANNOTATION_ID") or ""
                if inner.tag == "ALIGNABLE_ANNOTATION":
                    spans[ident] = (times.get(inner.get("TIME_SLOT_REF1") or ""),
                                    times.get(inner.get("TIME_SLOT_REF2") or ""))  # fmt: skip
                elif inner.tag == "REF_ANNOTATION":
                    refs[ident] = inner.get("ANNOTATION_REF") or ""
                else:
                    continue
                annotations.append((ident, inner))
        found.append((tier, annotations))

    def span(ident: str) -> tuple[float | None, float | None]:
        seen = set()
        while ident in refs and ident not in seen:  # a chain of references, never a loop
            seen.add(ident)
            ident = refs[ident]
        return spans.get(ident, (None, None))

    for tier, annotations in found:
        for ident, inner in annotations:
            start, end = span(ident)
            tier.intervals.append((start, end, _value(inner)))
        if not tier.aside:
            tier.word_level = tier_rules.word_tier_name(tier.name)
    tier_rules.build(episode, [tier for tier, _ in found], "annotations")
    if not episode.segments:
        raise SourceRejected("an ELAN document with no text on its speech tiers, so it is not a transcript")
