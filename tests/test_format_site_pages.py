"""Podcast-site pages whose transcript is not the Markdown body: a list in the front matter, or the
site's own HTML in the body.

The samples are faithful to the shapes of a Japanese podcast site built with Astro (its repository
has no licence, so the words here are written for the test).
"""

from __future__ import annotations

import pytest

from podsift import formats
from podsift.model import Episode


def parse(text: str, name: str = "ep.md") -> Episode:
    return formats.parse(text, Episode(id="ep"), name)


def kinds(episode: Episode) -> list[str]:
    return [r.kind for r in episode.repairs]


# Everything in the front matter: the page's title, the series, the episode's number, the video in a
# mapping, chapters as {time, title} and the transcript as {time, text} items a blank line apart.
FRONT_MATTER_PAGE = """---
layout: ../../layouts/Podcast.astro
pageTitle: 'ナオの一日を語ってみる'
pubDate: 2025-12-01
description: 'こんにちは。今回は一日の過ごし方についてです。'
tags: ["音声ブログ","雑記"]
seriesTitle: 'ナオの音声ブログ'
episodeNumber: 2
youtubeDescription: 'こんにちは。\\n\\n00:00 はじめに\\n00:06 朝の話'
duration: 'PT4M21S'
media:
  platform: 'YouTube'
  youtubeId: 'FmQEI-B3G2E'
chapters:
  - time: '00:00'
    title: 'はじめに'
  - time: '00:06'
    title: '朝の話'
transcriptText:
    - time: '00:00'
      text: '今回は一日の過ごし方について'

    - time: '00:03'
      text: 'お話ししたいと思います。'

    - time: '00:06'
      text: '朝はまずコーヒーを'

    - time: '00:08'
      text: '飲むところから始まります。'
---
"""


def test_a_transcript_kept_in_the_front_matter_as_timed_items_is_read() -> None:
    # It was 'the page has no transcript in its body': no segments, no chapters, the title made from
    # the file name, and series, episode number and video not read.
    episode = parse(FRONT_MATTER_PAGE, "ep2.mdx")
    assert episode.source_format == "markdown_page"
    assert (episode.title, episode.show, episode.episode_number, episode.youtube_id, episode.date, episode.duration) == (
        "ナオの一日を語ってみる", "ナオの音声ブログ", 2, "FmQEI-B3G2E", "2025-12-01", 261.0)
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (0.0, 3.0, "今回は一日の過ごし方について"),
        (3.0, 6.0, "お話ししたいと思います。"),
        (6.0, 8.0, "朝はまずコーヒーを"),
        (8.0, None, "飲むところから始まります。"),
    ]
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [("はじめに", 0.0, 0), ("朝の話", 6.0, 2)]
    assert "no_transcript" not in kinds(episode) and "title_from_filename" not in kinds(episode)
    # Read, not kept twice; the page's other fields stay.
    assert "transcriptText" not in episode.extra and "chapters" not in episode.extra
    assert episode.extra["tags"] == ["音声ブログ", "雑記"]


@pytest.mark.parametrize(
    "key, items",
    [
        ("transcript_text", "- time: '0:05'\n  text: Hello there.\n- time: '1:10'\n  text: Thanks, Ann."),
        ("captions", "- start: 5\n  end: 9\n  text: Hello there.\n- start: 70.0\n  text: Thanks, Ann."),
        ("segments", "- startMs: 5000\n  speaker: Ann\n  text: Hello there.\n- startMs: 70000\n  speaker: Joe\n  text: Thanks, Ann."),
        ("lines", "- sec: 5\n  who: Ann\n  line: Hello there.\n- sec: 70\n  who: Joe\n  line: Thanks, Ann."),
        # Not DataTalks.Club's list of line/sec/time/who: read the same way, with no show made up.
        ("transcript", "- time: '00:05'\n  speaker: Ann\n  text: Hello there.\n- time: '01:10'\n  speaker: Joe\n  text: Thanks, Ann."),
    ],
)
def test_a_front_matter_list_is_the_transcript_whatever_its_key_and_fields_are_named(key: str, items: str) -> None:
    page = f"---\ntitle: Episode 3\nseason_number: 1\nepisode-number: 3\n{key}:\n{items}\n---\n"
    episode = parse(page)
    assert episode.source_format == "markdown_page"
    assert (episode.season, episode.episode_number, episode.show) == (1, 3, None)
    assert [(s.start, s.text) for s in episode.segments] == [(5.0, "Hello there."), (70.0, "Thanks, Ann.")]
    if "speaker" in items or "who" in items:
        assert [s.speaker for s in episode.segments] == ["Ann", "Joe"]


def test_ordinary_front_matter_lists_are_never_a_transcript() -> None:
    # Tags, links, guests, sponsors and highlights are lists too, some with times and texts of their own.
    page = (
        "---\ntitle: Episode 4\ntags: [search, rust]\n"
        "links:\n- title: Joe's site\n  url: https://joe.example.com\n"
        "guests:\n- name: Joe Bloggs\n  bio: Builds search engines.\n"
        "sponsors:\n- name: Acme\n  time: '10:00'\n  text: Use code PODCAST.\n- name: Beta\n  time: '20:00'\n  text: Try it free.\n"
        "keyLines:\n- time: '12:00'\n  text: Search is a product.\n- time: '30:00'\n  text: Ship it.\n"
        "---\n\n**Ann (0:05):** Welcome, Joe.\n\n**Joe (0:09):** Thanks for having me.\n"
    )
    episode = parse(page)
    assert [(s.speaker, s.start, s.text) for s in episode.segments] == [
        ("Ann", 5.0, "Welcome, Joe."), ("Joe", 9.0, "Thanks for having me.")]
    assert episode.guests == ["Joe Bloggs"]
    assert [s["name"] for s in episode.extra["sponsors"]] == ["Acme", "Beta"]
    assert len(episode.extra["keyLines"]) == 2


# The same site's earlier page: front matter, then the site's HTML: a description, the player, a
# chapter list of "MM:SS title" lines, a transcript accordion filled by script, and one <div> a line
# timed by data-timestamp (the container left unclosed at the end of the file).
HTML_BODY_PAGE = """---
layout: ../../layouts/MarkdownPostLayout.astro
title: 'ポッドキャストのルール'
pubDate: 2025-12-01
description: 'こんにちは。今回は私のポッドキャストのルールについてです。'
tags: ["音声ブログ", "ルール"]
---

<h2>音声配信</h2>

<p>こんにちは。今回は私のポッドキャストのルールについてです。</p>

<div id="player" class="youtube-ratio" data-id="c7NlXGiz_ss"></div>

<h2>目次</h2>

<div id="chapter-list">
00:00 はじめに
00:26 ルールの話
</div>

<details class="transcript-accordion">
    <summary>📝 文字起こしを表示</summary>
    <!-- トランスクリプトは JavaScript で生成されます -->
</details>

<div id="transcript-source">
<div class="transcript-segment" data-timestamp="00:01">
        最初のポッドキャストって
    </div>
    <div class="transcript-segment" data-timestamp="00:03">
        自己紹介から始まりますよね。
    </div>
    <div class="transcript-segment" data-timestamp="00:26">
        そこでルールを決めました。
    </div>
    <div class="transcript-segment" data-timestamp="00:30">
        以上です。
    </div>"""


def test_an_html_transcript_in_a_pages_body_is_read_with_its_times_and_chapter_list() -> None:
    # The timed <div>s were left out as markup ('page_markup: ... left out'), the description was the
    # only segment (with no time: ingest estimated one from its words), and the chapter list was ignored.
    episode = parse(HTML_BODY_PAGE, "ep1.md")
    assert episode.source_format == "markdown_page"
    assert episode.title == "ポッドキャストのルール"
    assert [(s.start, s.end, s.text) for s in episode.segments] == [
        (1.0, 3.0, "最初のポッドキャストって"),
        (3.0, 26.0, "自己紹介から始まりますよね。"),
        (26.0, 30.0, "そこでルールを決めました。"),
        (30.0, None, "以上です。"),
    ]
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [("はじめに", 0.0, 0), ("ルールの話", 26.0, 2)]
    assert episode.extra["page_text"] == "こんにちは。今回は私のポッドキャストのルールについてです。"
    assert "page_markup" not in kinds(episode)


def test_a_few_timed_elements_among_markdown_speech_leave_the_body_markdown() -> None:
    # Only a body of timed blocks is an HTML transcript; Markdown turns with one stray timed element stay Markdown.
    page = ("---\ntitle: Episode 5\n---\n\n**Ann (0:05):** Welcome, Joe.\n\n"
            '<div data-time="7"></div>\n\n**Joe (0:09):** Thanks for having me.\n')
    episode = parse(page)
    assert [(s.speaker, s.start) for s in episode.segments] == [("Ann", 5.0), ("Joe", 9.0)]


def test_a_pages_channel_is_its_show() -> None:
    # A Lenny's Podcast transcript page (front matter of a YouTube-first show): "channel: Lenny's
    # Podcast" was kept in extra only, so the episode had no show to browse it by.
    page = ("---\nguest: Zevi Arnovitz\ntitle: \"The non-technical PM's guide to building with Cursor\"\n"
            "video_id: 1em64iUFt3U\npublish_date: 2026-01-18\nduration: '1:15:12'\nchannel: Lenny's Podcast\n---\n\n"
            "Zevi Arnovitz (00:00:00):\nI'm not technical at all.\n\n"
            "Lenny Rachitsky (00:00:05):\nWelcome to the show, Zevi.\n")
    episode = parse(page)
    assert (episode.show, episode.date, episode.youtube_id) == ("Lenny's Podcast", "2026-01-18", "1em64iUFt3U")
    assert [s.speaker for s in episode.segments] == ["Zevi Arnovitz", "Lenny Rachitsky"]


def test_a_pages_published_flag_is_not_its_date() -> None:
    # A Jekyll blog's transcript page ("published: false" keeps it a draft) was dated "False".
    page = ("---\ntitle: \"[No stupid questions] Episode 18 - script\"\ncategories: study\npublished: false\n---\n\n"
            "DUBNER: If you're not a tiger parent, what animal parent are you?\n\n"
            "DUCKWORTH: I'm Angela Duckworth.\n\nDUBNER: I'm Stephen Dubner.\n")
    episode = formats.parse(page, Episode(id="x"), "nsq-18.md")
    assert episode.date is None
    assert [s.speaker for s in episode.segments] == ["DUBNER", "DUCKWORTH", "DUBNER"]
    dated = formats.parse(page.replace("published: false", "published: 2021-03-07"), Episode(id="x"), "nsq-18.md")
    assert dated.date == "2021-03-07"


# A Spanish podcast's transcript page (the shape of a Venezuelan history show's archive): its fields
# named in Spanish, an empty "## Transcripción" marker over the sections that hold the monologue.
SPANISH_PAGE = """---
titulo: "Armando Reverón"
slug: "armando-reveron"
fecha_publicacion: "2019-10-04"
programa: "Venezolanos"
presentador: "Rafael Arráiz Lucca"
idioma: "es-VE"
url_canonica: "https://www.example.com/episodios/armando-reveron"
url_audio: "https://anchor.example/podcast/play/5152717/ep.m4a"
palabras: 5410
---

# Armando Reverón

## Transcripción

## Infancia y formación

Armando Reverón nace en la parroquia de Santa Rosalía, Caracas.

Él ha debido estar allá a partir de los dos o tres años, quizás antes.

## París y regreso a Venezuela

Venimos de la primera parte del programa donde tenemos a Reverón en París.
"""


def test_a_pages_fields_named_in_spanish_are_its_title_date_show_host_and_links() -> None:
    # The page had no date, show or links, its host was an unread field, and "Transcripción" was a
    # chapter at 0 beside the first real section.
    episode = parse(SPANISH_PAGE, "transcripcion.md")
    assert (episode.title, episode.date, episode.show) == ("Armando Reverón", "2019-10-04", "Venezolanos")
    assert episode.media_url == "https://anchor.example/podcast/play/5152717/ep.m4a"
    assert episode.page_url == "https://www.example.com/episodios/armando-reveron"
    assert episode.extra["hosts"] == ["Rafael Arráiz Lucca"]
    assert not {"titulo", "fecha_publicacion", "programa", "presentador", "url_canonica"} & set(episode.extra)
    assert [c.title for c in episode.chapters] == ["Infancia y formación", "París y regreso a Venezuela"]
    assert [s.text for s in episode.segments][0] == "Armando Reverón nace en la parroquia de Santa Rosalía, Caracas."
    assert len(episode.segments) == 3


@pytest.mark.parametrize("fields", [
    "titre: Épisode 3\ndate_publication: 2024-01-02\némission: Les Ondes\nanimateur: Jeanne Dupont\ndurée: '12:00'",
    "titel: Episode 3\ndatum: 2024-01-02\nsendung: Die Welle\nmoderator: Jeanne Dupont\ndauer: '12:00'",
    "titolo: Episode 3\ndata_pubblicazione: 2024-01-02\nprogramma: Le Onde\nconduttore: Jeanne Dupont\ndurata: '12:00'",
    "titulo: Episode 3\ndata_publicacao: 2024-01-02\nprograma: As Ondas\napresentador: Jeanne Dupont\nduração: '12:00'",
])  # fmt: skip
def test_front_matter_keys_in_french_german_italian_and_portuguese_are_read(fields: str) -> None:
    episode = parse(f"---\n{fields}\n---\n\nAnn: Hello.\n")
    assert episode.title and episode.title.endswith("3") and episode.date == "2024-01-02"
    assert episode.show and episode.duration == 720 and episode.extra["hosts"] == ["Jeanne Dupont"]


@pytest.mark.parametrize("word", ["Transcript", "Transcripción", "Transcrição", "Transkript", "Transcription",
                                  "Trascrizione", "Transcriptie", "文字起こし", "逐字稿"])  # fmt: skip
def test_an_empty_transcript_heading_in_any_language_heads_the_sections_below_it(word: str) -> None:
    # An English "## Transcript" with the sections under it at its own level left the page with no
    # transcript at all; other languages' words for it were a chapter of their own.
    page = (f"---\ntitle: Ep\n---\n\nShow notes here.\n\n## {word}\n\n## Part one\n\nHello and welcome.\n\n"
            "## Part two\n\nThat is all for today.\n")
    episode = parse(page)
    assert [s.text for s in episode.segments] == ["Hello and welcome.", "That is all for today."]
    assert [c.title for c in episode.chapters] == ["Part one", "Part two"]
    assert episode.extra["show_notes"] == "Show notes here."


def test_a_hugo_page_with_toml_front_matter_gives_its_fields_and_its_transcript_from_the_shortcode() -> None:
    # Google Cloud Platform Podcast pages (see SOURCES.md): fields between '+++' lines, show notes,
    # then the transcript, its first turn inside a shortcode. The fields had become a segment, the
    # show notes speech, and the first turn was lost with the shortcode.
    from conftest import real

    episode = real("gcp-podcast-143-sound-stop.md")
    assert episode.title == "What's new in App Engine with Steren Giannini and Stewart Reichling"
    assert (episode.date, episode.duration, episode.episode_number) == ("2018-08-22", 27 * 60 + 49, 143)
    assert episode.extra["hosts"] == ["Mark Mandel", "Melanie Warrick"]
    assert "is a Product Manager on Google Cloud Platform (GCP)" in episode.extra["show_notes"]
    first, second = episode.segments[:2]
    assert (first.speaker, first.directions) == ("MARK", ["[MUSIC PLAYING]"])
    assert first.text.startswith('Hi. And welcome to episode number 143 of the weekly "Google Cloud Platform" podcast.')
    assert (second.speaker, second.text) == ("MELANIE", "Hi, Mark.")
    assert not any("audioFile" in s.text or "are your hosts again" in s.text for s in episode.segments)
    nasa = real("gcp-podcast-242-inaudible-stop.md")
    assert nasa.title == "NASA and FDL with James Parr and Madhulika Guhathakurta"
    assert (nasa.segments[0].speaker, nasa.segments[1].speaker) == ("MARK", "SARAH")
    assert nasa.segments[0].text.startswith("Hey there, everybody, and welcome to episode 242")


def test_the_people_the_show_notes_give_a_bio_of_are_the_guests() -> None:
    # GCP's pages name no guests in their fields; a heading of each guest's name stands over their
    # bio ("##### Steren Giannini" / "[Steren Giannini](…) is a Product Manager…", "James is Director…").
    from conftest import real

    episode = real("gcp-podcast-143-sound-stop.md")
    assert episode.guests == ["Steren Giannini", "Stewart Reichling"]
    assert "guests_from_bios" in kinds(episode)
    # "##### Madhulika(Lika) Guhathakurta, PhD" over "For the past two decades, Lika has…": the title names her.
    assert real("gcp-podcast-242-inaudible-stop.md").guests == ["James Parr", "Madhulika Guhathakurta"]
    # Other headings over the notes are no one: a section's name, or a name over what is not about them.
    page = ("---\ntitle: Ep 7\nhosts: [Ana Ruiz]\n---\n\n##### Ana Ruiz\n\nAna Ruiz hosts the show.\n\n"
            "##### Sound Effects Attribution\n\nSound effects by Jane.\n\n##### Jane Doe\n\nThanks to all.\n\n"
            "## Transcript\n\nAna: Hello there.\n")  # fmt: skip
    assert parse(page).guests == []


def test_toml_front_matter_dates_read_as_yaml_ones_and_its_errors_name_the_line() -> None:
    episode = parse('+++\ntitle = "Ep 1"\ndate = 2023-04-01\nguests = ["Ana Ruiz"]\n+++\n\nAna: Hello there.\n\nBob: Hi.\n')
    assert (episode.title, episode.date, episode.guests) == ("Ep 1", "2023-04-01", ["Ana Ruiz"])
    assert [(s.speaker, s.text) for s in episode.segments] == [("Ana", "Hello there."), ("Bob", "Hi.")]
    # A time in UTC keeps the "Z" a YAML page keeps; another zone its offset.
    for written in ("2023-04-01T10:00:00Z", "2023-04-01T10:00:00+02:00"):
        yaml_page, toml_page = (f"---\ndate: {written}\n---\n\nAna: Hi.\n", f"+++\ndate = {written}\n+++\n\nAna: Hi.\n")
        assert parse(toml_page).date == parse(yaml_page).date == written
    from podsift.model import SourceRejected

    with pytest.raises(SourceRejected, match=r"^front matter is not valid TOML \(line 3: Invalid value\)$"):
        parse('+++\ntitle = "Ep 1"\ndate = \n+++\n\nAna: Hello.\n')
    with pytest.raises(SourceRejected, match=r"no '\+\+\+' line after the opening one"):
        parse('+++\ntitle = "Ep 1"\n\nAna: Hello.\n')


# Course notes written from a YouTube video by a yt-dlp script (see the README's sweep notes): the
# video's fields, then each chapter as a heading ending in its time, over untimed paragraphs.
YT_DLP_NOTES = """---
video_id: vo4pMVb0R6M
url: "https://www.youtube.com/watch?v=vo4pMVb0R6M"
title: "Intro to Psychology: Crash Course Psychology #1"
upload_date: 20140204
duration_seconds: 654
---

# Intro to Psychology

## Transcript (reading)

### Introduction: What is Psychology? (00:00)

That dream about the dinosaur in the leotard, those times that you said that thing.

It the science of behavior and mental processes.

### Early Thinkers in Psychology (00:46)

From the efforts of those early thinkers up until today, the field has tackled big questions.

### Sigmund Freud (02:21)

By contrast, American physician and philosopher William James proposed a different set of questions.

### Structuralism (03:29)

Now that sounds almost obvious to us now.
"""


def test_headings_ending_in_a_time_are_sections_starting_then_not_speakers() -> None:
    episode = parse(YT_DLP_NOTES)
    assert (episode.title, episode.date) == ("Intro to Psychology: Crash Course Psychology #1", "2014-02-04")
    assert [(c.title, c.start, c.first_segment) for c in episode.chapters] == [
        ("Introduction: What is Psychology?", 0, 0), ("Early Thinkers in Psychology", 46, 1),
        ("Sigmund Freud", 141, 2), ("Structuralism", 209, 3)]  # fmt: skip
    assert [(s.start, s.speaker) for s in episode.segments] == [(0, None), (46, None), (141, None), (209, None)]
    assert episode.segments[0].text.endswith("behavior and mental processes.")
    assert episode.segments[2].text.startswith("By contrast, American physician")
    assert "section_headings" in kinds(episode)
    # Turns written as headings name their speakers again and again: they stay turns.
    turns = parse("### Ana (00:05)\n\nHello there.\n\n### Bob (00:09)\n\nHi Ana.\n\n### Ana (00:14)\n\nHow are you?\n")
    assert [(s.speaker, s.start) for s in turns.segments] == [("Ana", 5), ("Bob", 9), ("Ana", 14)]
    assert "section_headings" not in kinds(turns)


def test_headings_closing_with_the_range_of_their_section_are_sections_not_speakers() -> None:
    """A video summary's '### Introduction [00:00:00 - 00:01:30]' headings were read as two speakers,
    'Introduction' and 'Testing', the middle section's words run into the first's; each heading now
    starts its section's words at the range's start and ends them at its end."""
    episode = parse("""---
title: "How to Build a CLI in Swift"
type: youtube-summary
---

## Key Takeaways

- ArgumentParser makes command line tools straightforward

## Section Summaries

### Introduction [00:00:00 - 00:01:30]

The host introduces command line tools and why Swift suits them.

### Setting up the project [00:01:30 - 00:05:10]

A package is created and the parser added as a dependency.

### Testing [00:05:10 - 00:12:34]

Commands are tested by calling them with arguments.
""")
    timed = [(s.start, s.end, s.speaker, s.text[:20]) for s in episode.segments if s.start is not None]
    assert timed == [(0, 90, None, "The host introduces "), (90, 310, None, "A package is created"),
                     (310, 754, None, "Commands are tested ")]  # fmt: skip
    assert [(c.title, c.start) for c in episode.chapters] == [
        ("Introduction", 0), ("Setting up the project", 90), ("Testing", 310)]


# A translation pipeline's working file (see the README's sweep notes): a YAML document, no page
# around it, each segment's times in a mapping of their own and its words beside their translation.
TRANSLATION_WORKFILE = """episode_id: UFO-20
source_file: input/UFO-20/UFOs - Citizen Hearing Closing Remarks.wav.srt
segments:
- segment_id: 1
  speaker_group: 1
  timecode:
    start: 00:00:00,000
    end: 00:00:09,760
  source_text: This hearing is in order. We've got our witnesses ready and --
  translation:
    text: 聽證會現在開始。我們的證人已準備就緒，並且——
    status: completed
  metadata:
    speaker_hint: '>>'
- segment_id: 2
  speaker_group: 2
  timecode:
    start: 00:00:09,760
    end: 00:00:16,960
  source_text: And gentlemen, if you could stand and repeat after me.
  translation:
    text: 各位先生，請起立並跟我複誦。
    status: completed
"""


def test_a_yaml_document_holding_a_transcript_list_is_read_as_its_items() -> None:
    # Read as text, each "start:" and "end:" line had been a turn of a speaker called "end".
    episode = parse(TRANSLATION_WORKFILE, "main.yaml")
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0, None, "This hearing is in order. We've got our witnesses ready and --"),
        (9.76, None, "And gentlemen, if you could stand and repeat after me.")]  # fmt: skip
    assert episode.segments[0].end == 9.76 and episode.extra["episode_id"] == "UFO-20"
    assert episode.segments[-1].end == 16.96  # the last item's own end: no next item ends it
    assert kinds(episode)[:2] == ["yaml_document", "front_matter_transcript"]
    script = parse("title: My talk\nsegments:\n- start: 0.0\n  speaker: Ana\n  text: Hello there.\n"
                   "- start: 4.2\n  speaker: Bob\n  text: Thanks for having me.\n", "talk.yml")  # fmt: skip
    assert script.title == "My talk"
    assert [(s.start, s.speaker) for s in script.segments] == [(0, "Ana"), (4.2, "Bob")]
    # An item's end where it gives one: a pause before the next item stays a pause.
    paused = parse("segments:\n- start: 0.0\n  end: 2.5\n  text: Hello there.\n"
                   "- start: 4.2\n  end: 6\n  text: Thanks for having me.\n", "talk.yml")  # fmt: skip
    assert [(s.start, s.end) for s in paused.segments] == [(0, 2.5), (4.2, 6)]
    # YAML that holds no transcript list is not taken for one.
    other = parse("name: build\nsteps:\n- run: make\n  shell: bash\n- run: make test\n  shell: bash\n", "ci.yml")
    assert "yaml_document" not in kinds(other)


# MIT OpenCourseWare's Hugo pages keep the transcript as one front-matter text of HTML, each phrase
# (or word) a span timed by its start in milliseconds, the body empty, and the video in a list of
# the page's media. The shape is theirs (mitodl/hugo-course-publisher); the words are written here.
OCW_PAGE = """---
about_this_resource_text: '<p><strong>Instructor:</strong> Ada Quint</p>'
embedded_media:
  - id: Video-YouTube-Stream
    media_location: vEsUsaK1HBk
    parent_uid: 032e7640350e2a6ffcc7ce13f65e0b7a
    title: Video-YouTube-Stream
    type: Video
    uid: a488838f92ef569367253717ea0badfa
  - id: Thumbnail-YouTube-JPG
    media_location: 'https://img.youtube.com/vi/vEsUsaK1HBk/default.jpg'
    title: Thumbnail-YouTube-JPG
    type: Thumbnail
  - id: Video-InternetArchive-MP4
    media_location: >-
      https://archive.org/download/MITRES.6-012S18/MITRES6_012S18_L26-06_300k.mp4
    title: Video-Internet Archive-MP4
    type: Video
short_url: absorbing-states
title: Absorbing States
transcript: >-
  <p><span m='980'>In this video, we are going to look</span> <span
  m='3360'>at chains that stop moving</span> <span m='5270'>once they reach
  certain states.</span> </p><p><span
  m='12650'>But first, let us say what an absorbing state is.</span>
  </p><p><span m='16690'>It is a state you never leave</span> <span m='20570'>once
  you get there.</span> </p><p><span m='25980'>The
  chance of staying is 1.</span> </p><p></p>
uid: 032e7640350e2a6ffcc7ce13f65e0b7a
type: courses
layout: video
---
"""


def test_a_transcript_kept_as_one_front_matter_text_of_millisecond_spans_is_read_with_its_times() -> None:
    episode = parse(OCW_PAGE, "absorbing-states.md")
    assert [(s.start, s.text) for s in episode.segments] == [
        (0.98, "In this video, we are going to look at chains that stop moving once they reach certain states."),
        (12.65, "But first, let us say what an absorbing state is."),
        (16.69, "It is a state you never leave once you get there."),
        (25.98, "The chance of staying is 1."),
    ]
    assert episode.segments[0].end == 12.65
    assert episode.title == "Absorbing States"
    assert "transcript" not in episode.extra  # read, not kept twice
    # The video in the page's media list plays the moments.
    assert episode.youtube_id == "vEsUsaK1HBk"
    assert episode.media_url == "https://archive.org/download/MITRES.6-012S18/MITRES6_012S18_L26-06_300k.mp4"


# A lecture's transcript: one span a word, a licence notice first, then turns labelled in capitals.
OCW_LECTURE = """---
title: 'Lecture 1: Finding Peaks'
transcript: >-
  <p><span m='60'>The</span> <span m='180'>following</span> <span
  m='620'>content</span> <span m='1210'>is</span> <span m='1330'>provided</span>
  <span m='1770'>under</span> <span m='2050'>a</span> <span
  m='2090'>Creative</span> <span m='2490'>Commons</span> <span
  m='2900'>license.</span> </p><p><span m='22730'>PROFESSOR: Hi.</span> <span
  m='23390'>I'm</span> <span m='23600'>going</span> <span m='23800'>to</span> <span
  m='24000'>co-lecture</span> <span m='24500'>this</span> <span m='24700'>term.</span>
  <span m='25100'>Eric,</span> <span m='25400'>say</span> <span m='25600'>hi.</span>
  </p><p><span m='36001'>ERIK: Hi.</span> </p><p><span m='36883'>[LAUGHTER]</span>
  </p><p><span m='38650'>PROFESSOR: And</span> <span m='38900'>we</span> <span
  m='39100'>hope</span> <span m='39300'>you</span> <span m='39500'>have</span> <span
  m='39700'>fun.</span> </p>
---
"""


def test_a_word_timed_lecture_kept_in_the_front_matter_gives_its_turns_speakers_and_notes() -> None:
    episode = parse(OCW_LECTURE, "lecture-1.md")
    assert [(s.start, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (0.06, None, "The following content is provided under a Creative Commons license.", []),
        (22.73, "PROFESSOR", "Hi. I'm going to co-lecture this term. Eric, say hi.", []),
        (36.001, "ERIK", "Hi.", []),
        (36.883, None, "", ["[LAUGHTER]"]),
        (38.65, "PROFESSOR", "And we hope you have fun.", []),
    ]


def test_a_short_transcript_field_beside_a_body_transcript_leaves_the_body_the_transcript() -> None:
    page = ("---\ntitle: Ep 1\ntranscript: /files/ep1.pdf\n---\n\n"
            "**Ann:** Welcome to the show.\n\n**Bob:** Thanks for having me.\n")  # fmt: skip
    episode = parse(page)
    assert [(s.speaker, s.text) for s in episode.segments] == [("Ann", "Welcome to the show."),
                                                                ("Bob", "Thanks for having me.")]
    assert episode.extra["transcript"] == "/files/ep1.pdf"


# A recitation: the one label names the talk's speaker as it opens, after the licence notice.
OCW_RECITATION = """---
title: Product Rule
transcript: >-
  <p><span m='4100'>The following content is provided under a Creative Commons license.</span></p>
  <p><span m='7320'>NOOR VASQUEZ-HALE: Welcome back to recitation.</span> <span m='9100'>In this
  segment, we are going to talk about the product rule.</span> </p><p><span m='23040'>So
  throughout, u and v and w are all functions of x.</span> </p><p><span m='43230'>If
  you take the derivative of u times v, you get two terms.</span> </p>
---
"""


def test_a_talks_one_label_in_capitals_names_its_speaker_from_there_on() -> None:
    episode = parse(OCW_RECITATION, "product-rule.md")
    assert [(s.speaker, s.text[:30]) for s in episode.segments] == [
        (None, "The following content is provi"),
        ("NOOR VASQUEZ-HALE", "Welcome back to recitation. In"),
        ("NOOR VASQUEZ-HALE", "So throughout, u and v and w a"),
        ("NOOR VASQUEZ-HALE", "If you take the derivative of "),
    ]


@pytest.mark.parametrize("label", ["TRIGGER WARNING", "PODCAST TRANSCRIPT", "EDITOR NOTE", "COLD OPEN", "DISCLAIMER"])
def test_a_heading_in_capitals_opening_a_transcript_is_no_speaker(label: str) -> None:
    text = (f"{label}: This episode discusses the history of the product rule.\n\n"
            "So throughout, u and v and w are all functions of x.\n\n"
            "If you take the derivative of u times v, you get two terms.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="ep"), "ep.txt")
    assert {s.speaker for s in episode.segments} == {None}
    assert episode.segments[0].text.startswith(label)


def test_a_talks_one_label_names_its_speaker_in_plain_text_too() -> None:
    text = ("The following content is provided under a Creative Commons license.\n\n"
            "GRETA HUTKOVA: Hi, and welcome back to the problem-solving videos.\n\n"
            "Suppose a shop is considering selling music by email.\n")  # fmt: skip
    episode = formats.parse(text, Episode(id="ep"), "problem-2.txt")
    assert [s.speaker for s in episode.segments] == [None, "GRETA HUTKOVA", "GRETA HUTKOVA"]
    assert episode.segments[1].text == "Hi, and welcome back to the problem-solving videos."


def test_an_npr_transcript_in_a_post_keeps_every_turn_and_its_speakers() -> None:
    # A learner's Jekyll post of an NPR show (jane110511/jane110511.github.io, MIT; a faithful sample):
    # glossary notes as fenced blocks on one line, "NAME, ROLE:" at a voice's first turn, a link to the
    # story. A one-line block was read as an opening fence: the turns after it, up to the next fence,
    # were dropped (27 of 122); "BILL KURTIS, BYLINE:" was no label, the link's words were speech.
    page = """---
layout: post
title: Wait Wait Don't tell me
---
[Good News](http://www.npr.org/2014/07/26/335400964/good-news)

BILL KURTIS, BYLINE: From NPR and WBEZ Chicago, this is the news quiz.

KURTIS: And here's your host, Peter Sagal.

PETER SAGAL, HOST:

Thank you. Seriously, I thought you guys were mellow.

```A mellow sound or flavour is pleasant, smooth, and rich. ```

SAGAL: This is our second week here in San Francisco.

KURTIS: And don't even think about Bing.

```
anchorman - the person who presents a news programme.
```

SAGAL: Give us a call at 1-888-WAIT-WAIT.
"""
    episode = parse(page, "2014-07-31-wait-wait.md")
    assert [(s.speaker, s.text[:24]) for s in episode.segments] == [
        ("BILL KURTIS", "From NPR and WBEZ Chicag"),
        ("BILL KURTIS", "And here's your host, Pe"),
        ("PETER SAGAL", "Thank you. Seriously, I "),
        ("PETER SAGAL", "This is our second week "),
        ("BILL KURTIS", "And don't even think abo"),
        ("PETER SAGAL", "Give us a call at 1-888-"),
    ]


def test_a_clock_linked_to_its_moment_alone_on_its_line_is_no_markup() -> None:
    page = ("---\ntitle: Ep 2\n---\n\n[00:00:05](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5)\n\n"
            "**Ann:** Welcome to the show.\n\n[00:00:09](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=9)\n\n"
            "**Bob:** Thanks for having me.\n")  # fmt: skip
    episode = parse(page)
    assert {5.0, 9.0} <= {s.start for s in episode.segments}  # the clocks time the words, not left out


# An archive of one scientist's interviews (marcuswhybrow/ray-peat-rodeo; its shape, words written here):
# what was transcribed in a "source" mapping, the labels' names in "speakers", turns timed now and then.
RODEO_PAGE = """---
source:
  series: Gary Null
  title: Thyroid Function
  url: https://www.youtube.com/watch?v=x6bxGBR1Sqs
  duration: 58:30
transcription:
  author: ilovethesea
  date: 2014-07-25
speakers:
  GN: Gary Null
  RP: Ray Peat
---

GN: [05:42] I'm Gary Null and I'd like to welcome you to our program on health.

[06:32] So let's go to our conference call. Nice to have you with us, Dr. Peat.

RP: Thanks. Could I comment on leg cramps and how they relate to the thyroid?

GN: Sure.

RP: [06:42] It's very common for children to have leg pains that they call growing pains.

GN: [09:05] Good. Tell us how a low thyroid goes with aging.

RP: Okay. When a person is under stress, the thyroid adaptively goes down.
"""


def test_turns_a_label_opens_without_a_time_are_that_speakers_between_timed_ones() -> None:
    # Only the turns with a time opened turns: "RP: Thanks." and "GN: Sure." were the words of the turn
    # before, and the speech after them went to the wrong person (47% of the words in one interview).
    episode = parse(RODEO_PAGE, "1996-09-02-thyroid-function-with-gary-null.md")
    assert [(s.speaker, s.text[:20]) for s in episode.segments] == [
        ("Gary Null", "I'm Gary Null and I'"), ("Gary Null", "So let's go to our c"),
        ("Ray Peat", "Thanks. Could I comm"), ("Gary Null", "Sure."), ("Ray Peat", "It's very common for"),
        ("Gary Null", "Good. Tell us how a "), ("Ray Peat", "Okay. When a person "),
    ]  # fmt: skip
    starts = [s.start for s in episode.segments]
    assert starts[:2] == [342.0, 392.0] and starts[4:6] == [402.0, 545.0]
    assert 392.0 < starts[2] < starts[3] < 402.0  # timed by their words between the times around them
    # What was transcribed, not the transcription, gives the title, length and video.
    assert (episode.title, episode.duration, episode.youtube_id) == ("Thyroid Function", 3510.0, "x6bxGBR1Sqs")


# devtools.fm's MDX pages (the shape theirs, the words written here): tabs marked by MDX comments, a
# list of sections, then the transcript under headings that open with their time.
MDX_PAGE = """---
title: Ada Quint - Framework Field Guide
youtube: https://www.youtube.com/watch?v=BiwPAw4Qpos
publishDate: 2023-09-11
---

{/* TAB: SHOW NOTES */}

In this episode, we talk with Ada Quint about learning three frameworks at once.
- Bomb Pops https://bombpop.com/

{/* TAB: SECTIONS */}

[00:01:02] Intro to Ada
[00:06:35] Ad

{/* TAB: TRANSCRIPT */}

**Ada:** I had taught at a bootcamp. The students were amazing.

**Andrew:** Hello, welcome to the podcast about developer tools and the people who make them.

#### [00:01:02] Intro to Ada

**Ada:** Sure. First of all, thank you so much for having me.

**Justin:** I just love your energy.

#### [00:06:35] HouseForm =&gt; TanstackForm

We'd like to thank our sponsor for this episode.
"""


def test_an_mdx_pages_tabs_and_timed_headings_give_show_notes_turns_and_chapters() -> None:
    # Read before: the section list's titles were speakers ("OSS Projects", "Ad"), none of the 173 bold
    # labels was, the show notes and "{/* TAB: … */}" were speech, the chapters untimed.
    episode = parse(MDX_PAGE, "65.mdx")
    assert [(s.start, s.speaker, s.text[:18]) for s in episode.segments] == [
        (0.0, "Ada", "I had taught at a "), (25.8, "Andrew", "Hello, welcome to "),  # timed by their words
        (62.0, "Ada", "Sure. First of all"), (290.9, "Justin", "I just love your e"),
        (395.0, None, "We'd like to thank"),  # a heading ends the turn above it
    ]  # fmt: skip
    assert [(c.title, c.start) for c in episode.chapters] == [("Intro to Ada", 62.0),
                                                              ("HouseForm => TanstackForm", 395.0)]
    assert "Bomb Pops" in episode.extra["show_notes"] and "TAB" not in episode.extra["show_notes"]


def test_a_transcript_set_as_a_block_quote_is_read_without_its_marks_and_its_video_line_plays_it() -> None:
    # A game studio's livestream clips (Satisfactory-Clips-Archive/video-clip-notes, Apache-2.0; a
    # faithful sample): the video a bare link, the transcript a block quote. The '>' marks were kept
    # (3 of 22 segments were only '>'), and the video was not found.
    page = ("---\ntitle: \"State of Dev: Recap\"\ndate: \"2021-12-07\"\n---\n# [December 7th Livestream](../2021-12-07.md)\n"
            "https://www.youtube.com/watch?v=-VZPknJnb-4\n\n### Transcript\n\n"
            "> I will do a real quick recap before we do the questions.\n>\n> [Music]\n>\n"
            "> So that is the ambition, and we hope to sort that out in the future.\n")  # fmt: skip
    episode = parse(page, "yt--VZPknJnb-4.md")
    assert [(s.text, s.directions) for s in episode.segments] == [
        ("I will do a real quick recap before we do the questions.", []), ("", ["[Music]"]),
        ("So that is the ambition, and we hope to sort that out in the future.", [])]  # fmt: skip
    assert episode.youtube_id == "-VZPknJnb-4"


def test_otter_turns_set_as_headings_stay_turns_where_one_is_written_plainly() -> None:
    # A podcast site's Otter transcripts as headings (brob/thatsmyjamstack.com-v2; a faithful sample): one
    # turn lost its "###". Every heading turn was then a chapter: 41 turns went to "Unknown Speaker".
    page = ("---\ntitle: Gift Egwuenu\n---\n\n## Transcript\n\n### Bryan Robinson  0:03\nWelcome to another episode.\n\n"
            "### Gift Egwuenu  0:27\nThanks for having me, Bryan.\n\n### Bryan Robinson  1:39\nThis is your second year?\n\n"
            "Unknown Speaker  1:42\nYeah. So we had our first edition last year.\n\n"
            "### Bryan Robinson  2:01\nVery cool.\n\n### Gift Egwuenu  2:10\nIt was amazing.\n")  # fmt: skip
    episode = parse(page)
    assert [(s.start, s.speaker) for s in episode.segments] == [
        (3.0, "Bryan Robinson"), (27.0, "Gift Egwuenu"), (99.0, "Bryan Robinson"), (102.0, "Unknown Speaker"),
        (121.0, "Bryan Robinson"), (130.0, "Gift Egwuenu")]  # fmt: skip
    assert episode.chapters == []


def test_a_site_page_with_no_transcript_yet_keeps_its_notes_as_notes() -> None:
    # security-cocktail-hour's Hugo pages (see SOURCES.md): 55 of 73 have no transcript, only a
    # description under "## Episode Highlights" and "Tune in…". Each was an episode of two untimed
    # "segments" of notes, spread over 46 minutes, and the headings were chapters.
    page = ('---\ntitle: "Passwords Must Die"\ndate: 2023-03-26\nduration: "46:00"\n'
            'platforms:\n  youtube: "https://youtu.be/MqcVXiuB3Ks"\n---\n\n'
            "Joe and Adam talk about the many ways passwords are dreadful, and how we can live with them "
            "until they die the death they deserve.\n\n## Episode Highlights\n\n### Listen Now\n\n"
            "Tune in to hear our discussion on this topic.")  # fmt: skip
    episode = parse(page)
    assert episode.segments == [] and episode.chapters == []
    assert "passwords are dreadful" in episode.extra["show_notes"]
    assert (episode.title, episode.duration, episode.youtube_id) == ("Passwords Must Die", 2760, "MqcVXiuB3Ks")
    # A short page that says it is a transcript, or has no headings, is still speech.
    spoken = parse("---\ntitle: Ep\n---\n\nHello and welcome to the show.\n\nThat is all for today.\n")
    assert [s.text for s in spoken.segments] == ["Hello and welcome to the show.", "That is all for today."]


def _security_page(captions: bool) -> str:
    # security-cocktail-hour's Hugo pages (see SOURCES.md): turns "*Name (1:00:05)*" timed from an
    # editor's 1:00:00, and on one page the video's captions pasted after the last turn, timed again.
    said = ["Okay, Adam, how are you doing today?", "I'm sorry, you're talking to me?", "I'm talking to you.",
            "You're not talking to Deadpool that way.", "Well, this is the Halloween episode.",
            "Which is very stylish, the birthday edition.", "My birthday was quite a while ago.",
            "But we have a guest who's definitely more in the spirit.", "I'm kind of embarrassed about costumes.",
            "This was all your idea and Gabrielle played along.", "Happy Halloween, everyone.", "Take care."]
    names = ["Joe Patti", "Adam Roth"]
    turns = "\n\n".join(f"*{names[k % 2]} (1:0{k // 2}:{5 + k % 2 * 20:02d})*\n{line}" for k, line in enumerate(said))
    copy = "\n\n".join(f"**[0:{5 + 5 * k:02d}]:**\n{line.lower().rstrip('.?')}" for k, line in enumerate(said))
    return ('---\ntitle: "Medical Devices, Halloween and Whiskey"\nduration: "6:00"\n---\n\n'
            f"Notes about the episode.\n\n## Full Episode Transcript\n\n{turns}\n\n" + (copy + "\n" if captions else ""))


def test_the_captions_pasted_again_after_the_last_turn_are_left_out() -> None:
    # 52% of one episode's words were the captions, all glued to the last turn.
    episode = parse(_security_page(captions=True))
    assert len(episode.segments) == 12 and episode.segments[-1].text == "Take care."
    assert "second_copy" in {r.kind for r in episode.repairs}


def test_times_from_an_editors_hour_count_from_it_where_the_stated_length_says_so() -> None:
    # Turns from 1:00:05 to 1:05:25 in a page that says the episode lasts six minutes.
    episode = parse(_security_page(captions=False))
    assert episode.segments[0].start == 5 and episode.segments[-1].start == 325
    assert episode.duration == 360


def test_a_stated_length_of_minutes_written_as_hours_is_read_as_minutes() -> None:
    # security-cocktail-hour's episode 61 (see SOURCES.md) states "57:33:00" for a 57-minute talk:
    # the episode lasted 57 hours.
    turns = "\n\n".join(f"*Joe Patti ({m}:{s:02d})*\nWords said at minute {m}." for m, s in [(0, 0), (20, 5), (57, 20)])
    episode = parse(f'---\ntitle: "AI Attacks"\nduration: "57:33:00"\n---\n\n## Full Episode Transcript\n\n{turns}\n')
    assert episode.duration == 57 * 60 + 33
    # a length that is no such slip stays as stated
    assert parse(f'---\ntitle: "AI Attacks"\nduration: "1:57:33"\n---\n\n{turns}\n').duration == 7053


def test_turns_whose_clock_turns_minutes_into_hours_part_way_keep_their_minutes() -> None:
    # talkingkotlin/website's transcripts (their shape, our words): "23:48<TAB>Name:<TAB>words", then from one
    # turn on "24:22:00", minutes and seconds with ":00" after them. The last half hour came a day later.
    clocks = ["00:00", "11:32", "23:40", "23:48", "24:22:00", "24:31:00", "25:33:00", "27:07:00", "33:10:00", "39:59:00"]
    lines = "\n\n".join(f"{clock}\t{'Hadi' if k % 2 else 'Ryan'}:\tWords said at {clock}, more or less."
                         for k, clock in enumerate(clocks))
    episode = parse(f"---\ntitle: Ktor\n---\n\n{lines}\n")
    assert [s.start for s in episode.segments] == [0, 692, 1420, 1428, 1462, 1471, 1533, 1627, 1990, 2399]
    assert episode.segments[3].end <= 1462 and episode.duration is not None and episode.duration < 2500
    assert "minutes_as_hours" in {r.kind for r in episode.repairs}
    # A long recording's real hours stay hours: its later times are not all whole minutes, or not a day late.
    real = "\n\n".join(f"{clock}\tAna:\tWords at {clock}." for clock in ["00:00", "30:00", "1:45:12", "1:45:40", "1:46:03"])
    assert [s.start for s in parse(f"{real}\n").segments][2:] == [6312, 6340, 6363]
    later = "\n\n".join(f"[{clock}] Ana: Words at {clock}." for clock in
                         ["0:00:00", "0:00:40", "0:01:30", "2:00:00", "2:01:00", "2:02:00", "2:03:00"])
    assert [s.start for s in parse(f"{later}\n").segments][3:] == [7200, 7260, 7320, 7380]


# lexfridman.com's transcript page as MarkDownload clips it (autonompost/podcasts-transcriptions,
# a faithful sample): each turn "Name [(00:02:12)](…&t=132) words", a turn of the same voice with
# the linked clock alone. No one spoke, the clocks stayed words, the clipper's excerpt was speech
# and the page had no title.
LEX_CLIP = """---
created: 2023-09-03T17:55:43 (UTC +02:00)
tags: []
source: https://lexfridman.com/joscha-bach-3-transcript
author: Lex Fridman
---

# Transcript for Joscha Bach: Life, Intelligence, Consciousness | Lex Fridman Podcast #392 - Lex Fridman

> ## Excerpt
> This is a transcript of Lex Fridman Podcast #392 with Joscha Bach. The timestamps in the transcript are clickable links.

---
<iframe width="700" height="394" src="https://www.youtube.com/embed/e8qJsk1j2zE" frameborder="0" allowfullscreen=""></iframe>

## Introduction

Joscha Bach [(00:00:00)](https://youtube.com/watch?v=e8qJsk1j2zE&t=0) There is a certain perspective where you might be thinking, what is the longest possible game that you could be playing?

Lex Fridman [(00:00:48)](https://youtube.com/watch?v=e8qJsk1j2zE&t=48) The following is a conversation with Joscha Bach, his third time on this podcast.

## Stages of life

[(00:01:15)](https://youtube.com/watch?v=e8qJsk1j2zE&t=75) You wrote a post about levels of lucidity. There are seven of the stages.

Joscha Bach [(00:02:12)](https://youtube.com/watch?v=e8qJsk1j2zE&t=132) This model is derived from concept by the psychologist Robert Kegan.

[(00:03:08)](https://youtube.com/watch?v=e8qJsk1j2zE&t=188) It's more like philosophical framework that allows you to talk about how minds work.

Lex Fridman [(00:05:43)](https://youtube.com/watch?v=e8qJsk1j2zE&t=343) But are you also modeling the interaction of how opinion shapes?
"""


def test_a_clipped_lex_fridman_transcript_gives_its_speakers_and_times() -> None:
    episode = formats.parse(LEX_CLIP, Episode(id="lex-392"), "392-Lex_Fridman-Joscha_Bach.md")
    assert [(s.speaker, s.start, s.text[:20]) for s in episode.segments] == [
        ("Joscha Bach", 0.0, "There is a certain p"), ("Lex Fridman", 48.0, "The following is a c"),
        ("Lex Fridman", 75.0, "You wrote a post abo"), ("Joscha Bach", 132.0, "This model is derive"),
        ("Joscha Bach", 188.0, "It's more like philo"), ("Lex Fridman", 343.0, "But are you also mod")]  # fmt: skip
    assert episode.title == "Joscha Bach: Life, Intelligence, Consciousness | Lex Fridman Podcast #392 - Lex Fridman"
    assert episode.extra["excerpt"].startswith("This is a transcript of Lex Fridman Podcast #392")
    assert [(c.start, c.title) for c in episode.chapters] == [(0.0, "Introduction"), (75.0, "Stages of life")]
    assert episode.youtube_id == "e8qJsk1j2zE"


# The same site's page as a scraper saves it with its contents list (peaklight-ai/lex-fridman-podcasts,
# `all_episode_transcripts/419 - Sam Altman - ….txt`; a sample written in its shape): "* 1:05 – OpenAI
# board saga" items over "## OpenAI board saga" headings. The items were read as speakers' turns, the
# chapter titles as the speakers, and every real turn was said by the last chapter, "Aliens".
LEX_CONTENTS = """# #419 – Ann Lee: Ships and Stars | Lex Fridman Podcast

# Transcript for Ann Lee: Ships and Stars | Lex Fridman Podcast #419

This is a transcript of Lex Fridman Podcast #419 with Ann Lee. The timestamps in the transcript are clickable links.

## Table of Contents

Here are the loose “chapters” in the conversation. Click link to jump approximately to that part in the transcript:

  * 0:00 – Introduction
  * 1:05 – Ships
  * 18:31 – Stars

## Introduction

Ann Lee [(00:00:00)](https://youtube.com/watch?v=jvqFAi7vkBc&t=0) I think ships will be the currency of the future.

Lex Fridman [(00:00:26)](https://youtube.com/watch?v=jvqFAi7vkBc&t=26) Whoever builds one first gets a lot of power.

[(00:00:36)](https://youtube.com/watch?v=jvqFAi7vkBc&t=36) The following is a conversation with Ann Lee.

## Ships

[(00:01:05)](https://youtube.com/watch?v=jvqFAi7vkBc&t=65) Take me through the story of the first ship.

Ann Lee [(00:01:13)](https://youtube.com/watch?v=jvqFAi7vkBc&t=73) That was the most painful experience of my life.

## Stars

Lex Fridman [(00:18:31)](https://youtube.com/watch?v=jvqFAi7vkBc&t=1111) And the stars?

Ann Lee [(00:18:40)](https://youtube.com/watch?v=jvqFAi7vkBc&t=1120) They were always there.

Lex Fridman [(00:19:02)](https://youtube.com/watch?v=jvqFAi7vkBc&t=1142) Thank you for talking today.
"""


def test_a_lex_fridman_page_with_its_contents_list_keeps_its_speakers() -> None:
    episode = formats.parse(LEX_CONTENTS, Episode(id="lex-419"), "419 - Ann Lee - Ships and Stars.txt")
    assert [(s.speaker, s.start, s.text[:16]) for s in episode.segments] == [
        ("Ann Lee", 0.0, "I think ships wi"), ("Lex Fridman", 26.0, "Whoever builds o"),
        ("Lex Fridman", 36.0, "The following is"), ("Lex Fridman", 65.0, "Take me through "),
        ("Ann Lee", 73.0, "That was the mos"), ("Lex Fridman", 1111.0, "And the stars?"),
        ("Ann Lee", 1120.0, "They were always"), ("Lex Fridman", 1142.0, "Thank you for ta")]  # fmt: skip
    assert [(c.start, c.title) for c in episode.chapters][-3:] == [(0.0, "Introduction"), (65.0, "Ships"),
                                                                   (1111.0, "Stars")]  # fmt: skip


def test_a_contents_list_over_turns_written_as_list_items_leaves_the_turns() -> None:
    # the turns are timed list items too, fewer than the chapters: only the list under "Contents" is one
    text = ("# Episode 12: Boards\n\n## Contents\n* 0:00 – Intro\n* 1:05 – Board saga\n* 5:10 – Aliens\n"
            "* 9:00 – Power\n* 12:00 – Elon\n* 15:00 – Ilya\n\n## Intro\n* 0:00 Lex: Welcome to the show everyone.\n"
            "* 0:20 Sam: Thanks for having me.\n\n## Board saga\n* 1:05 Lex: Tell me about the board.\n\n"
            "## Aliens\n## Power\n## Elon\n## Ilya\n* 15:00 Lex: What about Ilya?\n")
    episode = formats.parse(text, Episode(id="boards"), "boards.md")
    assert [(s.speaker, s.start, s.text) for s in episode.segments] == [
        ("Lex", 0.0, "Welcome to the show everyone."), ("Sam", 20.0, "Thanks for having me."),
        ("Lex", 65.0, "Tell me about the board."), ("Lex", 900.0, "What about Ilya?")]  # fmt: skip


def test_a_name_before_a_linked_clock_said_once_or_twice_stays_words() -> None:
    # a note on two moments of a video, its sections named before their links: no one's turns
    text = ("# Notes\n\nThe Demo [(00:01:15)](https://youtube.com/watch?v=abc&t=75) shows the first part.\n\n"
            "Big Reveal [(00:03:08)](https://youtube.com/watch?v=abc&t=188) shows the rest.\n")
    episode = formats.parse(text, Episode(id="t"), "notes.md")
    assert not any(s.speaker for s in episode.segments)


# A YouTube transcript clipped into Obsidian (Ryder-MHumble/Youtube-KOL-Transcripts, a faithful sample):
# each line "**0:34** · words" under the video's chapters. No line had a time and the clocks were words.
OBSIDIAN_CLIP = """---
title: "Cerebras CEO: Why GPUs Can't Do Fast Inference"
source: "https://www.youtube.com/watch?v=UEOSUSz--Ig"
published: 2026-07-23
tags:
  - "transcript"
---
![](https://www.youtube.com/watch?v=UEOSUSz--Ig)

AI is no longer just a race to train smarter models.

## Transcript

### Cold open & Intro

**0:00** · This is the largest chip built in the history of the computer industry.

**0:34** · Nobody bought it and nobody cared.

**0:36** · Everybody said we were crazy. It would never work.

### Why speed became the AI bottleneck

**1:31** · So why does speed matter so much now?

**1:40** · Because agents call models again and again.
"""


def test_a_clipped_youtube_transcript_of_bold_clocks_is_timed_by_them() -> None:
    episode = formats.parse(OBSIDIAN_CLIP, Episode(id="cerebras"), "Cerebras CEO.md")
    assert [(s.start, s.text[:16]) for s in episode.segments] == [
        (0.0, "This is the larg"), (34.0, "Nobody bought it"), (36.0, "Everybody said w"),
        (91.0, "So why does spee"), (100.0, "Because agents c")]  # fmt: skip
    assert [(c.start, c.title) for c in episode.chapters] == [(0.0, "Cold open & Intro"),
                                                              (91.0, "Why speed became the AI bottleneck")]  # fmt: skip
    assert episode.youtube_id == "UEOSUSz--Ig"


def test_a_bold_clock_inside_a_sentence_is_no_time() -> None:
    text = "Ana: We met at **10:30** - then we talked.\n\nBob: Sure, **11:00** works too.\n\nAna: Fine.\n"
    episode = formats.parse(text, Episode(id="t"), "notes.md")
    assert "10:30" in episode.segments[0].text and "11:00" in episode.segments[1].text
    assert not any(s.start in (630.0, 660.0) for s in episode.segments)


# A Jekyll site's transcript (rustacean-station/rustacean-station.org, a faithful sample): kramdown's
# table of contents, a link reference to a Liquid value, and one host's monologue labelled once, in bold.
# The marker and "{{episode.url}}" were speech; the label stayed in the words and no one spoke.
JEKYLL_MONOLOGUE = """---
episode: _episodes/twir/2020-08-12-twir-351.md
---

{%- include util.html -%}
[episode]: {{episode.url}}

* placeholder to generate bulleted TOC
{:toc}

#### This Week in Rust 350

__Nell Shamrell-Harrington__: Hello Rustaceans and welcome to another episode of This Week in Rust here on the Rustacean Station.

As always, I'm Nell Shamrell-Harrington, lead editor of This Week in Rust.

First, the news.
"""


def test_a_jekyll_monologue_labelled_once_is_its_speakers_without_the_sites_markup() -> None:
    episode = formats.parse(JEKYLL_MONOLOGUE, Episode(id="twir-351"), "2020-08-12-twir-351.md")
    assert [(s.speaker, s.text[:22]) for s in episode.segments] == [
        ("Nell Shamrell-Harrington", "Hello Rustaceans and w"), ("Nell Shamrell-Harrington", "As always, I'm Nell Sh"),
        ("Nell Shamrell-Harrington", "First, the news.")]  # fmt: skip


# The same site's later pages write the include and the link reference on one line (a faithful
# sample of _transcripts/releases/2021-04-18-rust-1.50-1.51.md, our words): it opened the episode
# as speech, "{%- include util.html -%}: {{episode.url}}".
JEKYLL_INCLUDE_AND_REFERENCE_ONE_LINE = """---
episode: _episodes/releases/2021-04-18-rust-1.50-1.51.md
---

{%- include util.html -%} [episode]: {{episode.url}}

__Jon Gjengset__: Hello, Ben.

__Ben Striegel__: Hello, Jon. Nice to be back.
"""


def test_a_liquid_include_and_a_link_reference_on_one_line_are_no_speech() -> None:
    episode = formats.parse(JEKYLL_INCLUDE_AND_REFERENCE_ONE_LINE, Episode(id="rs"), "2021-04-18-rust-1.50-1.51.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Jon Gjengset", "Hello, Ben."), ("Ben Striegel", "Hello, Jon. Nice to be back.")]  # fmt: skip


def test_a_bold_phrase_with_a_colon_opening_notes_once_is_no_speaker() -> None:
    text = "**Key Takeaways**: we ship on Monday.\n\nThe rest of the notes follow here.\n\nAnd more of them.\n"
    episode = formats.parse(text, Episode(id="t"), "notes.md")
    assert not any(s.speaker for s in episode.segments)


# Syntax.fm's show pages (syntaxfm/website's shows/*.md, their shape, our words): the date as
# milliseconds since 1970, a timed list of topics, and the hosts' socials, a name and its links a line.
SHOW_NOTES_PAGE = """---
number: 799
title: Browser APIs
date: 1721818800000
---

Two hosts talk about browser APIs that make projects simpler.

### Show Notes

* **[00:00](#t=00:00)** Welcome to the show!
* **[01:03](#t=01:03)** Brought to you by our sponsor.
* **[02:15](#t=02:15)** When to use these tools.

### Hit us up on Socials!

Show: [X](https://twitter.com/show) [Instagram](https://www.instagram.com/show/) [LinkedIn](https://www.linkedin.com/company/show)

Wes: [X](https://twitter.com/wes) [Instagram](https://www.instagram.com/wes/)
"""


def test_a_date_in_milliseconds_since_1970_is_the_day() -> None:
    assert parse(SHOW_NOTES_PAGE, "799 - Browser APIs.md").date == "2024-07-24"
    assert parse(SHOW_NOTES_PAGE.replace("1721818800000", "1721818800"), "x.md").date == "2024-07-24"
    assert parse(SHOW_NOTES_PAGE.replace("1721818800000", "12345"), "x.md").date == "12345"  # no such count


def test_a_name_and_its_links_are_no_turn_and_show_notes_alone_are_no_transcript() -> None:
    # The socials lines were turns ("Wes: X Instagram"): four invented speakers on a page with no speech.
    episode = parse(SHOW_NOTES_PAGE, "799 - Browser APIs.md")
    assert episode.speakers == [] and episode.segments == []
    assert "no_transcript" in {r.kind for r in episode.repairs}
    # One link after a name is a sentence's ("Wes: see [the docs](https://x.dev)"), still speech.
    turns = parse("Ann: Hello there.\n\nWes: See [the docs](https://x.dev) for more.\n\nAnn: Thanks, Wes.\n")
    assert turns.speakers == ["Ann", "Wes"]


@pytest.mark.parametrize(("heading", "title"), [
    ("Transcripción de Entrevista con Andrea - Arquitectura", "Entrevista con Andrea - Arquitectura"),
    ("Transkript des Interviews mit Anna", "Interviews mit Anna"),
    ("Transcript of Interview with Bo", "Interview with Bo"),
])
def test_a_transcript_heading_in_another_language_gives_the_title_without_its_preposition(heading: str, title: str) -> None:
    # Alejotxw/emprendeUIDEmovil's interview (its shape, our words): the title was "de Entrevista con…".
    page = (f"# {heading}\n\n(0:02) **Sebastián:** Empezaríamos con su nombre.\n"
            "(0:08) **Andrea:** Mi nombre es Andrea.\n(0:10) **Sebastián:** ¿Cuál es su cargo?\n")
    assert parse(page, "entrevista.md").title == title


@pytest.mark.parametrize("marker", ["## Transcripció completa", "## Transkrypcja", "## Расшифровка", "## 書き起こし",
                                    "## Transkripsi", "## Litterointi"])
def test_a_transcript_heading_in_more_languages_sets_the_show_notes_aside(marker: str) -> None:
    # drpicox/podcast-del-doctor's Catalan episode pages (their shape, our words): show notes, then
    # "## Transcripció completa". The notes were speech, their headings chapters, "**Important:**" a speaker.
    page = ("---\ntitle: Episodi 7\n---\n## Introducció\nLa intel·ligència artificial ha canviat molt.\n\n"
            "## Temes tractats\n- **L'amnèsia digital**: El model base no recorda res.\n\n"
            f"**Important:** Aquest episodi ha estat generat amb IA.\n\n{marker}\n\n"
            "Imaginem per un moment que parlem amb una màquina. I que la màquina ens respon.\n")
    episode = parse(page, "007.md")
    assert [s.text for s in episode.segments] == ["Imaginem per un moment que parlem amb una màquina. I que la màquina ens respon."]
    assert episode.speakers == [] and "show_notes" in {r.kind for r in episode.repairs}


def test_a_folded_transcripts_summary_line_is_no_speech() -> None:
    # zky1com/transcripts-vault's Obsidian notes (their shape, our words): the transcript in <details>
    # under "## Full Transcript". Its <summary> line, tags and all, was the first segment.
    page = ("# A talk\n\n## Summary\n\nNotes about the talk.\n\n## Full Transcript\n\n<details>\n"
            "<summary>Click to expand full transcript (14 words)</summary>\n\n"
            "Hello and welcome. Today we talk about markets and why they crash.\n\n</details>\n")
    episode = parse(page, "talk.md")
    assert [s.text for s in episode.segments] == ["Hello and welcome. Today we talk about markets and why they crash."]


def test_a_transcript_given_twice_reads_the_timed_copy() -> None:
    # mcclonkster/psy-132's video pages (their shape, our words): "## Transcript (reading)" in
    # paragraphs, then "## Transcript (navigation)" a time a line. The untimed copy was read, no times.
    lines = [(0, "So far we have talked about how the mind grows,"), (3, "and today we look at adolescence."),
             (7, "It is a time of change."), (11, "Erikson had a theory about it.")]
    page = ("---\ntitle: Adolescence\n---\n## Description\n\nA lesson on growing up.\n\n## Transcript (reading)\n\n"
            + " ".join(t for _, t in lines) + "\n\n## Transcript (navigation)\n\n"
            + "\n".join(f"- [00:{s:02d}] {t}" for s, t in lines) + "\n")
    episode = parse(page, "adolescence.md")
    assert [(s.start, s.text) for s in episode.segments] == [(float(s), t) for s, t in lines]
    assert episode.extra["untimed_copy"].startswith("So far we have talked")
    # Both untimed, or only the first timed: the first is the transcript, as before.
    untimed = page.replace("- [00:", "- [x")
    assert "untimed_copy" not in parse(untimed, "adolescence.md").extra
    # A list of topics with their times under the second heading is no copy of the words.
    topics = page.split("## Transcript (navigation)")[0] + ("## Transcript timestamps\n\n- [00:00] Intro\n"
                                                           "- [00:03] Adolescence\n- [00:07] Erikson\n")
    assert [s.text for s in parse(topics, "adolescence.md").segments][0].startswith("So far we have talked")


def test_a_page_whose_transcript_is_in_other_files_is_the_episodes_notes() -> None:
    # growthenginenowoslawski/misfit-podcast-transcripts-public's episode pages (their shape, our words):
    # show notes, "## Transcript Chunks" over a table linking the chunk files, "## Transcript Quality" with
    # a note. The table's rows were 23 segments of speech; a label over links became a speaker.
    page = ("---\nshow: Misfit\npublished: 2025-11-18\n---\n\n# Episode 376\n\n## Source Notes\n\n"
            "We announce a sponsor and share life updates.\n\nMisfit Affiliate Programming:\nhttps://example.com/subscribe/\n\n"
            "Thanks for listening!\n\n## Transcript Chunks\n\n| # | Time Range | File |\n|---|---|---|\n"
            "| 1 | 00:00 - 09:57 | [chunk](chunks/01-00-00.md) |\n| 2 | 09:57 - 19:53 | [chunk](chunks/02-09-57.md) |\n\n"
            "## Transcript Quality\n\nAutomatic transcript generated locally with whisper-small.\n")
    episode = parse(page, "index.md")
    assert episode.segments == [] and episode.date == "2025-11-18"
    assert "We announce a sponsor" in episode.extra["show_notes"]
    assert "no_transcript" in {r.kind for r in episode.repairs}


def test_a_transcript_without_its_line_breaks_is_cut_at_its_bold_labels_and_a_folded_title_trimmed() -> None:
    # cmaxw/devchat-eleventy's JavaScript Jabber pages (their shape, our words): "### Transcript", the show's
    # and episode's bold headings, then the whole talk on one line of "**NAME:** …" turns; the title a
    # YAML folded scalar. The line was read as a page field and nothing was said; the title ended in "\n".
    turns = [("WADE", "We're at the conference this week and it is busy."), ("CHARLES", "Hey everybody, welcome."),
             ("AJ", "Always coming at you live."), ("RAMYA", "Hey, my name is Ramya and I work on editors.")] * 8
    line = " ".join(f"**{name}:** {words} " + "and more words to make this a long turn " * 8 for name, words in turns)
    page = (f"---\ntitle: >\n  JSJ 265 Editors\ndate: 2017-06-13\n---\n\n### Transcript\n\n## **Javascript Jabber**\n\n"
            f"## **JSJ 265 Editors**\n\n{line}\n")
    episode = parse(page, "jsj-265.md")
    assert episode.title == "JSJ 265 Editors"
    assert [s.speaker for s in episode.segments][:4] == ["WADE", "CHARLES", "AJ", "RAMYA"]
    assert len([s for s in episode.segments if s.speaker]) >= 32
    assert "glued_turns" in {r.kind for r in episode.repairs}


def test_a_date_published_field_is_the_episodes_date() -> None:
    # enjoythevue/website's pages (Netlify CMS; their shape, our words): "date-published: 2021-07-26T10:00:17.547Z".
    page = ("---\nepisode-number: 71\nepisode-title: Developer Advocacy\ndate-published: 2021-07-26T10:00:17.547Z\n---\n\n"
            "**AC:** Welcome to the show.\n\n**DO:** Thanks for having me.\n\n**AC:** Let us start.\n")
    episode = parse(page, "71.md")
    assert episode.date is not None and episode.date.startswith("2021-07-26") and episode.episode_number == 71


# A Jekyll episode page (futureofcoding/futureofcoding.org's shape, our own words): show notes in
# Markdown, then the transcript as HTML blocks, each a name in an element of its own over the words,
# with the page's style sheet and script beside them. The labels stayed in the words as tags, no one
# spoke, and the style sheet and script were read as speech.
DIV_NAME_BLOCKS = """---
title: 12 • A Guest • A Tool
---

Notes on the tool, with [a link](https://example.com/tool).

## Full Transcript

<style>
  .name {
    font-weight: bold;
  }
</style>

<div id="transcript">

<div class="block">
  <div class="name">Ivan:</div>
    Welcome back. I'm <a href="https://example.com/ivan">Ivan</a>, and my guest made <i>a tool</i>.
</div>

<div class="block">
  <div class="name">Dana:</div>
    Thanks for having me on.
</div>

<div class="block">
  <div class="name">Ivan:</div>
    Where did it start?
</div>

</div>

<script>
  document.querySelectorAll('.block').forEach(b => b.id = 'x');
</script>
"""


def test_html_blocks_under_a_name_element_are_that_speakers_turns() -> None:
    episode = parse(DIV_NAME_BLOCKS, "045.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Ivan", "Welcome back. I'm Ivan, and my guest made a tool."),
        ("Dana", "Thanks for having me on."),
        ("Ivan", "Where did it start?"),
    ]


def test_a_long_untimed_copy_then_timed_sections_with_word_lists_reads_each_section_once() -> None:
    # ebdtcode/TrustingJesus's faster-whisper sermon pages (their shape, our words): "## Transcript" in one
    # paragraph, then "**[00:00 - 00:20]** text" sections, each over a folded list of its words with their
    # confidences. The untimed copy was read, then the sections without times, then the word lists as speech.
    sections = [(k * 10, k * 10 + 10, f"Part {k} of the sermon is about planning your year well.") for k in range(300)]
    words = "\n".join(f"- [00:0{k}]  {w} (9{k}.5%)" for k, w in enumerate("Part of the".split()))
    timed = "\n\n".join(f"**[{a // 60:02d}:{a % 60:02d} - {b // 60:02d}:{b % 60:02d}]** {t}\n\n"
                        f"<details><summary>Word timestamps</summary>\n\n{words}\n\n</details>"
                        for a, b, t in sections)
    page = ("# Audio Transcription\n\n## Metadata\n- **Upload Date**: 2024-09-09\n\n## Transcript\n\n"
            + " ".join(t for _, _, t in sections) + "\n\n## Detailed Transcript with Timestamps\n\n" + timed + "\n")
    episode = parse(page, "transcript.md")
    said = " ".join(s.text for s in episode.segments)
    assert said == " ".join(t for _, _, t in sections)  # once, and no word list
    assert episode.segments[0].start == 0.0 and episode.segments[-1].end == 3000.0
    assert episode.extra["untimed_copy"].startswith("Part 0 of the sermon")


# A podcast's Markdown transcripts (mgreiler/se-unlocked's Transcripts/*.md; their shape, our words): the
# front matter names the episode under "episode:" in words and has no "title:".
NAMED_EPISODE_PAGE = """---
episode: "Transcript Episode 9 Lena Park"
permalink: /episode-9-lena-park
status: publish
type: transcript
---

**Ana:** [00:00:00] Hello and welcome to the show. Today I talk with Lena Park
about testing legacy code.

**Lena:** [00:00:20] Thanks for having me, it's a pleasure.
"""


def test_a_front_matter_episode_field_in_words_is_the_title_when_there_is_no_title() -> None:
    episode = parse(NAMED_EPISODE_PAGE)
    assert episode.title == "Transcript Episode 9 Lena Park"
    assert [(s.start, s.speaker) for s in episode.segments] == [(0.0, "Ana"), (20.0, "Lena")]
    # A title field, where there is one, is still the title; a bare number is still the episode's number.
    titled = parse(NAMED_EPISODE_PAGE.replace("permalink:", "title: Testing Legacy Code\npermalink:"))
    assert titled.title == "Testing Legacy Code"
    numbered = parse(NAMED_EPISODE_PAGE.replace('"Transcript Episode 9 Lena Park"', "9"))
    assert (numbered.title, numbered.episode_number) == (None, 9)
    # rustacean-station's pages point "episode:" at the episode's own file: a path, no title.
    pointed = parse(NAMED_EPISODE_PAGE.replace('"Transcript Episode 9 Lena Park"', "_episodes/interviews/2019-12-23-lena-park.md"))
    assert pointed.title is None


def test_a_date_field_that_holds_no_date_gives_the_episode_none() -> None:
    """A meeting tool's sample page (ramparte/teams-transcript-tool's shape, our words) writes
    `**Date:** Sample Meeting`: that was stored as the episode's date, and sorted as one."""
    from podsift.ingest import parse_source

    page = ("# Planning Call Transcript\n\n**Date:** Sample Meeting  \n**Participants:** Ann Lee, Bo Park\n\n"
            "---\n\n## Transcript\n\n**Ann Lee** (00:00:01)  \nHello both, shall we start?\n\n"
            "**Bo Park** (00:00:05)  \nYes, the numbers are in.\n\n**Ann Lee** (00:00:09)  \nGood, then we agree.\n")
    episode = parse_source("planning.md", page.encode())
    assert not isinstance(episode, str)
    assert episode.date is None and episode.extra["page_fields"]["Date"] == "Sample Meeting"
    dated = parse_source("planning.md", page.replace("Sample Meeting", "2024-03-05").encode())
    assert not isinstance(dated, str) and dated.date == "2024-03-05"


# A Jekyll site's interview (th-koeln-intia/ip-landgraf): each bold label coloured by a kramdown attribute
# list glued to it, a hard line break (two spaces), the words on the lines below. No one spoke, the
# "{: .class}" was words and each wrapped line of an answer was a turn of its own.
KRAMDOWN_LABELS = """---
layout: default
title: Werkstatt Interview
---

## Offene Werkstatt

**Interviewer:**{: .text-yellow-000}  
Guten Tag.

**Befragte:**{: .text-green-000}  
Guten Tag, ich erzähle kurz, wie der Alltag hier aussieht:
Morgens kommen die ersten Gäste und wir öffnen die Räume.
Am Nachmittag wird es dann meistens voll.

**Interviewer:**{: .text-yellow-000}  
Wer kommt denn so?
"""


def test_kramdown_attributes_after_bold_labels_are_no_words_and_the_labels_open_turns() -> None:
    episode = formats.parse(KRAMDOWN_LABELS, Episode(id="werkstatt"), "werkstatt.md")
    assert [(s.speaker, s.text[:15]) for s in episode.segments] == [
        ("Interviewer", "Guten Tag."), ("Befragte", "Guten Tag, ich "), ("Interviewer", "Wer kommt denn ")]
    assert "Am Nachmittag" in episode.segments[1].text
    assert not any("{:" in s.text for s in episode.segments)


# A Scrapbox page exported to Markdown (nishio/external_brain_in_markdown): each line of a dialogue opens
# with its speaker's icon as an HTML image, an aside as a list item, wiki links in double brackets. The
# image markup was words and segments were cut inside the tags.
ICON_DIALOGUE = """---
title: "対話のメモ"
---

<img src='https://scrapbox.io/api/pages/demo/bot/icon' alt='/demo/bot.icon' height="19.5"/>今日は何について話したいですか？
<img src='https://scrapbox.io/api/pages/demo/human/icon' alt='/demo/human.icon' height="19.5"/>[[読書会]]の進め方について
<img src='https://scrapbox.io/api/pages/demo/bot/icon' alt='/demo/bot.icon' height="19.5"/>その「読書会」は、どんな読書会ですか？
- <img src='https://scrapbox.io/api/pages/demo/mika/icon' alt='mika.icon' height="19.5"/>ここで話が広がり始めた
<img src='https://scrapbox.io/api/pages/demo/human/icon' alt='/demo/human.icon' height="19.5"/>毎週一章ずつ読む会です
"""


def test_speaker_icons_opening_lines_name_the_speakers_and_no_markup_is_words() -> None:
    episode = formats.parse(ICON_DIALOGUE, Episode(id="memo"), "対話のメモ.md")
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("bot", "今日は何について話したいですか？"), ("human", "読書会の進め方について"),
        ("bot", "その「読書会」は、どんな読書会ですか？"), ("mika", "ここで話が広がり始めた"),
        ("human", "毎週一章ずつ読む会です")]


# A German travel podcast's Jekyll page (wintermeyer/v2.reisepassnummer.de, whose theme alone carries a
# licence, so the lines are written here in its shape): "[00:03:23] Kind" over the words, "Kind" (child)
# naming a voice as "Frau" and "Mann" do. "Kind" heads a caption file's field ("Kind: captions"), so the
# child's every turn had gone to the speaker before, the label read as the first word ("Kind Ist ein…").
CHILD_VOICE = """---
title: "Podcasting für Reiseblogger"
---
## Transkription

[00:00:00] Stefan
Willkommen zu meinem Podcast. Heute sind wir auf dem Reisebloggercamp.

[00:00:40] Kind
Was ist das am Mikrofon?

[00:00:42] Stefan
Sag mal, wie das heißt.

[00:00:44] Kind
Ein Windschutz.

[00:00:46] Frau
Ein Puschel.

[00:00:48] Kind
Eine Maus?

[00:00:50] Stefan
Genau, eine Maus. So, dann fangen wir an.
"""


def test_a_recurring_voice_named_by_a_field_word_is_its_speaker_not_its_first_word() -> None:
    episode = formats.parse(CHILD_VOICE, Episode(id="reiseblogger"), "2018-04-16-podcasting.md")
    assert [(s.speaker, s.start, s.text) for s in episode.segments[1:4]] == [
        ("Kind", 40.0, "Was ist das am Mikrofon?"), ("Stefan", 42.0, "Sag mal, wie das heißt."),
        ("Kind", 44.0, "Ein Windschutz.")]
    assert not any(s.text.startswith("Kind ") for s in episode.segments)


# A Japanese audio blog's Astro pages (naomina121/naomina121-astro, without a licence, so the lines are
# written here in its shape): the video's captions kept in the front matter's `transcriptText` list, a
# caption line an item. Each line was a segment of its own, so a sentence broken across two
# ("話し" / "ていこうと思います。") could not be found by searching for it.
CAPTION_LIST = """---
title: '忘れる技術'
transcriptText:
""" + "".join(f"- time: '00:{k * 2:02d}'\n  text: ' {line}'\n" for k, line in enumerate([
    "こんにちは、ナオです。", "今日は記憶力について", "メインに話し", "ていこうと思います。", "まず記憶を定着させるのに",
    "最もいい比率というのが", "ありますと。", "知っている人も", "いるかもしれないですけど、", "一応説明させてください。",
    "インプット3割", "アウトプット7割です。"])) + "---\n"


def test_caption_lines_kept_in_front_matter_are_joined_into_sentences() -> None:
    episode = formats.parse(CAPTION_LIST, Episode(id="ep5"), "ep5.mdx")
    assert [(s.start, s.text) for s in episode.segments[:3]] == [
        (0.0, "こんにちは、ナオです。"), (2.0, "今日は記憶力についてメインに話していこうと思います。"),
        (8.0, "まず記憶を定着させるのに最もいい比率というのがありますと。")]
    assert episode.segments[-1].text == "インプット3割アウトプット7割です。"


def test_caption_lines_joined_after_full_width_punctuation_take_no_space() -> None:
    # The same pages: a line ends at "、" and the next opens with a number or a Latin word
    # ("完璧を求めすぎると、" / "1日経っても…"); Japanese puts no space there.
    page = "---\ntitle: '弱み'\ntranscriptText:\n" + "".join(
        f"- time: '00:{k * 2:02d}'\n  text: '{line}'\n" for k, line in enumerate(
            ["今回は私の弱みを", "暴露します。", "ただ今の段階で", "完璧を求めすぎると、", "1日経っても終わらないし、",
             "2日経っても終わらない。", "なので、ある程度", "妥協するところは", "妥協して", "います。"])) + "---\n"
    episode = formats.parse(page, Episode(id="ep6"), "ep6.mdx")
    assert [s.text for s in episode.segments] == [
        "今回は私の弱みを暴露します。", "ただ今の段階で完璧を求めすぎると、1日経っても終わらないし、2日経っても終わらない。",
        "なので、ある程度妥協するところは妥協しています。"]


def test_a_show_pages_notes_headings_name_no_one() -> None:
    # The PowerShell Podcast's episode pages (a Podbean-hosted show's Hugo site; their shape, our words):
    # notes under "Key Takeaways:", "Guest Bio:" and "Resource Links:", each alone on its line. "Guest Bio"
    # was read as a speaker of the paragraph under it, and then a link line's "Book Site Name:" as another.
    page = (
        '---\ntitle: "Hardening Directories with Jane Roe"\nepisode: 239\n---\n\n'
        "Andrew sits down with Jane Roe, a consultant of thirty years, to dig into what gets networks breached.\n\n"
        "Key Takeaways:\n\n- The common escalation paths are not sophisticated.\n- Isolation takes two policies together.\n\n"
        "Guest Bio:\n\nJane Roe is an architect at a security firm and has spoken at many conferences.\n\n"
        "Resource Links:\n\nModern Directories (book site): [example.org](http://example.org)\n\n"
        "Jane on LinkedIn: [linkedin.com/in/janeroe](https://www.linkedin.com/in/janeroe)\n"
    )
    episode = parse(page)
    assert not {s.speaker for s in episode.segments} - {None}
    assert "Jane Roe is an architect at a security firm" in " ".join(s.text for s in episode.segments)
