"""Podcasting 2.0 HTML: <cite> speaker, <time> start, <p> monologue."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import PODCAST_NAMESPACE, read, timeline
from hypothesis import given, settings
from hypothesis import strategies as st

from podsift.formats import podcast_html
from podsift.ingest import parse_source
from podsift.model import Episode, SourceRejected

REAL = Path(__file__).parent / "data" / "real"


def parse(text: str) -> Episode:
    episode = Episode(id="test")
    podcast_html.parse(text, episode)
    return episode


def kinds(episode: Episode) -> list[str]:
    return [r.kind for r in episode.repairs]


def test_example_html() -> None:
    episode = parse((PODCAST_NAMESPACE / "example.html").read_text(encoding="utf-8"))
    segs = episode.segments
    assert episode.repairs == []
    assert len(segs) == 10
    assert [s.speaker for s in segs] == [
        "Travis", "Sarah", "Travis", "Gilon", "Travis", "Gilon", "Travis", "Sarah", "Gilon", "Travis",
    ]
    assert [s.start for s in segs] == [0, 53, 102, 219, 263, 322, 376, 562, 617, 691]
    assert segs[0].end == 53.0  # each monologue runs until the next starts
    assert segs[-1].end is None  # nothing says when the last one ends
    assert segs[0].text.startswith("When you first get started in podcasting, it's almost guaranteed")  # &#39;
    assert segs[-1].text.endswith("the next best thing to do is to batch your episodes.")


def test_spec_snippet_with_space_before_colon_and_wrapped_paragraph() -> None:
    episode = parse(
        "<cite>Kevin:</cite>\n<time>0:00</time>\n<p>\n  We have an update planned where we would like\n"
        "  to give the ability to upload an\n  artwork file for these videos\n</p>\n"
        "<cite>Alban :</cite>\n<time>0:09</time>\n"
        "<p>You're triggering Tom right now with a hey, here's a cool feature.</p>\n"
    )
    assert [(s.speaker, s.start, s.end) for s in episode.segments] == [("Kevin", 0.0, 9.0), ("Alban", 9.0, None)]
    assert episode.segments[0].text == (
        "We have an update planned where we would like to give the ability to upload an artwork file for these videos"
    )


def test_full_page_with_unclosed_paragraphs_markup_and_directions() -> None:
    episode = parse(
        "<!DOCTYPE html><html><head><title>Episode 7 &amp; friends</title>"
        "<style>p { color: red }</style><script>var x = '<p>not speech</p>';</script></head><body>"
        "<cite>Maya:</cite><time>1:02:03</time><p>Hello <b>there</b>,<br>friend. [laughs]"
        "<p>Same speaker, new paragraph, no time."
        "<cite>Priya:</cite><time datetime='PT1H3M'></time><p>Fish &amp; chips?</p>"
        "</body></html>"
    )
    assert episode.title == "Episode 7 & friends"
    assert [(s.speaker, s.start, s.text, s.directions) for s in episode.segments] == [
        ("Maya", 3723.0, "Hello there, friend.", ["[laughs]"]),
        ("Maya", None, "Same speaker, new paragraph, no time.", []),
        ("Priya", None, "Fish & chips?", []),
    ]
    assert "missing_time" in kinds(episode) and "bad_timestamp" in kinds(episode)


def test_a_site_page_whose_paragraphs_open_with_bold_names() -> None:
    # A Jekyll-built episode page: show notes, then the transcript as <p><strong>Name:</strong> text</p>.
    page = """<!DOCTYPE html><html><head><title>The Agile in Action Podcast</title></head><body>
<h1 class="post-title">The critical role of leadership</h1>
<p>Today's guest is an Agile Leader at Capgemini India.</p>
<h2 id="transcript">Transcript</h2>
<p><strong>Bill Raymond:</strong> Hi, and welcome to the podcast. How are you today?</p>
<p><strong>Hrishikesh Kareka:</strong> Thanks. I'm very good. How are you doing?</p>
<h3 id="capgemini-role">Capgemini role</h3>
<p><strong>Bill Raymond:</strong> You work at Capgemini. Can you talk about your role there?</p>
<p>Surely.</p>
<p><strong>Hrishikesh Kareka:</strong> At Capgemini, we partner with our customers.</p>
</body></html>"""
    episode = parse(page)
    assert [(s.speaker, s.text[:22]) for s in episode.segments] == [
        ("Bill Raymond", "Hi, and welcome to the"),
        ("Hrishikesh Kareka", "Thanks. I'm very good."), ("Bill Raymond", "You work at Capgemini."),
        ("Bill Raymond", "Surely."), ("Hrishikesh Kareka", "At Capgemini, we partn")]
    # What is above the "Transcript" heading is the show notes, not speech nor chapters.
    assert [c.title for c in episode.chapters] == ["Capgemini role"]
    assert episode.extra["show_notes"] == "Today's guest is an Agile Leader at Capgemini India."


def test_a_page_title_that_adds_the_sites_name_to_the_h1_gives_the_h1() -> None:
    body = "<p>Jane: Hello there, and welcome.</p>"
    page = "<html><head><title>{}</title></head><body><h1>Episode 12: Pricing</h1>{}</body></html>"
    assert parse(page.format("Episode 12: Pricing | Data Talks", body)).title == "Episode 12: Pricing"
    assert parse(page.format("Data Talks", body)).title == "Data Talks"  # no sign which one names the episode


def test_a_page_titled_only_transcript_takes_its_h1_or_no_title() -> None:
    # The shape of a security podcast's generated pages: <title> Transcript </title> over a table.
    table = "<table><tr><td>0h00m00s</td><td>Welcome to the third security podcast.</td></tr></table>"
    assert parse(f"<html><head><title>\n  Transcript\n</title></head><body>{table}</body></html>").title is None
    with_h1 = parse(f"<html><head><title>Full transcript</title></head><body><h1>Episode 3: Phishing</h1>{table}</body></html>")
    assert with_h1.title == "Episode 3: Phishing"
    assert parse(f"<html><head><title>Episode 3 transcript</title></head><body>{table}</body></html>").title == "Episode 3 transcript"


def test_times_out_of_order_are_kept_in_order_and_reported() -> None:
    episode = parse(
        "<cite>A:</cite><time>0:30</time><p>one</p><cite>B:</cite><time>0:10</time><p>two</p>"
        "<cite>A:</cite><time>0:50</time><p>three</p>"
    )
    assert [(s.speaker, s.start, s.end) for s in episode.segments] == [
        ("A", 30.0, None),  # the next time runs backwards, so the end is unknown
        ("B", 10.0, 10.4),  # one word, then 40 s to the next: it ends after its word
        ("A", 50.0, None),
    ]
    assert kinds(episode) == ["time_backwards", "silence_after"]


def test_html_without_paragraphs_keeps_its_text() -> None:
    episode = parse("<html><body><div>Only a div of words.</div></body></html>")
    assert [s.text for s in episode.segments] == ["Only a div of words."]
    assert kinds(episode) == ["no_paragraphs"]


def test_a_cite_of_speaker_alone_over_every_caption_line_names_no_one() -> None:
    # A podcast's HTML transcript from its feed (kept in podcast-transcript-convert's fixtures): every
    # caption line its own <cite>Speaker:</cite>, <time> and <p>. All 30 lines were said by "Speaker",
    # and each stayed a fragment ("…Frank is in Raleigh speaking at" / "OpenShift Commons gathering.").
    name = "podcast-html-cite-speaker-every-line-openshift.html"
    html = (REAL / name).read_text(encoding="utf-8")
    episode = parse_source(name, html.encode())
    assert isinstance(episode, Episode)
    assert all(s.speaker is None for s in episode.segments)
    assert episode.segments[0].text.startswith(
        "Now for something completely different. Frank is in Raleigh speaking at OpenShift Commons gathering.")
    assert len(episode.segments) < 15  # sentences, not 30 lines
    times = {60 * int(m) + int(sec) for m, sec in re.findall(r"<time>00:(\d\d):(\d\d)</time>", html)}
    assert {s.start for s in episode.segments} <= times
    said = re.findall(r"\w+", " ".join(s.text for s in episode.segments))
    assert said == re.findall(r"\w+", " ".join(re.findall(r"<p>([^<]*)</p>", html)))


def test_empty_paragraphs_dropped() -> None:
    episode = parse("<cite>A:</cite><time>0:01</time><p>  </p><p>words</p>")
    assert [s.text for s in episode.segments] == ["words"]
    assert "empty_segment" in kinds(episode)


def test_sniff() -> None:
    assert podcast_html.sniff((PODCAST_NAMESPACE / "example.html").read_text(encoding="utf-8")) == 0.8
    assert podcast_html.sniff("<p>hi</p><time>0:01</time>") == 0.8
    assert podcast_html.sniff("<html><body><div>hi</div></body></html>") == 0.3
    assert podcast_html.sniff("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Maya><i>hi</i>") == 0.0


HTMLISH = st.lists(
    st.one_of(
        st.sampled_from(["<cite>", "</cite>", "<time>", "</time>", "<p>", "</p>", "<br>", "<script>", "</script>",
                         "<title>", "&amp;", "&#39;", "&#xZZ;", "0:00", "1:02:03", "Maya:", "[laughs]", "<!--", "<"]),
        st.text(max_size=10),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(), HTMLISH))
def test_never_raises(text: str) -> None:
    try:
        episode = parse(text)
    except SourceRejected:
        return
    for seg in episode.segments:
        assert seg.text or seg.directions


def test_a_word_broken_at_its_hyphen_by_a_line_break_is_one_word() -> None:
    # A page's source wraps its paragraphs, and a <br> may fall after a compound word's hyphen.
    episode = parse("<p><b>Ana:</b> We talked about data-\n  driven teams today.</p>\n"
                    "<p><b>Bob:</b> And about well-<br>known tools.</p>\n<p><b>Ana:</b> Right.<br>Thanks.</p>\n")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Ana", "We talked about data-driven teams today."), ("Bob", "And about well-known tools."),
        ("Ana", "Right. Thanks."),
    ]


def test_sami_captions_read_like_the_same_captions_as_subrip() -> None:
    # SAMI (.smi, Microsoft's HTML-like captions; pycaption's example, SOURCES.md) was read as a
    # page: every caption untimed. Each <SYNC start=ms> now starts a caption and ends the one
    # before, and the captions go the way of every caption file, as the SubRip copy does.
    sami = parse_source("nova.smi", (REAL / "sami-pycaption-nova.sami").read_bytes())
    srt = parse_source("nova.srt", (REAL / "srt-pycaption-nova.srt").read_bytes())
    assert isinstance(sami, Episode) and isinstance(srt, Episode)
    assert sami.source_format == "podcast_html" and sami.title == "NOVA3213"

    def rows(episode: Episode) -> list[tuple[float | None, float | None, str | None, str, list[str]]]:
        # The SubRip copy lost the "ù" and "ä" the SAMI writes as "&#249;" and "&#228;".
        return [(s.start, s.end, s.speaker, s.text.replace("Ouù ", "Ou").replace("Fraä", "Fra"), s.directions) for s in episode.segments]

    assert rows(sami) == rows(srt)
    assert rows(sami)[1][:3] == (14.848, 20.887, "MAN")


def test_noscribe_html_is_timed_by_its_sentence_anchors() -> None:
    # noScribe's HTML (a sample in the shape of its own test file): each sentence in an
    # <a name="ts_START_END_SPEAKER"> anchor, milliseconds; the label, then the clock it shows.
    # Every paragraph was untimed, with the clock in the words, and another speaker's words
    # overlapping the turn were the turn's.
    page = (
        '<html><head><meta name="audio_source" content="./talk.mp3" /></head><body><div class="WordSection1">'
        '<p style="font-weight: 600">A talk about pricing</p>'
        '<p><a name="ts_0_12140_">(12 seconds pause) </a></p>'
        '<p><a name="ts_12140_22800_S01">S01: <span style="color: #78909C">[00:00:12]</span> Welcome to the show.</a>'
        '<a name="ts_22800_24360_S01"> (..)</a><a name="ts_24360_30010_S01"> Today we talk pricing.</a>'
        # Overlapping speech: another speaker's sentence inside the turn, between "//" marks.
        '<a name="ts_30090_30910_//S00"> //S00: Great topic.</a><a name="ts_31870_33510_S01">// It really is.</a></p>'
        '<p><a name="ts_36190_36330_S00">S00: <span style="color: #78909C">[00:00:36]</span> Thanks.</a></p>'
        '<p><a name="ts_36950_39650_S01">S01: <span style="color: #78909C">[00:00:36]</span> How do you set a rate?</a>'
        '<a name="ts_349030_350930_S01"> <span style="color: #78909C">[00:05:49]</span> By the day, mostly.</a></p>'
        "</div></body></html>"
    )  # fmt: skip
    episode = parse_source("talk.html", page.encode())
    assert isinstance(episode, Episode)
    spoken = [(s.start, s.speaker, s.text) for s in episode.segments if s.text]
    assert spoken[1:] == [
        (12.14, "Speaker 1", "Welcome to the show. (..) Today we talk pricing."),
        (30.09, "Speaker 0", "Great topic."),
        (31.87, "Speaker 1", "It really is."),
        (36.19, "Speaker 0", "Thanks."),
        (36.95, "Speaker 1", "How do you set a rate? By the day, mostly."),
    ]


TIMED_THEN_NOT = (
    "<html><body>\n"
    "<p><time>0:00</time> Jane: Welcome to the show. Today we talk about data contracts and why teams need them "
    "when pipelines grow.</p>\n"
    "<p><time>0:08</time> John: Thanks for having me. A data contract is an agreement between the people who "
    "produce data and the people who use it.</p>\n"
    "<p><time>0:17</time> Jane: So who writes the contract in practice, the producers or the consumers of the data?</p>\n"
    "<p>John: Usually the producers write it, because they know what the data means, but the consumers review it "
    "before it is signed.</p>\n"
    "<p>Jane: And what happens when a producer breaks it?</p>\n"
    "</body></html>\n"
)


def test_paragraphs_after_the_last_time_go_on_at_the_speaking_rate_the_times_show() -> None:
    # A transcriber who stops stamping near the end: the paragraphs after the last time had no
    # moment to play. The times before show 37 words in 17 s (about 130 a minute); the rest
    # goes on at that rate, shared by words, and the report says so.
    episode = parse_source("interview.html", TIMED_THEN_NOT.encode())
    assert not isinstance(episode, str) and episode.source_format == "podcast_html"
    assert [(s.start, s.speaker) for s in episode.segments] == [
        (0.0, "Jane"), (8.0, "John"), (17.0, "Jane"), (23.4, "John"), (32.3, "Jane")]  # fmt: skip
    assert episode.segments[2].end == 23.4
    assert "2 after the last time timed by their words at the speaking rate" in str(episode.repairs)
    # Times that do not follow the speech (one a chapter, minutes apart) show no speaking rate:
    # what comes after the last one stays untimed rather than guessed.
    sparse = TIMED_THEN_NOT.replace("<time>0:08</time>", "<time>10:00</time>").replace("<time>0:17</time>", "<time>20:00</time>")
    late = parse_source("interview.html", sparse.encode())
    assert not isinstance(late, str)
    assert [s.start for s in late.segments][3:] == [None, None]
    # One time alone shows no rate either.
    single = TIMED_THEN_NOT.replace("<time>0:08</time>", "").replace("<time>0:17</time>", "")
    alone = parse_source("interview.html", single.encode())
    assert not isinstance(alone, str) and [s.start for s in alone.segments][1:] == [None] * 4


def test_an_html_page_of_timed_paragraphs_is_read_as_html_not_as_turn_lines() -> None:
    # Each paragraph opening "<p><time>0:00</time> Jane:" looked like a turn line to the plain
    # text reader, which won: the page's tags stayed in the words ("<p>John: Usually ...") and
    # "<html><body>" became the title.
    episode = parse_source("interview.html", TIMED_THEN_NOT.encode())
    assert not isinstance(episode, str) and episode.source_format == "podcast_html"
    assert episode.title != "<html><body>"
    assert not any("<" in s.text for s in episode.segments)
    assert [s.speaker for s in episode.segments] == ["Jane", "John", "Jane", "John", "Jane"]


def test_a_generated_page_of_timed_lines_with_a_link_per_sentence() -> None:
    # A city's meeting-transcript site (medford-transcripts, CC0): each <p class="line"> holds its
    # start in data-t and its speaker in data-speaker, then a player link around each sentence's
    # first word. Each paragraph started at its LAST link (0:41, 1:25), the speaker was lost and
    # "[McGlynn]:" stayed in the words, the byline was speech, and the empty cells of a layout
    # table were reported as 15 repeated cues.
    episode = parse_source("2014-08-07.html", (REAL / "medford-html-data-t-speaker.html").read_bytes())
    assert isinstance(episode, Episode) and episode.source_format == "podcast_html"
    assert [(s.start, s.speaker) for s in episode.segments] == [(0.549, "McGlynn"), (58.548, None)]
    first, second = (s.text for s in episode.segments)
    assert first.startswith("Okay, I'm going to stop the press conference") and "[McGlynn]" not in first
    assert first.endswith("help educate people about Lou Gehrig's disease.")
    assert second.startswith("Hey, Lisa was also in the challenge.") and second.endswith("It's chilly.")
    assert episode.extra["page_text"] == "AI-generated transcript — the recording is the record."
    assert [r.kind for r in episode.repairs] == ["page_text"]


def test_a_paragraph_keeps_its_own_start_against_the_links_inside_it() -> None:
    page = (
        '<cite>Jane:</cite><p><a href="#t=5">Welcome.</a> <a href="#t=9">And</a> today we talk pricing.</p>'
        '<cite>John:</cite><p><a href="#t=20">Thanks.</a> <a href="#t=24">It</a> is good to be here.</p>'
    )
    episode = parse(page)
    assert [(s.start, s.end, s.speaker) for s in episode.segments] == [(5.0, 20.0, "Jane"), (20.0, None, "John")]
    # An unclosed paragraph ends where the next one opens, before that one's own time is read.
    unclosed = parse('<p data-time="5">Welcome to the show.<p data-time="20">Thanks for having me.')
    assert [(s.start, s.text) for s in unclosed.segments] == [(5.0, "Welcome to the show."), (20.0, "Thanks for having me.")]


def test_a_pages_schema_org_data_gives_its_date_and_recording() -> None:
    # The meeting page says when the meeting was and which video it transcribes only in its
    # JSON-LD ("datePublished", "isBasedOn"): date and video were empty, so results could not play.
    episode = parse_source("2014-08-07.html", (REAL / "medford-html-data-t-speaker.html").read_bytes())
    assert isinstance(episode, Episode)
    assert (episode.date, episode.youtube_id) == ("2014-08-07", "twPNa5NhSfA")
    # A podcast site's episode: a PodcastEpisode with its audio; a broken block is passed over.
    page = (
        '<html><head><script type="application/ld+json">{broken</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "PodcastEpisode", '
        '"datePublished": "2023-05-04T08:00:00Z", "associatedMedia": {"@type": "AudioObject", '
        '"contentUrl": "https://cdn.example.com/ep12.mp3"}}]}</script></head>'
        "<body><cite>Jane:</cite><time>0:00</time><p>Welcome to the show.</p></body></html>"
    )
    podcast = parse(page)
    assert (podcast.date, podcast.media_url, podcast.youtube_id) == ("2023-05-04", "https://cdn.example.com/ep12.mp3", None)
    assert [s.text for s in podcast.segments] == ["Welcome to the show."]
    # Meta tags say it too, where there is no JSON-LD.
    meta = parse('<html><head><meta property="article:published_time" content="2021-01-02T10:00:00+00:00">'
                 '<meta property="og:video" content="https://www.youtube.com/watch?v=abcdefghijk"></head>'
                 "<body><p>Hi.</p></body></html>")
    assert (meta.date, meta.youtube_id) == ("2021-01-02", "abcdefghijk")


def test_a_page_a_browser_saved_says_where_it_came_from() -> None:
    # A Podcasting 2.0 transcript page saved from a host's feed (a sample of the shape, with other words):
    # the browser's mark above it was all that said where it was from, and the page's link was empty.
    page = ("\n<!-- saved from url=(0054)https://feeds.buzzsprout.com/231452/9092843/transcript -->\n"
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>'
            "<cite>Alban:</cite>\n  <time>0:00</time>\n  <p>Good to be back recording.</p>\n"
            "  <cite>Kevin:</cite>\n  <time>0:30</time>\n  <p>It has been a while.</p></body></html>")
    episode = parse_source("buzzcast.html", page.encode())
    assert isinstance(episode, Episode)
    assert episode.page_url == "https://feeds.buzzsprout.com/231452/9092843/transcript"
    assert timeline(episode) == [(0.0, 30.0, "Alban", "Good to be back recording."), (30.0, None, "Kevin", "It has been a while.")]
    # Internet Explorer's mark on a page that came from no address is no link.
    assert parse(page.replace("https://feeds.buzzsprout.com/231452/9092843/transcript", "about:internet")).page_url is None


def test_a_pages_canonical_link_or_open_graph_address_is_its_link() -> None:
    # Transcript pages name their own address in the head; the episode had no link to its page.
    body = "<body><cite>Ana:</cite><time>0:00</time><p>Hello there.</p></body></html>"
    canonical = parse('<html><head><link rel="canonical" href="https://example.com/episodes/12/transcript">'
                      '<meta property="og:url" content="https://example.com/e/12"></head>' + body)  # fmt: skip
    assert canonical.page_url == "https://example.com/episodes/12/transcript"
    assert parse('<html><head><meta property="og:url" content="https://example.com/e/12"></head>' + body).page_url == (
        "https://example.com/e/12")
    assert parse('<html><head><link rel="canonical" href="javascript:alert(1)"></head>' + body).page_url is None


# A congressional hearing's transcript site (Iran-Contra, 1987), served as XHTML: no <p> at all;
# each turn a bold name, the colon after it, lines wrapped with <br/>, turns apart by <br/><br/>.
HEARING = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<link href="../templates/main2.css" rel="stylesheet" type="text/css" />
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
</head>
<body>
<div style="width:325px"><font class="transcript">

<strong>Mr. BELNICK</strong>: Now, sometime during the afternoon on Friday,
November 21, 1986, did Colonel North hand you several documents
and ask you to make changes?
<br/><br/><strong>Ms. HALL</strong>: Yes, sir.
<br/><br/><strong>Mr. BELNICK</strong>: Would you describe generally what he handed to
you and what he asked you to do?
<br/><br/><strong>Ms. HALL</strong>: I was sitting at my desk, and he came outside his
office and handed me three or four original System 4 packages
with changes indicated on them, I believe, in red or blue, I think&mdash;I
am not sure&mdash;and asked me to make the changes, and I did so.
<br/><br/><strong>Mr. BELNICK</strong>: Whose handwriting was it?
<br/><br/><strong>Ms. HALL</strong>: Colonel North's.
<br/><br/><strong>Mr. BELNICK</strong>: Did Colonel North ask you to destroy those
marked-up originals?
<br/><br/><strong>Ms. HALL</strong>: Yes, sir. 


</font></div>
</body>
</html>"""


def test_a_hearing_page_without_paragraphs_reads_one_turn_per_bold_name() -> None:
    # The whole page was one untimed segment with "Mr. BELNICK : Now, ..." in its words.
    episode = parse_source("fh-2.html", HEARING.encode())
    assert isinstance(episode, Episode) and episode.source_format == "podcast_html"
    assert [s.speaker for s in episode.segments] == ["Mr. BELNICK", "Ms. HALL"] * 4
    texts = [s.text for s in episode.segments]
    assert texts[0] == ("Now, sometime during the afternoon on Friday, November 21, 1986, did Colonel North hand you "
                        "several documents and ask you to make changes?")  # fmt: skip
    assert texts[3].endswith("I think—I am not sure—and asked me to make the changes, and I did so.")
    assert texts[-2:] == ["Did Colonel North ask you to destroy those marked-up originals?", "Yes, sir."]
    assert not any("BELNICK" in t or "HALL" in t or t.startswith(":") for t in texts)
    assert [(r.kind, r.detail) for r in episode.repairs] == [
        ("no_paragraphs", "found no <p> paragraphs; 8 paragraphs read from the page's double line breaks and bold 'Name:' labels"),
        ("speaker_labels", "8 paragraphs open with a 'Name:' label naming the speaker")]  # fmt: skip


def test_a_page_without_paragraphs_breaks_turns_at_labels_and_keeps_menus_and_headings_out() -> None:
    # A label after a single line break, a colon inside the bold or spaced off it, a bold word that
    # is no label, the site's menu and a heading (a chapter, not words).
    page = (
        "<html><body><ul class='nav'><li><a href='/'>Home</a></li><li><a href='/hearings'>Hearings</a></li></ul>"
        "<h2>Testimony of Fawn Hall</h2><div>"
        "<b>Mr. NIELDS:</b> Did you <b>ever</b> see them again?<br>"
        "<b>Ms. HALL</b> : No.<br/><br/>"
        "<b>Mr. NIELDS</b>: And the shredder,<br/>where was it?<br/>"
        "<b>Ms. HALL</b>: Next door.</div></body></html>"
    )
    episode = parse(page)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Mr. NIELDS", "Did you ever see them again?"), ("Ms. HALL", "No."),
        ("Mr. NIELDS", "And the shredder, where was it?"), ("Ms. HALL", "Next door.")]  # fmt: skip
    assert [c.title for c in episode.chapters] == ["Testimony of Fawn Hall"]
    # Without labels that recur, a page of no <p> stays one segment, as it was.
    prose = parse("<html><body><div>A first thought.<br><br><b>Note</b>: a second one.</div></body></html>")
    assert len(prose.segments) == 1 and prose.segments[0].text.startswith("A first thought. Note")
    assert kinds(prose) == ["no_paragraphs"]



# The same site's record of Secord's testimony (rs-1): the label in bold, then a full stop, as the
# Congressional Record prints it; once the transcriber left the bold and the title off (" NIELDS.").
HEARING_STOPS = """<html><body><div style="width:325px"><font class="transcript">

<strong>Mr. NIELDS</strong>. What was the nature of the project that you were
then engaged in having to do with the Contras?
<br/><br/><strong>Mr. SECORD</strong>. In November of 1985, I was at the very beginning of
a complex project we referred to as the "airlift project."
<br/><br/><strong>Mr. NIELDS</strong>. In Nicaragua?
<br/><br/>
<strong>Mr. SECORD</strong>. In Nicaragua.
<br/><br/><strong>Mr. NIELDS</strong>. Now, Mr. Secord, such an operation, I take it, requires finances?
<br/><br/><strong>Mr. SECORD</strong>. Yes, they were.<br/><br/> NIELDS. What was the total amount of money?
<br/><br/><strong>Mr. SECORD.</strong> About $30 million.
</font></div></body></html>"""


def test_a_hearing_page_whose_bold_labels_end_in_a_full_stop_reads_one_turn_per_label() -> None:
    # Read as one untimed segment before: "Mr. NIELDS . What was the nature of the project …".
    episode = parse_source("rs-1.php", HEARING_STOPS.encode())
    assert isinstance(episode, Episode) and episode.source_format == "podcast_html"
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Mr. NIELDS", "What was the nature of the project that you were then engaged in having to do with the Contras?"),
        ("Mr. SECORD", 'In November of 1985, I was at the very beginning of a complex project we referred to as the '
                       '"airlift project."'),
        ("Mr. NIELDS", "In Nicaragua?"),
        ("Mr. SECORD", "In Nicaragua."),
        ("Mr. NIELDS", "Now, Mr. Secord, such an operation, I take it, requires finances?"),
        ("Mr. SECORD", "Yes, they were."),
        ("Mr. NIELDS", "What was the total amount of money?"),  # " NIELDS.": the one labelled speaker so named
        ("Mr. SECORD", "About $30 million."),
    ]  # fmt: skip
    # A bold word before a full stop is no label unless it is a title and a surname in capitals.
    prose = parse("<html><body><div><b>Mr. Smith</b>. He came in.<br><br><b>Important</b>. Read this."
                  "<br><br><b>Mr. Smith</b>. He left.<br><br><b>Important</b>. Again.</div></body></html>")
    assert len(prose.segments) == 1 and prose.segments[0].speaker is None


def test_a_hearing_record_with_each_label_alone_in_its_paragraph_names_the_paragraphs_after_it() -> None:
    # The same site's opening statements (os-2): "<p>Chairman INOUYE.</p>" above the words, and a statement
    # going on over several paragraphs. Each label was a segment of its own, spoken by no one.
    page = (
        "<html><body><div><font class='transcript'>\n<!-- INSERT TRANSCRIPT HERE-->\n"
        "<p>Chairman INOUYE.</p><p>And now ladies and gentlemen, it is my privilege and honor, to call upon my "
        "colleague from the House of Representatives.</p>\n  \n"
        "<p>Chairman HAMILTON.</p><p>Thank you very much, Mr. Chairman.\n"
        "<p>A Hoosier constituent of mine recently asked a question.</p>\n"
        "<p>The short answer is that something went wrong.</p></font></div></body></html>"
    )
    episode = parse(page)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Chairman INOUYE", "And now ladies and gentlemen, it is my privilege and honor, to call upon my colleague "
                            "from the House of Representatives."),
        ("Chairman HAMILTON", "Thank you very much, Mr. Chairman."),
        ("Chairman HAMILTON", "A Hoosier constituent of mine recently asked a question."),
        ("Chairman HAMILTON", "The short answer is that something went wrong."),
    ]  # fmt: skip
    assert ("speaker_labels", "2 paragraphs open with a 'Name:' label naming the speaker, "
                              "2 of them a label alone on its paragraph") in [(r.kind, r.detail) for r in episode.repairs]
    # A name with its colon alone in a paragraph is read the same way.
    named = parse(page.replace("Chairman INOUYE.", "Daniel Inouye:").replace("Chairman HAMILTON.", "Lee Hamilton:"))
    assert [s.speaker for s in named.segments] == ["Daniel Inouye"] + ["Lee Hamilton"] * 3

# Riverside's transcript as an HTML fragment: each paragraph opens with its time and speaker.
RIVERSIDE_HTML = (
    '<p class="text-body"><span class="transcript-meta">[00:13] João:</span><br>Okay, so hello everyone. Welcome to '
    "Exotic Matter, which is my podcast series where I interview some internet friends.</p>"
    '<p class="text-body"><span class="transcript-meta">[00:43] Alex James:</span><br>Thanks for having me.</p>'
    '<p class="text-body"><span class="transcript-meta">[00:45] João:</span><br>It&#39;s a pleasure. really is.</p>'
    '<p class="text-body"><span class="transcript-meta">[01:22] Alex James:</span><br>Yeah, I mean, thank you '
    "Patrick for teeing us up...</p>"
    '<p class="text-body"><span class="transcript-meta">[1:02:03] João:</span><br>...Yeah, it&#39;s a good move.</p>'
)
RIVERSIDE_TXT = """João (00:13)
Okay, so hello everyone. Welcome to Exotic Matter, which is my podcast series where I interview some internet friends.

Alex James (00:43)
Thanks for having me.

João (00:45)
It's a pleasure. really is.

Alex James (01:22)
Yeah, I mean, thank you Patrick for teeing us up...

João (1:02:03)
...Yeah, it's a good move.
"""


def test_a_riverside_export_as_html_starts_each_paragraph_at_its_clock() -> None:
    # The clock and the name stayed in the words ("[00:13] João: Okay"), every start estimated.
    html = parse_source("Transcript - Alex James_formatted.html", RIVERSIDE_HTML.encode())
    txt = parse_source("Transcript - Alex James.txt", RIVERSIDE_TXT.encode())
    assert isinstance(html, Episode) and isinstance(txt, Episode)
    assert [(s.start, s.speaker) for s in html.segments] == [
        (13.0, "João"), (43.0, "Alex James"), (45.0, "João"), (82.0, "Alex James"), (3723.0, "João")]  # fmt: skip
    assert html.segments[0].end == 43.0
    assert not any("[" in s.text or "João" in s.text or "Alex" in s.text for s in html.segments)
    # The same transcript as Riverside's text export reads alike.
    assert [(s.start, s.end, s.speaker, s.text) for s in html.segments] == [
        (s.start, s.end, s.speaker, s.text) for s in txt.segments]  # fmt: skip
    assert ("clock_in_words", "5 paragraphs open with their time ('[00:13]'): it starts them, not words") in [
        (r.kind, r.detail) for r in html.repairs]  # fmt: skip
    assert "missing_time" not in kinds(html)


def test_a_clock_in_round_brackets_opens_a_paragraph_but_one_in_prose_stays_words() -> None:
    episode = parse("<p>(00:05) Jane: Welcome back.</p><p>(00:09) Omar: Thanks, Jane.</p><p>(0:14) Jane: So.</p>")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (5.0, "Jane", "Welcome back."), (9.0, "Omar", "Thanks, Jane."), (14.0, "Jane", "So.")]  # fmt: skip
    notes = parse("<p>Show notes for episode 4.</p><p>[12:30] The part about pricing.</p><p>Links below.</p>")
    assert [(s.start, s.text) for s in notes.segments][1] == (None, "[12:30] The part about pricing.")


def test_a_timestamp_element_showing_its_clock_is_a_mark_wherever_it_stands() -> None:
    # oTranscribe's editor HTML as a podcast tool saves it (a sample in the shape of cljcastr's .otr
    # test): a stamp glued to the words after it, one after a speaker's label, one inside a sentence,
    # one closing a paragraph (the next words start there), an empty paragraph, a stamp wrapped with
    # the <b>name</b> after it, and a last stamp closing the words. The clocks stayed in the words
    # ("00:42In other words"), hiding every speaker, and each paragraph was one segment.
    def stamp(seconds: float, clock: str) -> str:
        return f'<span class="timestamp" data-timestamp="{seconds}">{clock}</span>'

    episode = parse(
        f"<p>{stamp(42.25, '00:42')}In other words: tech workers.</p>"
        f"<p>{stamp(46.0, '00:46')}<b>Josh</b>: Ray, we need to talk about trust.</p>"
        f"<p><b>Ray</b>: {stamp(48.5, '00:48')} If we must. {stamp(50.0, '00:50')} I suppose. {stamp(53.0, '00:53')}</p>"
        "<p><br /></p>"
        "<p><b>Josh</b>: Good.</p>"
        f"<p><span>{stamp(55.0, '00:55')}<b>Josh</b></span><span>: So many spans!</span> {stamp(58.5, '00:58')}</p>"
    )
    assert [(s.start, s.end, s.speaker, s.text) for s in episode.segments] == [
        (42.25, 46.0, None, "In other words: tech workers."),
        (46.0, 48.5, "Josh", "Ray, we need to talk about trust."),
        (48.5, 50.0, "Ray", "If we must."),
        (50.0, 53.0, "Ray", "I suppose."),
        (53.0, 55.0, "Josh", "Good."),
        (55.0, 58.5, "Josh", "So many spans!"),
    ]
    assert kinds(episode) == ["speaker_labels"]


def test_blocks_timed_by_an_attribute_are_paragraphs_without_any_p() -> None:
    # A site's own transcript markup: one <div> (or <li>) a line, its start in data-timestamp, no <p>
    # at all. The whole page was one untimed segment ('found no <p> paragraphs').
    divs = parse(
        '<div id="transcript-source">\n'
        '<div class="transcript-segment" data-timestamp="00:01">\n    First line of the talk\n    </div>\n'
        '    <div class="transcript-segment" data-timestamp="00:03">\n        and the <b>second</b> one.\n    </div>\n'
        '    <div class="transcript-segment" data-timestamp="00:12"><span>00:12</span> A third,'
        ' <div class="note">split by a block</div> inside it.</div>\n'
    )
    assert [(s.start, s.end, s.text) for s in divs.segments] == [
        (1.0, 3.0, "First line of the talk"),
        (3.0, 12.0, "and the second one."),
        (12.0, None, "A third, split by a block inside it."),  # its shown clock is no word
    ]
    items = parse('<ul><li data-time="1">Jane: Hello there.</li><li data-time="4">Bob: Hi.</li>'
                  '<li data-time="8">Jane: Bye.</li></ul>')
    assert [(s.start, s.speaker, s.text) for s in items.segments] == [
        (1.0, "Jane", "Hello there."), (4.0, "Bob", "Hi."), (8.0, "Jane", "Bye.")]
    # A timed block around a paragraph, or around a speaker's name and words, times them as before.
    wrapped = parse('<div data-start="5"><span class="speaker">Jane</span><p>Hello there.</p></div>'
                    '<div data-start="9"><span class="speaker">Bob</span> Bye now.</div>')
    assert [(s.start, s.speaker, s.text) for s in wrapped.segments] == [(5.0, "Jane", "Hello there."),
                                                                        (9.0, "Bob", "Bye now.")]


def test_a_chapter_list_on_the_page_gives_the_chapters_and_is_not_speech() -> None:
    # "00:00 Title" lines in an element named for chapters: the chapters were the page's headings
    # ("Contents"), or none, and a list's lines inside a transcript's paragraphs were speech.
    page = parse(
        '<h2>Contents</h2><div id="chapter-list">\n00:00 Welcome\n01:00 The main part\n</div>'
        '<div class="seg" data-timestamp="00:01">Hello there.</div>'
        '<div class="seg" data-timestamp="00:30">More words.</div>'
        '<div class="seg" data-timestamp="01:01">The main words.</div>'
    )
    assert [(c.title, c.start, c.first_segment) for c in page.chapters] == [
        ("Welcome", 0.0, 0), ("The main part", 60.0, 2)]
    assert [s.text for s in page.segments] == ["Hello there.", "More words.", "The main words."]
    linked = parse('<ul class="chapters"><li><a href="#t=0">00:00</a> Welcome</li>'
                   '<li><a href="#t=60">01:00</a> The main part</li></ul>'
                   "<p>Hello there.</p><p data-time='61'>The main words.</p>")
    assert [(c.title, c.start) for c in linked.chapters] == [("Welcome", 0.0), ("The main part", 60.0)]
    # The last chapter's link does not time the words after the list.
    assert [(s.start, s.text) for s in linked.segments] == [(None, "Hello there."), (61.0, "The main words.")]
    # One chapter's section of the transcript is not a list of chapters.
    sections = parse('<section class="chapter"><h2>Intro</h2><p data-t="0">Hi.</p><p data-t="3">Hello.</p></section>')
    assert [s.text for s in sections.segments] == ["Hi.", "Hello."]
    assert [c.title for c in sections.chapters] == ["Intro"]


def test_headings_open_the_same_lines_when_the_pages_own_text_is_set_aside() -> None:
    # An untimed byline set aside from the timed lines moved every later heading one line down.
    episode = parse('<p class="byline">AI-generated transcript.</p><h2>Part one</h2>'
                    '<p class="line" data-t="0">Hi.</p><p class="line" data-t="5">Hello.</p>'
                    '<h2>Part two</h2><p class="line" data-t="9">So.</p>')
    assert [(c.title, c.first_segment) for c in episode.chapters] == [("Part one", 0), ("Part two", 2)]


# The shape of an oral-history interview saved as HTML by Word 97 (a university's Unix oral
# histories, 1989; not committed: no licence): a bold heading line, labels and a tab opening each
# paragraph (one label split by a font tag), a transcriber's note as a paragraph of its own, "{END}".
_WORD_97 = """<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">
<META NAME="Generator" CONTENT="Microsoft Word 97">
<TITLE>KEN THOMPSON 9-6-89</TITLE>
</HEAD>
<BODY>
<DIR>
<DIR>

<B><FONT FACE="CG Times" SIZE=4><P>Interview with Ken Thompson, 9-6-89</P>
</B></FONT><P>&nbsp;</P>
<P>M<FONT FACE="CG Times">SM:&#9;&#9;Which ideas did you take from those systems?</P>
</FONT><P>Thompson:&#9;<FONT FACE="CG Times">Pipes, mostly. And treating files and devices the same.</P>
</FONT><P> </P>
<FONT FACE="CG Times"><P>(Shuffling of papers)</P>
</FONT><P>Thompson:&#9;<FONT FACE="CG Times">I think this might be it... No, this isn’t it.</P>
</FONT><P>MSM:&#9;&#9;Ok...</P>
<P>{END} </P>
</DIR>
</DIR>
</BODY>
</HTML>
"""


def test_a_word_97_interview_page_keeps_its_heading_and_notes_out_of_the_speech() -> None:
    # The heading line was a segment of speech, the note Thompson's words and "{END}" MSM's;
    # the title's date was not the episode's.
    episode = parse_source("thompson.htm", _WORD_97.encode("cp1252"))
    assert isinstance(episode, Episode)
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert said == [
        ("MSM", "Which ideas did you take from those systems?"),
        ("Thompson", "Pipes, mostly. And treating files and devices the same."),
        ("Thompson", "I think this might be it... No, this isn’t it."),
        ("MSM", "Ok..."),
    ]
    notes = [(s.speaker, s.directions) for s in episode.segments if not s.text]
    assert notes == [(None, ["(Shuffling of papers)"]), (None, ["{END}"])]
    assert episode.title == "KEN THOMPSON 9-6-89"
    assert episode.date == "1989-09-06"  # written month first, as the collection's "9-20-89" shows
    assert episode.extra["page_text"] == "Interview with Ken Thompson, 9-6-89"


def test_a_word_97_interviews_unclear_marks_and_empty_braces_are_not_words() -> None:
    # Mahoney's Unix interviews (a faithful sample of their shape): the transcriber's "(not clear)" and
    # "(unclear)" (92 in six of them) were read as words, and the empty braces left where words were
    # to be filled in (67 in the Cherry interview) too: "It seems like a {} marvelous, marvelous way."
    page = (
        '<HTML><HEAD><META NAME="Generator" CONTENT="Microsoft Word 97"><TITLE>CHERRY</TITLE></HEAD><BODY>'
        "<P>Interview with Lorinda Cherry</P>"
        "<P>Thompson:&#9;<FONT FACE=\"CG Times\">Actually, no PB1060. (not clear) It’s a TDA.</P>"
        "<P>MSM:&#9;Is that the NeXT symbol? Or is that just the (unclear)right there?</P>"
        "<P>Thompson:&#9;Gee I don't know when that went away.  {}  It was certainly the attitude.</P>"
        "<P>MSM:&#9;It seems like a {}  marvelous, marvelous way.</P>"
        "<P>Thompson:&#9;{}</P>"
        "<P>MSM:&#9;Is this {writer's} workbench or were you involved in that project?{}</P>"
        "</BODY></HTML>"
    )
    episode = parse_source("cherry.htm", page.encode("cp1252"))
    assert isinstance(episode, Episode)
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Thompson", "Actually, no PB1060. It’s a TDA.", ["(not clear)"]),
        ("MSM", "Is that the NeXT symbol? Or is that just the right there?", ["(unclear)"]),
        ("Thompson", "Gee I don't know when that went away. It was certainly the attitude.", []),
        ("MSM", "It seems like a marvelous, marvelous way.", []),
        ("MSM", "Is this {writer's} workbench or were you involved in that project?", []),
    ]
    assert {r.kind: r.detail for r in episode.repairs}["blank_marks"].startswith("4 empty '{}' marks")
    # Someone's own words about what is unclear stay words.
    aside = parse("<p>Jane: It was fast (the reason is unclear) and cheap.</p><p>Bob: Right.</p>"
                  "<p>Jane: Yes.</p><p>Bob: Ok.</p>")
    assert aside.segments[0].text == "It was fast (the reason is unclear) and cheap."


def test_an_interview_heading_gives_title_and_date_and_a_line_of_speech_above_the_turns_stays() -> None:
    # Heading lines with the place, the date and the interviewer; a page titled by a label ("M:");
    # the tape's first words, mid-sentence, above the first label; the end of the tape marked in
    # capitals, alone or after the last words.
    page = parse(
        "<html><head><title>M:</title></head><body>"
        "<b><p>Interview with Peter J. Weinberger, </p><p>Murray Hill, 8 September 1989</p>"
        "<p>Michael S. Mahoney, Interviewer</p></b>"
        "<p>… Have its own volume control turned up.</p>"
        "<p><b>MSM</b>:\tYou joined in ‘76?</p><p><b>Weinberger</b>:\tThat’s right.</p>"
        "<p><b>MSM</b>:\tFrom where?</p><p><b>Weinberger</b>:\tFrom Michigan. It just... (END OF TAPE)</p>"
        "<p>(END OF SIDE A; CONTINUED – SIDE B)</p><p>END OF TAPE</p></body></html>"
    )
    assert page.title == "Interview with Peter J. Weinberger,"
    assert page.date == "1989-09-08"
    assert [(s.speaker, s.text, s.directions) for s in page.segments] == [
        (None, "… Have its own volume control turned up.", []),
        ("MSM", "You joined in ‘76?", []),
        ("Weinberger", "That’s right.", []),
        ("MSM", "From where?", []),
        ("Weinberger", "From Michigan. It just...", ["(END OF TAPE)"]),
        (None, "", ["(END OF SIDE A; CONTINUED – SIDE B)"]),
        (None, "", ["END OF TAPE"]),
    ]
    assert page.extra["page_text"].split("\n") == [
        "Interview with Peter J. Weinberger,", "Murray Hill, 8 September 1989", "Michael S. Mahoney, Interviewer"]
    assert {"page_heading", "heading_date", "stage_notes"} <= set(kinds(page))
    # Without labelled turns there is no heading to tell from the talk: the lines stay.
    plain = parse("<p>Interview with Jane Doe</p><p>We talked for an hour.</p>")
    assert [s.text for s in plain.segments] == ["Interview with Jane Doe", "We talked for an hour."]


# A news show's transcript page saved without an extension: a header, a note, turns whose parts are
# marked by class, a footer (a faithful sample of a real page's shape; that page carries no licence).
_CLASS_MARKED = """<!DOCTYPE html>
<html lang="de"><head><meta charset="UTF-8"><title>Transkript: Tagesschau 18. März 2026 (Fiktiv)</title>
<style>.entry { padding: 20px; } .speaker { font-weight: bold; }</style></head>
<body>
<header>
    <h1>tagesschau</h1>
    <p>Sendung vom 18. März 2026 (Szenario)</p>
</header>
<div class="disclaimer"><strong>Hinweis:</strong> Dies ist ein wörtliches Transkript eines Szenarios.</div>
<div class="entry">
    <span class="timestamp">00:00</span>
    <span class="speaker">Sprecherin (Off):</span>
    <span class="content">Hier ist das Erste Deutsche Fernsehen mit der Tagesschau.</span>
</div>
<div class="entry">
    <span class="timestamp">00:18</span>
    <span class="speaker">Julia-Niharika Sen:</span>
    <span class="content">Guten Abend, ich begrüße Sie zur Tagesschau.</span>
</div>
<div class="entry">
    <span class="timestamp">01:23</span>
    <span class="speaker">Abbas Araghchi (Außenminister Iran):</span>
    <span class="content">Entscheidend ist, dass das politische System eine solide Struktur ist...</span>
</div>
<div class="entry">
    <span class="timestamp">16:30</span>
    <span class="speaker">Julia-Niharika Sen:</span>
    <span class="content">Um 22:15 Uhr in den Tagesthemen. Schönen Abend.</span>
</div>
<footer><p>Erstellt basierend auf dem Video-Inhalt | 2024</p></footer>
</body></html>
"""


def test_blocks_of_class_marked_time_speaker_and_words_are_the_turns() -> None:
    episode = parse_source("18.03.26", _CLASS_MARKED.encode())
    assert isinstance(episode, Episode)
    assert episode.source_format == "podcast_html"  # no extension: the content says HTML
    assert [(s.start, s.speaker, s.text[:22]) for s in episode.segments] == [
        (0.0, "Sprecherin (Off)", "Hier ist das Erste Deu"),
        (18.0, "Julia-Niharika Sen", "Guten Abend, ich begrü"),
        (83.0, "Abbas Araghchi (Außenminister Iran)", "Entscheidend ist, dass"),
        (990.0, "Julia-Niharika Sen", "Um 22:15 Uhr in den Ta"),
    ]
    assert episode.segments[0].end == 18.0
    assert episode.title == "Transkript: Tagesschau 18. März 2026 (Fiktiv)"  # the <h1> is only the show's name
    assert episode.date == "2026-03-18"
    said = " ".join(s.text for s in episode.segments)
    assert "Hinweis" not in said and "Erstellt" not in said and "Szenario" not in said
    assert "Erstellt basierend" in episode.extra["page_text"]
    assert {"class_entries", "page_text"} <= set(kinds(episode))


def test_class_marked_parts_are_read_by_their_words_and_may_lack_a_speaker() -> None:
    page = "".join(f'<li class="transcript-line"><a class="line-timestamp" href="#">[{t}]</a>'
                   f'<p class="lineText">{words}</p></li>'
                   for t, words in (("0:05", "Welcome back."), ("1:02:03", "And we are done.")))
    episode = parse(f"<html><body><h2>Intro</h2><ul>{page}</ul></body></html>")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (5.0, None, "Welcome back."), (3723.0, None, "And we are done.")]


def test_a_lone_block_of_class_marked_parts_or_a_dated_post_is_no_list_of_turns() -> None:
    post = ('<article><time class="entry-date">March 3, 2024</time><div class="entry-content">'
            "<p>First paragraph.</p><p>Second paragraph.</p></div></article>")
    assert [s.text for s in parse(post).segments] == ["First paragraph.", "Second paragraph."]


def test_a_block_with_a_marked_time_and_speaker_has_the_rest_for_its_words() -> None:
    # As transcription tools' HTML writes a turn: the words in an unmarked paragraph, or loose after the label.
    blocks = "".join(f'<div class="segment"><span class="speaker">Speaker {n}</span><span class="timestamp">{t}</span>'
                     f"<p>{words}</p></div>" for n, t, words in ((1, "00:00", "Hello, this is a test."),
                                                                 (2, "00:07", "It works.")))
    assert timeline(parse(f"<html><body><h1>Audio Transcription</h1>{blocks}</body></html>")) == [
        (0.0, 7.0, "Speaker 1", "Hello, this is a test."), (7.0, None, "Speaker 2", "It works.")]
    lines = ('<p><span class="timestamp">[00:00:00]</span> <span class="speaker">Ann:</span> Hi there.</p>'
             '<p><span class="timestamp">[00:00:04]</span> <span class="speaker">Bob:</span> Hello, Ann.</p>')
    assert timeline(parse(lines)) == [(0.0, 4.0, "Ann", "Hi there."), (4.0, None, "Bob", "Hello, Ann.")]


def test_a_few_class_marked_blocks_beside_the_pages_own_paragraphs_are_not_its_turns() -> None:
    sidebar = "".join(f'<li class="comment"><span class="time">0:0{k}</span><span class="text">Nice one {k}</span></li>'
                      for k in range(2))
    talk = "".join(f"<p>Paragraph {k} of the talk, which says a good deal more than the comments do.</p>"
                   for k in range(3))
    episode = parse(f"<html><body><main>{talk}</main><aside><ul>{sidebar}</ul></aside></body></html>")
    assert [s.text for s in episode.segments][:3] == [
        f"Paragraph {k} of the talk, which says a good deal more than the comments do." for k in range(3)]


def test_a_class_marked_time_range_gives_its_turn_a_start_and_an_end() -> None:
    page = "".join(f'<section class="segment"><span class="timestamp">[{a} - {b}]</span><p class="text">{words}</p>'
                   "</section>" for a, b, words in (("00:00:15", "00:01:20", "Oggi parleremo di machine learning."),
                                                     ("00:01:30", "00:02:10", "Come potete vedere.")))
    # The end was dropped: the first turn ran on to the next start, the last had none.
    assert timeline(parse(f"<header><h1>Lezione</h1><p class='meta'>Durata: 2:10</p></header><main>{page}</main>")) == [
        (15.0, 80.0, None, "Oggi parleremo di machine learning."), (90.0, 130.0, None, "Come potete vedere.")]


def test_headings_above_the_first_class_marked_turn_and_between_turns_are_its_chapters() -> None:
    # Topic headings as a transcript page generated from Transcriber's sections writes them, the first
    # right above the first turn (a faithful sample of the shape; the page carries no licence).
    def entry(time: str, who: str, words: str) -> str:
        return (f'<div class="entry"><span class="timestamp">{time}</span><span class="speaker">{who}:</span>'
                f'<span class="content">{words}</span></div>')

    page = ("<html><body><header><h1>Logbuch Netzpolitik</h1><p>Sendung vom 9. Oktober 2017</p></header>"
            '<section class="transcript"><h2>Intro</h2>' + entry("0:00:00 - 0:00:02", "Tim Pritlove", "Guten Morgen Thomas")
            + entry("0:00:02 - 0:00:05", "Thomas Lohninger", "Guten Morgen Tim") + "<h2>Prolog</h2>"
            + entry("0:00:25 - 0:00:31", "Tim Pritlove", "Logbuch Netzpolitik Nummer 232.")
            + "</section><footer><p>trs2html</p></footer></body></html>")
    episode = parse(page)
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [("Intro", 0.0, 0), ("Prolog", 25.0, 2)]
    assert episode.extra["page_text"].split("\n") == ["Logbuch Netzpolitik Sendung vom 9. Oktober 2017", "trs2html"]
    assert episode.date == "2017-10-09"  # the header above the turns still dates the page
    # A heading above the first turn of a level no heading between turns has is the page's own.
    lone = parse(page.replace("<h2>Prolog</h2>", ""))
    assert lone.chapters == [] and "Intro" in lone.extra["page_text"]


def test_trints_html_export_reads_a_turn_a_paragraph() -> None:
    # Trint's export: each <p> a turn, its speaker and clock marked by class, then a span per word.
    # The whole page was one untimed segment with the clocks in its words.
    def turn(ms: int, who: str, clock: str, words: str) -> str:
        spans = "".join(f'<span class="word" data-m="{ms + 100 * k}" data-d="90">{w} </span>'
                        for k, w in enumerate(words.split()))
        return (f'<p time="{ms}" data-tc="{clock}"><span class="speaker">{who} </span>'
                f'<span class="timecode">[{clock}] </span>{spans}</p>')

    page = ("<article><header><h1>20240112_1243.wav</h1></header><section>"
            + turn(940, "Speaker 1", "00:00:00", "I remember your communion.")
            + turn(18000, "Speaker 2", "00:00:18", "Yes, I do.") + "</section></article>")
    episode = parse_source("interview.html", page.encode())
    assert isinstance(episode, Episode)
    assert timeline(episode) == [(0.0, 18.0, "Speaker 1", "I remember your communion."),
                                 (18.0, None, "Speaker 2", "Yes, I do.")]
    assert episode.title == "20240112_1243.wav"


def test_a_hearing_records_label_said_once_names_the_whole_statement() -> None:
    # The Iran-Contra hearings' opening statements (rcchan/irancontra, os-3.php): one senator's label
    # alone in its paragraph over his whole statement. Said once, it was dropped: the statement was
    # no one's, and "Mr. RUDMAN." was its first words. A faithful sample.
    page = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
            '</head>\n<body>\n<div style="width:325px"><font class="transcript">\n\n<!-- INSERT TRANSCRIPT HERE-->\n\n'
            "<p>Mr. RUDMAN.</p><p>\nBy the time these hearings are concluded, the American people\nwill learn the answers to the "
            "five final questions: who, what, when,\nwhy, and how.</p><p>\nOf course, we will examine the role of the President.</p>\n"
            "</font></div>\n</body>\n</html>\n")  # fmt: skip
    episode = parse(page)
    assert [s.speaker for s in episode.segments] == ["Mr. RUDMAN", "Mr. RUDMAN"]
    assert episode.segments[0].text.startswith("By the time these hearings")


def test_a_blog_posts_show_notes_date_and_footer_are_not_the_transcript() -> None:
    # A Jekyll podcast site's built page (BillRaymond/agile-in-action-podcast-website, MIT; a faithful
    # sample): the post's date in <time>, show notes above <h2 id="transcript">, the site's footer.
    # The date was read as a paragraph's time ("unreadable <time>"), the notes were speech, and the
    # footer's blurb was the guest's last words.
    page = """<html><head><title>The Agile Podcast</title></head><body>
<main><article><header class="post-header"><h1>What makes SCRUM work</h1>
<p class="post-meta"><time class="dt-published" datetime="2022-10-18T00:00:00-07:00">Oct 18, 2022
</time>• <span itemprop="author">Bill Raymond</span></p></header>
<h2>About this podcast episode</h2>
<p>SCRUM is a recipe, not a guarantee of success.</p>
<p>✅ Individual accountability</p>
<h2 id="transcript">Transcript</h2>
<p><strong>Bill Raymond:</strong> Hi, and welcome to the podcast. Today I am joined by Fred.</p>
<p><strong>Fred Fowler:</strong> Hello. I am great, how are you today?</p>
<h3 id="introductions">Introductions</h3>
<p><strong>Bill Raymond:</strong> I am doing great as well.</p>
</article></main>
<footer class="site-footer"><h2 class="footer-heading">The Agile Podcast</h2>
<div class="footer-col"><p>The Agile Podcast serves listeners with unique perspectives.</p></div></footer>
</body></html>"""
    episode = parse(page)
    assert [(s.speaker, s.text[:20]) for s in episode.segments] == [
        ("Bill Raymond", "Hi, and welcome to t"), ("Fred Fowler", "Hello. I am great, h"),
        ("Bill Raymond", "I am doing great as ")]  # fmt: skip
    assert [c.title for c in episode.chapters] == ["Introductions"]
    assert episode.date == "2022-10-18"
    assert "SCRUM is a recipe" in episode.extra["show_notes"]
    assert "bad_timestamp" not in kinds(episode)


def test_review_a_transcript_heading_below_the_talk_leaves_the_talk_speech() -> None:
    page = ("<html><body><p><b>Alice:</b> Welcome to the show, it is good to have you here today.</p>"
            "<p><b>Bob:</b> Thanks, it is good to be here and to talk about boats.</p>"
            "<p><b>Alice:</b> So tell us about the boats you build.</p><p><b>Bob:</b> I build small ones.</p>"
            "<h2>Transcript</h2><p>A PDF of this transcript is available.</p></body></html>")  # fmt: skip
    episode = parse(page)
    assert [s.speaker for s in episode.segments][:4] == ["Alice", "Bob", "Alice", "Bob"]


def test_timed_spans_outside_paragraphs_keep_their_times_and_join_into_sentences() -> None:
    """A transcript widget's export, a <span data-timestamp> per caption line in a <div>, became one
    untimed segment of the whole page's text."""
    lines = ["Welcome back to the show,", "today we are talking about", "gardening in the city.",
             "It is a topic close to my heart", "and I have wanted to do it", "for years and years.",
             "So let us get started", "with the first question", "from a listener,", "who asks about tomatoes",
             "on a small balcony", "in the shade."]  # fmt: skip
    spans = "\n".join(f'<span data-timestamp="00:00:{3 * k + 1:02d}">{line}</span>' for k, line in enumerate(lines))
    episode = parse(f'<html><body><h1>Episode 12</h1><div class="transcript">\n{spans}\n</div></body></html>')
    assert [(s.start, s.text) for s in episode.segments] == [
        (1.0, "Welcome back to the show, today we are talking about gardening in the city."),
        (10.0, "It is a topic close to my heart and I have wanted to do it for years and years."),
        (19.0, "So let us get started with the first question from a listener, who asks about tomatoes on a small "
               "balcony in the shade.")]  # fmt: skip
    few = parse('<html><body><div><span data-start="2.5">Hello and welcome.</span> '
                '<span data-start="6">Thanks for having me.</span></div></body></html>')
    assert [(s.start, s.text) for s in few.segments] == [(2.5, "Hello and welcome."), (6.0, "Thanks for having me.")]
    # An editor's page whose labels and words sit between its timed spans (a word split at a span's edge)
    # is read as before: the spans are marks among its words, not its lines.
    editor = parse('<div><b>Cari:</b><br>Ich hab heute m<span data-start="00:00:19.7">al nicht mitgesungen.</span>'
                   '<br><br><b>Manuel:</b><br>Ja, i<span data-start="00:00:21.8">ch hab mich gewundert.</span></div>')
    assert [(s.speaker, s.text) for s in editor.segments] == [
        ("Cari", "Ich hab heute mal nicht mitgesungen."), ("Manuel", "Ja, ich hab mich gewundert.")]


def test_an_address_under_a_bold_name_is_no_turn_of_that_person() -> None:
    """A blog post's "<strong>Jane Doe</strong><br>123 Main St<br>…" was read as Jane Doe saying her address."""
    page = ("<html><body><p><strong>Host:</strong> Welcome to the show, Jane.</p>"
            "<p><strong>Jane Doe:</strong> Thanks for having me.</p><p><strong>Host:</strong> Tell us about it.</p>"
            "<p><strong>Jane Doe:</strong> We opened ten years ago.</p><h2>Contact</h2>"
            "<p><strong>Jane Doe</strong><br>123 Main St<br>Springfield, IL 62701<br>(555) 123-4567</p>"
            "<p><strong>Host</strong><br>Thanks, Jane.<br>See you all next week.</p></body></html>")  # fmt: skip
    episode = parse(page)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Host", "Welcome to the show, Jane."), ("Jane Doe", "Thanks for having me."), ("Host", "Tell us about it."),
        ("Jane Doe", "We opened ten years ago."), ("Host", "Thanks, Jane. See you all next week.")]  # fmt: skip
    assert episode.extra["contact"] == ["Jane Doe\n123 Main St\nSpringfield, IL 62701\n(555) 123-4567"]


def test_a_players_time_mark_inside_a_paragraph_keeps_the_words_after_it() -> None:
    # An Eleventy site's whisper transcripts (roaming-holiday-podcast-transcriptions, see SOURCES.md)
    # mark every five minutes with <time data-time> inside a paragraph of timed spans: the words after
    # each mark were lost with the paragraph (1,569 of 8,251 words of one episode).
    def seg(start: float, end: float, words: str) -> str:
        return f'<span class="segment" data-start="{start}" data-end="{end}">{words}</span> '

    page = ('<section class="episode--transcript"><h2>Transcript</h2><p id="0-30">'
            + seg(1185.89, 1190.01, "But then I walked along this path, nobody else was here.")
            + '<time class="timeline-marker" data-time="1201.95">20:00</time>'
            + seg(1201.95, 1206.3, "But yeah, I was walking along an empty trail.")
            + seg(1206.5, 1214.6, "And then it went through the woods.")
            + '</p><p id="0-31">' + seg(1318.29, 1321.0, "Yeah, and I can see a beach.") + "</p></section>")  # fmt: skip
    episode = parse(page)
    said = " ".join(s.text for s in episode.segments)
    assert "empty trail" in said and "through the woods" in said and "20:00" not in said
    assert [s.start for s in episode.segments] == [1185.89, 1201.95, 1318.29]


def test_a_clock_written_with_underscores_is_no_number_of_seconds() -> None:
    # Python's float() reads "00_05_00" as 500 (underscores group digits): the turn was at 8:20.
    page = ('<div data-time="00_00_05">Hello and welcome to the show, everyone.</div>'
            '<div data-time="00_05_00">Five minutes in, we talk about the weather.</div>'
            '<div data-time="00_09_30">And that is all for today, thanks.</div>')
    assert [s.start for s in parse(page).segments] == [5, 300, 570]


def test_the_congressional_records_preformatted_page_gives_its_turns() -> None:
    # The whole page had become one segment of 9,888 words with no speaker; the text is in <pre>, each
    # turn set in two spaces and opened by a member's name in capitals.
    from conftest import real

    episode = real("crec-house-pre-page.htm")
    assert [s.speaker for s in episode.segments if s.speaker] == [
        "The SPEAKER pro tempore (Mr. Poe)", "The SPEAKER pro tempore (Mr. Poe)", "Mrs. NORTHUP", "Mr. CHOCOLA",
        "Mrs. NORTHUP", "Mr. CHOCOLA"]
    assert [s.text for s in episode.segments if s.speaker == "Mrs. NORTHUP"][1] == "I yield to the gentleman from Indiana."


def test_hansard_pages_number_their_questions_and_print_column_headings() -> None:
    # The UK Commons' Hansard as HTML (the shape of publications.parliament.uk's pages, 19 July 2011): an
    # oral question opens "1. Mr David Hanson (Delyn) (Lab):", which left its words to no one, and the
    # printed volume's "19 July 2011 : Column 772" heading, mid-speech, was a paragraph of the Secretary's.
    page = """<html><head><title>House of Commons Hansard Debates for 19 Jul 2011</title></head><body>
<p><b>19 July 2011 : Column 771</b></p>
<h2 align="center">House of Commons</h2>
<h3>Foreign and Commonwealth Office</h3>
<p><a class="anchor" name="qn_o0"> </a>1. <a class="anchor" name="11071988000793"> </a>
<b>Mr David Hanson (Delyn) (Lab):</b>
When he next expects to discuss the situation in Syria with his US counterpart. [66855]</p>
<p><b>The Secretary of State for Foreign and Commonwealth Affairs (Mr William Hague):</b>
I am in regular contact with Secretary Clinton.</p>
<p><b>Mr Philip Hollobone (Kettering) (Con):</b> Iran has been involved in training Syrian troops.</p>
<p><b>Mr Hague:</b> Iran has certainly been involved, and it shows the hypocrisy of the Iranian leadership</p>
<p><b>19 July 2011 : Column 772</b></p>
<p>on this, which it has been prepared to encourage in Egypt.</p>
<p>T1. [66870] <b>Paul Flynn (Newport West) (Lab):</b> What recent progress has his Department made?</p>
<p><b>The Minister of State, Foreign and Commonwealth Office (Alistair Burt):</b> We continue to work.</p>
<p>1. Introductions: we begin with the week's news.</p>
</body></html>"""
    episode = parse_source("commons.html", page.encode())
    assert not isinstance(episode, str), episode
    assert [(s.speaker, s.text[:24]) for s in episode.segments] == [
        ("Mr David Hanson", "When he next expects to "), ("Mr William Hague", "I am in regular contact "),
        ("Mr Philip Hollobone", "Iran has been involved i"), ("Mr Hague", "Iran has certainly been "),
        ("Mr Hague", "on this, which it has be"), ("Paul Flynn", "What recent progress has"),
        ("Alistair Burt", "We continue to work."), ("Alistair Burt", "1. Introductions: we beg")]
    assert any("2 column headings" in r.detail for r in episode.repairs)


def test_european_parliament_reports_name_speakers_by_their_dashed_labels() -> None:
    # The European Parliament's verbatim report (CRE, 10 March 2025, as its HTML page has it): each speech
    # opens "Name (Group). – ", and a centred line says who takes the chair, in that Member's language.
    # The chair lines were read as labels ("PRESIDENZA"), which then ran on over 638 of 818 paragraphs.
    page = """<html><head><title>Verbatim report of proceedings - Monday, 10 March 2025</title></head><body>
<p class="contents" align="center"><span class="bold">IN THE CHAIR: ROBERTA METSOLA</span><br /><span class="italic">President</span></p>
<p class="contents"><span class="doc_subtitle_level1_bis"><span class="bold">President.</span></span> – I declare resumed the session.</p>
<p class="contents">(The sitting opened at 17:01)</p>
<p class="contents"><span class="bold">Željana Zovko (PPE).</span> – Madam President, the situation in Bosnia worries us.</p>
<p class="contents">We must act before it is too late.</p>
<p class="contents" align="center"><span class="bold">PRESIDENZA: PINA PICIERNO</span><br /><span class="italic">Vicepresidente</span></p>
<p class="contents"><span class="bold">Presidente.</span> – Grazie, onorevole Zovko.</p>
<p class="contents"><span class="bold">Marta Kos, Member of the Commission.</span> – Madam President, honourable Members, thank you.</p>
<p class="contents"><span class="bold">Lynn Boylan (The Left).</span> – Thank you. – That is all I wanted to say.</p>
<p class="contents"><span class="bold">Presidente.</span> – La discussione è chiusa.</p>
<p class="contents"><span class="bold">Željana Zovko (PPE).</span> – One more point.</p>
</body></html>"""
    episode = parse_source("cre.html", page.encode())
    assert not isinstance(episode, str), episode
    assert [(s.speaker, s.text[:22], s.directions[:1]) for s in episode.segments] == [
        (None, "", ["IN THE CHAIR: ROBERTA METSOLA President"]),
        ("President", "I declare resumed the ", []),
        (None, "", ["(The sitting opened at 17:01)"]),
        ("Željana Zovko", "Madam President, the s", []),
        ("Željana Zovko", "We must act before it ", []),
        (None, "", ["PRESIDENZA: PINA PICIERNO Vicepresidente"]),
        ("Presidente", "Grazie, onorevole Zovk", []),
        ("Marta Kos", "Madam President, honou", []),
        ("Lynn Boylan", "Thank you. – That is a", []),
        ("Presidente", "La discussione è chius", []),
        ("Željana Zovko", "One more point.", []),
    ]


def _translated_page(folded: str) -> str:
    # javaing/podcast-transcripts' generated pages (their shape, our words): the machine translation as
    # the article, the words as said folded under "show the English original (for reference)".
    said = ["Hello and welcome to another episode.", "Today we talk with an artist.", "Thanks for having me.",
            "Tell us how you started.", "I started with code in school."]
    translated = ["大家好，歡迎收聽另一集。", "今天我們和一位藝術家聊天。", "謝謝邀請。", "說說你是怎麼開始的。", "我在學校開始寫程式。"]
    return ("<html><head><title>Interview with an artist</title></head><body><p><a href='../index.html'>← 返回文集首頁</a></p>"
            "<h1>Interview with an artist</h1><p class='meta'>Show · Guest · 2026-04-03 · 約 69 分鐘</p>"
            "<article><h2>中文全文</h2>" + "".join(f"<p>{t}</p>" for t in translated) + "</article>"
            f"<details><summary>{folded}</summary><article>" + "".join(f"<p>{t}</p>" for t in said)
            + "</article></details></body></html>")


def test_a_translated_page_reads_the_folded_original_and_keeps_the_translation() -> None:
    # The page's furniture, the translation and then the original were all speech, the talk twice.
    episode = parse(_translated_page("展開英文原文（備查）"))
    assert [s.text for s in episode.segments][:2] == ["Hello and welcome to another episode.", "Today we talk with an artist."]
    assert len(episode.segments) == 5
    assert "大家好，歡迎收聽另一集。" in episode.extra["translations"]
    assert episode.date == "2026-04-03" and episode.title == "Interview with an artist"


def test_a_folded_block_that_is_no_original_stays_where_it_is() -> None:
    episode = parse(_translated_page("Show notes"))
    assert "translations" not in episode.extra and len(episode.segments) > 5


def test_a_forum_pages_topic_number_is_no_moment_of_the_recording() -> None:
    # gastonstat/simpsons-transcripts' forum pages (their shape, our words): phpBB's links carry the topic as
    # "viewtopic.php?f=431&t=21861"; the first line played from 6:04:21.
    page = ('<html><head><title>01x01 - Pilot</title></head><body>'
            '<a href="./viewtopic.php?f=431&amp;t=21861&amp;view=print">Print view</a>'
            "<p>Marge: Ooh! Careful, Homer!</p><p>Homer: There's no time to be careful.</p>"
            "<p>Marge: We're late.</p></body></html>")
    episode = parse(page)
    assert [(s.start, s.speaker) for s in episode.segments if s.text] == [(None, "Marge"), (None, "Homer"), (None, "Marge")]
    # A player's link still plays from its moment.
    linked = parse('<p><a href="https://www.youtube.com/watch?v=abc&amp;t=95">Marge: Ooh!</a></p><p>Homer: No time.</p>'
                   '<p><a href="https://www.youtube.com/watch?v=abc&amp;t=120">Marge: Late.</a></p>')
    assert [s.start for s in linked.segments][::2] == [95.0, 120.0]
    # A fragment never reaches the server: a script's page plays from "#t=" all the same.
    fragment = parse('<p><a href="https://example.com/episode.php#t=1m30s">Marge: Ooh!</a></p><p>Homer: No time.</p>')
    assert fragment.segments[0].start == 90.0


def test_a_transcript_kept_as_lines_in_a_pre_line_block_is_read() -> None:
    # haskellweekly/podcast's pages (their shape, our words): the show notes in a <p>, the transcript the text of a
    # <div style='white-space: pre-line;'>, a turn a line opened by "&gt;&gt;". Only the notes were read.
    turns = [f"&gt;&gt; Turn {k} about functional architecture, ports and adapters, and pure code." for k in range(12)]
    page = ("<html><head><title>Haskell Weekly podcast episode 10</title></head><body><h2>#10: Functional Architecture</h2>"
            "<div class='card-body'><p>Cameron and Taylor talk about functional architecture.</p></div>"
            "<div class='card'><div class='card-header'>Transcript</div><div class='card-body' style='white-space: pre-line;'>"
            + "\n".join(turns) + "</div></div></body></html>")
    episode = parse(page)
    assert [s.text for s in episode.segments if s.text] == [t.removeprefix("&gt;&gt; ") for t in turns]
    assert episode.extra["description"] == "Cameron and Taylor talk about functional architecture."


def test_an_irc_nick_in_a_cite_is_the_name_without_its_brackets() -> None:
    # W3C's generated minutes (w3c/wot's, as RRSAgent writes them; their shape, our words): the scribe's
    # lines under "<cite>EK:</cite>", what someone typed on IRC under "<cite>&lt;Ege&gt;</cite>".
    page = ("<html><body><p class='phone s01'><cite>EK:</cite> Minutes are approved</p>\n"
            "<p class=irc><cite>&lt;Ege&gt;</cite> the issue is linked here</p>\n"
            "<p class='phone s01'><cite>EK:</cite> Next item</p>\n"
            "<p class=irc><cite>&lt;luca_b&gt;</cite> +1</p></body></html>\n")
    episode = read("minutes.html", page)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("EK", "Minutes are approved"), ("Ege", "the issue is linked here"), ("EK", "Next item"), ("luca_b", "+1"),
    ]


# A podcast site's episode page (shape of FrontEndHappyHour/frontendhappyhour.github.io): the day it came
# out in the notes above the transcript heading, then each turn a paragraph whose bold name is followed
# by a line break, no colon.
_BOLD_NAME_BREAK = """<html><head><title>Caching at the Edge - Some Show</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about/">About</a></li></ul></nav>
<h2>Caching at the Edge</h2>
<div><p>Published March 3, 2023</p></div>
<p>This week the panel talks about caches close to the reader.</p>
<h3>Episode transcript</h3>
<p><strong>Nadia Brook</strong><br />
So today we are talking about caches.
</p>
<p><strong>Felix Ortega</strong><br />
The fastest request is the one you never send.
</p>
<p><strong>Nadia Brook</strong><br />
Fair enough. Let's start there.
</p>
</body></html>"""


def test_a_bold_name_over_a_line_break_names_the_speaker_and_the_published_line_dates_the_episode() -> None:
    episode = read("caching.html", _BOLD_NAME_BREAK)
    assert episode.date == "2023-03-03"
    said = [("Nadia Brook", "So today we are talking about caches."), ("Felix Ortega", "The fastest request is the one "
            "you never send."), ("Nadia Brook", "Fair enough. Let's start there.")]  # fmt: skip
    assert [(s.speaker, s.text) for s in episode.segments] == said


def test_a_fragment_of_name_lines_broken_with_br_keeps_no_br_in_the_words() -> None:
    # An HTML fragment pasted as text: each turn a "Name: words<br>" line. Every turn ended in "<br>".
    text = "Episode 9 transcript\nAna: Hello &amp; welcome.<br>\nBo: Thanks, truly.<br>\nAna: On we go.<br/>\nBo: Yes.<br>\n"
    episode = read("episode9.txt", text)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Ana", "Hello & welcome."), ("Bo", "Thanks, truly."), ("Ana", "On we go."), ("Bo", "Yes.")]


def test_a_timed_blocks_label_restating_its_range_is_no_words_and_its_data_end_ends_it() -> None:
    # The shape of joqk12345/Podcast-Subtitle's VitePress pages: front matter, then HTML whose
    # <article data-start data-end> blocks each hold the player's clock, a "第 N 段 · range" label
    # and the words. Words our own.
    def block(n: int, start: int, end: int, shown: str, label: str, words: str) -> str:
        return (f'<article class="vp-transcript-block" data-block data-start="{start}" data-end="{end}">\n'
                f'  <button class="vp-transcript-timestamp" data-seek="{start}" type="button">{shown}</button>\n'
                f'  <div>\n    <p class="vp-transcript-index">第 {n} 段 · {label}</p>\n'
                f"    <p>{words}</p>\n  </div>\n</article>\n\n")

    page = ("---\nlayout: page\ntitle: '第9期 城市与河流'\n---\n\n<div class=\"vp-transcript-page\">\n"
            + block(1, 0, 41, "00:00", "00:00 - 00:41", "大家好 今天聊聊城市里的河")
            + block(2, 40, 95, "00:40", "00:40 - 01:35", "河道改造以后 夏天凉快了不少")
            + block(3, 97, 130, "01:37", "01:37 - 02:10", "好 今天就到这儿 再见")
            + "</div>\n")
    episode = read("ep-9.md", page)
    assert episode.title == "第9期 城市与河流"
    assert timeline(episode) == [
        (0.0, 40.0, None, "大家好 今天聊聊城市里的河"),
        (40.0, 95.0, None, "河道改造以后 夏天凉快了不少"),
        (97.0, 130.0, None, "好 今天就到这儿 再见"),
    ]
