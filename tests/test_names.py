"""Names instead of ids and slugs: episode titles and people, on real SQLite and PostgreSQL archives.

The archive holds real sources (a seed whose file name is a hash, the demo, DataTalks.Club
pages that give guests as slugs) and three small files written here: a Markdown transcript
with only a heading, a JSON transcript that writes its speaker's full name and one whose
guest is a slug with dashes.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, DEMO, REPO, archive_location, podsift, seed
from fastapi.testclient import TestClient

from podsift.file_titles import title_from_file_name
from podsift.web.app import ServerSettings, create_app

SEED_000 = seed("000")  # "000_582f84bb1ce279fd.txt": Host/Guest blocks with no title of their own
HASHED_MD = "5f2a9c0d1e3b4a6f.md"  # only a heading says what it is
# A talk on the same show that writes its speaker's full name, which the pages give as the slug "alexeygrigorev".
FULL_NAME = {
    "title": "Ten years of data teams",
    "show": "DataTalks.Club",
    "segments": [
        {"speaker": "Valeria", "startTime": 0.0, "endTime": 5.0, "body": "Welcome. Today I am the one asking."},
        {"speaker": "Alexey Grigorev", "startTime": 5.0, "endTime": 12.0,
         "body": "Thanks, Valeria. It is strange to be on this side of the microphone."},
    ],
}  # fmt: skip
# A guest whose slug splits at its dashes, spoken by first name.
DASHED = {
    "title": "Pricing a freelance project",
    "guests": ["priya-raman"],
    "segments": [
        {"speaker": "Jonas", "startTime": 0.0, "endTime": 4.0, "body": "So how do you price a project?"},
        {"speaker": "Priya", "startTime": 4.0, "endTime": 9.0, "body": "By the value to the client, not by the hour."},
    ],
}  # fmt: skip
HEX_ID = re.compile(r"[0-9a-f]{12,}")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("names")
    (folder / HASHED_MD).write_text("# Pricing with Priya\n\nAlice: Welcome to a talk about pricing models.\n\n"
                                    "Priya: Thanks, glad to be here to talk pricing.\n", encoding="utf-8")  # fmt: skip
    (folder / "grigorev-talk.json").write_text(json.dumps(FULL_NAME), encoding="utf-8")
    (folder / "pricing-chat.json").write_text(json.dumps(DASHED), encoding="utf-8")
    location = archive_location(request.param, request, folder)
    sources = [SEED_000, seed("003"), DEMO / "freelancing-in-data.srt", DEMO / "data-contracts-chat.txt",
               DEMO / "career-switch.json", DEMO / "ml-in-production.md", CORPUS / "data-team-roles.md",
               CORPUS / "algorithms-data-structures-for-engineers.md", folder / HASHED_MD, folder / "grigorev-talk.json",
               folder / "pricing-chat.json"]  # fmt: skip
    podsift("ingest", *map(str, sources), "--no-embed", db=location)
    return location


@pytest.fixture(scope="module")
def client(location: str) -> Iterator[TestClient]:
    with TestClient(create_app(ServerSettings(location, preload_model=False))) as client:
        yield client


def shown_text(page: str) -> str:
    """What a reader sees of a page: its text, without tags, links or scripts."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_titles_come_from_metadata_then_heading_then_a_readable_file_name(location: str) -> None:
    titles = {e["id"]: e["title"] for e in json.loads(podsift("episodes", "--json", db=location).stdout)}
    assert titles[SEED_000.stem] == "Episode 000"  # the hash in "000_582f84bb1ce279fd" is no title
    assert titles[seed("003").stem] == "Episode 003"
    assert titles["freelancing-in-data"] == "Freelancing in data"
    assert titles["data-contracts-chat"] == "Data contracts chat"
    assert titles["5f2a9c0d1e3b4a6f"] == "Pricing with Priya"  # its first heading
    assert titles["career-switch"] == "From teaching to analytics"  # the JSON's own title
    assert titles["data-team-roles"].startswith("Data Team Roles Explained")  # the page's front matter
    assert not [t for t in titles.values() if HEX_ID.search(t)], titles
    # The ids stay what they were: the file names.
    assert SEED_000.stem in titles and "5f2a9c0d1e3b4a6f" in titles
    report = podsift("report", SEED_000.stem, db=location).stdout
    assert "'Episode 000' made from the file name" in report


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Scaling Kafka [dQw4w9WgXcQ].en.vtt", "Scaling Kafka"),  # yt-dlp's subtitle download
        ("subtitles.en-US.srt", "Subtitles"),
        ("sponsor-inference.en-orig.vtt", "Sponsor inference"),
        ("node.js-in-production.vtt", "Node js in production"),  # not a language tag
        ("e03.de.srt", "E03"),
        ("en.vtt", "Untitled episode"),
    ],
)
def test_a_caption_files_language_tag_is_not_part_of_its_title(name: str, title: str) -> None:
    assert title_from_file_name(Path(name)) == title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("5_9.srt", "Season 5, Episode 9"),  # a show's download script: season_episode.srt
        ("5_999.srt", "Season 5, Episode 999"),
        ("2024_01.vtt", "2024-01"),  # a year and a month
        ("2024_01_25.vtt", "2024-01-25"),
        ("2024_01_25_keynote.vtt", "2024-01-25 keynote"),  # as "2024-01-25-keynote" reads
        ("18.03.26", "18.03.26"),  # a day, a month and a year, saved with no extension
        ("20240125.vtt", "2024-01-25"),  # a date as yt-dlp and recorders write it; was "Episode 20240125"
        ("20240125-interview-with-ana.vtt", "2024-01-25 interview with ana"),
        ("20241399.vtt", "Episode 20241399"),  # no such day: a running number
        ("042_2.srt", "Episode 042-2"),
        ("042-my-talk.srt", "Episode 042: My talk"),  # a running number before a title stays one
        ("003_intro.txt", "Episode 003: Intro"),
        ("1-google-speech-transcription.json", "Google speech transcription"),  # a pipeline's step, not episode 1
    ],
)
def test_a_file_name_of_numbers_or_of_a_pipeline_step_is_not_episode_n_colon_rest(name: str, title: str) -> None:
    assert title_from_file_name(Path("/archive/episodes") / name) == title


_SRT = "1\n00:00:06,687 --> 00:00:08,216\nBekah: Hello, and welcome\nto the podcast.\n\n2\n00:00:08,216 --> 00:00:12,400\nwhere we talk about {}.\n"
# A talk's folder as a transcription pipeline leaves it (a faithful sample of the shape; those files carry
# no licence): files named by step, the folder by the episode, Transcriber's file naming its recording.
_GOOGLE = {"name": "1649387111984830230", "done": True, "response": {"results": [{"alternatives": [{
    "transcript": "guten Morgen Thomas", "confidence": 0.88, "words": [
        {"startTime": "0.100s", "endTime": "0.700s", "word": "guten"},
        {"startTime": "0.700s", "endTime": "1s", "word": "Morgen"},
        {"startTime": "1s", "endTime": "1.600s", "word": "Thomas"}]}]}]}}  # fmt: skip
_SEGMENTS = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<data>\n" + "".join(
    f"\t<segment>\n\t\t<start>{a}</start>\n\t\t<end>{b}</end>\n\t\t<speaker>{who}</speaker>\n\t\t<text>{words}</text>\n"
    "\t</segment>\n" for a, b, who, words in (("0.47", "2.05", "A", "guten Morgen Thomas"),
                                             ("2.55", "3.44", "F", "guten Morgen Tim"))) + "</data>\n")  # fmt: skip
_TRS = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans scribe="someone" audio_filename="lnp232-der-boese-kleber-aus-deutschland" version="3">
<Speakers><Speaker id="spkA" name="Tim Pritlove"/><Speaker id="spkF" name="Thomas Lohninger"/></Speakers>
<Episode><Section type="report" startTime="0" endTime="25.07">
<Turn startTime="0" endTime="2.55" speaker="spkA"><Sync time="0"/>Guten Morgen Thomas</Turn>
<Turn startTime="2.55" speaker="spkF" endTime="25.07"><Sync time="2.55"/>Guten Morgen Tim</Turn>
</Section></Episode></Trans>
"""


def test_titles_from_names_that_say_which_episode_not_what_the_file_is(tmp_path: Path) -> None:
    (tmp_path / "5_9.srt").write_text(_SRT.format("Season 5"), encoding="utf-8")
    (tmp_path / "2024_01.srt").write_text(_SRT.format("January"), encoding="utf-8")
    (tmp_path / "s02e05-pricing.srt").write_text(_SRT.format("pricing"), encoding="utf-8")
    (tmp_path / "18.03.26").write_text(_SRT.format("the news"), encoding="utf-8")  # a date, saved with no extension
    # Beside talks of their own, a file named for what it is keeps its name: the folder names no one talk.
    (tmp_path / "transcript.srt").write_text(_SRT.format("nothing much"), encoding="utf-8")
    talk = tmp_path / "LNP232 Der böse Kleber aus Deutschland"
    talk.mkdir()
    (talk / "1-google-speech-transcription.json").write_text(json.dumps(_GOOGLE), encoding="utf-8")
    (talk / "2-diarization-with-text.xml").write_text(_SEGMENTS, encoding="utf-8")
    (talk / "final-transcribed.trs").write_text(_TRS, encoding="utf-8")
    output = tmp_path / "output"  # a folder that names no episode: the recording's name does
    output.mkdir()
    (output / "final-transcribed.trs").write_text(_TRS.replace("der-boese", "die-boese"), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path), "--no-embed", db=db)
    titles = {e["id"]: e["title"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)}
    # The season and episode a name gives are the episode's.
    for episode_id, numbers in (("5_9", [5, 9]), ("s02e05-pricing", [2, 5]), ("2024_01", [None, None])):
        shown = json.loads(podsift("show", episode_id, "--json", db=db).stdout)
        assert [shown["season"], shown["episode_number"]] == numbers, episode_id
    assert titles == {
        "5_9": "Season 5, Episode 9",  # was "Episode 5: 9"
        "s02e05-pricing": "S02E05 pricing",
        "2024_01": "2024-01",  # was "Episode 2024: 01"
        "18.03.26": "18.03.26",  # its id was "18.03"
        "transcript": "Transcript",
        "1-google-speech-transcription": "LNP232 Der böse Kleber aus Deutschland",  # was "Episode 1: Google speech …"
        "2-diarization-with-text": "LNP232 Der böse Kleber aus Deutschland",
        "final-transcribed": "LNP232 Der böse Kleber aus Deutschland",  # its recording's name, as the folder spells it
        "final-transcribed-2": "Lnp232 die boese kleber aus deutschland",  # was "Final transcribed"
    }, titles
    report = podsift("report", "final-transcribed-2", db=db).stdout
    assert "made from the name of its recording, 'lnp232-die-boese-kleber-aus-deutschland'" in report
    assert "its own name, 'final-transcribed.trs', says only what the file is" in report


def test_a_video_downloaders_file_name_gives_the_date_and_the_video(tmp_path: Path) -> None:
    # yt-dlp names its files "Title [id]" or, with an "%(upload_date)s_%(id)s" template,
    # "2014-08-07_twPNa5NhSfA": the id was dropped, so results could not play the video.
    (tmp_path / "2014-08-07_twPNa5NhSfA.srt").write_text(_SRT.format("the budget"), encoding="utf-8")
    (tmp_path / "Scaling Kafka [dQw4w9WgXcQ].en.srt").write_text(_SRT.format("Kafka"), encoding="utf-8")
    (tmp_path / "release_2024-01-02_notes.srt").write_text(_SRT.format("notes"), encoding="utf-8")
    # A Jekyll post's name opens with its day; an interview's may close with it.
    (tmp_path / "2018-10-29-e62-interview.srt").write_text(_SRT.format("a post"), encoding="utf-8")
    (tmp_path / "Interview with Danny - 2020-11-19.srt").write_text(_SRT.format("an interview"), encoding="utf-8")
    # "%(id)s" alone: the video; words run together or between dashes are no video's id.
    (tmp_path / "pN3jRihVpGk.srt").write_text(_SRT.format("a lesson"), encoding="utf-8")
    (tmp_path / "Ep-12-Intro.srt").write_text(_SRT.format("an intro"), encoding="utf-8")
    (tmp_path / "S1E03-Pilot.srt").write_text(_SRT.format("a pilot"), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path), "--no-embed", db=db)
    shown = {e["id"]: json.loads(podsift("show", e["id"], "--json", db=db).stdout)
             for e in json.loads(podsift("episodes", "--json", db=db).stdout)}  # fmt: skip
    facts = {k: (e["date"], e["youtube_id"]) for k, e in shown.items()}
    assert facts == {"2014-08-07_twPNa5NhSfA": ("2014-08-07", "twPNa5NhSfA"),
                     "Scaling-Kafka-[dQw4w9WgXcQ].en": (None, "dQw4w9WgXcQ"),
                     "release_2024-01-02_notes": (None, None),
                     "2018-10-29-e62-interview": ("2018-10-29", None),
                     "Interview-with-Danny---2020-11-19": ("2020-11-19", None),
                     "pN3jRihVpGk": (None, "pN3jRihVpGk"), "Ep-12-Intro": (None, None),
                     "S1E03-Pilot": (None, None)}, facts  # fmt: skip
    assert shown["pN3jRihVpGk"]["title"] == "YouTube video pN3jRihVpGk"
    assert "youtube.com/watch?v=dQw4w9WgXcQ" in podsift("search", "Kafka", db=db).stdout


def test_aws_transcribes_output_is_titled_by_its_job(tmp_path: Path) -> None:
    # AWS Transcribe saves every job as "asrOutput.json"; the job's name is the one its user chose.
    job = json.loads((REPO / "tests" / "data" / "real" / "aws-transcribe-edgarroman.json").read_text(encoding="utf-8"))
    (tmp_path / "asrOutput.json").write_text(json.dumps({**job, "jobName": "coventryeast"}), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / "asrOutput.json"), "--no-embed", db=db)
    assert [e["title"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)] == ["Coventryeast"]


def test_an_aligners_or_an_apis_output_is_titled_by_its_folder(tmp_path: Path) -> None:
    # Gentle writes "align.json"; a script saves Deepgram's answer as "deepgram_response.json". They
    # were titled "Align" and "Deepgram response".
    real = REPO / "tests" / "data" / "real"
    for folder, name, sample in (("Healthish with Emily and Nathan", "align.json", "aws-transcribe-edgarroman.json"),
                                 ("Pricing with Jane", "deepgram_response.json", "deepgram-captions-speakers.json")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes((real / sample).read_bytes())
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path), "--no-embed", db=db)
    titles = {e["id"]: e["title"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)}
    assert titles == {"align": "Healthish with Emily and Nathan", "deepgram_response": "Pricing with Jane"}


def test_zooms_fixed_file_names_are_titled_by_their_meeting(tmp_path: Path) -> None:
    # Zoom saves every meeting's captions as "meeting_saved_closed_caption.txt" and its cloud
    # transcript as "GMT…_Recording.transcript.vtt", in a folder of the date, time, topic and
    # meeting id. Both meetings were titled "Meeting saved closed caption", with one id between them.
    standup = tmp_path / "2024-03-05 10.02.11 Team Daily Standup 81234567890"
    brainstorm = tmp_path / "Brainstorm Session G3"
    for folder, said in ((standup, "How'd you like it?"), (brainstorm, "Let us list the ideas.")):
        folder.mkdir()
        (folder / "meeting_saved_closed_caption.txt").write_text(
            f"[Saar Moshiashvili] 13:32:23\n{said}\n\n[Ana Lee] 13:32:28\nIt can work.\n", encoding="utf-8")
    (brainstorm / "GMT20220412-055954_Recording.transcript.vtt").write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAna Lee: The recording starts.\n", encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(standup), str(brainstorm / "meeting_saved_closed_caption.txt"), "--no-embed", db=db)
    titles = sorted(e["title"] for e in json.loads(podsift("episodes", "--json", db=db).stdout))
    assert titles == ["Brainstorm Session G3", "Team Daily Standup"]


def test_labels_for_no_one_in_particular_or_for_two_at_once_are_not_people(tmp_path: Path) -> None:
    """Otter writes "Unknown Speaker"; talks and call-in shows have audience members and callers."""
    talk = tmp_path / "q-and-a.txt"
    talk.write_text("Jane Doe  0:00\nWelcome to the questions.\n\nUnknown Speaker  0:10\nCan you hear me?\n\n"
                    "Audience Member 2  0:20\nHow do you price the work?\n\nJane Doe  0:30\nBy the day, mostly.\n\n"
                    "Caller  0:40\nI run a small bakery.\n\nRaj Patel  0:50\nThen price by the project.\n\n"
                    "Jane Doe & Raj Patel  1:00\nExactly!\n\nJane Doe  1:05\nThank you all.\n",
                    encoding="utf-8")  # fmt: skip
    db = tmp_path / "podsift.db"
    podsift("ingest", str(talk), "--no-embed", db=db)
    (shown,) = json.loads(podsift("episodes", "--json", db=db).stdout)
    assert set(json.loads(podsift("show", shown["id"], "--json", db=db).stdout)["speakers"]) == {
        "Jane Doe", "Unknown Speaker", "Audience Member 2", "Caller", "Raj Patel", "Jane Doe & Raj Patel"}  # fmt: skip
    with TestClient(create_app(ServerSettings(str(db), preload_model=False))) as client:
        # Two people speaking at once are each themselves, not a third person.
        assert sorted(p["name"] for p in client.get("/api/people").json()) == ["Jane Doe", "Raj Patel"]


def test_a_slug_a_first_name_label_and_a_full_name_are_one_person(client: TestClient) -> None:
    everyone = client.get("/api/people").json()
    by_name: dict[str, dict[str, Any]] = {p["name"]: p for p in everyone}
    assert not {"alexeygrigorev", "Alexey", "tomasrivera", "marcellolarocca", "priya-raman"} & set(by_name), sorted(by_name)
    assert len([p for p in everyone if "Tomás" in (p["name"], *p["aliases"])]) == 1  # the label and the slug are one
    alexey = by_name["Alexey Grigorev"]
    # A guest by slug (data-team-roles), host by first name (algorithms...), speaker by full name (the JSON talk).
    assert (alexey["key"], alexey["slugs"], alexey["aliases"]) == ("alexeygrigorev", ["alexeygrigorev"], ["Alexey"])
    person = client.get("/api/people/alexeygrigorev").json()
    assert {e["id"] for e in person["episodes"]} == {"data-team-roles", "algorithms-data-structures-for-engineers",
                                                     "grigorev-talk"}  # fmt: skip
    evidence = " | ".join(alexey["evidence"])
    assert 'the slug "alexeygrigorev" is the name "Alexey Grigorev"' in evidence
    assert '"Alexey" in episode data-team-roles is its guest "alexeygrigorev"' in evidence
    assert "as its host" in evidence and "of DataTalks.Club" in evidence
    # The page's intro writes "Marcello La Rocca": the slug's letters, and where the surname starts.
    marcello = by_name["Marcello La Rocca"]
    assert (marcello["key"], marcello["slugs"], marcello["aliases"]) == ("marcellolarocca", ["marcellolarocca"],
                                                                         ["Marcello"])  # fmt: skip
    assert ('episode algorithms-data-structures-for-engineers writes the guest "marcellolarocca" as '
            '"Marcello La Rocca"') in marcello["evidence"]  # fmt: skip
    # No full name anywhere, and "tomasrivera" does not say where the surname starts: the label it speaks as.
    tomas = by_name["Tomás"]
    assert (tomas["key"], tomas["slugs"]) == ("tomasrivera", ["tomasrivera"])
    assert '"Tomás" in episode ml-in-production is its guest "tomasrivera": the only guest whose name begins so' in tomas["evidence"]
    # A slug with dashes splits reliably; the first name keeps the accents of the label, if any.
    priya = by_name["Priya Raman"]
    assert (priya["key"], priya["slugs"], priya["aliases"]) == ("priyaraman", ["priya-raman"], ["Priya"])
    assert by_name["Priya"]["key"] == "priya"  # the other episode's Priya is no guest of it: not joined
    # Maya hosts other shows and is no one's guest: she stays herself, joined to no one.
    assert by_name["Maya"]["key"] == "maya" and by_name["Maya"]["evidence"] == []
    # Any spelling finds the person.
    for spelling in ("Tomás Rivera", "tomas rivera", "tomasrivera", "Tomás"):
        assert client.get("/api/people/" + spelling).json()["name"] == "Tomás", spelling


def test_search_by_the_name_a_page_shows_finds_the_label_they_speak_under(location: str, client: TestClient) -> None:
    """People pages say "Priya Raman" and "Tomás Rivera"; their transcripts label them "Priya"
    and "Tomás". Filtering by the name shown finds their words, and only theirs: another
    episode's Priya is someone else."""

    def spoken(speaker: str) -> set[tuple[str, str]]:
        found = podsift("search", "pricing price client value thanks glad here", "--mode", "lexical", "-n", "20",
                        "--speaker", speaker, "--json", db=location)  # fmt: skip
        return {(h["episode_id"], h["speaker"]) for h in json.loads(found.stdout)["results"]}

    assert spoken("Priya Raman") == {("pricing-chat", "Priya")}
    assert spoken("priya raman") == spoken("priyaraman") == {("pricing-chat", "Priya")}
    assert spoken("Priya") == {("pricing-chat", "Priya"), ("5f2a9c0d1e3b4a6f", "Priya")}  # the label: both
    api = client.get("/api/search", params={"q": "feature store drift monitoring", "mode": "lexical",
                                            "speaker": "Tomás Rivera"}).json()  # fmt: skip
    assert api["results"] and {(h["episode_id"], h["speaker"]) for h in api["results"]} == {("ml-in-production", "Tomás")}
    unknown = client.get("/api/search", params={"q": "pricing", "mode": "lexical", "speaker": "Nobody Known"})
    assert unknown.status_code == 400 and unknown.json()["error"].startswith("no speaker 'Nobody Known' in the archive")


def test_episode_and_people_pages_show_names_not_slugs(client: TestClient) -> None:
    episode = client.get("/episodes/ml-in-production").text
    assert "with Tomás" in shown_text(episode) and "tomasrivera" not in shown_text(episode)
    assert client.get("/api/episodes/ml-in-production").json()["guest_names"] == ["Tomás"]
    marcello = shown_text(client.get("/episodes/algorithms-data-structures-for-engineers").text)
    assert "with Marcello La Rocca" in marcello and "marcellolarocca" not in marcello
    people = client.get("/people").text
    assert "Marcello La Rocca" in shown_text(people) and "Alexey Grigorev" in shown_text(people)
    assert not re.search(r"\b(tomasrivera|alexeygrigorev|marcellolarocca)\b", shown_text(people))
    assert 'href="/people/tomasrivera"' in people  # ids stay in the links
    person = client.get("/people/alexeygrigorev").text
    assert "<h1>Alexey Grigorev</h1>" in person and "speaks as Alexey" in shown_text(person)
    assert "Why these names are one person" in person and "as its host" in person
    assert "<h1>Tomás</h1>" in client.get("/people/tomasrivera").text
    seed_page = client.get(f"/episodes/{SEED_000.stem}").text
    assert "<h1>Episode 000</h1>" in seed_page


def test_the_cli_shows_names_and_its_json_keeps_the_slugs(location: str) -> None:
    shown = podsift("show", "ml-in-production", db=location).stdout
    assert "guests: Tomás" in shown and "tomasrivera" not in shown
    data = json.loads(podsift("show", "ml-in-production", "--json", db=location).stdout)
    assert (data["guests"], data["guest_names"]) == (["tomasrivera"], ["Tomás"])
    assert "guests: Marcello La Rocca" in podsift("show", "algorithms-data-structures-for-engineers", db=location).stdout
    # The name shown finds the guest's moments, accents and all.
    hits = json.loads(podsift("search", "shadow deployments", "--guest", "Tomás", "--mode", "lexical",
                              "--json", db=location).stdout)  # fmt: skip
    assert hits["results"] and {h["episode_id"] for h in hits["results"]} == {"ml-in-production"}
    first = podsift("search", "welcome", "--mode", "lexical", "--episode", SEED_000.stem, db=location).stdout
    assert "Episode 000" in first and "582f84bb1ce279fd ·" not in first


def test_a_markdown_export_names_the_guests_and_the_json_export_keeps_the_slugs(location: str, client: TestClient) -> None:
    page = podsift("export", "algorithms-data-structures-for-engineers", "--format", "md", db=location).stdout
    assert "guests:\n- Marcello La Rocca\n" in page and "marcellolarocca" not in page
    served = client.get("/api/episodes/ml-in-production/export.md").text
    assert "guests:\n- Tomás\n" in served and "tomasrivera" not in served
    data = json.loads(podsift("export", "ml-in-production", "--format", "json", db=location).stdout)
    assert data["guests"] == ["tomasrivera"]  # data for tools keeps the source's ids


def test_an_id_from_a_decomposed_file_name_is_typed_as_it_looks(tmp_path: Path) -> None:
    # macOS stores "Crème brûlée" as "e" + U+0300 and "u" + U+0302; a keyboard types "è" and
    # "û". An id kept decomposed looked right in `podsift episodes` and could not be typed.
    name = unicodedata.normalize("NFD", "Crème brûlée chat.srt")
    (tmp_path / name).write_text(_SRT.format("dessert"), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / name), "--no-embed", db=db)
    assert json.loads(podsift("show", "Crème-brûlée-chat", "--json", db=db).stdout)["title"]
    # Ingesting it again updates that episode, not a second one.
    assert "updated" in podsift("ingest", str(tmp_path / name), "--no-embed", "--json", db=db).stdout
    assert [e["id"] for e in json.loads(podsift("episodes", "--json", db=db).stdout)] == ["Crème-brûlée-chat"]


def test_an_id_an_older_podsift_kept_decomposed_is_found_as_typed(tmp_path: Path) -> None:
    # Archives made before ids were composed keep "Café" as "e" + U+0301: `podsift show` of what
    # a keyboard types said "no episode 'Café-talk' (did you mean 'Café-talk'?)".
    from podsift.ingest import parse_source, store_parsed
    from podsift.store import open_store

    db = tmp_path / "podsift.db"
    decomposed = unicodedata.normalize("NFD", "Café-talk")
    episode = parse_source("talk.srt", _SRT.format("coffee").encode())
    episode.id = decomposed
    with open_store(str(db)) as store:
        assert store_parsed(store, episode, new=True) is None
    shown = json.loads(podsift("show", "Café-talk", "--json", db=db).stdout)
    assert shown["id"] == decomposed
    assert "coffee" in podsift("export", "Café-talk", "--format", "srt", db=db).stdout
