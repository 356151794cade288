"""Markdown transcripts timed by bold clocks (``**[00:05]** words``), and pages that hold a talk twice:
a translation above, the timed original below.

The samples are faithful to the shapes of real pages whose repositories have no licence (a Taiwanese
archive of English podcasts, each page the Chinese translation over the English transcript; a German
podcast's pages; a conference talk's transcript), so the words here are written for the test.
"""

from __future__ import annotations

import pytest
from conftest import read, timeline

from podsift.model import SourceRejected

BILINGUAL_PAGE = """---
title: "Turning Cards into Grails - Interview with Ada"
show: "Waiting For Grails"
published: "2026-06-09"
language: zh-TW
---

# Turning Cards into Grails - Interview with Ada

> **節目**：Waiting For Grails  
> **來賓**：Ada (@ada)  
> **主持**：Will & Trin  
> **發布日期**：2026-06-09  
> **原始連結**：[Spotify](https://open.spotify.com/episode/x) · [節目頁](https://example.com/ep)

## 中文全文

好吧，大家好，歡迎大家收看另一集節目。

今天我們為大家準備了一期特別訪談。這是一次收藏家訪談。

是的，謝謝你邀請我。這是一種榮幸。

---

## 英文逐字稿（含時間戳）

**[00:00]** All right, hello and welcome everyone to another episode.

**[00:20]** We've got a special interview episode for you all today.

**[00:23]** It's a collector interview.

**[00:31]** Yeah, thanks for having me. It's an honour.
"""


def test_a_translation_above_a_timed_original_is_set_aside_and_each_turn_is_said_once() -> None:
    episode = read("transcript_zh-TW.md", BILINGUAL_PAGE)
    assert timeline(episode) == [
        (0.0, 20.0, None, "All right, hello and welcome everyone to another episode."),
        (20.0, 23.0, None, "We've got a special interview episode for you all today."),
        (23.0, 31.0, None, "It's a collector interview."),
        (31.0, None, None, "Yeah, thanks for having me. It's an honour."),
    ]
    assert episode.extra["translations"]["中文全文"].startswith("好吧，大家好")
    assert episode.extra["translations"]["中文全文"].count("\n\n") == 2  # its three paragraphs
    (note,) = [r.detail for r in episode.repairs if r.kind == "translations"]
    assert "4 timed lines" in note and "3 paragraphs under '中文全文'" in note
    # The quoted fields are the page's facts, and the page's title over it all is no chapter.
    assert episode.show == "Waiting For Grails"
    assert episode.extra["page_fields"]["來賓"] == "Ada (@ada)"
    assert not any("節目" in s.text or "Ada (@ada)" in s.text for s in episode.segments)
    assert episode.chapters == []


def test_quoted_fields_name_the_show_and_title_the_front_matter_leaves_out() -> None:
    page = BILINGUAL_PAGE.replace('show: "Waiting For Grails"\n', "").replace(
        "> **來賓**", "> **標題**：Cards and grails  \n> **來賓**"
    ).replace('title: "Turning Cards into Grails - Interview with Ada"\n', "")
    episode = read("transcript_zh-TW.md", page)
    assert episode.show == "Waiting For Grails"
    assert episode.title == "Cards and grails"
    assert [s.start for s in episode.segments] == [0.0, 20.0, 23.0, 31.0]


def test_quoted_speech_is_not_page_fields() -> None:
    page = """---
title: Ep 3
---

> **Host:** Welcome back to the show.
> **Guest:** Thanks for having me.
> **Host:** So, tell us about the book.
"""
    episode = read("ep3.md", page)
    assert "page_fields" not in episode.extra
    assert "Welcome back to the show." in " ".join(s.text for s in episode.segments)


def test_a_short_summary_in_another_script_is_not_a_translation() -> None:
    # A video digest: a Korean summary and key points above the English transcript it sums up.
    page = """---
title: YouTube Video CB6
---

## Summary

이 영상은 메시징 앱을 통해 이메일 확인을 수행하는 AI 개인 비서를 다룹니다.

보안 문제와 프롬프트 인젝션 공격 위험이 존재합니다.

설치 방법과 대응 방안을 상세히 다룹니다.

## Full Transcript

**[00:00]** Clawbot, or should I say Maltbot, has been blowing up all over
**[00:05]** the internet these last few days. It's your personal AI assistant that actually
**[00:10]** does things like check your inbox, book you a meeting, and much more, all through
**[00:15]** your favorite messaging app. It works with any model or any plan. Well, apart from
**[00:20]** this one, but it does have some potential security issues. I mean, the first time
"""
    episode = read("CB6.md", page)
    assert "translations" not in episode.extra
    assert "이 영상은" in episode.extra["show_notes"]
    assert [s.start for s in episode.segments] == [0.0, 5.0, 10.0, 15.0, 20.0]


def test_bold_clocks_time_the_words_after_them_and_are_no_words() -> None:
    # A podcast's page: show notes above "## Transcript", then a line a clock, hours and all.
    page = """---
title: "KI Effizienz"
language: "en"
---

# KI Effizienz

## Beschreibung

Was KI-Effizienz wirklich kostet.

## Transcript

**[00:00:00]** Welcome to Think Different, the podcast by Mark and Jens.

**[00:00:07]** Two technology-loving minds who do not just talk about it.

**[01:02:14]** Here you get clear perspectives.
"""
    assert timeline(read("059.md", page)) == [
        (0.0, 7.0, None, "Welcome to Think Different, the podcast by Mark and Jens."),
        # An hour's silence after ten words: they end after their words, not at the next clock.
        (7.0, 11.0, None, "Two technology-loving minds who do not just talk about it."),
        (3734.0, None, None, "Here you get clear perspectives."),
    ]
    # A talk's transcript with no page around it, a clock a line.
    talk = "\n".join(f"**[00:00:{s:02d}]** {w}" for s, w in [
        (0, "All right, good afternoon, everybody."), (4, "My name is Freddy."),
        (5, "I'm an AI frameworks engineer."), (8, "This is my colleague, and"),
    ])  # fmt: skip
    episode = read("talk.md", talk)
    assert [(s.start, s.text) for s in episode.segments][:2] == [
        (0.0, "All right, good afternoon, everybody."), (4.0, "My name is Freddy.")
    ]
    assert not any("**" in s.text or "[00" in s.text for s in episode.segments)


def test_a_bold_clock_alone_on_its_line_times_the_words_below_it() -> None:
    text = "**[00:00]**\nAgents are hungry for compute.\n\n**[00:12]**\nAnd we will have one eventually.\n\n" \
           "**[00:20]**\nThat is the plan.\n"  # fmt: skip
    assert timeline(read("talk.md", text)) == [
        (0.0, 12.0, None, "Agents are hungry for compute."),
        (12.0, 20.0, None, "And we will have one eventually."),
        (20.0, None, None, "That is the plan."),
    ]


INTERLEAVED = [
    ("**[00:00]** All right, hello and welcome everyone.", "好吧，大家好，歡迎大家。"),
    ("**[00:20]** We've got a special interview episode.", "今天我們為大家準備了一期特別訪談。"),
    ("**[00:23]** It's a collector interview.", "這是一次收藏家訪談。"),
    ("**[00:31]** **Ada** Yeah, thanks for having me.", "是的，謝謝你邀請我。"),
]


def test_a_translation_line_under_or_over_each_timed_line_is_set_aside() -> None:
    under = "\n\n".join(f"{timed}\n{translated}" for timed, translated in INTERLEAVED)
    over = "\n\n".join(f"{translated}\n{timed}" for timed, translated in INTERLEAVED)
    for text in (under, over):
        episode = read("ep.md", text)
        assert [(s.start, s.text) for s in episode.segments] == [
            (0.0, "All right, hello and welcome everyone."),
            (20.0, "We've got a special interview episode."),
            (23.0, "It's a collector interview."),
            (31.0, "Ada Yeah, thanks for having me."),
        ]
        assert episode.extra["translations"]["interleaved"].split("\n\n") == [t for _, t in INTERLEAVED]
        assert "4 lines in another script" in next(r.detail for r in episode.repairs if r.kind == "translations")


# A bilingual study copy of a podcast, no times: each "[Name]: " turn with its translation on the
# next line after "(中文): ", a long translation running on in paragraphs of its own. The guest's
# label gives his company in brackets, as written.
LABELLED = """[Lenny Rachitsky]: Used to have about 10 people full-time. Now you have 1.2 humans, 20 agents.
(中文): 过去曾有大约10名全职员工。现在只有1.2个人类员工和20个智能代理。

[Jason Lemkin (SaaStr)]: We have 10 desks that used to be go-to market people. We're done.
(中文): 我们有10张办公桌，过去是市场拓展人员的工位。彻底结束了。

[Lenny Rachitsky]: Lennybot.com.
(中文): Lennybot.com。

[Jason Lemkin (SaaStr)]: All the plays work. It's the playbooks that are kind of broken in the age of AI.
(中文): 所有打法都有效，只是在AI时代，整套打法有点失灵了。

而那些爆发式增长的企业——Vercel、Replit——它们面临海量需求。

[Lenny Rachitsky]: The business is doing very similarly to what it was when you had 10 humans.
(中文): 该业务的运营状况与您拥有10名员工时非常相似。
"""


def test_a_translation_line_under_each_labelled_turn_is_set_aside() -> None:
    episode = read("transcript_bilingual.txt", LABELLED)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Lenny Rachitsky", "Used to have about 10 people full-time. Now you have 1.2 humans, 20 agents."),
        ("Jason Lemkin (SaaStr)", "We have 10 desks that used to be go-to market people. We're done."),
        ("Lenny Rachitsky", "Lennybot.com."),
        ("Jason Lemkin (SaaStr)", "All the plays work. It's the playbooks that are kind of broken in the age of AI."),
        ("Lenny Rachitsky", "The business is doing very similarly to what it was when you had 10 humans."),
    ]
    kept = episode.extra["translations"]["interleaved"].split("\n\n")
    assert kept[2] == "(中文): Lennybot.com。" and kept[4].startswith("而那些爆发式增长的企业")
    assert "6 lines in another script between the 5 labelled turns" in next(
        r.detail for r in episode.repairs if r.kind == "translations")


def test_labels_alone_over_paragraphs_in_another_script_are_no_translation() -> None:
    text = "".join(f"{name}:\n{words}\n\n" for name, words in [
        ("Lenny Rachitsky", "过去曾有大约10名全职员工。"), ("Jason Lemkin", "我们有10张办公桌。"),
        ("Lenny Rachitsky", "该业务的运营状况非常相似。"), ("Jason Lemkin", "彻底结束了。")])  # fmt: skip
    episode = read("transcript.txt", text)
    assert [s.text for s in episode.segments] == ["过去曾有大约10名全职员工。", "我们有10张办公桌。", "该业务的运营状况非常相似。",
                                                  "彻底结束了。"]
    assert "translations" not in episode.extra


# A translation group's podcast script (shape of LCTT/LCRH's published and source Markdown): a header of
# "[#]: key: (value)" lines, a title underlined with "=", bold "time - name" labels ending in a full-width
# colon, names in <ruby> with the original as their reading, and the article's footer under a rule.
_LCTT_ZH = """[#]: collector: (someone)
[#]: translator: (someone)
[#]: subject: (A Show: Season 1: Old Machines)

《某播客》第一季（1）：旧机器
======

**00:00:30 - 旁白**：
那是一个机器很大的年代。<ruby>艾达·洛夫莱斯<rt>Ada Lovelace</rt></ruby>早就想到了程序。

**00:01:00 - Mina Park**：
欢迎收听本节目，我是主持人。

**00:01:30 - 旁白**：
故事从一间地下室开始。

--------------------------------------------------------------------------------

via: https://example.org/a-show/season-1/old-machines

作者：[某公司][a]
译者：[someone](https://example.org/someone)

本文由 某翻译组 原创编译

[a]: https://example.org
"""


def test_a_translated_podcast_script_reads_its_labels_title_and_leaves_out_its_header_and_footer() -> None:
    episode = read("old-machines.md", _LCTT_ZH)
    said = [(30.0, 60.0, "旁白", "那是一个机器很大的年代。艾达·洛夫莱斯早就想到了程序。"),
            (60.0, 90.0, "Mina Park", "欢迎收听本节目，我是主持人。"), (90.0, None, "旁白", "故事从一间地下室开始。")]
    assert (episode.title, timeline(episode)) == ("《某播客》第一季（1）：旧机器", said)


_LCTT_EN = """[#]: collector: (someone)
[#]: url: ( )

A Show: Season 7: Pages for Everyone
======
**00:04** - _Mina Park_

Long ago, scholars wrote to each other in one language.

**00:51** - _Omar Haddad_

And the web wanted one language too.

--------------------------------------------------------------------------------

via: https://example.org/a-show/season-7/pages

本文由 某翻译组 原创编译
"""


def test_an_untranslated_script_keeps_its_title_and_no_header_or_footer_as_speech() -> None:
    episode = read("pages.md", _LCTT_EN)
    said = [(4.0, "Mina Park", "Long ago, scholars wrote to each other in one language."),
            (51.0, "Omar Haddad", "And the web wanted one language too.")]
    assert episode.title == "A Show: Season 7: Pages for Everyone"
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == said


# Shape of a Jekyll post holding a film script with its translation (finddme/finddme.github.io): the front
# matter's '---' is never closed, and the post goes straight on into an HTML page with a table.
UNCLOSED_FRONT_MATTER = """---
title: Script_Detective_1.1
category: Language
tag: English


<html>
  <body>
    <p>The first scene, line by line.</p>
    <p>I walked into the station and nobody was there.</p>
  </body>
</html>
"""


def test_front_matter_never_closed_before_plain_html_is_read_up_to_its_last_field() -> None:
    # The whole page was refused: "front matter is never closed …; the file looks truncated".
    episode = read("2020-12-02-script.md", UNCLOSED_FRONT_MATTER)
    assert episode.title == "Script_Detective_1.1"
    assert [s.text for s in episode.segments] == [
        "The first scene, line by line.", "I walked into the station and nobody was there."]
    assert "'key: value' lines were read as it" in {r.kind: r.detail for r in episode.repairs}["unclosed_front_matter"]


def test_front_matter_cut_short_inside_its_fields_is_still_refused() -> None:
    with pytest.raises(SourceRejected, match="front matter is never closed"):
        read("cut.md", "---\ntitle: cut short\ntags:\n  - one\n\nsummary: and then\n")


# The same post's table (finddme/finddme.github.io): Time | the line | its Korean translation, the first
# minute counted in seconds ("12s"), a "-" where a sound has nothing to translate, phrases to learn highlighted.
SCRIPT_TABLE = """---
title: Script_Detective_1.2
category: Language


<html>
  <head>
    <style type="text/css">td { border: 1px solid #EEEEEE; }</style>
  </head>
  <body>
    <table style="border-collapse:collapse">
      <tr><th>Time</th><th>Subtitle</th><th>Translation</th></tr>
      <tr><td>12s</td><td>(DOOR SLAMS)</td><td>-</td></tr>
      <tr><td>1:05</td><td>MAYA: Where were you last night?</td><td>어젯밤에 어디 있었어요?</td></tr>
      <tr><td>1:09</td><td>TOM: At home, <span style="background-color:#EDDBD8">reading the paper</span>.</td><td>집에서 신문을 읽고 있었어요.</td></tr>
      <tr><td>1:14</td><td>MAYA: Nobody saw you there.</td><td>아무도 당신을 못 봤어요.</td></tr>
      <tr><td>1:20</td><td>TOM: Nobody ever does.</td><td>원래 아무도 못 봐요.</td></tr>
    </table>
  </body>
</html>
"""


def test_a_table_of_time_line_and_translation_reads_each_row_once_with_its_time() -> None:
    # Each row was two turns, the line and then its translation, and "12s" was a line of speech.
    episode = read("2020-12-03-script.md", SCRIPT_TABLE)
    assert [(s.start, s.speaker, s.text, s.directions) for s in episode.segments] == [
        (12.0, None, "", ["(DOOR SLAMS)"]),
        (65.0, "MAYA", "Where were you last night?", []),
        (69.0, "TOM", "At home, reading the paper.", []),
        (74.0, "MAYA", "Nobody saw you there.", []),
        (80.0, "TOM", "Nobody ever does.", []),
    ]
    assert "아무도 당신을 못 봤어요." in episode.extra["translations"]["interleaved"]
