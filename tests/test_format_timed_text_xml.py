"""XML timed text: TTML / DFXP / IMSC (Apple Podcasts' transcripts among them) and YouTube's timedtext.

Real files are in tests/data/real (sources in SOURCES.md); the shapes without a
permissively licensed source are faithful samples written here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, podsift
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift import formats
from podsift.formats import timed_text_xml
from podsift.model import Episode, SourceRejected

REAL = REPO / "tests" / "data" / "real"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def parse(text: str, filename: str = "t.ttml") -> Episode:
    return formats.parse(text, Episode(id="x"), filename)


def real(name: str) -> Episode:
    return parse((REAL / name).read_text(encoding="utf-8"), name)


def stored(episode: Episode) -> list[str]:
    return [w for s in episode.segments for w in _WORD.findall(" ".join([s.text, *s.directions]))]


def source_words(xml: str, element: str = "p") -> list[str]:
    """The words inside the file's cue elements, read with a regex, not with the reader under test."""
    import html

    words: list[str] = []
    for body in re.findall(rf"<{element}\b[^>]*>(.*?)</{element}>", xml, re.DOTALL):
        text = html.unescape(html.unescape(re.sub(r"<br\s*/?>", " ", body)))
        words += _WORD.findall(re.sub(r"<[^>]+>", "", text))
    return words


def repairs(episode: Episode) -> dict[str, str]:
    return {r.kind: r.detail for r in episode.repairs}


# --- Apple Podcasts ------------------------------------------------------------------

# Reproduces the shape of an Apple Podcasts transcript trimmed from a captured file in an
# unlicensed repository: one line, word spans with nothing between them, a timed <div>
# whose children still give absolute times, bare-second and M:SS times, SPEAKER_n agents.
APPLE = (
    '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal" '
    'xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en"><head><metadata /></head>'
    '<body dur="4148.949"><div begin="0.220" end="1:09:04.480">'
    '<p begin="0.220" end="28.620" ttm:agent="SPEAKER_1">'
    '<span begin="0.220" end="1.600" podcasts:unit="sentence" xml:lang="en">'
    '<span begin="0.220" end="0.500" podcasts:unit="word">Welcome</span>'
    '<span begin="0.500" end="0.640" podcasts:unit="word">to</span>'
    '<span begin="0.640" end="1.300" podcasts:unit="word">the</span>'
    '<span begin="1.300" end="1.600" podcasts:unit="word">show.</span></span>'
    '<span begin="3.320" end="4.460" podcasts:unit="sentence" xml:lang="en">'
    '<span begin="3.320" end="3.540" podcasts:unit="word">With</span>'
    '<span begin="3.540" end="3.700" podcasts:unit="word">us</span>'
    '<span begin="3.700" end="4.460" podcasts:unit="word">today.</span></span></p>'
    '<p begin="30.000" end="1:02.500" ttm:agent="SPEAKER_2">'
    '<span begin="30.000" end="1:02.500" podcasts:unit="sentence" xml:lang="en">'
    '<span begin="30.000" end="31.000" podcasts:unit="word">Thanks</span>'
    '<span begin="31.000" end="31.500" podcasts:unit="word">for</span>'
    '<span begin="31.500" end="32.000" podcasts:unit="word">having</span>'
    '<span begin="1:02.000" end="1:02.500" podcasts:unit="word">me.</span></span></p>'
    "</div></body></tt>"
)


def test_apple_podcasts_words_become_spaced_sentences_with_their_times_and_speakers() -> None:
    episode = parse(APPLE, "transcript_1000774368453.ttml")
    assert episode.source_format == "timed_text_xml"
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.22, 1.6, "Speaker 1", "Welcome to the show."),
        (3.32, 4.46, "Speaker 1", "With us today."),
        (30.0, 62.5, "Speaker 2", "Thanks for having me."),
    ]
    # Every word span once, in order, none glued to the next.
    assert stored(episode) == _WORD.findall(" ".join(re.findall(r'unit="word">([^<]*)<', APPLE)))
    assert episode.duration == 4148.949
    found = repairs(episode)
    assert "SPEAKER_1, SPEAKER_2 shown as 'Speaker N'" in found["speaker_ids"]
    assert "read as seconds" in found["loose_times"]
    assert "relative_times" not in found  # Apple's times inside the timed <div> are absolute


def test_agents_named_in_the_head_are_the_speakers() -> None:
    # Reproduces the shape of Apple's word-timed TTML with its agents declared in the head.
    xml = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">'
        '<head><metadata><ttm:agent type="person" xml:id="v1"><ttm:name type="full">Jane Doe</ttm:name></ttm:agent>'
        '<ttm:agent type="person" xml:id="v2"><ttm:name>John Roe</ttm:name></ttm:agent></metadata></head>'
        '<body><div begin="19.764" end="40.0">'
        '<p begin="19.764" end="21.900" ttm:agent="v1"><span begin="19.764" end="20.105">So</span> '
        '<span begin="20.105" end="21.900">welcome.</span></p>'
        '<p begin="24.594" end="26.898" ttm:agent="v2"><span begin="24.594" end="26.898">Thanks!</span></p>'
        "</div></body></tt>"
    )
    episode = parse(xml)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (19.764, "Jane Doe", "So welcome."), (24.594, "John Roe", "Thanks!")]


def test_words_carrying_the_only_times_time_their_sentences() -> None:
    # Reproduces the shape written for Apple Podcasts' TTML in podsidian's tests (ttml_parser,
    # no licence): <p> and sentence spans with no times, every word span timed. The sentences
    # had no times at all; a second sentence in a timed <p> took the paragraph's start.
    words = lambda *ws: "".join(f'<span podcasts:unit="word" begin="{b}" end="{e}">{w}</span>' for b, e, w in ws)  # noqa: E731
    xml = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
        'xmlns:podcasts="http://podcasts.apple.com/transcript-ttml-internal"><head><metadata>'
        '<ttm:agent xml:id="SPEAKER_0"><ttm:name type="full">Ann Lee</ttm:name></ttm:agent>'
        '<ttm:agent xml:id="SPEAKER_1"/></metadata></head><body><div>'
        '<p ttm:agent="SPEAKER_0"><span podcasts:unit="sentence">'
        + words(("0.500", "0.900", "Hello"), ("1.000", "1.500", "world.")) + "</span></p>"
        '<p begin="2.000" end="9.000" ttm:agent="SPEAKER_1">'
        '<span podcasts:unit="sentence">' + words(("2.000", "2.400", "Hi"), ("2.400", "2.900", "there.")) + "</span>"
        '<span podcasts:unit="sentence">' + words(("6.000", "6.500", "Bye"), ("6.500", "7.250", "now.")) + "</span>"
        "</p></div></body></tt>"
    )
    episode = parse(xml)
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (0.5, 1.5, "Ann Lee", "Hello world."), (2.0, 2.9, "Speaker 1", "Hi there."),
        (6.0, 7.25, "Speaker 1", "Bye now.")]  # fmt: skip


def test_unnamed_v_agents_are_numbered_speakers_and_a_shared_span_is_shared() -> None:
    # Reproduces the shape of Apple Music's lyrics TTML: agents "v1", "v2" declared with no name,
    # and two voices' lines with the same begin and end.
    xml = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">'
        '<head><metadata><ttm:agent type="person" xml:id="v1"/><ttm:agent type="person" xml:id="v2"/>'
        '</metadata></head><body><div>'
        '<p begin="00:00:01.000" end="00:00:04.000" ttm:agent="v1">Did you bring the map?</p>'
        '<p begin="00:00:04.000" end="00:00:08.000" ttm:agent="v2">I thought you had it.</p>'
        '<p begin="00:00:08.000" end="00:00:12.000" ttm:agent="v1">No.</p>'
        '<p begin="00:00:08.000" end="00:00:12.000" ttm:agent="v2">Well, that is a problem for us both.</p>'
        '<p begin="00:00:12.000" end="00:00:14.000" ttm:agent="v1">Indeed.</p>'
        "</div></body></tt>"
    )
    episode = parse(xml)
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [
        (1.0, 4.0, "Speaker 1"), (4.0, 8.0, "Speaker 2"), (8.0, 8.308, "Speaker 1"), (8.308, 12.0, "Speaker 2"),
        (12.0, 14.0, "Speaker 1")]  # fmt: skip
    assert "v1, v2 shown as 'Speaker N'" in repairs(episode)["speaker_ids"]
    assert repairs(episode)["shared_times"].startswith("2 cues shared one start and end (1 run); 0 joined")
    assert "overlap" not in repairs(episode)


def test_captions_shown_at_once_share_their_span() -> None:
    # The W3C example shows two captions at once, left and right, twice: each gets a share, none is cut to nothing.
    episode = real("ttml-pysubs2-w3c-example.ttml")
    spans = {s.text: (s.start, s.end) for s in episode.segments}
    assert spans["But how is it proved?"] == (28.0, 31.554)
    assert spans["How truly delightful!"] == (56.91, 58.7)
    assert all(s.end is not None and s.start is not None and s.end > s.start for s in episode.segments)
    assert "overlap" not in repairs(episode)


# --- Caption-style TTML and DFXP: real files -------------------------------------------

# (file, first start, last end, segments, words in the file's <p>s)
REAL_FILES = [
    ("ttml-pysubs2-w3c-example.ttml", 0.76, 58.7),
    ("ttml-pysubs2-frames24.ttml", 1.375, 50.041),
    ("imsc-ttconv-nbcu053-sk.ttml", 3676.202, 3781.234),
    ("dfxp-netflix-ticks.dfxp", 137.4, 3742.5),
    ("ttml-frames-undeclared-prefix.ttml", 15.015, 17.684),
    ("dfxp-ttaf1-youtube-dl.xml", 2.08, 12.36),
]


@pytest.mark.parametrize(("name", "first", "last"), REAL_FILES, ids=[f[0] for f in REAL_FILES])
def test_real_ttml_files_keep_every_word_once_and_their_times(name: str, first: float, last: float) -> None:
    text = (REAL / name).read_text(encoding="utf-8")
    episode = real(name)
    assert episode.source_format == "timed_text_xml"
    assert stored(episode) == source_words(text)
    assert episode.segments[0].start == first and episode.segments[-1].end == last


def test_caption_fragments_join_into_sentences_and_line_breaks_are_spaces() -> None:
    episode = real("ttml-pysubs2-frames24.ttml")
    texts = [s.text for s in episode.segments]
    # Five cues of one sentence, split across <br/> and across cues, are one segment.
    assert texts[-1].endswith("In 1992, a shipping container fell overboard on its way from China "
                              "to the United States, releasing 29,000 rubber ducks into the Pacific Ocean.")
    assert "joined_fragments" in repairs(episode)
    # "- Did he ...?<br/>- He did": the dialogue dashes are two voices.
    assert "Did he tell you what it was about?" in texts
    assert not any(t.startswith("-") for t in texts)


def test_netflix_ticks_and_entities() -> None:
    episode = real("dfxp-netflix-ticks.dfxp")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (137.4, 140.4, "Senator, we're making our final approach into Coruscant."),
        (3740.5, 3742.5, "Very good, Lieutenant."),
    ]
    assert repairs(episode)["tick_times"] == "4 times in ticks converted at 10,000,000 a second"


def test_frames_with_a_rate_multiplier_and_an_undeclared_prefix() -> None:
    episode = real("ttml-frames-undeclared-prefix.ttml")
    # 360 and 424 frames at 24 * 1000/1001 frames a second.
    assert [(s.start, s.end, s.text) for s in episode.segments] == [(15.015, 17.684, "First line.")]
    found = repairs(episode)
    assert found["frame_times"] == "2 times in frames converted at 23.976 frames a second"
    assert "prefix(es) ttm used without a declaration" in found["undeclared_prefix"]
    assert episode.title == "TTML Example With Frame Rate Given"


def test_smpte_frames_and_times_relative_to_a_timed_div() -> None:
    xml = (
        '<tt xmlns="http://www.w3.org/2006/10/ttaf1" xmlns:ttp="http://www.w3.org/2006/10/ttaf1#parameter" '
        'ttp:frameRate="25" ttp:timeBase="smpte"><body><div begin="00:00:10:00">'
        '<p begin="00:00:00:00" dur="00:00:02:12">First</p>'
        '<p begin="00:00:02:12" end="00:00:05:00">Second &amp; third</p></div></body></tt>'
    )
    episode = parse(xml, "movie.dfxp")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (10.0, 12.48, "First"), (12.48, 15.0, "Second & third")]
    found = repairs(episode)
    assert found["frame_times"].startswith("5 times in frames converted at 25 frames")
    assert "counted from their own begin" in found["relative_times"]


def test_imsc_dialogue_dashes_and_italic_spans() -> None:
    episode = real("imsc-ttconv-nbcu053-sk.ttml")
    texts = [s.text for s in episode.segments]
    assert "Áno, zabudla som číslo tvojej skrinky. Povedal mi ho Chytrák." in texts
    assert texts[-3:-1] == ["Prečo nie?", "Ja som to pobabrala."]  # "-A<br/>-B": two voices


# --- YouTube timedtext -----------------------------------------------------------------


def test_youtube_srv1_from_youtube_transcript_api() -> None:
    text = (REAL / "youtube-srv1-transcript-api.xml").read_text(encoding="utf-8")
    episode = real("youtube-srv1-transcript-api.xml")
    assert episode.source_format == "timed_text_xml"
    assert stored(episode) == source_words(text, "text")
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 1.54), (1.54, 5.7), (5.7, 8.939)]


# Reproduces the shape of YouTube's srv1 as youtube-transcript-api and yt-dlp save it: entities
# escaped twice, line breaks inside a caption, short fragments.
SRV1 = (
    '<?xml version="1.0" encoding="utf-8" ?><transcript>'
    '<text start="0.5" dur="2.1">Hello &amp;amp; welcome, I&amp;#39;m</text>'
    '<text start="2.6" dur="1.9">Jane and this is\nthe show about</text>'
    '<text start="4.5" dur="2">sleep &amp;amp; light.</text>'
    '<text start="6.5" dur="2">[Music]</text>'
    + "".join(f'<text start="{9 + k}" dur="1">word{k} of many</text>' for k in range(8))
    + "</transcript>"
)


def test_youtube_srv1_double_escaped_entities_are_decoded_and_fragments_joined() -> None:
    episode = parse(SRV1, "video.en.xml")
    assert episode.segments[0].text == "Hello & welcome, I'm Jane and this is the show about sleep & light."
    assert (episode.segments[0].start, episode.segments[0].end) == (0.5, 6.5)
    assert episode.segments[1].directions == ["[Music]"] and episode.segments[1].text == ""
    assert "escaped twice" in repairs(episode)["double_escaped"]
    assert "joined_fragments" in repairs(episode)
    assert stored(episode) == source_words(SRV1, "text")


# Reproduces the shape of YouTube's srv3 automatic captions (from an unlicensed repository's
# documentation): millisecond times, word <s> spans with offsets and leading spaces, "append"
# lines with a="1" and no words, a sound cue written as text.
SRV3 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<timedtext format="3">\n<head>\n<pen id="1" fc="#E5E5E5"/>\n'
    '<ws id="0"/>\n<ws id="1" mh="2" ju="0" sd="3"/>\n<wp id="0"/>\n'
    '<wp id="1" ap="6" ah="20" av="100" rc="2" cc="40"/>\n</head>\n<body>\n<w t="0" id="1" wp="1" ws="1"/>\n'
    '<p t="1560" d="2350" w="1">[Music]</p>\n'
    '<p t="6319" d="3721" w="1"><s p="2" ac="184">non</s><s t="1000" ac="243"> mais</s><s t="1181" ac="246">'
    ' je</s><s t="1301" ac="222"> n\'ai</s><s t="1451" ac="252"> pas</s><s p="1" t="1600" ac="216"> là</s></p>\n'
    '<p t="10029" w="1" a="1">\n</p>\n'
    '<p t="10039" d="3370" w="1"><s p="1" ac="218">je</s><s t="1000" ac="241"> suis</s><s t="1271" ac="252">'
    ' pas</s><s t="1361" ac="246"> agressif</s></p>\n</body>\n</timedtext>'
)


def test_youtube_srv3_milliseconds_word_spans_and_append_lines() -> None:
    episode = parse(SRV3, "video.srv3")
    assert episode.source_format == "timed_text_xml"
    assert [(s.start, s.end, s.text, s.directions) for s in episode.segments] == [
        (1.56, 3.91, "", ["[Music]"]),
        (6.319, 10.039, "non mais je n'ai pas là", []),
        (10.039, 13.409, "je suis pas agressif", []),
    ]
    assert stored(episode) == source_words(SRV3)


def test_youtube_srv2_text_elements_in_milliseconds() -> None:
    # srv2 (yt-dlp's --sub-format srv2, and what YouTube's timedtext answers some clients):
    # <text t d> in milliseconds. It was read as srv1, whose start and dur it lacks: every
    # caption untimed.
    srv2 = ('<?xml version="1.0" encoding="utf-8" ?>\n<timedtext><body>\n'
            '<text t="1000" d="2500" w="1">Welcome back to the show.</text>\n'
            '<text t="3500" d="2000" w="1">Thanks for having me &amp; the team.</text>\n</body></timedtext>')  # fmt: skip
    episode = parse(srv2, "video.en.srv2")
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (1.0, 3.5, "Welcome back to the show."), (3.5, 5.5, "Thanks for having me & the team.")]  # fmt: skip


# --- Sniffing and errors -----------------------------------------------------------------


@pytest.mark.parametrize("filename", ["episode.xml", "episode.ttml", "episode", "episode.txt"])
def test_ttml_is_detected_by_content_whatever_the_name(filename: str) -> None:
    text = (REAL / "ttml-pysubs2-frames24.ttml").read_text(encoding="utf-8")
    assert formats.detect(text, filename).NAME == "timed_text_xml"
    assert formats.detect(APPLE, filename).NAME == "timed_text_xml"
    assert formats.detect(SRV1, filename).NAME == "timed_text_xml"


def test_other_xml_and_transcriber_files_are_not_claimed() -> None:
    trs = '<?xml version="1.0"?>\n<Trans><Episode><Section><Turn startTime="0"><Sync time="0"/>Hi</Turn></Section></Episode></Trans>'
    assert formats.detect(trs, "a.xml").NAME == "transcriber"
    assert timed_text_xml.sniff("<html><body><p>The tt in this text</p></body></html>") == 0.0
    assert timed_text_xml.sniff("<rss><channel><title>tt</title></channel></rss>") == 0.0
    assert timed_text_xml.sniff("Plain words about <tt> tags.") == 0.0


def test_broken_xml_gets_one_line_naming_what_is_wrong() -> None:
    with pytest.raises(SourceRejected) as err:
        parse('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">Hi</div></body></tt>')
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("not well-formed timed-text XML (mismatched tag: line 1")


def test_timed_text_without_a_body_is_rejected() -> None:
    with pytest.raises(SourceRejected, match="no <body>"):
        parse('<tt xmlns="http://www.w3.org/ns/ttml"><head/></tt>')


def test_entity_bombs_are_refused_not_expanded() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
            + ']><tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="0s" end="1s">&i;</p></div></body></tt>')
    with pytest.raises(SourceRejected, match="not well-formed timed-text XML"):
        parse(bomb)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(max_size=12), st.text(max_size=30), st.sampled_from(["begin", "t", "start"])),
             max_size=6),
    st.sampled_from(["tt", "timedtext", "transcript"]),
)
def test_random_times_and_text_never_raise(cues: list[tuple[str, str, str]], root: str) -> None:
    from xml.sax.saxutils import escape, quoteattr

    tag = {"tt": "p", "timedtext": "p", "transcript": "text"}[root]
    body = "".join(f"<{tag} {attr}={quoteattr(t)} end={quoteattr(t)} d={quoteattr(t)}>{escape(x)}</{tag}>"
                   for t, x, attr in cues)
    xml = f"<{root}><body><div>{body}</div></body></{root}>"
    try:
        episode = parse(xml)
    except SourceRejected as err:
        assert "\n" not in str(err)
        return
    for seg in episode.segments:
        assert seg.start is None or 0 <= seg.start <= 7 * 86400


# --- Through the CLI -----------------------------------------------------------------------


def test_ingest_and_show_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    apple = tmp_path / "apple-episode.ttml"
    apple.write_text(APPLE, encoding="utf-8")
    broken = tmp_path / "broken.dfxp"
    broken.write_text('<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="1s">Hi</body></tt>', encoding="utf-8")
    result = podsift("ingest", str(apple), str(REAL / "dfxp-netflix-ticks.dfxp"), str(broken),
                     "--no-embed", "--no-entities", db=db, check=1)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "broken.dfxp" in errors[0] and "not well-formed timed-text XML" in errors[0]
    shown = json.loads(podsift("show", "apple-episode", "--json", db=db).stdout)
    assert [(s["speaker"], s["text"]) for s in shown["segments"]] == [
        ("Speaker 1", "Welcome to the show."), ("Speaker 1", "With us today."), ("Speaker 2", "Thanks for having me.")]
    assert shown["segments"][2]["start"] == 30.0
    netflix = json.loads(podsift("show", "dfxp-netflix-ticks", "--json", db=db).stdout)
    assert netflix["segments"][1]["start"] == 3740.5


def test_japanese_written_word_by_word_loses_the_spaces_with_agents_too() -> None:
    episode = parse(
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata"><body><div>'
        '<p begin="0.0s" end="3.0s" ttm:agent="SPEAKER_1">今日 の テーマ は 機械 学習 です 。</p>'
        '<p begin="3.0s" end="6.0s" ttm:agent="SPEAKER_2">まず データ の 準備 から 始め ましょう 。</p>'
        "</div></body></tt>"
    )
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Speaker 1", "今日のテーマは機械学習です。"), ("Speaker 2", "まずデータの準備から始めましょう。"),
    ]


def test_netflix_japanese_subtitles_for_the_deaf_read_ruby_once_names_and_sounds() -> None:
    # The reading was glued to each kanji ("秋乃あきの"), the name in full-width parentheses stayed in
    # the words, and captions that are only a sound ("（大きくなる店内ＢＧＭ）") were speech.
    from conftest import real

    episode = real("imsc-netflix-japanese-sdh-ruby.xml")
    # 秋乃 is named once in these five captions: too little to tell a name from a sound ("（チャイム）はーい").
    assert [(s.text, s.directions) for s in episode.segments][:2] == [
        ("（秋乃）あ… ん？", []), ("", ["（北極百貨店の店内ＢＧＭ）"])]
    assert "ほっきょく" not in " ".join(d for s in episode.segments for d in s.directions)
    assert [d for s in episode.segments for d in s.directions][1] == "（大きくなる店内ＢＧＭ）"


def test_unclosed_html_line_breaks_are_read_and_dashed_initial_surname_labels_name_speakers() -> None:
    # Shape of a broadcast debate's captions (cyterdan/debateCloud): SMPTE frame times, spans split by
    # "<br>" never closed, and each turn opened by "-Initial.Surname:" with no space after the dash.
    span = '<span tts:color="white">{}</span>'
    cues = [
        ("-A.Durand-Roux: Bonsoir", "à vous deux."),
        ("Nous parlerons d'abord", "de l'emploi."),
        ("-B.Martin: Merci.", "-C.Le Goff: Merci à vous."),
        ("Je commence par", "les salaires."),
        ("-B.Martin: Et moi", "par les impôts."),
    ]
    paragraphs = "".join(
        f'<p begin="00:00:{2 * k:02d}:00" end="00:00:{2 * k + 1:02d}:15">\n{span.format(a)}\n<br>\n{span.format(b)}\n</p>\n'
        for k, (a, b) in enumerate(cues)
    )
    xml = (
        '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" '
        'xmlns:ttm="http://www.w3.org/ns/ttml#metadata"><head><metadata><ttm:title>Le débat</ttm:title>'
        f"</metadata></head><body><div>\n{paragraphs}</div></body></tt>"
    )
    episode = parse(xml, "debate.xml")
    assert episode.title == "Le débat"
    # The label leaves the words, and its speaker keeps the captions after it until the next dash.
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "A.Durand-Roux", "Bonsoir à vous deux."),
        (2.0, "A.Durand-Roux", "Nous parlerons d'abord de l'emploi."),
        (4.0, "B.Martin", "Merci."),
        (4.474, "C.Le Goff", "Merci à vous."),
        (6.0, "C.Le Goff", "Je commence par les salaires."),
        (8.0, "B.Martin", "Et moi par les impôts."),
    ]
    assert repairs(episode)["unclosed_br"] == "5 HTML-style <br> line breaks never closed; read as <br/>"
