"""Interactive transcripts: HTML whose every word is an element timed by its attributes.

The samples are faithful to real pages in their markup, written here with their own words: Hyperaudio
Lite's demos (hyperaudio/hyperaudio-lite: ``<span data-m data-d>`` words, a ``speaker`` element per
paragraph, headings timed the same way, the player's controls above), Hyperaudio Pad's transcripts
(maboa/hyperaudiopad: ``<span m>``) and a talk's word spans timed in seconds with untimed words
between them (rbyte/thayTalk: ``<span start end>``, ``<br/><br/>`` between paragraphs).
"""

from __future__ import annotations

from podsift import formats
from podsift.model import Episode


def _words(words: str, start_ms: int, step: int = 300, tag: str = "span") -> str:
    return "".join(f'<{tag} data-m="{start_ms + k * step}" data-d="{step - 20}">{w} </{tag}>'
                   for k, w in enumerate(words.split()))


def _parse(text: str, name: str = "transcript.html") -> Episode:
    return formats.parse(text, Episode(id="x"), name)


LITE_PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Hyperaudio Lite — interactive transcripts</title>
<style>.active {{ background: #ccf; }}</style></head>
<body>
  <p><form id="searchForm">Playback Rate <span id="currentPbr">1</span><input id="pbr" type="range">
    <input id="search" type="text"><input type="submit" value="search"></form></p>
  <video id="hyperplayer" class="hyperaudio-player" controls></video>
  <dialog id="clipboard-dialog"><h3>The following text has been copied to the clipboard</h3>
    <p id=clipboard-text></p></dialog>
  <div id="hypertranscript" class="hyperaudio-transcript">
    <article><section data-media-src="https://media.example.org/panel/education.mp4">
      <h5 data-m="0">How do people learn what their data says about them?</h5>
      <p>
        <span data-m="4470" data-d="0" class="speaker">Doc: </span>
        {_words("We each keep two selves now. One walks around in the world.", 4470)}
      </p>
      <p>
        {_words("The other lives in records we never see.", 8100)}
      </p>
      <h5 data-m="20000">What would help?</h5>
      <p>
        <span data-m="20500" data-d="0" class="speaker">[Julian] </span>
        {_words("Teaching it early, in schools.", 20500)}
      </p>
    </section></article>
  </div>
  <script>new HyperaudioLite("hypertranscript", "hyperplayer");</script>
</body></html>
"""


def test_a_hyperaudio_page_keeps_every_word_its_time_and_its_speaker() -> None:
    # Read as an ordinary page, the speaker spans ended their own paragraphs: the whole transcript was
    # lost and the page's one "segment" was its player control, "Playback Rate 1".
    episode = _parse(LITE_PAGE)
    assert episode.source_format == "hyperaudio"
    said = [(s.speaker, s.text) for s in episode.segments]
    assert said == [("Doc", "We each keep two selves now. One walks around in the world."),
                    ("Doc", "The other lives in records we never see."),
                    ("Julian", "Teaching it early, in schools.")]
    assert [(s.start, s.end) for s in episode.segments] == [(4.47, 8.05), (8.1, 10.48), (20.5, 21.98)]
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [
        ("How do people learn what their data says about them?", 0.0, 0), ("What would help?", 20.0, 2)]
    assert episode.media_url == "https://media.example.org/panel/education.mp4"
    assert "Playback" not in " ".join(s.text for s in episode.segments)
    assert "word_elements" in {r.kind for r in episode.repairs}


def test_words_a_little_overlapping_still_join_into_sentences() -> None:
    # An aligner's words overlap by a few milliseconds (SoundCloud demo: "was" at 10.21 s, "a" at 10.21 s);
    # each word had become a turn of its own.
    words = "When she was a teenager her mother told her a story about life under that rule."
    spans = "".join(f'<a data-m="{9000 + k * 200}" data-d="260">{w} </a>' for k, w in enumerate(words.split()))
    page = f'<html><body><p><a data-m="9000" data-d="0" class="speaker">Zannah: </a>{spans}</p></body></html>'
    episode = _parse(page)
    assert [(s.speaker, s.text, s.start) for s in episode.segments] == [("Zannah", words, 9.0)]


def test_hyperaudio_pads_millisecond_words_with_no_speakers() -> None:
    words = ["My", "name", "is", "Ed.", "I", "work", "as", "an", "analyst", "in", "Hawaii."]
    first = " ".join(f'<span m="{10313 + 180 * k}">{w}</span>' for k, w in enumerate(words))
    second = " ".join(f'<span m="{22421 + 200 * k}">{w}</span>' for k, w in enumerate("What did you do before that?".split()))
    episode = _parse(f"<p>{first}</p><p> {second} </p>", "edsnowdeninterview.htm")
    assert [(s.start, s.text) for s in episode.segments] == [
        (10.313, "My name is Ed. I work as an analyst in Hawaii."), (22.421, "What did you do before that?")]
    assert {s.speaker for s in episode.segments} == {None}


def test_word_spans_in_seconds_with_untimed_words_between_them() -> None:
    # The talk's 14,623 words had been one untimed segment. Punctuation and words the aligner missed
    # sit between the spans; they belong with the words around them.
    talk = ('<div id="transcript" contenteditable="true"><span start="6.14625" end="6.48221">Dear</span> '
            '<span start="6.48221" end="7.06154">friends</span>,<span start="7.89" end="8.08"> in</span> '
            '<span start="8.08" end="8.29">Plum</span> <span start="8.29" end="8.77">Village</span>, '
            '<span start="9.44" end="9.60">where</span> we live and <span start="9.9" end="10.4">practise</span>, '
            '<span start="10.5" end="10.8">we</span> <span start="10.8" end="11.2">stop.</span>'
            '<br/><br/>'
            '<span start="37.7" end="38.0">And</span> <span start="38.0" end="38.4">that</span> practise '
            '<span start="38.9" end="39.3">is</span> <span start="39.3" end="39.9">called</span> listening.'
            + "".join(f' <span start="{40 + k}" end="{40.5 + k}">again</span>' for k in range(6)) + "</div>")
    episode = _parse(talk, "transcript.xml")
    assert [(s.start, s.text) for s in episode.segments] == [
        (6.146, "Dear friends, in Plum Village, where we live and practise, we stop."),
        (37.7, "And that practise is called listening. again again again again again again")]
    assert episode.segments[0].end == 11.2


def test_pages_whose_timed_attributes_time_no_words_are_still_ordinary_pages() -> None:
    # Review: the first sniff counted "data-start=", "?m=1" and "?start=" inside links, and a chapter list of
    # <a start=...> links; it took such pages, then refused them (or read the chapters as the speech).
    sentences = "".join(f'<span class="segment" data-start="{k * 5}" data-end="{k * 5 + 4}">Sentence {k} of the walk.</span> '
                        for k in range(12))
    chapters = "".join(f'<li><a start="{k * 60}">Chapter {k}</a></li>' for k in range(12))
    links = "".join(f'<a href="https://x.blogspot.com/p{k}.html?m=1">Ep {k}</a> ' for k in range(12))
    turns = "<p>Jane: Welcome to the show.</p><p>Bob: Thanks for having me.</p>"
    episode = _parse(f"<html><body><p>{sentences}</p></body></html>", "walk.html")
    assert episode.source_format == "podcast_html" and episode.segments[0].start == 0.0
    for page in (f"<ul>{chapters}</ul>{turns}", f"{turns}<p>{links}</p>"):
        episode = _parse(f"<html><body>{page}</body></html>", "episode.html")
        assert episode.source_format == "podcast_html"
        assert [(s.speaker, s.text) for s in episode.segments][:2] == [
            ("Jane", "Welcome to the show."), ("Bob", "Thanks for having me.")]


def test_trints_html_export_keeps_its_clocks_out_of_the_words() -> None:
    # Trint's export: a speaker element and an untimed "[00:00:18]" before each paragraph's word spans,
    # the file name as its <h1>. The clocks had become the first words of every turn.
    def words(said: str, start: int) -> str:
        return "".join(f'<span class="word" data-m="{start + 300 * k}" data-d="290">{w} </span>'
                       for k, w in enumerate(said.split()))
    page = ('<article><header><h1>interview.wav</h1></header><section>'
            f'<p time="940" data-tc="00:00:00"><span class="speaker">Speaker 1 </span><span class="timecode">[00:00:00] '
            f'</span>{words("I remember your communion. It was a lovely day.", 940)}</p>'
            f'<p time="18000" data-tc="00:00:18"><span class="speaker">Speaker 2 </span><span class="timecode">'
            f'[00:00:18] </span>{words("Yes, I do remember it well.", 18000)}</p></section></article>')
    episode = _parse(page, "interview.html")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.94, "Speaker 1", "I remember your communion. It was a lovely day."),
        (18.0, "Speaker 2", "Yes, I do remember it well.")]
    assert episode.title == "interview.wav" and not episode.chapters
    # with a page title of its own, a heading over the words is the first chapter
    titled = _parse(page.replace("<article>", "<title>Interviews</title><article>").replace(
        "<h1>interview.wav</h1>", "<h2>Communion</h2>"), "interview.html")
    assert titled.title == "Interviews" and [(c.title, c.first_segment) for c in titled.chapters] == [("Communion", 0)]


def test_names_typed_before_the_words_name_the_turns_on_a_page_without_speaker_elements() -> None:
    # MIT OpenCourseWare's rendered pages: "PROFESSOR:" in the first span, only where the speaker changes.
    def para(said: str, start: int) -> str:
        return "<p>" + " ".join(f'<span m="{start + 300 * k}">{w}</span>' for k, w in enumerate(said.split())) + "</p>"
    page = (para("PROFESSOR: Hi. I am going to co-lecture this term with Erik.", 0)
            + para("We will start with algorithms.", 4000) + para("ERIK: Hi, everyone.", 9000))
    episode = _parse(page, "lecture-1.html")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("PROFESSOR", "Hi. I am going to co-lecture this term with Erik."),
        ("PROFESSOR", "We will start with algorithms."), ("ERIK", "Hi, everyone.")]


def test_a_speaker_photo_swallows_no_words_and_an_icons_title_is_not_the_pages() -> None:
    page = ('<html><head><title>Episode 42</title></head><body><svg><title>Share</title></svg>'
            '<img class="speaker-photo" src="j.jpg"><p><span class="speaker">Doc: </span>'
            + _words("We each keep two selves now, one in the world and one in records.", 0) + "</p></body></html>")
    episode = _parse(page, "ep42.html")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Doc", "We each keep two selves now, one in the world and one in records.")]
    assert episode.title == "Episode 42"


def test_word_spans_with_no_space_between_them_are_not_one_long_word() -> None:
    # Every word in a span of its own and no space anywhere: gluing would make one word of the page.
    spans = "".join(f'<span data-m="{300 * k}">word{chr(97 + k % 26)}</span>' for k in range(40))
    episode = _parse(f"<p>{spans}</p>", "dense.html")
    assert len(" ".join(s.text for s in episode.segments).split()) == 40


def test_a_word_split_between_two_elements_stays_one_word_and_an_embedded_player_is_the_media() -> None:
    # Hyperaudio's editor splits a word it re-timed ("in</span><span>put"), and an untimed "in-" before a
    # timed "breath" is one word too; they had read "in put", "in- breath". The Spotify demo's player
    # is an embed whose src is the episode.
    spans = ('<span data-m="60480" data-d="320">saying </span><span data-m="60800" data-d="240">in</span>'
             '<span data-m="61030" data-d="500">put, </span><span data-m="61600" data-d="300">then </span>'
             '<span data-m="61900" data-d="300">our </span>in-<span data-m="62300" data-d="400">breath. </span>'
             + _words("And that was the whole of it, really, in the end.", 63000))
    page = ('<div id="hyperplayer" data-player-type="spotify" src="https://open.spotify.com/episode/4XAh"></div>'
            f'<div class="hyperaudio-transcript"><p><span data-m="60480" data-d="0" class="speaker">[Chris] </span>'
            f'{spans}</p></div>')
    episode = _parse(page)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Chris", "saying input, then our in-breath. And that was the whole of it, really, in the end.")]
    assert episode.media_url == "https://open.spotify.com/episode/4XAh"


def test_a_page_of_several_recordings_says_its_times_restart() -> None:
    # A teacher's page of 29 recordings, each a player and a transcript timed from its own start
    # (drupchen/hyperaudio-lite): the times went back to 0 28 times with nothing said about it.
    parts = [f'<audio src="https://media.example.org/{k}.m4a"></audio><div class="hyperaudio-transcript"><p>'
             + _words(f"Teaching number {k} begins with these few words today.", 1000) + "</p></div>"
             + f"<p>{_words('and it goes on for a long while after that.', 400_000)}</p>" for k in (1, 2, 3)]
    episode = _parse("".join(parts))
    assert [s.start for s in episode.segments] == [1.0, 400.0] * 3
    assert episode.media_url == "https://media.example.org/1.m4a"
    restart = next(r.detail for r in episode.repairs if r.kind == "times_restart")
    assert restart.startswith("the times start again 2 times: the page holds 3 recordings")
