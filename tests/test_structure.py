"""Structure for raw transcripts: speaker names with evidence, generated chapters, key points."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SEEDS, archive_location, podsift, seed

from podsift.chapters import auto_chapters, boundaries, chapter_count
from podsift.model import Episode, Segment
from podsift.speakers import name_generic_speakers
from podsift.store import Store, open_store
from podsift.summary import summarize


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeds_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seeds on each backend."""
    db = archive_location(request.param, request, tmp_path_factory.mktemp("structure"))
    podsift("ingest", str(SEEDS), "--no-embed", db=db)
    return db


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_store(request: pytest.FixtureRequest, corpus_archive: Callable[..., str]) -> Iterator[Store]:
    """The seeds and the dev corpus on each backend (the template fails to ingest, on purpose)."""
    store = open_store(corpus_archive(request.param, request))
    yield store
    store.close()


def show(db: str, episode_id: str) -> dict:
    return json.loads(podsift("show", episode_id, "--json", db=db).stdout)


# --- speaker names ---------------------------------------------------------------------


def test_seed000_guest_is_named_isabella_and_the_host_stays_host(seeds_db: str) -> None:
    episode = show(seeds_db, seed("000").stem)
    assert episode["speakers"] == ["Host", "Isabella"]
    report = podsift("report", seed("000").stem, db=seeds_db).stdout
    line = next(row for row in report.splitlines() if "speaker_named" in row)
    # The evidence: which lines said the name.
    assert 'Guest named "Isabella"' in line and '(Host) says "Is it Isabella"' in line
    assert 'says "special guest today, Isabella' in line


def test_seed003_speakers_introduce_themselves(seeds_db: str) -> None:
    episode = show(seeds_db, seed("003").stem)
    assert episode["speakers"] == ["Dodge McIntosh", "Robert Manriquez"]
    report = podsift("report", seed("003").stem, db=seeds_db).stdout
    assert "My name is Dodge McIntosh" in report and "I'm Robert Manriquez" in report


def conversation(*turns: tuple[str, str]) -> Episode:
    episode = Episode("talk")
    for speaker, text in turns:
        episode.add_segment(text, speaker=speaker)
    return episode


def test_a_name_needs_two_clues_or_a_self_introduction() -> None:
    one_clue = conversation(("Host", "Welcome Maria."), ("Guest", "Hello."), ("Host", "Let's begin."))
    assert name_generic_speakers(one_clue) == {} and one_clue.speakers == ["Host", "Guest"]
    introduced = conversation(("Speaker 1", "Hi all."), ("Speaker 2", "Hi, my name is Maria Lopez and I build pipelines."))
    assert name_generic_speakers(introduced) == {"Speaker 2": "Maria Lopez"}
    assert introduced.repairs[-1].kind == "speaker_named" and "my name is Maria Lopez" in introduced.repairs[-1].detail


def test_clues_that_disagree_name_nobody() -> None:
    episode = conversation(("Host", "Our guest today is Maria. Is it Marta or Maria?"), ("Guest", "Yes."),
                           ("Host", "Welcome Anna."), ("Guest", "Thanks."))  # fmt: skip
    assert name_generic_speakers(episode) == {}


def test_real_names_are_never_replaced() -> None:
    episode = conversation(("Alexey", "Our guest today is Maria. Is it Maria or Mariia?"), ("Marcello", "Maria."))
    assert name_generic_speakers(episode) == {} and episode.speakers == ["Alexey", "Marcello"]


# --- chapters --------------------------------------------------------------------------


def test_raw_transcripts_get_generated_chapters_at_a_human_rate(seeds_db: str) -> None:
    episode = show(seeds_db, seed("000").stem)
    chapters = episode["chapters"]
    assert chapters and all(c["generated"] for c in chapters)
    per_hour = len(chapters) / (episode["duration"] / 3600)
    assert 10 <= per_hour <= 30
    assert all(c["title"] and c["title"] != "Untitled part" for c in chapters)
    starts = [c["start"] for c in chapters]
    assert starts == sorted(starts)


def test_human_chapters_are_kept(seeds_db: str) -> None:
    episode = show(seeds_db, seed("001").stem)
    assert episode["chapters"][0]["title"].startswith("Lavanya")
    assert not any(c["generated"] for c in episode["chapters"])
    result = podsift("chapters", seed("001").stem, "--recompute", db=seeds_db, check=2)
    assert "chapters a person wrote" in result.stderr


def test_chapters_command_and_recompute(seeds_db: str) -> None:
    listed = json.loads(podsift("chapters", seed("000").stem, "--json", db=seeds_db).stdout)
    assert listed and all(c["generated"] and len(c["points"]) <= 3 for c in listed)
    mentioned = podsift("entities", "--json", db=seeds_db).stdout
    assert json.loads(mentioned)
    again = json.loads(podsift("chapters", seed("000").stem, "--recompute", "--json", db=seeds_db).stdout)
    assert [c["title"] for c in again] == [c["title"] for c in listed]  # deterministic
    # Recomputing once dropped the episode's mentions: saving it replaced everything under it.
    assert json.loads(podsift("entities", "--json", db=seeds_db).stdout) == json.loads(mentioned)
    text = podsift("chapters", seed("000").stem, db=seeds_db).stdout
    assert "(generated)" in text and "keyphrases:" in text


def test_no_auto_chapters_when_asked(backend_db: str) -> None:
    db = backend_db
    podsift("ingest", str(seed("000")), "--no-embed", "--no-auto-chapters", db=db)
    assert show(db, seed("000").stem)["chapters"] == []


def test_boundaries_fall_where_the_topic_changes() -> None:
    food = [("Host", "What do you cook at home? Tell us about your kitchen and recipes.")] + [
        ("Guest", f"I cook pasta with tomato sauce, garlic and basil; the recipe {i} needs fresh basil.") for i in range(5)
    ]
    rockets = [("Host", "Let's switch to space. How do rocket engines reach orbit with liquid oxygen fuel?")] + [
        ("Guest", f"Rocket engines burn liquid oxygen and fuel; orbit needs speed, stage {i} separates.") for i in range(5)
    ]
    episode = conversation(*food, *rockets)
    assert boundaries([s for s in episode.segments], 2) == [6]
    chapters = auto_chapters(episode, count=2)
    assert [c.first_segment for c in chapters] == [0, 6] and all(c.generated for c in chapters)
    assert any(w in chapters[1].title.lower() for w in ("rocket", "oxygen", "orbit", "engine"))


def test_chapter_count_follows_duration() -> None:
    hour = Episode("x", duration=3600)
    assert chapter_count(hour, 400) == 25
    assert chapter_count(Episode("y"), 50) == 10  # no times: about 5 turns a chapter


# --- summaries -------------------------------------------------------------------------


def test_summaries_cite_only_existing_moments_on_every_dev_episode(corpus_store: Store) -> None:
    episodes = [e.id for e in corpus_store.list_episodes()]
    assert len(episodes) >= 160
    checked = 0
    for episode_id in episodes:
        episode = corpus_store.get_episode(episode_id)
        moments = corpus_store.episode_moments(episode_id)
        texts = {m.id: m.text for m in moments}
        summary = summarize(episode, moments)
        points = summary.points + [p for part in summary.chapters for p in part.points]
        for point in points:
            assert point.moment_id in texts, (episode_id, point)
            assert point.text in texts[point.moment_id], (episode_id, point.text)  # said in the cited moment
            assert "?" not in point.text
        if episode.segments and sum(bool(s.text) for s in episode.segments) > 20:
            assert 3 <= len(summary.points) <= 5, episode_id
            assert summary.keyphrases, episode_id
        checked += len(points)
    assert checked > 1000


def test_show_and_the_api_give_key_points(seeds_db: str) -> None:
    data = show(seeds_db, seed("004").stem)
    assert 3 <= len(data["summary"]["points"]) <= 5
    assert all({"text", "speaker", "start", "moment_id"} <= set(p) for p in data["summary"]["points"])
    text = podsift("show", seed("004").stem, db=seeds_db).stdout
    lines = text.splitlines()
    assert lines[0] == data["title"] and lines[lines.index("") + 1] == "Key points:"  # the header, then the points


# --- estimated times -------------------------------------------------------------------


def test_untimed_transcripts_get_estimated_times_marked_everywhere(seeds_db: str) -> None:
    episode = show(seeds_db, seed("003").stem)
    assert episode["times_estimated"] is True
    starts = [s["start"] for s in episode["segments"]]
    assert None not in starts and starts == sorted(starts) and starts[0] == 0.0
    words = sum(len(s["text"].split()) for s in episode["segments"])
    assert episode["duration"] == pytest.approx(words / 150 * 60, rel=0.01)  # 150 words a minute
    report = podsift("report", seed("003").stem, db=seeds_db).stdout
    assert "times_estimated: the source has no times; estimated from" in report
    timeline = podsift("show", seed("003").stem, db=seeds_db).stdout
    assert "times estimated from word counts (~)" in timeline and "[~0:00] (pulsing music)" in timeline
    hits = json.loads(podsift("search", "Excel million rows", "--json", "-n", "1", db=seeds_db).stdout)["results"]
    assert hits[0]["time_estimated"] is True
    assert "~" in podsift("search", "Excel million rows", "-n", "1", db=seeds_db).stdout.splitlines()[0]
    answer = json.loads(podsift("ask", "how many rows can Excel handle", "--json", db=seeds_db).stdout)
    assert any(c["time_estimated"] and " @ ~" in c["label"] for c in answer["citations"])
    # Timed sources are never marked.
    assert show(seeds_db, seed("000").stem)["times_estimated"] is False


def test_estimates_fit_a_known_duration() -> None:
    from podsift.structure import estimate_times

    episode = Episode("x", duration=60.0)
    episode.add_segment("one two three", speaker="A")
    episode.add_segment("four five six seven eight nine", speaker="B")
    assert estimate_times(episode)
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 20.0), (20.0, 60.0)]
    timed = Episode("y")
    timed.add_segment("hello", start=3.0)
    assert not estimate_times(timed) and "times_estimated" not in timed.extra
    # Text with no words (what is left of control characters) has nothing to spread over the duration.
    blank = Episode("z", duration=60.0)
    blank.segments.append(Segment(0, None, None, "A", " "))
    assert not estimate_times(blank) and blank.segments[0].start is None


def test_a_last_turn_timed_by_its_start_only_ends_after_its_words(backend_db: str, tmp_path: Path) -> None:
    # Otter's text export times each turn's start; the last turn's end was its start, and the
    # episode's length fell short by the whole turn.
    otter = tmp_path / "otter.txt"
    otter.write_text("Alice Smith  0:00\nHello and welcome to the show.\n\nBob Jones  0:12\nThanks for having me.\n\n"
                     "Alice Smith  0:15\n" + "So tell me about your pipelines. " * 5 + "\n", encoding="utf-8")
    podsift("ingest", "--no-embed", str(otter), db=backend_db)
    episode = show(backend_db, "otter")
    assert [(s["start"], s["end"]) for s in episode["segments"]] == [(0.0, 12.0), (12.0, 15.0), (15.0, 27.0)]
    assert episode["duration"] == 27.0 and episode["times_estimated"] is False
    assert "last_end: the source times the last turn's start only" in podsift("report", "otter", db=backend_db).stdout


def test_a_stated_length_past_the_last_start_is_kept() -> None:
    from podsift.structure import end_last_turn

    episode = Episode("x", duration=90.0)
    episode.add_segment("Hello there.", start=0.0, end=5.0)
    episode.add_segment("The last words said.", start=65.0)
    episode.finish()
    assert not end_last_turn(episode) and episode.duration == 90.0 and episode.segments[-1].end is None


def test_unspaced_chinese_takes_its_characters_time_to_say() -> None:
    from podsift.moments import build_moments
    from podsift.structure import estimate_times

    # Untimed: each character is half an English word (about 5 said a second), not a sentence one word long.
    episode = Episode("zh")
    episode.add_segment("大家好，欢迎收听本期节目。", speaker="A")  # 11 characters
    episode.add_segment("今天我们聊一聊机器人如何学习手眼协调。", speaker="B")  # 18 characters
    episode.add_segment("Thanks, everyone.", speaker="A")
    assert estimate_times(episode)
    assert [(s.start, s.end) for s in episode.segments] == [(0.0, 2.2), (2.2, 5.8), (5.8, 6.6)]
    # A segment whose end is the next timed start, far off, ends where its words would:
    # 150 characters take 30 s to say, not the 10 s that 150 English letters take.
    timed = Episode("zh2")
    timed.add_segment("我们用了六台机器人因为训练这个模型需要大量的数据" * 6 + "。", start=0.0, end=100.0)  # 150 characters
    timed.add_segment("最后我们谈谈生成对抗网络。", start=100.0, end=103.0)
    timed.finish()
    first = build_moments(timed)[0]
    assert first.start == 0.0 and first.end is not None and 28 <= first.end <= 35


def test_a_shows_host_is_recognised_across_episodes(backend_db: str, tmp_path: Path) -> None:
    def episode(name: str, host: str, guest: str) -> None:
        data = {"title": name, "show": "Data Talks Weekly", "segments": [
            {"speaker": host, "startTime": 0, "endTime": 5, "body": "Welcome to the show. What do you work on these days?"},
            {"speaker": guest, "startTime": 5, "endTime": 20, "body": "I build data pipelines for a retailer, mostly batch jobs."},
        ]}  # fmt: skip
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")

    for n, guest in enumerate(["Ana", "Ben", "Chen"]):
        episode(f"ep{n}", "Alexey", guest)
    episode("ep3", "Host", "Guest")
    db = backend_db
    podsift("ingest", *(str(tmp_path / f"ep{n}.json") for n in range(3)), "--no-embed", db=db)
    podsift("ingest", str(tmp_path / "ep3.json"), "--no-embed", db=db)
    data = show(db, "ep3")
    assert data["speakers"] == ["Alexey", "Guest"]  # the guest is never guessed
    report = podsift("report", "ep3", db=db).stdout
    assert 'Host named "Alexey": Alexey speaks in 3 of the 3 other episodes' in report


def test_a_first_name_label_beside_one_full_name_is_that_speaker() -> None:
    from podsift.structure import add_structure

    episode = Episode("x")
    for speaker, text in [("Bekah Hawrot Weigel", "Welcome to the podcast."), ("Dan Ott", "Glad to be here."),
                          ("Bekah", "Let's talk about songs."), ("Dan", "Sure."), ("Dana", "Hi from Dana."),
                          ("Sam Lee", "Hello."), ("Sam Park", "Hi."), ("Sam", "Which Sam am I?")]:  # fmt: skip
        episode.add_segment(text, speaker=speaker)
    add_structure(episode, chapters=False)
    assert [s.speaker for s in episode.segments] == [
        "Bekah Hawrot Weigel", "Dan Ott", "Bekah Hawrot Weigel", "Dan Ott", "Dana", "Sam Lee", "Sam Park", "Sam",
    ]  # two full names start with "Sam": that one stays as it is
    assert [r.detail for r in episode.repairs if r.kind == "first_name_joined"][0] == (
        "1 segment labelled 'Bekah' is by 'Bekah Hawrot Weigel', the one full name in this episode that starts with it"
    )


def test_a_role_beside_a_full_name_it_starts_stays_its_own_speaker_after_ingest() -> None:
    # "Judge:" beside "Judge Smith:" was read apart by the parser and then joined at ingest, every
    # "Judge" turn given to Judge Smith; a first name still joins its full name in either order, and
    # a name with a handle in brackets (ethereum/pm's call notes) is a full name.
    from podsift.ingest import parse_source
    from podsift.structure import add_structure

    text = ("Judge Smith: Please be seated.\n\nJudge: Counsel, you may begin.\n\nAnn Lee: Thank you.\n\n"
            "Judge: Is there a survey?\n\nAnn Lee: There is.\n\nJudge: Then I will read it.\n\n"
            "Kirk: Who wrote the survey?\n\nKirk Shillingford: I did.\n\nDoctor Who: Hello.\n\nDoctor: Hi.\n")
    episode = parse_source("hearing.txt", text.encode())
    assert isinstance(episode, Episode)
    add_structure(episode, chapters=False)
    assert [s.speaker for s in episode.segments] == [
        "Judge Smith", "Judge", "Ann Lee", "Judge", "Ann Lee", "Judge", "Kirk Shillingford", "Kirk Shillingford",
        "Doctor Who", "Doctor"]  # fmt: skip
    handle = Episode("x")
    for speaker in ["Tim Beiko", "Dan", "Dan (danceratopz)", "Tim Beiko"]:
        handle.add_segment("Can you see my screen?", speaker=speaker)
    add_structure(handle, chapters=False)
    assert [s.speaker for s in handle.segments] == ["Tim Beiko", "Dan (danceratopz)", "Dan (danceratopz)", "Tim Beiko"]
    # Captions in capitals and a full name with an initial join at ingest as they did before the rule was shared.
    for full, short in (("MATT MERCER", "MATT"), ("Stephen J. Dubner", "Stephen")):
        joined = Episode("y")
        for speaker in [full, short, "Ann Lee", short]:
            joined.add_segment("Can you see my screen?", speaker=speaker)
        add_structure(joined, chapters=False)
        assert [s.speaker for s in joined.segments] == [full, full, "Ann Lee", full]


def test_two_people_speaking_at_once_are_no_full_name_for_either() -> None:
    # Critical Role's captions (roddds/critrole): "TRAVIS:" 343 times, "TRAVIS and ASHLEY:" 3. Every
    # "TRAVIS" turn went to the pair, as if it were his full name: 2,100 of 4,320 segments.
    from podsift.structure import add_structure

    episode = Episode("x")
    for speaker, text in [("MATT", "Welcome."), ("TRAVIS", "We play Dungeons & Dragons!"),
                          ("TRAVIS and ASHLEY", "Big boys!"), ("LAURA", "Hi."), ("TRAVIS", "Let's go."),
                          ("LAURA and MARISHA", "Yes!")]:  # fmt: skip
        episode.add_segment(text, speaker=speaker)
    add_structure(episode, chapters=False)
    assert [s.speaker for s in episode.segments] == [
        "MATT", "TRAVIS", "TRAVIS and ASHLEY", "LAURA", "TRAVIS", "LAURA and MARISHA"]  # fmt: skip
    assert "first_name_joined" not in {r.kind for r in episode.repairs}


def test_initials_as_a_label_beside_one_full_name_are_that_speaker() -> None:
    # An oral-history CSV (tests/data/real, MIT): "Devin Becker:" and "Kasey Mohammad:" open the
    # interview, "DB:" and "KM:" label the rest. Each speaker was two.
    from conftest import real

    from podsift.structure import add_structure

    episode = real("oral-history-as-data-csv-mohammad.csv")
    add_structure(episode, chapters=False)
    speakers = Counter(s.speaker for s in episode.segments)
    assert set(speakers) == {"Devin Becker", "Kasey Mohammad"} and min(speakers.values()) > 20
    assert any(r.detail.startswith("31 segments labelled 'DB' are by 'Devin Becker', the one full name in this "
                                   "episode that has these initials") for r in episode.repairs)  # fmt: skip
    # Initials two full names share stay as they are.
    shared = Episode("x")
    for speaker, text in [("Ana Ruiz", "Welcome."), ("Alan Reed", "Thanks."), ("AR", "Who am I?"), ("Bo Li", "Hi.")]:
        shared.add_segment(text, speaker=speaker)
    add_structure(shared, chapters=False)
    assert [s.speaker for s in shared.segments] == ["Ana Ruiz", "Alan Reed", "AR", "Bo Li"]


# A Thai podcast transcribed by WhisperX, its turns under "SPEAKER_00:" lines (the shape of a Thai
# transcript-chunking project's files; its words here are written for the test). Thai writes no
# spaces between words: a space ends a phrase.
THAI_TURNS = """SPEAKER_00:
สวัสดีค่ะคุณหมอค่ะ และนี่คือ สมองใส ใจสบาย Podcastร่วมดูแลสมอง และสุขภาพใจ

SPEAKER_01:
คือก่อนอื่นก็ต้องขอแนะนำตัวก่อนนะครับว่าผมเป็นจิตแพทย์นะครับแล้วก็เป็นจิตแพทย์ที่ดูแลผู้สูงอายุนะครับ

SPEAKER_00:
แล้วก็นะครับ ชมรม สมองใส ใจสบาย ก่อตั้งขึ้นมาเพื่อดูแลผู้ป่วยสมองเสื่อมค่ะ
"""


def test_thai_takes_its_letters_time_to_say() -> None:
    # Untimed Thai was timed by its space-separated words: a 34:48 episode (21,100 characters, 422
    # "words") showed ~2:48. A Thai, Lao, Khmer or Myanmar letter is now a third of a word.
    from conftest import read

    from podsift.structure import estimate_times
    from podsift.words import spoken_words

    episode = read("Podcast_01.txt", THAI_TURNS)
    assert [s.speaker for s in episode.segments] == ["Speaker 0", "Speaker 1", "Speaker 0"]
    assert estimate_times(episode)
    letters = sum(1 for c in THAI_TURNS if "\u0e00" <= c <= "\u0e7f" and c.isalpha())
    assert letters == 178
    # 178 letters at 7.5 a second, and the one word in Latin letters standing alone ("Podcast" is glued).
    assert episode.segments[-1].end == pytest.approx(letters / 7.5, abs=1.0)
    assert spoken_words("ສະບາຍດີ ជំរាបសួរ မင်္ဂလာပါ") > 3  # Lao, Khmer and Myanmar likewise
