"""Moments: turn-sized passages a listener would jump to."""

from __future__ import annotations

from conftest import CORPUS, SEEDS, seed

from podsift.ingest import parse_source
from podsift.model import Episode
from podsift.moments import MAX_CHARS, MAX_SECONDS, build_moments


def parsed(path) -> Episode:  # type: ignore[no-untyped-def]
    episode = parse_source(str(path), path.read_bytes())
    assert isinstance(episode, Episode)
    return episode


def test_every_word_said_is_in_exactly_one_moment_in_order() -> None:
    for path in [*SEEDS.iterdir(), *sorted(CORPUS.glob("a*.md"))]:
        episode = parsed(path)
        moments = build_moments(episode)
        spoken = " ".join(s.text for s in episode.segments if s.text)
        assert " ".join(m.text for m in moments) == spoken, path.name
        assert [m.ordinal for m in moments] == list(range(len(moments)))


def test_moments_respect_the_size_limits() -> None:
    for path in [*SEEDS.iterdir(), *sorted(CORPUS.glob("b*.md"))]:
        for m in build_moments(parsed(path)):
            # One sentence can overrun a little; nothing is ever cut mid-word.
            assert len(m.text) <= MAX_CHARS + 60, (path.name, m.ordinal, len(m.text))
            if m.start is not None and m.end is not None:
                assert 0 <= m.end - m.start <= 300, (path.name, m.ordinal)


def test_long_monologue_is_split_and_interjections_are_folded_in() -> None:
    episode = Episode(id="talk")
    sentence = "Feature stores keep training and serving consistent across teams. "
    episode.add_segment(sentence * 40, start=0.0, end=240.0, speaker="Ana")
    episode.add_segment("Yeah.", start=240.0, end=241.0, speaker="Bo")
    episode.add_segment("So how do you test them?", start=241.0, end=245.0, speaker="Bo")
    moments = build_moments(episode)
    ana = [m for m in moments if m.speakers == ["Ana"]]
    assert len(ana) >= 3 and all(len(m.text) <= MAX_CHARS for m in ana)
    assert all(m.end - m.start <= MAX_SECONDS for m in ana)
    # Times inside the split monologue are estimated in order, not all the same.
    assert [m.start for m in ana] == sorted({m.start for m in ana})
    assert not any(m.text == "Yeah." for m in moments)
    assert "Yeah." in " ".join(m.text for m in moments)


def test_chapter_and_previous_turn_become_context() -> None:
    episode = parsed(seed("001"))
    moments = build_moments(episode)
    answer = next(m for m in moments if m.text.startswith("One project that stood out"))
    assert answer.chapter == "Lavanya’s journey from software engineer to AI researcher"
    assert "Do you remember any of the projects you did there?" in answer.context
    assert answer.speakers == ["Lavanya"]


def test_flat_captions_keep_order_without_times() -> None:
    moments = build_moments(parsed(seed("003")))
    assert len(moments) > 50
    assert all(m.start is None and m.end is None for m in moments)
    assert {s for m in moments for s in m.speakers} == {"Dodge McIntosh", "Robert Manriquez"}


def test_an_interjection_folded_into_an_answer_does_not_make_it_the_interjectors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # One moment in twenty of the dev archive held another speaker's "Yeah." or "Ok.": a search
    # for what the host said returned the guest's answers, with the host listed as their speaker.
    import json

    from conftest import podsift

    transcript = {"title": "Pricing", "segments": [
        {"speaker": "Host", "startTime": 0.0, "endTime": 6.0, "body": "How do you set a price for a new client?"},
        {"speaker": "Guest", "startTime": 6.0, "endTime": 20.0,
         "body": "I start from a day rate and count the days the project really takes."},
        {"speaker": "Host", "startTime": 20.0, "endTime": 21.0, "body": "Yeah."},
        {"speaker": "Guest", "startTime": 21.0, "endTime": 30.0, "body": "Then I add a margin for the meetings."},
    ]}  # fmt: skip
    (tmp_path / "pricing.json").write_text(json.dumps(transcript), encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / "pricing.json"), "--no-embed", db=db)

    def found(speaker: str) -> list[tuple[list[str], str]]:
        out = podsift("search", "day rate margin", "--mode", "lexical", "--speaker", speaker, "--json", db=db).stdout
        return [(r["speakers"], r["text"]) for r in json.loads(out)["results"]]

    assert sorted(found("Guest")) == [
        (["Guest"], "I start from a day rate and count the days the project really takes. Yeah."),
        (["Guest"], "Then I add a margin for the meetings."),
    ]
    assert found("Host") == []
