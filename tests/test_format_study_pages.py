"""Language learners' blog pages of podcast and TV transcripts (Jekyll and Hexo, Markdown).

The samples are faithful to the shapes of two Korean study blogs (their repositories state no
licence for the transcripts, so the words here are written for the test): a Freakonomics-style
script with ``SURNAME:`` labels, section breaks and vocabulary lists between turns, and a TV
clip's script with ``**Name** :`` over each turn's lines and the Korean translation quoted under them.
"""

from __future__ import annotations

from conftest import read

SCRIPT_PAGE = """---
title: "[No stupid questions] Episode 18 - script and note"
categories: study
published: false
---

DUBNER: If you're not a tiger parent, what kind of parent are you?

*      *      *

DUCKWORTH: I'm Angela Duckworth.

DUBNER: I'm Stephen Dubner.

DUCKWORTH + DUBNER: And you're listening to No Stupid Questions.

DUBNER: Today on the show: do bratty kids become bratty adults?

Also: what makes a good friendship?

DUCKWORTH: We remember the same advert.

*      *      *

Stephen J. DUBNER: Angela, I have a question from a listener.

Angela DUCKWORTH: Of course.

DUBNER: She writes to say, "It's an ongoing debate I have with my husband."

- write to say
- ongoing debate I have with
- bratty

DUCKWORTH: I think it's a great question.
"""


def test_a_scripts_labels_section_breaks_and_vocabulary_lists() -> None:
    episode = read("nsq-18.md", SCRIPT_PAGE)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Stephen J. DUBNER", "If you're not a tiger parent, what kind of parent are you?"),
        ("Angela DUCKWORTH", "I'm Angela Duckworth."),
        ("Stephen J. DUBNER", "I'm Stephen Dubner."),
        ("DUCKWORTH + DUBNER", "And you're listening to No Stupid Questions."),
        ("Stephen J. DUBNER", "Today on the show: do bratty kids become bratty adults?"),
        ("Stephen J. DUBNER", "Also: what makes a good friendship?"),
        ("Angela DUCKWORTH", "We remember the same advert."),
        ("Stephen J. DUBNER", "Angela, I have a question from a listener."),
        ("Angela DUCKWORTH", "Of course."),
        ("Stephen J. DUBNER", "She writes to say, \"It's an ongoing debate I have with my husband.\""),
        ("Angela DUCKWORTH", "I think it's a great question."),
    ]
    assert episode.extra["notes"] == ["- write to say\n- ongoing debate I have with\n- bratty"]


def test_a_list_a_turn_announces_is_that_turns_words_not_notes() -> None:
    # An LLM-cleaned podcast page (a Hugo site in austery/thought-foundry-content's collection; its shape, our
    # words): a turn ending in a colon over a short list. The list went to the page's notes, lost from the turn.
    page = ("---\ntitle: Books\n---\n\n**Tim:** Can you tell us about your books?\n\n"
            "**Ben:** I've written two so far:\n\n* **Kettles at Scale**\n* **Tea for Teams**\n\n"
            "My focus lately has been tea.\n\n**Tim:** Thanks for joining us!\n")
    episode = read("books.md", page)
    assert "notes" not in episode.extra
    assert any("Kettles at Scale" in s.text and s.speaker == "Ben" for s in episode.segments)


def test_a_list_a_speaker_reads_in_a_page_of_unlabelled_paragraphs_stays_speech() -> None:
    page = ("---\ntitle: Talk\n---\n\nToday I want to share three things.\n\n"
            "- ship early\n- talk to users\n- sleep\n\nThat is all from me.\n")
    assert "ship early" in " ".join(s.text for s in read("talk.md", page).segments)


STUDY_PAGE = """---
title: Steven Yeun & Conan visit a Korean spa 본문/해석
date: 2018-05-12 13:24:39
---

<iframe width="640" height="360" src="https://www.youtube.com/embed/k70xBg8en-4" frameborder="0" allowfullscreen></iframe>  

# 본문
**Conan** :  
I care passionately about my health.  
Come on in here.  
> 저는 제 건강에 열정적이에요.  
이리 들어오세요.  

**Steven** :  
Hi.  
> 안녕하세요.  

**Conan** :  
Are you ok?  
> 괜찮으세요?  

**staff** :  
Here are your shorts.  
> 여기 반바지요.  

(One man sat down between them)  
> (한 남자가 둘 사이에 앉음)  

**nude man1** :  
Yes, it is fun.  
> 네, 재밌네요.  

nude man1 ;  
I wanna watch.  
> 보고싶네요.  

**Jonathan** :  
Why don't you head over to the 찜질방?  
> 찜질방을 가보시는게 어떠세요?  

# 어휘
1. aroused : 흥분한
1. authentic : 진짜의
1. mingle : 사람들과 어울리다  
"""


def test_a_study_pages_turns_translations_directions_video_and_vocabulary() -> None:
    episode = read("spa.md", STUDY_PAGE)
    assert episode.youtube_id == "k70xBg8en-4"
    assert [(s.speaker, s.text, s.directions) for s in episode.segments] == [
        ("Conan", "I care passionately about my health. Come on in here.", []),
        ("Steven", "Hi.", []),
        ("Conan", "Are you ok?", []),
        ("staff", "Here are your shorts.", []),
        (None, "", ["(One man sat down between them)"]),
        ("nude man1", "Yes, it is fun.", []),
        ("nude man1", "I wanna watch.", []),
        ("Jonathan", "Why don't you head over to the 찜질방?", []),
    ]
    assert "안녕하세요." in episode.extra["translations"]["interleaved"]
    assert [c.title for c in episode.chapters] == ["본문", "어휘"]
    assert "1. aroused : 흥분한" in episode.extra["notes"][0]
