"""DataTalks.Club podcast pages: every spoken line survives, in order, whatever the page's defects.

Expected text is computed here from the raw YAML with the plain PyYAML loader and
only the shared text helpers, never from the parser's own internals.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, DEMO, seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import dtc_page
from podsift.model import Episode, SourceRejected
from podsift.text import fix_mojibake, split_directions, squash, strip_bidi

PAGES = sorted(CORPUS.glob("*.md")) + [seed("001"), seed("002"), seed("004")]
NO_TRANSCRIPT = [
    "ai-for-ecology-biodiversity-and-conservation.md",
    "building-domestic-risk-assessment-tool.md",
]
LAVANYA_HEADER = "Lavanya\u2019s journey from software engineer to AI researcher"
DOUBLED_ANCHOR = (
    "https://creators.spotify.com/pod/show/datatalksclub/episodes/"
    "Build-a-Strong-Career-in-Data---Lavanya-Gupta-e32k61p"
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_CLOCK = re.compile(r"^\d{1,2}:\s?\d{2}(?::\d{2})?$")


def parse(path: Path) -> Episode:
    text = path.read_text(encoding="utf-8")
    return formats.parse(text, Episode(id=path.stem), path.name)


def raw_items(path: Path) -> list[object]:
    """The transcript list as plain PyYAML sees it (front matter = up to the first '---' line)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    first = 0 if lines[0] == "---" else 1  # one page opens with a stray "_" line
    end = lines.index("---", first + 1)
    data = yaml.load("\n".join(lines[first + 1 : end]), Loader=yaml.CSafeLoader)
    return data.get("transcript") or []


def spoken(value: object) -> str:
    """What a listener heard: mojibake fixed, stage directions out, invisible direction marks out,
    spacing and quotes normalised."""
    text, _ = fix_mojibake(strip_bidi(str(value)))
    text, _ = split_directions(text)
    return squash(text).lstrip("=").strip().translate(_QUOTES)


def is_dialogue(who: str) -> bool:
    return len(who) > 40 or len(who.split()) >= 5


def expected_texts(path: Path) -> list[str]:
    """Every spoken text of the page in reading order: speech found in `who` first, then the line.

    Left out, because they are not speech: lines that are only a speaker's name (they
    mark whose turn it is) and lines that are only a clock reading such as "17: 10".
    """
    items = [it for it in raw_items(path) if isinstance(it, dict)]
    lines = [it for it in items if "line" in it]
    # Some pages hold a line twice in a row (an untimed copy, then the full item):
    # it was said once, where the second copy stands.
    repeated = {id(a) for a, b in zip(lines, lines[1:]) if a["line"] == b["line"]}
    names = {str(it["who"]).rstrip(":.") for it in items if it.get("who") and not is_dialogue(str(it["who"]))}
    out: list[str] = []
    last_para = None
    for item in items:
        if "line" not in item:
            continue  # a chapter header does not end a repeated `who` paragraph
        who = item.get("who")
        if isinstance(who, str) and is_dialogue(who):
            if who != last_para:
                out.append(spoken(who))
            last_para = who
        else:
            last_para = None
        if item.get("line") is None or id(item) in repeated:
            continue
        text = spoken(item["line"])
        if text and text.rstrip(":.,; ") not in names and not _CLOCK.match(text):
            out.append(text)
    return [t for t in out if t]


def assert_in_order(expected: list[str], segments_text: str, page: str) -> None:
    # Searching from the previous match's start (not its end) lets an exact repeat
    # that the page held twice match the one copy the parser kept.
    pos = 0
    for text in expected:
        found = segments_text.find(text, pos)
        assert found >= 0, f"{page}: missing or out of order: {text[:80]!r}"
        pos = found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_spoken_line_survives_in_order(path: Path) -> None:
    if path.name == "_template.md":
        with pytest.raises(SourceRejected, match="template"):
            parse(path)
        return
    episode = parse(path)
    if path.name in NO_TRANSCRIPT:
        # No transcript list in the front matter: a generic page, and its body is only links.
        assert episode.source_format == "markdown_page" and not episode.segments
        return
    assert episode.source_format == "dtc_page"
    assert episode.title and episode.show == "DataTalks.Club"
    joined = "\n".join(squash(s.text).translate(_QUOTES) for s in episode.segments)
    assert_in_order(expected_texts(path), joined, path.name)
    # What users read never carries stage directions or the stray '=' marks.
    assert not any(s.text.startswith("=") or "[laughs]" in s.text for s in episode.segments)
    # Everything the page said beyond the transcript is kept, and can be stored as JSON.
    json.dumps(episode.extra)
    assert "body" in episode.extra
    # A segment ends where the next timed one starts (or, last, at the episode's end).
    timed = [s for s in episode.segments if s.start is not None]
    for a, b in zip(timed, timed[1:] + [None]):
        following = b.start if b is not None else episode.duration
        assert a.end == (following if following is not None and following > a.start else None)


def test_only_the_template_is_rejected() -> None:
    rejected = []
    for path in PAGES:
        try:
            parse(path)
        except SourceRejected as exc:
            rejected.append((path.name, str(exc)))
    assert [name for name, _ in rejected] == ["_template.md"]
    assert "unfilled template" in rejected[0][1] and "{{" in rejected[0][1]


def test_seed_001_first_chapter_has_its_curly_apostrophe_back() -> None:
    episode = parse(seed("001"))
    assert episode.chapters[0].title == LAVANYA_HEADER
    assert episode.chapters[0].start == 0
    assert any(r.kind == "mojibake" and r.where == "transcript[0]" for r in episode.repairs)
    assert not any("â€" in s.text for s in episode.segments)


def test_seed_001_speech_in_the_speaker_field_is_kept_in_order_with_a_speaker() -> None:
    path = seed("001")
    episode = parse(path)
    items = raw_items(path)
    dialogue = [it for it in items if isinstance(it, dict) and is_dialogue(str(it.get("who", "")))]
    assert len(dialogue) == 21
    texts = [s.text for s in episode.segments]
    for item in dialogue:
        para, line = spoken(item["who"]), spoken(item["line"])
        (at,) = [i for i, t in enumerate(texts) if t.translate(_QUOTES) == line]
        before = [i for i, t in enumerate(texts) if t.translate(_QUOTES) == para]
        assert len(before) == 1 and before[0] < at, item["line"][:60]
        seg_para, seg_line = episode.segments[before[0]], episode.segments[at]
        assert seg_para.speaker and seg_line.speaker
        assert seg_para.start == seg_line.start == item["sec"]
    assert {s.speaker for s in episode.segments} == {"Alexey", "Lavanya"}

    # The paragraph repeated over four items at 25:39 is read once, as Lavanya's.
    pet_project = [s for s in episode.segments if s.text.startswith("I think I was doing some pet project")]
    assert len(pet_project) == 1
    assert pet_project[0].speaker == "Lavanya" and pet_project[0].start == 1539
    follows = episode.segments[pet_project[0].ordinal + 1]
    assert follows.text.startswith("I went through a tutorial you made")


def test_seed_002_clip_ending_before_it_starts_is_reported_and_kept() -> None:
    episode = parse(seed("002"))
    (bad,) = [r for r in episode.repairs if r.kind == "bad_clip"]
    assert "Contact & resources" in bad.detail and "3454" in bad.detail
    names = [c["name"] for c in episode.extra["quotableClips"]]
    assert "Contact & resources: marysia.nl, LinkedIn, and PyData engagement" in names
    assert episode.duration == 57 * 60 + 34
    assert episode.date == "2023-01-07"


def test_seed_001_doubled_urls_are_single_again() -> None:
    episode = parse(seed("001"))
    assert episode.extra["links"]["anchor"] == DOUBLED_ANCHOR
    assert episode.extra["ids"]["anchor"] == DOUBLED_ANCHOR
    assert episode.media_url == DOUBLED_ANCHOR
    assert episode.youtube_id == "ekG5zJioyFs"
    assert {r.where for r in episode.repairs if r.kind == "doubled_url"} == {"links.anchor", "ids.anchor"}
    # Untouched fields stay as written.
    assert episode.extra["links"]["apple"].endswith("?i=1000706988972")


def test_unfilled_template_is_rejected_with_a_clear_reason() -> None:
    with pytest.raises(SourceRejected, match=r"unfilled template.*\{\{"):
        parse(CORPUS / "_template.md")


@pytest.mark.parametrize("name", NO_TRANSCRIPT)
def test_pages_without_transcript_keep_their_metadata(name: str) -> None:
    episode = parse(CORPUS / name)
    assert episode.segments == [] and episode.chapters == []
    assert episode.title and episode.season and episode.episode_number and episode.guests
    assert episode.extra["body"].startswith("Links:")
    assert "no_transcript" in [r.kind for r in episode.repairs]


def test_duplicated_untimed_lines_are_read_once_and_keep_their_speaker() -> None:
    episode = parse(CORPUS / "data-engineering-tools-modern-data-stack.md")
    texts = [s.text for s in episode.segments]
    assert len(texts) == len(set(texts))
    assert all(s.speaker in {"Alexey", "Natalie"} for s in episode.segments)
    kinds = {r.kind for r in episode.repairs}
    assert {"duplicate_line", "duplicate_header", "dialogue_in_who", "line_prefix"} <= kinds
    # The answer pasted into `who` after Alexey's question is Natalie's, not his.
    (answer,) = [s for s in episode.segments if s.text.startswith("I think of data warehouses")]
    assert answer.speaker == "Natalie" and answer.start == 945
    titles = [c.title for c in episode.chapters]
    assert titles[:2] == ["Podcast Introduction", "Episode Overview: Decoding Data Engineering Acronyms"]


def test_line_naming_a_speaker_hands_the_turn_over() -> None:
    episode = parse(CORPUS / "production-ready-ai-engineering.md")
    assert "Bartosz" not in [s.text for s in episode.segments]
    (reply,) = [s for s in episode.segments if s.text.startswith("No, some people contributed two")]
    assert reply.speaker == "Bartosz"
    assert any(r.kind == "speaker_in_line" for r in episode.repairs)


@pytest.mark.parametrize(
    "name, typo, real",
    [
        ("s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md", "Alexeylexey", "Alexey"),
        ("s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md", "Ruslanan", "Ruslan"),
        ("s23e03-future-of-ai-agents.md", "Adityaitya", "Aditya"),
        ("scaling-data-engineering-teams-self-service-platforms.md", "Alexey.", "Alexey"),
        ("building-and-scaling-data-science-practice-industrial-ai-mlops.md", "Andreyy", "Andrey"),
        ("mlops-kubeflow-model-monitoring.md", "Theo:", "Theo"),
    ],
)
def test_speaker_name_typos_are_repaired(name: str, typo: str, real: str) -> None:
    episode = parse(CORPUS / name)
    assert typo not in episode.speakers and real in episode.speakers
    assert any(r.kind == "speaker_name" and repr(typo) in r.detail for r in episode.repairs)


def test_stray_line_before_the_front_matter_is_reported() -> None:
    episode = parse(CORPUS / "_theme-park-crowd-modeling-to-tesla-full-stack-data-engineering.md")
    assert episode.title.startswith("From Theme Parks to Tesla")
    assert len(episode.segments) > 50
    assert [r.kind for r in episode.repairs if r.where == "line 1"] == ["stray_prefix"]


def test_dashes_inside_urls_do_not_end_the_front_matter() -> None:
    episode = parse(CORPUS / "data-centric-ai.md")
    assert "https://www.youtube.com/watch?v=L---nvDw9KU" in episode.extra["body"]
    assert episode.extra["links"]["anchor"].endswith("Data-Centric-AI---Marysia-Winkels-e1shctn")


PAGE = """---
title: A tiny page
season: 1
transcript:
- header: Opening
- line: Hi there.
  sec: 0
  time: 0:00
  who: Ana
- line: Hello (laughs) again.
  sec: 109
  time: 1:49
  who: Bo
- line: 42
  who: Ana
- line:
  sec: 120
- just a string
- - a nested list
- line: No time here.
- line: Late.
  sec: 200
  time: '3:00'
  who: Bo
---
"""


def test_small_defects_are_repaired_not_raised() -> None:
    episode = formats.parse(PAGE, Episode(id="tiny"), "tiny.md")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0, "Ana", "Hi there."),
        (109, "Bo", "Hello again."),
        (None, "Ana", "42"),
        (None, None, "just a string"),
        (None, None, "No time here."),
        (200, "Bo", "Late."),
    ]
    assert episode.segments[1].directions == ["(laughs)"]
    assert episode.segments[0].end == 109
    kinds = {r.kind for r in episode.repairs}
    assert {
        "time_unquoted", "time_missing", "time_mismatch", "line_not_text",
        "empty_line", "bad_item", "missing_speaker",
    } <= kinds  # fmt: skip
    assert episode.extra["transcript_unparsed"] == [["a nested list"]]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("---\ntitle: cut short\ntranscript:\n- line: Hi\n", "front matter is never closed"),
        ("---\ntitle: [unclosed\nseason: 2\n---\nbody\n", r"front matter is not valid YAML \(line \d+"),
        ("---\n- just\n- a list\n---\n", "not a mapping"),
        ('---\ntitle: "{{ title }}"\nseason: {{ season }}\n---\n', "unfilled template"),
        ("no front matter at all", "no YAML front matter"),
    ],
)
def test_pages_that_are_not_pages_are_rejected_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(SourceRejected, match=reason):
        dtc_page.parse(text, Episode(id="x"))


def test_sniff() -> None:
    assert dtc_page.sniff(seed("001").read_text(encoding="utf-8")) == pytest.approx(0.95)
    assert dtc_page.sniff("\ufeff---\ntitle: x\ntranscript:\n- line: hi\n---\n") == pytest.approx(0.95)
    # Only a transcript list in the front matter makes a DataTalks.Club page; others are Markdown pages.
    assert dtc_page.sniff("\ufeff---\ntitle: x\n---\n") == 0
    assert dtc_page.sniff("---\nlayout: post\ntranscript: /files/ep1.vtt\n---\n# Hello\n") == 0
    assert dtc_page.sniff("1\n00:00:01,000 --> 00:00:02,000\nHi\n") == 0
    assert dtc_page.sniff("0:00\nHost\nHello\n") == 0


_SEED_001 = seed("001").read_text(encoding="utf-8") if seed("001").exists() else "x"  # absent: skipped


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=len(_SEED_001)),
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(_SEED_001) - 1),
            st.sampled_from(list(":-\n '\"[]{}#&*!|>%@`\t\u00e2\u20ac0x")),
        ),
        max_size=8,
    ),
)
def test_damaged_pages_never_raise_anything_but_source_rejected(
    cut: int, edits: list[tuple[int, str]]
) -> None:
    # dtc_page.parse directly: a damaged opening line would make detection pick another format.
    chars = list(_SEED_001)
    for at, char in edits:
        chars[at] = char
    text = "".join(chars)[:cut]
    episode = Episode(id="damaged")
    try:
        dtc_page.parse(text, episode)
    except SourceRejected as exc:
        assert str(exc)
        return
    episode.finish()
    json.dumps(episode.extra)
    assert all(isinstance(s.text, str) for s in episode.segments)


def test_demo_page_reads_as_a_full_episode() -> None:
    path = DEMO / "ml-in-production.md"
    episode = parse(path)
    assert episode.source_format == "dtc_page"
    assert episode.title == "ML in Production: Monitoring, Drift and Shadow Deployments"
    assert episode.speakers == ["Maya", "Tomás"]
    assert [c.title for c in episode.chapters] == [
        "From notebook to first deployment",
        "Monitoring and drift",
        "Shadow deployments and rollouts",
    ]
    assert [c.start for c in episode.chapters] == [0, 142, 290]
    assert all(s.start is not None and s.speaker for s in episode.segments)
    assert len(episode.segments) >= 25
    assert episode.duration == 9 * 60 + 30 and episode.date == "2024-05-14"
    assert episode.repairs == []
    assert any(s.directions == ["[laughs]"] for s in episode.segments)
    assert "MLflow" in " ".join(s.text for s in episode.segments)
    assert "shadow---deployments" in episode.extra["body"]


def test_untimed_paragraph_continuing_a_turn_takes_the_turns_start() -> None:
    path = CORPUS / "make-money-with-machine-learning-roles-skills.md"
    episode = formats.parse(path.read_text(encoding="utf-8"), Episode(id="vin"), path.name)
    (seg,) = [s for s in episode.segments if s.text.startswith("That's monetization")]
    before = episode.segments[seg.ordinal - 1]
    assert (before.speaker, before.start) == ("Vin", 576.0)
    assert (seg.speaker, seg.start) == ("Vin", 576.0)
    assert any(r.kind == "time_inherited" for r in episode.repairs)
    # Across the whole corpus, no spoken segment is left without a time.
    for page in CORPUS.glob("*.md"):
        if page.name != "_template.md":
            parsed = formats.parse(page.read_text(encoding="utf-8"), Episode(id="p"), page.name)
            assert all(s.start is not None for s in parsed.segments if s.text), page.name


# DataTalks.Club's content repository keeps transcripts as YAML files of their own
# (podcasts/transcripts/_s12e08.yaml): the page's slug, then the items under "segments".
STANDALONE = """podcast: _s12e08
segments:
- line: This week we'll talk about being a data generalist. We'll discuss going from bioinformatics to
    freelancing. We have a special guest today, Katya. Welcome to the show.
  sec: 71
  time: '1:11'
  who: Alexey
- line: Yes, thank you so much for the invitation. I'm really happy to be here.
  sec: 112
  time: '1:52'
  who: Jekaterina
- header: Jekaterina’s background
- line: I tried to invite you multiple times. Finally, we managed to do this. [chuckles] Can you tell us
    about your career journey so far?
  sec: 122
  time: '2:02'
  who: Alexey
- line: Yes. Let me start a bit from the very beginning. I started as a bioinformatician.
  sec: 135
  time: '2:15'
  who: Jekaterina
"""


def test_a_transcript_kept_as_a_yaml_file_of_its_own_reads_as_the_page_would() -> None:
    # It was read as plain text: "podcast: _s12e08", "segments:", "sec: 71", "who: Alexey" were
    # segments of speech with estimated times, no speakers and no chapters.
    episode = formats.parse(STANDALONE, Episode(id="_s12e08"), "_s12e08.yaml")
    assert episode.source_format == "dtc_page"
    assert [(s.start, s.speaker, s.text[:28]) for s in episode.segments] == [
        (71.0, "Alexey", "This week we'll talk about b"),
        (112.0, "Jekaterina", "Yes, thank you so much for t"),
        (122.0, "Alexey", "I tried to invite you multip"),
        (135.0, "Jekaterina", "Yes. Let me start a bit from"),
    ]
    assert [(c.title, c.start) for c in episode.chapters] == [("Jekaterina’s background", 122.0)]
    assert (episode.show, episode.season, episode.episode_number) == ("DataTalks.Club", 12, 8)
    assert episode.extra["podcast"] == "_s12e08"
    assert episode.segments[2].directions == ["[chuckles]"]
    assert not episode.extra.get("times_estimated")


@pytest.mark.parametrize(
    "cut_after, speakers, read_up_to",
    [
        ("Let me start", 3, "read 4 items up to 2:02"),  # inside the last item's line
        ("  time: '2:1", 3, "read 4 items up to 2:02"),  # inside a quoted time: the YAML breaks there
        ("  who: J", 3, "read 4 items up to 2:02"),  # its last field cut, which still loads as 'J'
        ("I tried to invite you", 2, "read 3 items up to 1:52"),  # the chapter's header before it kept
    ],
)
def test_a_yaml_transcript_file_cut_short_reads_its_whole_items_and_says_so(
        cut_after: str, speakers: int, read_up_to: str) -> None:
    # It was read to its last character (a speaker named 'J', an untimed 'Yes. Let me start') or
    # refused as YAML that is not valid, and nothing said the file had been cut.
    text = STANDALONE[: STANDALONE.rindex(cut_after) + len(cut_after)]
    episode = formats.parse(text, Episode(id="_s12e08"), "_s12e08.yaml")
    assert [s.speaker for s in episode.segments] == ["Alexey", "Jekaterina", "Alexey"][:speakers]
    assert episode.segments[-1].start is not None
    detail = {r.kind: r.detail for r in episode.repairs}["cut_short"]
    assert detail == f"the file ends inside its transcript (looks cut short): {read_up_to}"
    assert (episode.season, episode.episode_number) == (12, 8)


def test_a_whole_yaml_transcript_file_without_its_last_line_break_is_read_whole() -> None:
    # Edited by hand, a file may lose its final line break: its last item is whole, not cut short.
    episode = formats.parse(STANDALONE.rstrip("\n"), Episode(id="_s12e08"), "_s12e08.yaml")
    assert [s.speaker for s in episode.segments][-1] == "Jekaterina" and len(episode.segments) == 4
    assert episode.segments[-1].text.endswith("I started as a bioinformatician.")
    assert "cut_short" not in {r.kind for r in episode.repairs}


def test_a_yaml_transcript_file_cut_inside_its_first_item_is_refused() -> None:
    text = STANDALONE[: STANDALONE.index("from bioinformatics")]
    with pytest.raises(SourceRejected, match=r"^the file ends inside the first item of its 'segments' \(looks cut"):
        formats.parse(text, Episode(id="_s12e08"), "_s12e08.yaml")


def test_a_bad_item_of_a_yaml_transcript_file_is_named_by_its_key() -> None:
    episode = formats.parse(STANDALONE + "- line: Closing words.\n  sec: 700\n  who: Alexey\n  mood: happy\n",
                            Episode(id="x"), "x.yaml")  # fmt: skip
    assert any(r.kind == "item_field" and r.where == "segments[5]" for r in episode.repairs), episode.repairs


def test_an_editors_note_that_is_a_whole_turn_in_brackets_is_a_direction() -> None:
    # "[Discussing sending the file with Alexey]" in a DataTalks.Club page was speech, while the same
    # words exported as a caption read back as a note: the corpus's round trip changed the episode.
    assert split_directions("[Discussing sending the file with Alexey]") == (
        "", ["[Discussing sending the file with Alexey]"])
    # a sentence said aside in brackets stays words, and a bracket inside words stays as it was
    assert split_directions("[Hopefully we'll get it in the frame.]")[0] == "[Hopefully we'll get it in the frame.]"
    assert split_directions("We use [Airflow] for that")[0] == "We use [Airflow] for that"


# A page as an interrupted download leaves it: the front matter runs to the end of the file.
CUT_PAGE = """---
title: Data-Centric AI
season: 12
transcript:
- header: Introduction
- line: This week we'll talk about data-centric AI.
  sec: 86
  time: '1:26'
  who: Alexey
- line: Thanks for having me.
  sec: 95
  time: '1:35'
  who: Ana
- line: So tell us, how did your career start?
  sec: 101
  time: '1:41'
  who: Alexey
"""


@pytest.mark.parametrize(
    "cut_after, lines, read_up_to",
    [
        ("how did your car", 2, "read 3 items up to 1:35"),  # inside the last item's line
        ("  time: '1:41'\n  who: Ale", 2, "read 3 items up to 1:35"),  # its last field cut: dropped
        ("  who: Alexey\n", 3, "read 4 items up to 1:41"),  # at the end of a whole item: kept
    ],
)
def test_a_page_cut_short_reads_its_whole_items_and_says_so(cut_after: str, lines: int, read_up_to: str) -> None:
    text = CUT_PAGE[: CUT_PAGE.rindex(cut_after) + len(cut_after)]
    episode = formats.parse(text, Episode(id="cut"), "cut.md")
    assert episode.title == "Data-Centric AI"
    assert [s.speaker for s in episode.segments] == ["Alexey", "Ana", "Alexey"][:lines]
    assert episode.segments[1].text == "Thanks for having me."
    detail = {r.kind: r.detail for r in episode.repairs}["cut_short"]
    assert detail == f"the file ends inside the front matter (looks cut short): {read_up_to}"


@pytest.mark.parametrize("cut_after", ["title: Data-Cen", "transcript:\n", "- line: This week we'll"])
def test_a_page_cut_short_before_its_first_whole_item_is_refused(cut_after: str) -> None:
    text = CUT_PAGE[: CUT_PAGE.index(cut_after) + len(cut_after)]
    with pytest.raises(SourceRejected, match="front matter is never closed .* looks truncated"):
        formats.parse(text, Episode(id="cut"), "cut.md")
