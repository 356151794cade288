"""People, organisations and tools: found at ingest, misheard names repaired, listed and exported."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, archive_location, podsift, seed
from hypothesis import given
from hypothesis import strategies as st

from podsift.entities.extract import MentionFinder
from podsift.entities.gazetteer import Gazetteer, GazetteerError, load_gazetteer, name_key
from podsift.entities.sounds import sound_key
from podsift.ingest import parse_source
from podsift.structure import add_structure


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeds_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The five seeds, ingested by the real command, on each backend."""
    location = archive_location(request.param, request, tmp_path_factory.mktemp("entities"))
    podsift("ingest", str(SEEDS), "--no-embed", db=location)
    return location


def mentions_of(name: str, db: str) -> dict:
    return json.loads(podsift("entity", name, "--json", db=db).stdout)


@pytest.mark.parametrize(
    ("name", "seed_prefix", "heard"),
    [
        ("Hugging Face", "000", "Hagen face"),
        ("hugging face", "000", "Hagen face"),  # any spelling of the name finds it
        ("DataTalks.Club", "000", "Data Rocks Club"),
        ("Omdena", "000", "Ontina"),
        ("Omdena", "000", "Adina"),
        ("Jupyter", "003", "Jupiter notebook"),
        ("NumPy", "000", "NM PAI"),  # not listed in the issue: "go like to NM PAI and try to see the structure of the code"
    ],
)
def test_misheard_names_resolve_to_the_real_entity(seeds_db: str, name: str, seed_prefix: str, heard: str) -> None:
    report = mentions_of(name, seeds_db)
    moments = [m for m in report["moments"] if m["episode_id"] == seed(seed_prefix).stem and m["surface"] == heard]
    assert moments, [(m["episode_id"], m["surface"]) for m in report["moments"]]
    moment = moments[0]
    assert heard in moment["text"] and moment["how"] == "sounds_like"
    assert moment["speaker"] and moment["start"] is not None
    assert name_key(report["name"]) == name_key(name)


def test_the_entity_command_reads_like_a_list_of_moments(seeds_db: str) -> None:
    out = podsift("entity", "Hugging Face", db=seeds_db).stdout
    assert out.startswith("Hugging Face (org): ")
    assert "heard as 'Hagen face'" in out and "Isabella" in out
    assert "Also named in those episodes:" in out
    missing = podsift("entity", "Hugging Fase", db=seeds_db, check=2)
    assert "no mention of 'Hugging Fase'" in missing.stderr and "'Hugging Face'" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_real_names_are_not_merged_into_lookalikes(seeds_db: str) -> None:
    """Precision first: "Tectonic" (a Denver firm) is not Tecton; "Robert's" (a speaker) is not RoBERTa."""
    listed = {e["name"] for e in json.loads(podsift("entities", "--json", db=seeds_db).stdout)}
    assert not {"Tecton", "RoBERTa", "Soda", "Athena"} & listed
    # WhatsApp is said plainly in seed 000; "What is" and "What was" never count as it.
    assert {m["surface"].lower() for m in mentions_of("WhatsApp", seeds_db)["moments"]} == {"whatsapp"}
    assert "no mention of 'Tecton'" in podsift("entity", "Tecton", db=seeds_db, check=2).stderr


def test_entities_lists_counts_by_type(seeds_db: str) -> None:
    orgs = json.loads(podsift("entities", "--type", "org", "--json", db=seeds_db).stdout)
    by_name = {e["name"]: e for e in orgs}
    assert {"DataTalks.Club", "Omdena", "Hugging Face", "Google"} <= set(by_name)
    assert all(e["type"] == "org" for e in orgs)
    omdena = mentions_of("Omdena", seeds_db)
    assert by_name["Omdena"]["mentions"] == len(omdena["moments"])
    assert by_name["Omdena"]["episodes"] == len({m["episode_id"] for m in omdena["moments"]}) == 2
    tools = json.loads(podsift("entities", "-t", "tool", "--json", db=seeds_db).stdout)
    assert {"Python", "Jupyter", "Apache Spark", "Excel"} <= {e["name"] for e in tools}
    table = podsift("entities", "--type", "tool", db=seeds_db).stdout
    assert "Python" in table and "mentions" in table
    bad = podsift("entities", "--type", "animal", db=seeds_db, check=2)
    assert "unknown type 'animal'" in bad.stderr


def test_a_type_the_archive_has_none_of_is_not_an_empty_archive(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", str(REPO / "demo" / "data-contracts-chat.txt"), "--no-embed", db=db)  # tools, no organisation
    assert "dbt" in podsift("entities", db=db).stdout
    orgs = podsift("entities", "--type", "org", db=db).stdout
    assert orgs.strip() == "No entities of type org; `podsift entities` lists those of the other types."


def test_search_by_entity(seeds_db: str) -> None:
    hits = json.loads(podsift("search", "course", "--entity", "Hugging Face", "--mode", "lexical", "--json",
                              db=seeds_db).stdout)["results"]  # fmt: skip
    assert hits and all(h["episode_id"] == seed("000").stem for h in hits)
    everything = json.loads(podsift("search", "course", "--mode", "lexical", "--json", "-n", "50", db=seeds_db).stdout)["results"]
    assert len(everything) > len(hits)
    surfaces = {m["surface"].lower() for m in mentions_of("Hugging Face", seeds_db)["moments"]}
    assert "hagen face" in surfaces
    for hit in hits:  # every moment found says the name, in one spelling or another
        assert any(surface in hit["text"].lower() for surface in surfaces), hit["text"][:200]


def test_a_spelling_the_transcripts_use_finds_its_entity(seeds_db: str) -> None:
    """`entity Kafka`, `search --entity Kafka` and /entities/Kafka were refused ("no moment
    names 'Kafka'") though the archive stores 36 mentions of Apache Kafka spelt so: only the
    canonical name was looked up. Here the seeds' "Hagen face" for Hugging Face."""
    report = mentions_of("Hagen face", seeds_db)
    assert report["name"] == "Hugging Face" and report == mentions_of("Hugging Face", seeds_db)
    found = json.loads(podsift("search", "course", "--entity", "hagen FACE", "--mode", "lexical", "--json",
                               db=seeds_db).stdout)["results"]  # fmt: skip
    named = json.loads(podsift("search", "course", "--entity", "Hugging Face", "--mode", "lexical", "--json",
                               db=seeds_db).stdout)["results"]  # fmt: skip
    assert found and found == named


def test_graph_exports_entities_episodes_and_people(seeds_db: str, tmp_path: Path) -> None:
    data = json.loads(podsift("graph", "--format", "json", db=seeds_db).stdout)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["org:Hugging Face"]["kind"] == "org"
    assert nodes[f"episode:{seed('000').stem}"]["kind"] == "episode"
    isabella = next(n for n in nodes.values() if n["kind"] == "person" and n["label"] == "Isabella")
    kinds = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert (f"episode:{seed('000').stem}", "org:Hugging Face", "mentions") in kinds
    assert (isabella["id"], f"episode:{seed('000').stem}", "appears_in") in kinds
    assert (isabella["id"], "org:Hugging Face", "said") in kinds or (isabella["id"], "org:Omdena", "said") in kinds
    target = tmp_path / "archive.graphml"
    podsift("graph", "--format", "graphml", "--output", str(target), db=seeds_db)
    root = ET.parse(target).getroot()
    assert root.tag.endswith("graphml") and len(root.findall(".//{*}node")) == len(nodes)
    assert "--format wants one of graphml, json" in podsift("graph", "--format", "dot", db=seeds_db, check=2).stderr
    # `--json`, before or after the command as everywhere, asks for the JSON graph (it was an
    # error after it, and GraphML before it); with -o it reports what was written.
    assert json.loads(podsift("graph", "--json", db=seeds_db).stdout) == data
    assert json.loads(podsift("--json", "graph", db=seeds_db).stdout) == data
    written = json.loads(podsift("graph", "-o", str(target), "--json", db=seeds_db).stdout)
    assert written == {"format": "graphml", "output": str(target), "bytes": target.stat().st_size}
    as_named = tmp_path / "archive.json"  # the file's name asks for JSON
    podsift("graph", "-o", str(as_named), "--json", db=seeds_db)
    assert json.loads(as_named.read_text(encoding="utf-8")) == data


def test_user_aliases_add_names_and_bad_files_say_why(tmp_path: Path, db_path: Path) -> None:
    aliases = tmp_path / "entities.yaml"
    env = {"PODSIFT_ENTITIES": str(aliases)}
    podsift("ingest", str(seed("003")), "--no-embed", db=db_path, env=env)
    assert podsift("entity", "Thinkful", db=db_path, env=env, check=2).returncode == 2
    aliases.write_text("- name: Thinkful\n  type: org\n- name: Python\n  aliases: [Py]\n", encoding="utf-8")
    podsift("entities", "--recompute", db=db_path, env=env)
    thinkful = json.loads(podsift("entity", "thinkful", "--json", db=db_path, env=env).stdout)
    assert thinkful["type"] == "org" and any(m["how"] == "known" for m in thinkful["moments"])
    aliases.write_text("- name: Widget\n  type: gadget\n", encoding="utf-8")
    bad = podsift("ingest", str(seed("001")), "--no-embed", db=db_path, env=env, check=1)
    assert bad.stderr.strip() == f"podsift: error: {aliases}: entry 1 (Widget): type must be one of org, tool, person, place, not 'gadget'"
    aliases.write_text("- name: [unclosed\n", encoding="utf-8")
    bad = podsift("entities", "--recompute", db=db_path, env=env, check=1)
    assert str(aliases) in bad.stderr and "not readable YAML" in bad.stderr
    # The archive is as it was: one episode, still searchable by the earlier aliases.
    assert len(json.loads(podsift("episodes", "--json", db=db_path, env=env).stdout)) == 1


def test_cased_names_need_their_capitals_and_not_a_sentence_start() -> None:
    gazetteer = Gazetteer([{"name": "Apache Spark", "type": "tool", "aliases": ["Spark"], "cased": ["Spark"]},
                           {"name": "Python", "type": "tool"}])  # fmt: skip
    finder = MentionFinder(gazetteer, ner=False)
    from podsift.model import Episode

    episode = Episode(id="x")
    episode.add_segment("We run Spark jobs in python. Spark is fast. That was the spark of it.", start=0.0)
    episode.add_segment("Data bricks? No: Py thon, and pyspark.", start=5.0)
    found = [(m.segment, m.entity, m.surface) for m in finder.find(episode)]
    assert (0, "Apache Spark", "Spark") in found and (0, "Python", "python") in found
    assert sum(1 for s, e, _ in found if e == "Apache Spark" and s == 0) == 1  # not the sentence start nor "spark"
    assert (1, "Python", "Py thon") in found


@given(st.text(alphabet=st.characters(categories=["L", "Zs"]), max_size=30))
def test_sound_keys_ignore_case_and_spaces(text: str) -> None:
    assert sound_key(text) == sound_key(text.upper().replace(" ", "")) or not text.isascii()
    assert set(sound_key(text)) <= set("APTKFSNLRJX")


def test_seed_000_names_its_people_and_places() -> None:
    path = seed("000")
    episode = parse_source(str(path), path.read_bytes())
    assert not isinstance(episode, str)
    add_structure(episode)
    found = MentionFinder(load_gazetteer()).find(episode)
    places = {m.entity for m in found if m.type == "place"}
    assert {"France", "Marseille", "Loire"} <= places
    assert not any(m.entity == "Isabella" and m.type != "person" for m in found)


def test_a_broken_shipped_entry_is_named() -> None:
    with pytest.raises(GazetteerError, match=r"gazetteer: entry 2: every entry needs a name"):
        Gazetteer([{"name": "A", "type": "tool"}, {"type": "tool"}])
