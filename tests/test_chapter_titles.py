"""Generated chapter titles read like a person's: the question that opens a chapter, or its topic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from podsift.chapters import auto_chapters, chapter_titles, keyphrases, name_words, question_title
from podsift.model import Episode, Segment

DATA = Path(__file__).parent / "data" / "chapter_titles_healthcare.json"
# Words a listener never wants in a title: talk about talk, not a topic.
FILLER = {"happy", "understand", "yeah", "okay", "right", "actually", "basically", "stuff", "thing", "guess",
          "mean", "know", "really", "great", "cool", "fantastic", "awesome", "interesting", "question"}  # fmt: skip


@pytest.fixture(scope="module")
def healthcare() -> tuple[Episode, list[int]]:
    """The opening of a real DataTalks.Club episode, and where its human chapters begin."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    episode = Episode("healthcare")
    for turn in data["turns"]:
        episode.add_segment(turn["text"], speaker=turn["speaker"])
    return episode, [c["first_turn"] for c in data["chapters"]]


def spoken(episode: Episode) -> list[Segment]:
    return [s for s in episode.segments if s.text]


def test_a_chapter_opening_with_the_interviewers_question_is_titled_by_it(healthcare) -> None:
    episode, starts = healthcare
    titles = chapter_titles(spoken(episode), starts, name_words(episode.speakers))
    # "Before we go into our main topic ..., let's start with your background. Can you tell
    # us about your career journey so far?" (the human header: "Career Snapshot: ...").
    assert titles[1] == "Your career journey so far"
    assert titles[0] == "Introduction"  # "Hello, everyone. This week we'll talk about ..."


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("What does a data freelancer charge?", "What does a data freelancer charge"),
        ("So, I wanted to ask, what does a data freelancer charge?", "What does a data freelancer charge"),
        ("Can you tell us a bit about data governance?", "Data governance"),
        ("And Stefan, how did you get into data engineering after working as a developer for years?",
         "How did you get into data engineering"),
        ("I'm just wondering – how much time do you spend on teaching versus doing research?",
         "How much time do you spend on teaching"),
        ("Can you tell us what your typical work day looks like?", "What your typical work day looks like"),
        ("What is MLOps?", "What is MLOps"),
    ],
)  # fmt: skip
def test_questions_are_condensed_to_their_content(question: str, title: str) -> None:
    assert question_title(question, {"stefan", "alexey"}) == title


@pytest.mark.parametrize(
    "question",
    ["Why?", "What do you mean?", "Is that right?", "Okay, what do you think, Stefan?",
     "You said that you also teach an introductory course to Big Data, right?",  # a check, not a question
     "Stefan, how is Stefan doing?"],
)  # fmt: skip
def test_questions_without_a_topic_title_nothing(question: str) -> None:
    assert question_title(question, {"stefan", "alexey"}) is None


def test_titles_never_name_speakers_or_filler_nor_pair_single_words(healthcare) -> None:
    episode, starts = healthcare
    names = name_words(episode.speakers)
    assert names == {"alexey", "stefan"}
    for titles in (chapter_titles(spoken(episode), starts, names), [c.title for c in auto_chapters(episode, count=5)]):
        assert len(titles) == 5
        for title in titles:
            words = {w.lower() for w in re.findall(r"[\w'’]+", title)}
            assert not words & names, title
            assert not words & FILLER, title
            assert not re.fullmatch(r"\w+ and \w+", title, re.IGNORECASE), title  # "Hot dog and emails"
            assert not title.endswith("?") and title[0].isupper() and len(title.split()) <= 8, title


def test_keyphrases_leave_out_speakers_and_filler() -> None:
    text = ("Lindsey: Fantastic, happy to be here. Emma: Great. Lindsey, I understand you build data pipelines? "
            "Lindsey: Yeah, data pipelines with Airflow. Emma: Fantastic. Data pipelines break, right Lindsey?") * 3
    found = keyphrases(text, names=name_words(["Lindsey Smith", "Emma"]))
    assert found and "data pipelines" in [p.lower() for p in found]
    words = {w.lower() for p in found for w in p.split()}
    assert not words & {"lindsey", "emma", "fantastic", "happy", "understand", "great", "yeah"}


def test_an_episode_in_another_language_gets_no_stop_words_for_keyphrases_or_titles(tmp_path: Path) -> None:
    # Netflix's Spanish captions (glut23/webvtt-py, MIT): the keyphrases were "las, que, para, por,
    # era" and the generated titles English-tagged pairs ("Esta empresa and que"). Its own language's
    # stop words now count as filler, and titles are its most telling words.
    from conftest import podsift

    real = Path(__file__).parent / "data" / "real" / "netflix-sdh-bracket-names-webvtt-py.vtt"
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", "--no-entities", str(real), db=db)
    shown = json.loads(podsift("show", "--json", "netflix-sdh-bracket-names-webvtt-py", db=db).stdout)
    spanish_stop = {"las", "que", "para", "por", "era", "con", "una", "los", "del", "está", "esta", "ellos"}
    phrases = shown["summary"]["keyphrases"]
    assert len(phrases) == 5 and not {w.lower() for p in phrases for w in p.split()} & spanish_stop, phrases
    assert {"mujeres", "compañía"} & {p.lower() for p in phrases}, phrases
    titles = [c["title"] for c in shown["chapters"]]
    assert titles and all(c["generated"] for c in shown["chapters"])
    for title in titles:
        assert not {w.lower() for w in title.split()} & spanish_stop, title
        assert " and " not in title, title


def test_a_french_stop_word_elided_into_the_next_word_is_no_keyphrase() -> None:
    from podsift.words import foreign_stopwords

    text = ("Alors, qu'il s'agisse de machines virtuelles ou de conteneurs, c'est le système qui décide. "
            "On appelle ça un groupe, et qu'il tourne partout, c'est le but des conteneurs. ") * 4
    stop = foreign_stopwords(text)
    assert "que" in stop and "le" in stop  # told French
    found = [p.lower() for p in keyphrases(text, names=stop, limit=5)]
    assert "conteneurs" in found and not {"qu'il", "c'est"} & set(found), found


def test_thai_keyphrases_keep_their_vowel_and_tone_marks() -> None:
    # Python's \w has no Thai vowel or tone mark, so "แล้วก็นะครับ" was cut into "แล", "วก", "นะคร", "บ"
    # and a Thai podcast's keyphrases were such fragments ("แลต, นะคร, งอาย, นเร, มเมอร").
    text = ("สวัสดีค่ะคุณหมอค่ะ และนี่คือ สมองใส ใจสบาย Podcastร่วมดูแลสมอง และสุขภาพใจ "
            "แล้วก็นะครับ ชมรม สมองใส ใจสบาย ก่อตั้งขึ้นมาเพื่อดูแลผู้ป่วยสมองเสื่อมค่ะ ") * 3
    found = keyphrases(text, limit=5)
    assert "สมองใส ใจสบาย" in found, found
    said = set(text.split())
    assert all(word in said for phrase in found for word in phrase.split()), found  # whole, never a fragment


def test_a_word_of_a_letter_and_a_combining_mark_alone_gives_no_phrase_and_no_error() -> None:
    # "S̀" (a letter and a combining grave) stems to nothing: `podsift show` of a one-caption file
    # holding it fell over dividing by the phrase's zero stems (found by the hostile-input test).
    assert keyphrases("S\u0300") == []
