"""`podsift calibrate`: abstention fitted to the archive's own interview questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, DEMO, podsift

# Far from everything an interview archive about data work says, yet with no name the
# archive lacks: the default rule (meaning and word coverage, no calibration) answers it.
OFF_TOPIC = "What should I pack for a two-week hiking trip in the mountains?"
ON_TOPIC = "How should a freelance data engineer set the price of a project?"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty real DataTalks.Club interviews, embedded: enough questions to calibrate on."""
    pages = sorted(p for p in CORPUS.glob("*.md") if not p.name.startswith("_template"))[:20]
    db = tmp_path_factory.mktemp("calibrate") / "podsift.db"
    podsift("ingest", *map(str, pages), db=db)
    return db


def ask(db: Path, question: str) -> dict[str, object]:
    return json.loads(podsift("ask", question, "--json", db=db).stdout)


def test_calibrating_declines_what_the_archive_does_not_cover_and_still_answers_what_it_does(
    archive: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    podsift("backup", str(db), db=archive)
    assert not ask(db, OFF_TOPIC)["abstained"]  # the default rule answers it
    report = json.loads(podsift("calibrate", "--json", db=db).stdout)
    assert report["applied"] and report["model"] == "all-MiniLM-L6-v2" and report["questions"] >= 30
    assert 0.0 < report["false_abstention"] <= 0.06  # about 5% of the archive's own questions
    assert report["declined_elsewhere"] > report["false_abstention"]  # without their episode, far more
    declined = ask(db, OFF_TOPIC)
    assert declined["abstained"] and declined["support"] < report["threshold"]
    assert declined["closest_mentions"], "the closest mentions are still shown"
    answered = ask(db, ON_TOPIC)
    assert not answered["abstained"] and answered["citations"]
    # Search labels the same moments as the closest mentions, not as answers.
    searched = json.loads(podsift("search", OFF_TOPIC, "--json", db=db).stdout)
    assert searched["match"] == "closest" and searched["results"]
    assert json.loads(podsift("search", ON_TOPIC, "--json", db=db).stdout)["match"] == "answers"
    assert f"abstention: below a cosine of {report['threshold']:.3f}" in podsift("doctor", db=db).stdout
    # --off goes back to the default rule.
    podsift("calibrate", "--off", db=db)
    assert not ask(db, OFF_TOPIC)["abstained"]
    assert "abstention: the default rule" in podsift("doctor", db=db).stdout


def test_declining_a_smaller_share_of_the_archive_lowers_the_threshold(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    podsift("backup", str(db), db=archive)
    default = json.loads(podsift("calibrate", "--json", db=db).stdout)
    fewer = json.loads(podsift("calibrate", "--decline", "0.01", "--json", db=db).stdout)
    assert fewer["applied"] and fewer["questions"] == default["questions"]
    assert fewer["threshold"] < default["threshold"]
    assert fewer["false_abstention"] <= 0.02 < default["false_abstention"]
    # The last calibration is the one ask uses.
    assert f"abstention: below a cosine of {fewer['threshold']:.3f}" in podsift("doctor", db=db).stdout
    refused = podsift("calibrate", "--decline", "0.9", db=db, check=2)
    assert "--decline" in refused.stderr and "Traceback" not in refused.stderr


def test_a_threshold_belongs_to_the_model_it_was_measured_for(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    podsift("backup", str(db), db=archive)
    from podsift.store import open_store

    with open_store(db) as store:  # as if calibrated for another model, before a switch
        store.set_setting("abstention", json.dumps({"model": "some-other-model", "threshold": 0.99}))
    assert not ask(db, ON_TOPIC)["abstained"]
    assert "abstention: the default rule" in podsift("doctor", db=db).stdout


def test_too_small_an_archive_keeps_the_default_rule(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", str(DEMO / "ml-in-production.md"), db=db)  # one interview, embedded
    result = podsift("calibrate", db=db)
    assert "calibrating needs 30" in result.stdout and "Traceback" not in result.stderr
    unembedded = tmp_path / "lexical.db"
    podsift("ingest", "--no-embed", str(CORPUS / "becoming-data-freelancer.md"), db=unembedded)
    refused = podsift("calibrate", db=unembedded, check=2)
    assert "run `podsift embed` first" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_decline_with_off_is_refused_not_ignored(tmp_path: Path) -> None:
    """`calibrate --off --decline 0.1` went back to the default rule and said nothing of --decline."""
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO / "freelancing-in-data.srt"), db=db)
    result = podsift("calibrate", "--off", "--decline", "0.1", db=db, check=2)
    assert result.stderr.splitlines() == [
        "podsift: error: --off forgets the threshold and fits nothing: --decline has no use with it"
    ]
