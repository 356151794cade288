"""Lexical moment search on both backends (a SQLite file, a PostgreSQL server): results, links, filters, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEMO, SEEDS, archive_location, podsift, seed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podsift.ingest import ingest
from podsift.search import Searcher, SearchError, SearchFilters, moment_url, parse_query
from podsift.store import Store, open_store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The demo and the seeds, on each backend."""
    location = archive_location(request.param, request, tmp_path_factory.mktemp("search"))
    store = open_store(location)
    ingest([DEMO, SEEDS], store)
    return store


@pytest.fixture(scope="module")
def searcher(store: Store) -> Searcher:
    return Searcher(store)


def test_a_moment_carries_episode_times_speaker_chapter_words_and_link(searcher: Searcher) -> None:
    (hit,) = searcher.search("Evidently reports drift", mode="lexical", limit=1)
    assert hit.episode_id == "ml-in-production"
    assert hit.episode_title == "ML in Production: Monitoring, Drift and Shadow Deployments"
    assert hit.speaker == "Tomás" and hit.chapter == "Monitoring and drift"
    assert hit.start is not None and hit.end is not None and hit.start < hit.end
    assert "<mark>Evidently</mark> <mark>reports</mark>" in hit.highlighted
    assert hit.url == f"https://www.youtube.com/watch?v=mlProdDemo1&t={int(hit.start)}"


def test_stemmed_matches_are_highlighted(searcher: Searcher) -> None:
    (hit,) = searcher.search("price freelancers", mode="lexical", limit=1)
    assert hit.episode_id == "freelancing-in-data"
    assert "<mark>pricing</mark>" in hit.highlighted.lower() or "<mark>price</mark>" in hit.highlighted.lower()


def test_links_fall_back_to_the_media_url_and_say_when_no_time_is_known() -> None:
    assert moment_url("abcdefghi-_", "https://x/a.mp3", 61.7) == "https://www.youtube.com/watch?v=abcdefghi-_&t=61"
    assert moment_url("abc", "https://x/a.mp3", 61.7) == "https://x/a.mp3#t=61.7"  # no YouTube id: 11 characters
    assert moment_url(None, "https://x/a.mp3#old", 61.7) == "https://x/a.mp3#t=61.7"
    assert moment_url(None, None, 61.7) is None
    assert moment_url("abc", None, None) is None


def test_flat_captions_are_found_with_estimated_times(searcher: Searcher) -> None:
    hits = searcher.search("Excel sheet million rows", mode="lexical", limit=3)
    captions = [h for h in hits if h.episode_id == seed("003").stem]
    assert captions and captions[0].time_estimated and captions[0].start > 60
    assert captions[0].url is None  # no media to link to
    assert not any(h.time_estimated for h in hits if h.episode_id != seed("003").stem)


def test_phrase_and_exclusion(searcher: Searcher) -> None:
    phrase = searcher.search('"shadow deployment"', mode="lexical", limit=20)
    assert phrase and all("shadow deployment" in h.text.lower() for h in phrase)
    without = searcher.search('"shadow deployment" -kubernetes', mode="lexical", limit=20)
    assert without and all("kubernetes" not in h.text.lower() for h in without)
    assert len(without) < len(phrase)


@pytest.mark.parametrize("typed", ["“shadow deployment”", "„shadow deployment“", "«shadow deployment»"])
def test_typographic_quotes_make_a_phrase_too(searcher: Searcher, typed: str) -> None:
    """Phones and word processors type “…”: the quoted words were searched one by one, so
    moments saying "shadow" alone came back too."""
    phrase = searcher.search(typed, mode="lexical", limit=20)
    assert phrase and all("shadow deployment" in h.text.lower() for h in phrase)
    assert len(phrase) == len(searcher.search('"shadow deployment"', mode="lexical", limit=20))


def test_a_query_typed_in_typographic_quotes_is_quoted_once_in_messages(searcher: Searcher) -> None:
    """The message wrapped the query in quotation marks again: No moments match ““xyzzy qwop””."""
    assert searcher.find("“xyzzy qwop”").message == "No moments match “xyzzy qwop”."
    assert searcher.find("xyzzy qwop").message == "No moments match “xyzzy qwop”."


@pytest.mark.parametrize(
    "filters, check",
    [
        (SearchFilters(episode="career-switch"), lambda h: h.episode_id == "career-switch"),
        (SearchFilters(speaker="maya"), lambda h: "Maya" in h.speakers),
        (SearchFilters(guest="Lavanya Gupta"), lambda h: h.episode_id == seed("001").stem),
        (SearchFilters(season=20), lambda h: h.episode_id == seed("001").stem),
        (SearchFilters(date_from="2023-01-01", date_to="2023-01-31"), lambda h: h.episode_id == seed("002").stem),
    ],
)
def test_filters(searcher: Searcher, filters: SearchFilters, check) -> None:  # type: ignore[no-untyped-def]
    hits = searcher.search("data", mode="lexical", limit=10, filters=filters)
    assert hits and all(check(h) for h in hits)


def test_one_episode_does_not_fill_the_page(searcher: Searcher) -> None:
    hits = searcher.search("model data team production", mode="lexical", limit=10)
    per_episode = [sum(h.episode_id == e for h in hits) for e in {h.episode_id for h in hits}]
    assert len(hits) == 10 and max(per_episode) <= 3
    focused = searcher.search("model data team production", mode="lexical", limit=10,
                              filters=SearchFilters(episode=seed("004").stem))  # fmt: skip
    assert len(focused) == 10


def test_a_filter_that_leaves_one_episode_fills_the_page_in_score_order(searcher: Searcher) -> None:
    # Before, the per-episode cap showed its 3 best moments and hid the rest, as --episode does not.
    season = SearchFilters(season=20)  # the seeds' one episode of season 20
    hits = searcher.search("data", mode="lexical", limit=10, filters=season)
    focused = searcher.search("data", mode="lexical", limit=10, filters=SearchFilters(episode=seed("001").stem))
    assert len(hits) == 10 and {h.episode_id for h in hits} == {seed("001").stem}
    assert [h.moment_id for h in hits] == [h.moment_id for h in focused]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_results_stay_in_score_order_with_an_episodes_further_moments_grouped_under_its_best(
    searcher: Searcher,
) -> None:
    # One episode holds most of the matches: before, its capped moments were dropped
    # or appended below weaker results from other episodes.
    hits = searcher.search("model data team production", mode="lexical", limit=3, per_episode=1)
    assert len(hits) == 3
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({h.episode_id for h in hits}) == len(hits)  # one result an episode, so...
    grouped = [h for h in hits if h.more]
    assert grouped  # ...the episode's other strong moments are under its best one
    for hit in grouped:
        assert {m.episode_id for m in hit.more} == {hit.episode_id}
        assert all(m.score <= hit.score for m in hit.more)
        # Each grouped moment outscored a result shown further down the list.
        assert all(m.score >= hits[-1].score for m in hit.more)
    shown = {h.moment_id for h in hits} | {m.moment_id for h in hits for m in h.more}
    assert len(shown) == len(hits) + sum(len(h.more) for h in hits)  # nothing shown twice
    # The count is of all of them ("+ 5 more" was said of 54): the first five are listed.
    hits = searcher.search("machine learning", mode="lexical", limit=5, per_episode=1)
    grouped = [h for h in hits if h.more]
    for hit in grouped:
        own = searcher.search("machine learning", mode="lexical", limit=500,
                              filters=SearchFilters(episode=hit.episode_id))  # fmt: skip
        stronger = [m for m in own if m.score >= hits[-1].score and m.moment_id != hit.moment_id]
        assert hit.more_total == len(stronger) and len(hit.more) == min(5, len(stronger))
    assert max(h.more_total for h in grouped) > 5


def test_nonsense_matches_no_moment(searcher: Searcher) -> None:
    result = searcher.find("xyzzy flibbertigibbet qwop", mode="lexical")
    assert result.match == "none" and result.hits == []
    assert result.message == "No moments match “xyzzy flibbertigibbet qwop”."
    found = searcher.find("feature store skew", mode="lexical")
    assert found.match == "answers" and found.hits


def test_a_misspelt_word_is_suggested_as_the_archive_spells_it(searcher: Searcher) -> None:
    offered = searcher.find("Evidentyl reports drift", mode="lexical")
    assert offered.suggestion == "Evidently reports drift" and not offered.corrected
    assert offered.to_json()["suggestion"] == "Evidently reports drift"
    # Typed as is, it matches nothing: the suggestion's moments are shown, and the message says so.
    instead = searcher.find("Kubernetis", mode="lexical")
    assert instead.corrected and instead.match == "answers" and instead.hits
    assert "<mark>Kubernetes</mark>" in instead.hits[0].highlighted
    assert instead.message == f"No moments match “Kubernetis”; showing {len(instead.hits)} moments for “Kubernetes”:"
    # Words run together, or one word typed as two, are written as the archive says them.
    assert searcher.find("how to run a shadowdeployment", mode="lexical").suggestion == "how to run a shadow deployment"
    assert searcher.find("pg vector or a vector database", mode="lexical").suggestion == "pgvector or a vector database"
    assert searcher.find("shadow deployment", mode="lexical").suggestion is None
    # A word of another language one letter from a stop word is not "corrected" into it.
    assert searcher.suggestion("Wie werde ich Datenwissenschaftlerin?") is None
    # Not typos: an English word the archive never says, an excluded word, a prefix, nonsense.
    for query in ("roaster", "drift -Kubernetis", "Kubernetis*", "xyzzy flibbertigibbet qwop"):
        assert searcher.find(query, mode="lexical").suggestion is None, query
    # A name typed with capitals inside is corrected only to a word the archive writes so:
    # "MLFlaw" is MLflow; "KuberNetis" is not Kubernetes, as "QLoRA" is not Quora.
    assert searcher.find("MLFlaw registry", mode="lexical").suggestion == "MLflow registry"
    assert searcher.find("KuberNetis pods", mode="lexical").suggestion is None


def test_ask_declining_an_unknown_name_offers_the_one_the_archive_says(store: Store) -> None:
    from podsift.answer import Asker

    answer = Asker(Searcher(store)).ask("How do you deploy a model to Kubernetis?")
    assert answer.abstained and answer.suggestion == "How do you deploy a model to Kubernetes?"
    assert answer.to_json()["suggestion"] == answer.suggestion
    assert Asker(Searcher(store)).ask("How do you deploy a model to Kubernetes?").suggestion is None


def test_british_and_american_spellings_find_each_other(searcher: Searcher) -> None:
    # The demo's guests write "realised" and "kilometres"; the seeds say "realized".
    realized = searcher.search("realized", mode="lexical", limit=10)
    assert {"<mark>realised</mark>", "<mark>realized</mark>"} <= {
        m for h in realized for m in ("<mark>realised</mark>", "<mark>realized</mark>") if m in h.highlighted
    }
    realised = searcher.search("realised", mode="lexical", limit=10)
    assert {h.moment_id for h in realised} == {h.moment_id for h in realized}
    (hit, *_) = searcher.search("kilometers", mode="lexical", limit=1)
    assert hit.episode_id == "ml-in-production" and "<mark>kilometres</mark>" in hit.highlighted


def test_a_prefix_that_is_no_word_of_its_own_finds_the_words_it_starts(searcher: Searcher) -> None:
    # "contr" is said nowhere; "contract", "contracts" are. The prefix matched, then its results
    # were dropped as "No moments match" because the bare prefix is not an indexed word.
    result = searcher.find("contr*", mode="lexical")
    assert result.match != "none" and result.hits
    assert all("<mark>contr" in h.highlighted.lower() for h in result.hits)
    assert searcher.find("zzqx*", mode="lexical").match == "none"


def test_semantic_mode_without_vectors_says_what_to_do(searcher: Searcher) -> None:
    assert searcher.default_mode() == "lexical"
    with pytest.raises(SearchError, match="podsift embed"):
        searcher.search("anything", mode="semantic")


@pytest.mark.parametrize(
    "query",
    ['"', '"unbalanced', "AND", "OR NOT", "NEAR(a b)", "*", "-", "--", "a*b", "(((", "col:val",
     "🙂🚀", "^start", "'", "\x00", "   ", "x" * 5000, "data " * 2000, "-data -model"],
)  # fmt: skip
def test_any_text_is_a_safe_query(searcher: Searcher, query: str) -> None:
    assert isinstance(searcher.search(query, mode="lexical"), list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_strings_never_raise(searcher: Searcher, query: str) -> None:
    hits = searcher.search(query, mode="lexical", limit=5)
    assert len(hits) <= 5


@given(st.text(alphabet=st.sampled_from(list('ab "-*()\'ANDORNEAR:^')), max_size=40))
@settings(max_examples=300, deadline=None)
def test_fts_syntax_soup_always_makes_a_valid_expression(query: str) -> None:
    expression = parse_query(query).fts()
    assert expression is None or expression.count('"') % 2 == 0


def test_cli_search_json_and_readable(tmp_path: Path) -> None:
    db = tmp_path / "podsift.db"
    podsift("ingest", "--no-embed", str(DEMO), db=db)
    hits = json.loads(podsift("search", "feature store skew", "--json", "-n", "2", db=db).stdout)["results"]
    assert len(hits) == 2
    assert set(hits[0]) >= {"episode_id", "episode_title", "start", "end", "speaker", "chapter",
                            "text", "highlighted", "url", "score"}  # fmt: skip
    assert hits[0]["episode_id"] == "ml-in-production"
    text = podsift("search", "feature store skew", "-n", "1", db=db).stdout
    assert "Tomás" in text and "ML in Production" in text and "youtube.com/watch?v=mlProdDemo1&t=" in text
    nonsense = podsift("search", "xyzzy flibbertigibbet qwop", db=db)
    assert nonsense.stdout.strip() == "No moments match “xyzzy flibbertigibbet qwop”."
    # A query that starts with "-" was taken for an unknown option, with nothing said of --.
    dashed = podsift("search", "-python day rate", db=db, check=2)
    assert "No such option: -p. A query with words that start with '-' goes last, after --, quoted whole:" in " ".join(
        dashed.stderr.replace("│", " ").split())
    assert '-- "-python day rate"' in " ".join(dashed.stderr.replace("│", " ").split())
    assert "1." in podsift("search", "-n", "1", "--", "-python day rate", db=db).stdout
    # An excluded word that starts with a short option's letter was read as that option:
    # `search day rate -gpt` said no guest is called "pt".
    for glued, reading in (("-gpt", "-gpt reads as --guest pt: for that, write -g pt."),
                           ("-nosql", "-nosql reads as --limit osql, which is not a number.")):  # fmt: skip
        said = " ".join(podsift("search", "day", "rate", glued, db=db, check=2).stderr.replace("│", " ").split())
        assert reading in said and f'-- "… {glued}"' in said and "Traceback" not in said
    assert "1." in podsift("search", "-n1", "day rate", db=db).stdout  # a number glued to -n is one
    negative = podsift("search", "-n-5", "day rate", db=db, check=2).stderr  # it said "-5, which is not a number"
    assert "not a number" not in negative and "greater than or equal to" in " ".join(negative.replace("│", " ").split())
    assert "1." in podsift("search", "-n", "1", "--", "day rate -gpt", db=db).stdout
    # Words the archive has, and filters that leave none of it: the filters' doing, not the query's.
    later = podsift("search", "day rate", "--from", "2099-01-01", db=db)
    assert later.stdout.strip() == "No moments match “day rate” within these filters."
    nowhere = podsift("search", "zzzqqq", "--from", "2099-01-01", db=db)  # the words', not the filters'
    assert nowhere.stdout.strip() == "No moments match “zzzqqq”."
    answer = json.loads(podsift("search", "xyzzy flibbertigibbet qwop", "--json", db=db).stdout)
    assert answer["match"] == "none" and answer["results"] == []
    bad = podsift("search", "x", "--mode", "fuzzy", db=db, check=2)
    assert "unknown mode 'fuzzy'" in bad.stderr
    bad_date = podsift("search", "x", "--from", "last week", db=db, check=2)
    assert "--from wants a date like 2023-01-31" in bad_date.stderr
    no_day = podsift("search", "x", "--from", "2024-13-45", db=db, check=2)
    assert no_day.stderr.strip() == "podsift: error: --from '2024-13-45' is no day of the calendar"
    backwards = podsift("search", "x", "--from", "2024-01-01", "--to", "2023-01-01", db=db, check=2)
    assert backwards.stderr.strip() == ("podsift: error: --from (2024-01-01) is later than --to (2023-01-01): "
                                        "no date falls between them")  # it read "--'from' (…) is later than 'to'"
    for command in ("search", "ask"):
        blank = podsift(command, "  ", db=db, check=2)
        assert blank.stderr.strip() == "podsift: error: the query has no words: say what to look for"
        # Only words to leave out was answered "No moments match", as if they had been looked for.
        left_out = podsift(command, "--", "-pricing -rates", db=db, check=2)
        assert left_out.stderr.strip() == ("podsift: error: the query only leaves words out (-pricing -rates): "
                                           "say what to look for too")


# Chinese captions (written for this test): no spaces between words, so each character is
# searched as a word, and a query's characters find the moment that has them all.
CHINESE_SRT = """1
00:00:01,000 --> 00:00:04,000
大家好，欢迎收听本期节目。

2
00:00:04,500 --> 00:00:09,000
今天我们聊一聊机器人如何学习手眼协调。

3
00:00:09,500 --> 00:00:14,000
训练这个模型需要大量的数据。所以我们用了六台机器人。

4
00:00:14,500 --> 00:00:19,000
最后，我们谈谈生成对抗网络在模拟中的作用。
"""


def test_chinese_words_inside_unspaced_sentences_are_found_highlighted_and_answered(tmp_path: Path) -> None:
    (tmp_path / "robots.zh.srt").write_text(CHINESE_SRT, encoding="utf-8")
    db = tmp_path / "podsift.db"
    podsift("ingest", str(tmp_path / "robots.zh.srt"), str(DEMO / "freelancing-in-data.srt"), "--no-embed", db=db)
    found = json.loads(podsift("search", "手眼协调", "--mode", "lexical", "--json", db=db).stdout)
    assert found["match"] == "answers"
    best = found["results"][0]
    assert best["episode_id"] == "robots.zh" and "学习手眼协调" in best["text"]
    assert "<mark>手</mark><mark>眼</mark><mark>协</mark><mark>调</mark>" in best["highlighted"]
    answer = json.loads(podsift("ask", "为什么用了六台机器人？", "--json", db=db).stdout)
    # Sentences end at 。 with no space after it, and quoted ones join without one.
    assert not answer["abstained"] and answer["answer"].startswith("所以我们用了六台机器人。"), answer["answer"]
    # English in the same archive is split as before.
    english = json.loads(podsift("search", "price freelance work", "--mode", "lexical", "--json", db=db).stdout)
    assert english["results"][0]["episode_id"] == "freelancing-in-data"


def test_an_excluded_phrase_or_joined_word_is_excluded_whole(searcher: Searcher) -> None:
    """-"data engineering" was read as a phrase every result must say; -self-service excluded
    every moment saying "self", and -工程 every moment saying 工 (工作, work)."""
    import re

    from podsift.search.query import parse_query

    assert parse_query('kafka -"data engineering"').excluded == ["data engineering"]
    assert parse_query('kafka -"data engineering"').phrases == []
    assert parse_query("x -self-service").excluded == ["self service"]
    assert parse_query("-工程 团队").excluded == ["工 程"]
    rates = searcher.search("rate", mode="lexical", limit=50, per_episode=None)
    kept = searcher.search('rate -"day rate"', mode="lexical", limit=50, per_episode=None)
    assert any(re.search(r"\bday rates?\b", h.text, re.I) for h in rates)
    assert kept and not any(re.search(r"\bday rates?\b", h.text, re.I) for h in kept)
    assert len(kept) < len(rates)
