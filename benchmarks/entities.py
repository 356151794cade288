"""Entity extraction against a hand-labelled sample: precision and recall of org/tool mentions.

    python benchmarks/entities.py [--corpus DIR] [--gold FILE] [--show-errors]

The whole corpus is ingested (so names the NER model alone found can be confirmed by a
second episode, as in real use), then the five labelled episodes are scored. The unit
is one entity named in one transcript item: (episode, item, entity). A gold name that is
an alias in the gazetteer counts as that entity. Types are scored separately.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)
import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dtc"
DEFAULT_GOLD = REPO / "benchmarks" / "data" / "entity_gold.jsonl"
GOALS = {"precision": 0.9, "recall": 0.7}
_FRONT = re.compile(r"^---[ \t]*\n(.*?)^---[ \t]*$", re.S | re.M)


def transcript_items(path: Path) -> list[dict]:
    front = _FRONT.search(path.read_text(encoding="utf-8"))
    assert front, path
    return yaml.load(front.group(1), Loader=yaml.CSafeLoader).get("transcript") or []


def item_of_segments(items: list[dict], segments: list) -> dict[int, int]:
    """Segment ordinal -> transcript item index, matching the spoken lines in order."""
    from rapidfuzz import fuzz

    spoken = [(i, str(it.get("line") or "")) for i, it in enumerate(items) if isinstance(it, dict) and it.get("line")]
    mapping, k = {}, 0
    for seg in segments:
        for j in range(k, min(k + 5, len(spoken))):
            if fuzz.ratio(seg.text[:300], spoken[j][1][:300]) > 60:
                mapping[seg.ordinal] = spoken[j][0]
                k = j + 1
                break
    return mapping


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()

    from podsift.entities.gazetteer import load_gazetteer, name_key
    from podsift.ingest import ingest
    from podsift.store import open_store

    gazetteer = load_gazetteer()

    def canonical(name: str) -> str:
        owners = gazetteer.by_key.get(name_key(name))
        return name_key(owners[0].entity.name) if owners else name_key(name)

    gold_rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    episodes = sorted({r["episode"] for r in gold_rows})
    gold = {(r["episode"], r["item"], canonical(r["entity"])): r for r in gold_rows}

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "entities.db") as store:
        t0 = time.perf_counter()
        ingest([args.corpus], store)
        seconds = time.perf_counter() - t0
        confirmed = {name_key(r.entity): r.type for r in store.entity_counts()}
        found: dict[tuple[str, int, str], dict] = {}
        unmapped = 0
        for episode_id in episodes:
            episode = store.get_episode(episode_id)
            assert episode is not None, f"{episode_id} was not ingested"
            to_item = item_of_segments(transcript_items(args.corpus / f"{episode_id}.md"), episode.segments)
            rows = store.conn.execute(
                "SELECT segment, entity, type, surface, how FROM mentions WHERE episode_id = ?", (episode_id,)
            ).fetchall()
            for segment, entity, kind, surface, how in rows:
                if kind not in ("org", "tool") or name_key(entity) not in confirmed:
                    continue
                if segment not in to_item:
                    unmapped += 1
                    continue
                found.setdefault((episode_id, to_item[segment], canonical(entity)),
                                 {"entity": entity, "type": confirmed[name_key(entity)], "surface": surface, "how": how})  # fmt: skip

    hits = gold.keys() & found.keys()
    precision = len(hits) / len(found) if found else 0.0
    recall = len(hits) / len(gold) if gold else 0.0
    typed = sum(found[k]["type"] == gold[k]["type"] for k in hits)
    by_how = Counter(found[k]["how"] for k in found)
    right_how = Counter(found[k]["how"] for k in hits)
    print(f"corpus ingested with entities in {seconds:.1f} s; scored {len(episodes)} labelled episodes")
    print(f"gold mentions {len(gold)}, found {len(found)}, right {len(hits)} (segments not aligned: {unmapped})")
    print(f"precision {precision:.3f} (goal {GOALS['precision']}), recall {recall:.3f} (goal {GOALS['recall']}), "
          f"F1 {2 * precision * recall / (precision + recall or 1):.3f}")  # fmt: skip
    print(f"type agrees on {typed}/{len(hits)} right mentions")
    for how in sorted(by_how):
        print(f"  {how:12} found {by_how[how]:4}  right {right_how[how]:4}")
    if args.show_errors:
        print("\nfalse positives:")
        for k in sorted(found.keys() - gold.keys()):
            print(f"  {k[0][:30]:30} {k[1]:4} {found[k]['entity']!r} ({found[k]['how']}, heard {found[k]['surface']!r})")
        print("\nmissed:")
        for k in sorted(gold.keys() - found.keys()):
            print(f"  {k[0][:30]:30} {k[1]:4} {gold[k]['entity']!r} {gold[k]['surfaces']}")
    met = precision >= GOALS["precision"] and recall >= GOALS["recall"]
    print("goals met" if met else "goals NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
