"""The co-mention graph: entities, episodes and people as nodes; mentions and appearances as edges.

Edges:
- episode -> entity, kind "mentions", weight = mentions in that episode;
- person -> entity, kind "said", weight = mentions that person spoke;
- person -> episode, kind "appears_in", with the role (guest or speaker).
Two entities are co-mentioned when an episode points at both; graph tools derive that.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from podsift.people import people, person_key

if TYPE_CHECKING:
    import networkx as nx

    from podsift.store import Store

FORMATS = ("graphml", "json")


def build_graph(store: "Store") -> "nx.MultiDiGraph":
    import networkx as nx

    graph = nx.MultiDiGraph()
    for row in store.list_episodes():
        graph.add_node(f"episode:{row.id}", kind="episode", label=row.title or row.id)
    speaker_of: dict[str, str] = {}  # a person's key -> their node
    for person in people(store):
        node = f"person:{person.key}"
        graph.add_node(node, kind="person", label=person.name)
        for key in {person.key, *(person_key(a) for a in person.aliases)}:
            speaker_of[key] = node
        for appearance in person.appearances:
            graph.add_edge(node, f"episode:{appearance.episode_id}", kind="appears_in", role=appearance.role)
    mentions: Counter[tuple[str, str]] = Counter()
    said: Counter[tuple[str, str]] = Counter()
    for mention in store.all_mentions():
        entity = f"{mention.type}:{mention.entity}"
        if entity not in graph:
            graph.add_node(entity, kind=mention.type, label=mention.entity)
        mentions[(f"episode:{mention.episode_id}", entity)] += 1
        speaker = speaker_of.get(person_key(mention.speaker or ""))
        if speaker:
            said[(speaker, entity)] += 1
    for (episode, entity), n in mentions.items():
        graph.add_edge(episode, entity, kind="mentions", weight=n)
    for (speaker_node, entity), n in said.items():
        graph.add_edge(speaker_node, entity, kind="said", weight=n)
    return graph


def export_graph(store: "Store", fmt: str) -> str:
    """The graph as GraphML (for Gephi, yEd, Cytoscape) or node-link JSON (for D3 and friends)."""
    import networkx as nx

    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(FORMATS)}")
    graph = build_graph(store)
    if fmt == "json":
        data: Any = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1)
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8")
    return out.getvalue().decode("utf-8")
