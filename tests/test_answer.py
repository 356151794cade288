"""`ask`: extractive answers with checked citations, abstention, and the LLM path.

The LLM is the one outside service podsift talks to, so its tests use a small
OpenAI-compatible server on 127.0.0.1 (tests/llm_server.py); everything else is real:
the demo archive in SQLite, the MiniLM model, the `openai` client.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DEMO, SEEDS, archive_location, podsift
from llm_server import ChatServer

from podsift.answer import Asker, answer_kind, extractive
from podsift.answer.asker import RETRIEVE
from podsift.answer.llm import LLMAnswerer
from podsift.answer.sentences import moment_sentences
from podsift.config import LLMSettings
from podsift.embed import Embedder, embed_pending
from podsift.ingest import ingest
from podsift.model import Segment
from podsift.search import Searcher
from podsift.search.engine import MomentHit
from podsift.search.support import PHRASE_THRESHOLD, gather, name_phrases, names, support
from podsift.store import Store, open_store

QUESTIONS = [
    "how much should I charge a client",
    "how do I know if my model drifted",
    "why did the shadow deployment matter",
    "what is a data contract",
    "how do computers know two sentences mean the same thing",
]
LABEL = re.compile(r"\[[^\]]+ @ \d+:\d\d\]")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The embedded demo archive, on each backend."""
    location = archive_location(request.param, request, tmp_path_factory.mktemp("answer"))
    store = open_store(location)
    ingest([DEMO], store)
    embedder = Embedder()
    embed_pending(store, embedder)
    yield store
    store.close()


@pytest.fixture(scope="module")
def searcher(store: Store) -> Searcher:
    return Searcher(store)


@pytest.fixture
def server() -> Iterator[ChatServer]:
    chat = ChatServer()
    yield chat
    chat.close()


def llm(server: ChatServer, timeout: float = 10.0) -> LLMAnswerer:
    return LLMAnswerer(LLMSettings(server.base_url, "stand-in", "key", timeout))


# --- sentences -------------------------------------------------------------------------


def test_sentences_keep_their_own_speaker_and_time() -> None:
    segments = [
        Segment(4, 100.0, 110.0, "Maya", "So how do you price it? Hourly or fixed?"),
        Segment(5, 110.0, 130.0, "Jonas", "Fixed, mostly. It rewards me for being fast."),
    ]
    text = " ".join(s.text for s in segments)
    sentences = moment_sentences(7, text, segments)
    assert [(s.speaker, s.text) for s in sentences] == [
        ("Maya", "So how do you price it?"), ("Maya", "Hourly or fixed?"),
        ("Jonas", "Fixed, mostly."), ("Jonas", "It rewards me for being fast."),
    ]  # fmt: skip
    assert sentences[0].start == 100.0 and sentences[2].start == 110.0
    # Later sentences start later within their segment.
    assert 100.0 < sentences[1].start < 110.0 and 110.0 < sentences[3].start < 130.0


def test_a_title_or_vs_does_not_end_a_sentence() -> None:
    # Lines from two DataTalks.Club pages; a quote cut after "Dr." or "vs." reads as a fragment.
    turn = Segment(0, 0.0, 20.0, "Guest", "And the other one that I recommend is Mindset by Dr. Carol Dweck. "
                                         "It compares BI vs. ML vs. analytics, e.g. dashboards. Read it.")  # fmt: skip
    assert [s.text for s in moment_sentences(1, turn.text, [turn])] == [
        "And the other one that I recommend is Mindset by Dr. Carol Dweck.",
        "It compares BI vs. ML vs. analytics, e.g. dashboards.",
        "Read it.",
    ]


def test_a_moment_holding_only_the_tail_of_a_long_turn() -> None:
    turn = Segment(0, 0.0, 100.0, "Ana", "First part here. Second part here. Third part here.")
    tail = "Second part here. Third part here."
    sentences = moment_sentences(1, tail, [turn])
    assert [s.text for s in sentences] == ["Second part here.", "Third part here."]
    assert sentences[0].start is not None and sentences[0].start > 25.0


def test_untimed_transcripts_give_untimed_sentences() -> None:
    segments = [Segment(0, None, None, "Speaker 1", "Hello there. Welcome back.")]
    assert [s.start for s in moment_sentences(1, segments[0].text, segments)] == [None, None]


# --- extractive answers -----------------------------------------------------------------


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_citation_points_to_a_retrieved_moment(searcher: Searcher, question: str) -> None:
    asker = Asker(searcher)
    answer = asker.ask(question)
    retrieved = {h.moment_id: h for h in asker.retrieve(question)}
    assert len(retrieved) == RETRIEVE
    assert not answer.abstained and answer.answerer == "extractive"
    assert answer.sentences and answer.citations
    for citation in answer.citations:
        hit = retrieved[citation.moment_id]  # KeyError: cited something never retrieved
        assert (citation.episode_id, citation.start, citation.text) == (hit.episode_id, hit.start, hit.text)
    for sentence in answer.sentences:
        assert sentence.citations, sentence
        words = sentence.text.split(": ", 1)[-1]
        cited = [answer.citations[i] for i in sentence.citations]
        # The quoted words really are in the moment they cite.
        assert any(words in c.text for c in cited), (words, cited)
    assert len(LABEL.findall(answer.text)) == len(answer.sentences)
    assert len(LABEL.sub("", answer.text).split()) <= 120


def test_the_answer_leads_with_the_sentence_that_answers(searcher: Searcher) -> None:
    answer = Asker(searcher).ask("how much should I charge a client")
    lead = answer.sentences[0]
    assert lead.speaker == "Jonas"  # the freelancer answers; the host only asks
    assert "?" not in lead.text
    citation = answer.citations[lead.citations[0]]
    assert citation.episode_id == "freelancing-in-data"
    # The sentence keeps its own time: inside its moment, shown in the label.
    assert citation.start <= citation.at <= citation.end
    assert citation.label.startswith("[Freelancing in data @ ")


def test_a_question_asking_how_long_leads_with_the_sentence_that_says_how_long(searcher: Searcher) -> None:
    """The sentences sharing most of the question's words ("I loved teaching...") led; the one
    saying how long ("eight years") came third."""
    answer = Asker(searcher).ask("How long did Amara teach before analytics?")
    assert "eight years teaching maths" in answer.sentences[0].text


@pytest.mark.parametrize(
    ("question", "answering", "not_answering"),
    [
        ("Why did they pick a graph database?", "Because the visualisations help.", "We picked a graph database."),
        ("What caused the outage?", "It was due to a missing version pin.", "The outage was bad."),
        ("How much did the course cost?", "It was 12 euros.", "The course was great."),
        ("How many people built it?", "Three of us built it.", "We built it."),
        ("How many employees do they have?", "Around 20 people now.", "In late 2020, I joined them."),
        ("How often do you run the survey?", "I do that twice a year.", "We run a survey."),
        ("How long did the job search take?", "It took me until October.", "The job search was hard."),
        ("When did you start the podcast?", "We started in 2019.", "We started the podcast."),
        # "may" and "march" the verbs are no months.
        ("How long did the job search take?", "It lasted until May.", "You may want to search longer."),
        ("When did you start the podcast?", "We started in March.", "We march on, and you may too."),
        ("When is the launch?", "It is planned for September.", "The launch will be big."),
        ("When does the conference start?", "It starts in October.", "The conference is big."),
        ("When are you moving to Lisbon?", "We move after the summer.", "Lisbon is lovely."),
        # A length is asked too, and "in other words" gives none.
        ("How long is a good blog post?", "Aim for about 1,500 words.", "In other words, keep it short."),
        ("So why did you leave?", "Because I was bored.", "I left in the spring."),
        ("Can you explain why it failed?", "It was due to the load.", "It failed on Monday."),
        # "since 2019" says when, not why.
        ("Why did you move to Berlin?", "I moved since the rent was high.", "I have lived there since 2019."),
        ("Why did you move to Berlin?", "Since we had no money, we moved.", "We have grown since we launched."),
        ("Why did you move to Berlin?", "Because of the rent.", "It has been home since the 90s, since day one."),
        ("Why did you move to Berlin?", "Since the rent is high, we left.", "Since the merger, we have grown."),
        ("Why did you move to Berlin?", "We left since the rent went up.", "It has been quiet since the merger."),
        ("How much does WhyLabs cost per model?", "It is 50 dollars a model.", "It is priced per model."),
        # A quality named further on does not make a cause a quality.
        ("What makes it hard to hire good engineers?", "Because salaries are high.", "Good engineers are rare."),
        ("What caused the good results to fade?", "It was due to drift.", "The results were good."),
    ],
)
def test_a_question_asks_for_a_kind_of_answer(question: str, answering: str, not_answering: str) -> None:
    wanted = answer_kind.wanted(question)
    assert wanted is not None
    assert wanted(answering)
    assert not wanted(not_answering)


@pytest.mark.parametrize(
    "question",
    [
        "What does Tomás think about monitoring?",
        "When learning SQL, should you start with joins?",
        "Who hosts the show?",
        # Qualities, a degree and a condition: none is a reason, an amount or a time.
        "What makes a good data contract?",
        "What makes someone a great host?",
        "What makes Rust different from Go?",
        "How much does she care about tests?",
        # "payments", "billing": a word that begins as a verb that measures does not measure.
        "How much do you care about payments?",
        "How much does she worry about billing?",
        "When is retraining worth it?",
        "When is it better to fine-tune?",
        "How much do you make of that claim?",
        "When does fine-tuning make more sense than prompting?",
        "When does a model need retraining?",
    ],
)
def test_a_question_without_a_kind_of_answer_favours_no_sentence(question: str) -> None:
    assert answer_kind.wanted(question) is None


def _hit(moment_id: int, text: str, start: float, end: float) -> MomentHit:
    return MomentHit("pgvector-talk", "pgvector talk", start, end, "Ana", None, text, text, None, 1.0, ["Ana"],
                     moment_id)  # fmt: skip


def test_a_citation_plays_from_inside_the_moment_it_cites() -> None:
    """Inside a long segment the sentence's time and the moment's span are estimated apart:
    5 of 96 dev answers cited a time past their moment's end (link `&t=1951` for a moment
    ending at 1945.7), though the quoted words are in the moment."""
    from dataclasses import replace

    from podsift.answer.result import cite

    hit = replace(_hit(7, "We shipped it on a Friday.", 1926.0, 1945.7), url="https://youtu.be/x?t=1926")
    late, early, inside = cite(hit, "Ana", 1951.2), cite(hit, "Ana", 1900.0), cite(hit, "Ana", 1930.4)
    assert (late.at, late.url) == (1945.7, "https://youtu.be/x?t=1945")
    assert early.at == 1926.0 and inside.at == 1930.4


LEANING = "Then try pgvector first, before you add a separate vector database."


def test_an_answer_leaning_on_the_sentence_before_quotes_it_too() -> None:
    # The best sentence ("Then try pgvector first...") means little alone: its condition comes first.
    segments = [
        Segment(0, 100.0, 110.0, "Ben", "Where should a small team start with vector search?"),
        Segment(1, 110.0, 130.0, "Ana", "If you already run Postgres and have under a million vectors, "
                f"keep one database. {LEANING}"),
    ]  # fmt: skip
    text = " ".join(s.text for s in segments)
    sentences = {7: moment_sentences(7, text, segments)}
    hits = [_hit(7, text, 100.0, 130.0)]
    scored = extractive.score_sentences({"pgvector": 1.0}, hits, sentences, {7: 1.0}, str.lower)
    assert scored[0].sentence.text == LEANING  # the best alone, and it leans on the one before
    answer = extractive.compose("should I try pgvector", hits, scored)
    assert answer.sentences[0].text == (
        f"Ana: If you already run Postgres and have under a million vectors, keep one database. {LEANING}"
    )
    # Cited from where the quote begins: the start of the sentence brought along.
    assert answer.citations[0].at == 110.0
    # The question ("Where should a small team start...?") is never part of it.
    assert "?" not in answer.text


def test_a_sentence_leaning_on_the_answer_comes_along_but_not_another_voice_or_a_question() -> None:
    # The sentence with the question's words only sets up the name; the next one gives it.
    segments = [
        Segment(0, 200.0, 205.0, "Ben", "Do you run a meetup of your own?"),
        Segment(1, 205.0, 220.0, "Ana", "I organized my own meetup in the new city last month. "
                "It was called the Side Hustlers Club. We meet every second Tuesday."),
        Segment(2, 220.0, 230.0, "Ana", "I also give talks. They are mostly about search."),
        Segment(3, 230.0, 240.0, "Ben", "That sounds like a lot of work."),
    ]  # fmt: skip
    text = " ".join(s.text for s in segments)
    sentences = {9: moment_sentences(9, text, segments)}
    hits = [_hit(9, text, 200.0, 240.0)]
    weights = {"organized": 1.0, "meetup": 1.0}
    scored = extractive.score_sentences(weights, hits, sentences, {9: 1.0}, str.lower)
    assert scored[0].sentence.text.startswith("I organized my own meetup")
    answer = extractive.compose("what meetup did you organize", hits, scored)
    assert answer.sentences[0].text == (
        "Ana: I organized my own meetup in the new city last month. It was called the Side Hustlers Club."
    )
    # Cited from where the quote begins, not from the sentence brought along.
    assert answer.citations[0].at == 205.0
    # "That sounds like..." leans too, but it is Ben's: another voice is never brought along.
    talks = [s for s in scored if s.sentence.text == "They are mostly about search."]
    assert talks and extractive.following(talks[0]) == []



def test_a_passage_too_short_to_stand_alone_brings_the_sentence_that_explains_it() -> None:
    # "A two by two matrix." names the method; the next sentence says what it is, without
    # pointing back with "It" or "That".
    segments = [
        Segment(0, 300.0, 305.0, "Ben", "How do you decide which projects come first?"),
        Segment(1, 305.0, 330.0, "Dat", "I have this matrix. A two by two matrix. On the Y axis you have the "
                "business impact, and on the X axis the technical feasibility."),
        Segment(2, 330.0, 335.0, "Ben", "Nice."),
    ]  # fmt: skip
    text = " ".join(s.text for s in segments)
    sentences = {11: moment_sentences(11, text, segments)}
    hits = [_hit(11, text, 300.0, 335.0)]
    scored = extractive.score_sentences({"two": 1.0, "matrix": 1.0}, hits, sentences, {11: 1.0}, str.lower)
    assert scored[0].sentence.text == "I have this matrix. A two by two matrix."
    answer = extractive.compose("which two by two matrix do you use", hits, scored)
    assert answer.sentences[0].text == ("Dat: I have this matrix. A two by two matrix. On the Y axis you have the "
                                        "business impact, and on the X axis the technical feasibility.")  # fmt: skip
    assert answer.citations[0].at == 305.0
    assert "Nice" not in answer.text  # another voice never comes along

# The interviewer's own questions in the demo, asked word for word.
ASKED = [
    "How did you set your price for those first jobs?",
    "What made you leave the classroom?",
    "Can you give an example of drift that actually hurt you?",
    "What would you tell a team that wants to start with data contracts next week?",
]


@pytest.mark.parametrize("question", ASKED)
def test_the_question_is_never_quoted_back_as_its_answer(searcher: Searcher, question: str) -> None:
    answer = Asker(searcher).ask(question)
    assert not answer.abstained and answer.sentences
    assert question.lower().rstrip("?") not in answer.text.lower()
    for sentence in answer.sentences:
        assert not sentence.text.rstrip().endswith("?"), sentence.text


def test_the_demo_answer_reads_as_sentences_not_fragments(searcher: Searcher) -> None:
    answer = Asker(searcher).ask("how much should I charge a client")
    # "That forgets holidays..." comes with what it refers to: the salary divided by the hours.
    (forgets,) = [s for s in answer.sentences if "That forgets holidays" in s.text]
    assert "I took my old salary and divided it by the hours in a year. That forgets holidays" in forgets.text
    assert not any(s.text.split(": ", 1)[-1].startswith("That ") for s in answer.sentences)


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("ask-seeds") / "podsift.db")
    ingest([SEEDS], store)
    yield store
    store.close()


def test_a_quote_does_not_open_on_a_they_nobody_quoted(seeds_store: Store) -> None:
    """A moment is quoted from a passage that says who "they" are: before, the answer
    opened "They assume these models can do anything", the people it meant left unsaid."""
    answer = Asker(Searcher(seeds_store)).ask("models forget initial capability")
    lead = answer.sentences[0].text.split(": ", 1)[-1]
    assert "They assume these models can do anything" in lead
    assert lead.startswith("And this is what people assume."), lead
    # ...unless the same voice's words just before are in a moment retrieved too.
    answer = Asker(Searcher(seeds_store)).ask("level of communication the role requires")
    assert "They may set a specific level or expectation of communication" in answer.sentences[0].text


def test_a_sentence_the_speaker_broke_off_is_not_quoted(seeds_store: Store) -> None:
    """"...you can talk about employee…" and "So the idea is…" were quoted, trailing off
    mid-thought; a whole sentence that answers is quoted instead."""
    asker = Asker(Searcher(seeds_store))
    answer = asker.ask("HR hiring employee retention assessment")
    assert "employee retention, employee assessment, and training as well" in answer.text
    assert "employee…" not in answer.text
    # Nor does one come along after a quote too short to stand alone.
    answer = asker.ask("AI video interviewing solution")
    assert "We're building an AI video interviewing solution." in answer.text
    assert "the idea is…" not in answer.text


def test_citations_play_from_the_cited_words(searcher: Searcher) -> None:
    answer = Asker(searcher).ask("why did the shadow deployment matter")
    youtube = [c for c in answer.citations if c.url and "youtube.com" in c.url]
    assert youtube, answer.citations
    for citation in youtube:
        assert citation.url.endswith(f"&t={int(citation.at)}")


def test_a_question_the_archive_never_covers_is_declined(searcher: Searcher) -> None:
    answer = Asker(searcher).ask("How do you map hospital records to the FHIR standard?")
    assert answer.abstained and not answer.sentences and not answer.citations
    assert answer.closest, "the nearest moments are still shown"
    assert answer.to_json()["answer"] == "The archive does not seem to cover this."


def test_a_name_of_parts_the_archive_never_says_in_its_order_is_unknown(searcher: Searcher) -> None:
    """"What is GPT-7?" was answered with quotes about GPT: the name was looked up by its
    rarer part alone ("7" is too short to count), which the archive says everywhere."""
    asker = Asker(searcher)
    question = "How does Evidently-7 report drift?"
    assert gather(searcher, question, asker.retrieve(question)).unknown_names == ["Evidently-7"]
    assert asker.ask(question).abstained
    known = "How does Evidently report drift?"
    assert gather(searcher, known, asker.retrieve(known)).unknown_names == []
    # A name joined to a word ("Kafka-based") is the name: its parts are enough.
    joined = "How do Evidently-team pages show drift?"
    assert gather(searcher, joined, asker.retrieve(joined)).unknown_names == []


def test_a_question_of_nothing_but_common_words_is_not_answered(searcher: Searcher) -> None:
    """`ask "the"` quoted "I heard the, the, the name…", and search called it an answer."""
    for question in ("the", "what is it and how"):
        assert Asker(searcher).ask(question).abstained
        found = searcher.find(question)
        assert found.match == "closest" and found.hits
    assert searcher.find("day rate").match == "answers"


def test_filters_that_leave_nothing_say_so_rather_than_that_the_archive_lacks_it(searcher: Searcher) -> None:
    """`ask career --season 99` said "The archive does not seem to cover this." and its JSON
    said the answer was "quoted from the archive", though nothing was quoted."""
    from podsift.search import SearchFilters

    narrowed = Asker(searcher).ask("how much should I charge a client", filters=SearchFilters(season=99))
    assert narrowed.abstained and narrowed.text == "No moments match within these filters."
    assert narrowed.to_json()["filtered"] is True and narrowed.answered_by == "not answered: nothing quoted"
    nowhere = Asker(searcher).ask("zzzqqq flibbertigibbet", filters=SearchFilters(season=99))
    assert nowhere.text == "The archive does not seem to cover this." and not nowhere.filtered
    declined = Asker(searcher).ask("How do you map hospital records to the FHIR standard?")
    assert declined.text == "The archive does not seem to cover this." and declined.answered_by != "quoted from the archive"


def test_multiword_names_are_runs_of_capitalised_words() -> None:
    question = "Can I build LLM features in the warehouse with Snowflake Cortex, as Apache Pinot users do?"
    assert name_phrases(question) == ["Snowflake Cortex", "Apache Pinot"]
    assert name_phrases("Which book does the Sam's Club engineer like?") == []  # a possessive splits
    assert name_phrases("What did Maya ask?") == []


def test_a_name_the_archive_never_says_tips_only_middling_support(searcher: Searcher) -> None:
    # Both words are in the demo archive, never together.
    question = "Does the Vector Contract team run shadow deployments?"
    asker = Asker(searcher)
    evidence = gather(searcher, question, asker.retrieve(question))
    assert evidence.unknown_names == [] and evidence.unknown_phrases == ["Vector Contract"]
    weak, strong = support(evidence, threshold=0.0), support(evidence, threshold=0.0)
    weak.value, strong.value = PHRASE_THRESHOLD - 0.01, PHRASE_THRESHOLD + 0.01
    assert weak.abstain and not strong.abstain


def test_a_guest_asked_about_by_full_name_is_answered_though_only_the_page_writes_it(searcher: Searcher) -> None:
    """The demo's guest "tomasrivera" is only ever called Tomás on air: asking about "Tomas
    Rivera" by name was declined, as if "Rivera" were something the archive never mentions."""
    answer = Asker(searcher).ask("How does Tomas Rivera catch drift in production?")
    assert not answer.abstained and "ML in Production" in answer.text
    # A surname no guest has is still unknown.
    assert Asker(searcher).ask("How does Tomas Riviera catch drift in production?").abstained


@pytest.mark.parametrize(("question", "person"), [
    ("What does Jonas charge his clients?", "Jonas"),
    ("How does Tobias use data contracts?", "Tobias"),
])  # fmt: skip
def test_a_question_about_a_person_quotes_them_not_the_host_introducing_them(
    searcher: Searcher, question: str, person: str
) -> None:
    """The answer led with the host's welcome ("My guest is Jonas, who left a PhD to
    freelance. Welcome!"), matched by the name alone, instead of what the guest said."""
    answer = Asker(searcher).ask(question)
    assert not answer.abstained and answer.sentences[0].speaker == person
    assert "guest" not in answer.sentences[0].text.lower() and "talking with" not in answer.text


def test_a_question_about_what_someone_says_is_answered_from_their_own_turns(searcher: Searcher) -> None:
    """"What does Tomás say about monitoring models?" retrieved the host's turns that name
    him (her introduction, her questions) and Tobias on dbt models, and quoted those."""
    answer = Asker(searcher).ask("What does Tomás say about monitoring models?")
    assert not answer.abstained and answer.citations
    assert {s.speaker for s in answer.sentences} == {"Tomás"}
    assert "Evidently" in answer.text or "drift" in answer.text
    # Quoted, the name is a phrase to find said: the moments that say it, as before.
    quoted = Asker(searcher).ask('"Tomás" monitoring')
    assert not quoted.abstained and all("Tomás" in s.text for s in quoted.sentences)
    # A name no one in the archive speaks under changes nothing: "Alexa" is a product here.
    plain = Asker(searcher).retrieve("How does Alexa price a fixed-price project?")
    assert [h.moment_id for h in plain] == [h.moment_id for h in searcher.search(
        "How does Alexa price a fixed-price project?", limit=8, per_episode=5)]  # fmt: skip


def test_names_are_words_used_as_names() -> None:
    assert names("How does QLoRA differ from LoRA on one GPU?") == ["QLoRA", "LoRA", "GPU"]
    # A capital that starts a sentence says nothing: "Faiss" could be any first word.
    assert names("Which tools did Alexey's team at OLX use? Faiss, I think.") == ["Alexey", "OLX"]
    assert names("what is a data contract") == []


# --- the LLM answerer --------------------------------------------------------------------


def test_llm_citations_are_checked_and_bad_ones_dropped(searcher: Searcher, server: ChatServer) -> None:
    server.reply = (
        "Jonas charges a fixed price when the outcome is clear [1]. "
        "He started from his old salary [2][1]. "
        "Freelancers are always rich [9]. "
        "Everyone agrees on this."
    )
    tokens: list[str] = []
    answer = Asker(searcher, llm(server)).ask("how much should I charge a client", on_token=tokens.append)
    hits = Asker(searcher).retrieve("how much should I charge a client")
    assert answer.answerer == "llm:stand-in" and not answer.abstained
    assert answer.answered_by == "written by stand-in from the quoted moments"
    assert [s.text for s in answer.sentences] == [
        "Jonas charges a fixed price when the outcome is clear.", "He started from his old salary.",
    ]  # fmt: skip
    assert {c.moment_id for c in answer.citations} <= {h.moment_id for h in hits[:2]}
    first, second = (answer.citations[i].moment_id for i in answer.sentences[1].citations)
    assert (first, second) == (hits[1].moment_id, hits[0].moment_id)  # [2][1], in that order
    assert any("dropped 2 sentence" in note for note in answer.notes), answer.notes
    assert "".join(tokens) == server.reply  # streamed as it arrived
    # The prompt numbers the retrieved moments and asks for citations by number.
    prompt = server.requests[-1]["messages"][-1]["content"]
    assert prompt.startswith("Moments:\n[1] (") and f"[{len(hits)}] (" in prompt


FIXED = "Jonas charges a fixed price when the outcome is clear"
SALARY = "He started from his old salary"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        # How models mostly cite: the marker after the full stop belongs to the sentence before it.
        (f"{FIXED}. [2] {SALARY}. [1]", [(f"{FIXED}.", [2]), (f"{SALARY}.", [1])]),
        # Each list item is a sentence with its own citations.
        (
            "Bill 120 days a year [1]\n- A fixed price suits known work [2]\n- A day rate otherwise [3]",
            [("Bill 120 days a year.", [1]), ("A fixed price suits known work.", [2]), ("A day rate otherwise.", [3])],
        ),
        # Every way of citing two moments is read, and no "(see )" is left behind.
        *(
            (f"{FIXED} {markers}. {SALARY} (see [2]).", [(f"{FIXED}.", [1, 2]), (f"{SALARY}.", [2])])
            for markers in ("[1, 2]", "[1][2]", "[1,2]", "[1] [2]")
        ),
        # Brackets or parentheses around markers go with them.
        (f"{FIXED} ([1]). {SALARY} [[2]].", [(f"{FIXED}.", [1]), (f"{SALARY}.", [2])]),
        # A marker opening a list item is that item's, not the item's before it.
        (f"- [1] {FIXED}.\n- [2] {SALARY}.", [(f"{FIXED}.", [1]), (f"{SALARY}.", [2])]),
        (f"1. [2] {FIXED}.\n2. [1] {SALARY}.", [(f"{FIXED}.", [2]), (f"{SALARY}.", [1])]),
        # A range of moments names each of them.
        (f"{FIXED} [1-3]. {SALARY} [2–3].", [(f"{FIXED}.", [1, 2, 3]), (f"{SALARY}.", [2, 3])]),
        # No space is left before a closing bracket a marker stood in.
        (f"{FIXED} (as of 2023 [1]).", [(f"{FIXED} (as of 2023).", [1])]),
    ],
)
def test_each_sentence_cites_the_moments_its_markers_name(
    searcher: Searcher, server: ChatServer, reply: str, expected: list[tuple[str, list[int]]]
) -> None:
    server.reply = reply
    answer = Asker(searcher, llm(server)).ask("how much should I charge a client")
    assert answer.answerer == "llm:stand-in" and not answer.notes, answer.notes
    hits = [hit.moment_id for hit in Asker(searcher).retrieve("how much should I charge a client")]
    assert [(s.text, [answer.citations[i].moment_id for i in s.citations]) for s in answer.sentences] == [
        (text, [hits[n - 1] for n in numbers]) for text, numbers in expected
    ]


def test_llm_saying_not_covered_abstains(searcher: Searcher, server: ChatServer) -> None:
    server.reply = "NOT_IN_ARCHIVE"
    answer = Asker(searcher, llm(server)).ask("what is a data contract")
    assert answer.abstained and answer.closest and answer.answerer == "llm:stand-in"
    # Nothing was written or quoted: the line said "written by stand-in from the quoted moments".
    assert answer.to_json()["answered_by"] == "not answered: nothing quoted"


def test_a_reply_with_no_valid_citation_falls_back(searcher: Searcher, server: ChatServer) -> None:
    server.reply = "It depends on many things. Nobody knows [12]."
    answer = Asker(searcher, llm(server)).ask("what is a data contract")
    assert answer.answerer == "extractive" and answer.sentences
    assert any("LLM answerer failed" in n and "no sentence with a valid citation" in n for n in answer.notes)


def test_a_dead_endpoint_falls_back_to_the_extractive_answer(searcher: Searcher, server: ChatServer) -> None:
    dead = LLMAnswerer(LLMSettings(server.base_url, "stand-in", "key", 5.0))
    server.close()  # nothing listens on that port any more
    answer = Asker(searcher, dead).ask("what is a data contract")
    assert answer.answerer == "extractive" and answer.citations
    assert any("LLM answerer failed" in n for n in answer.notes), answer.notes


def test_a_slow_endpoint_times_out_and_falls_back(searcher: Searcher, server: ChatServer) -> None:
    server.delay = 3.0
    answer = Asker(searcher, llm(server, timeout=0.5)).ask("what is a data contract")
    assert answer.answerer == "extractive"
    assert any("within 0.5 s" in n for n in answer.notes), answer.notes


def test_a_reply_still_coming_after_the_timeout_falls_back(searcher: Searcher, server: ChatServer) -> None:
    # Each word comes well within the timeout, but the whole reply would take 36 s; the bound is
    # far from both, as a loaded machine took 6.7 s for the 1 s wait and the quoted answer.
    server.reply, server.word_delay = " ".join(["Jonas charges a fixed price [1]."] * 20), 0.3
    started = time.monotonic()
    answer = Asker(searcher, llm(server, timeout=1.0)).ask("how much should I charge a client")
    assert time.monotonic() - started < 20
    assert answer.answerer == "extractive" and answer.sentences
    assert any("did not finish its reply within 1 s" in n for n in answer.notes), answer.notes


@pytest.mark.parametrize("whole", [True, False])
def test_a_reply_sent_whole_or_as_untyped_events_is_read(searcher: Searcher, server: ChatServer, whole: bool) -> None:
    # Some proxies ignore `stream` and send one chat.completion; some servers label events text/plain.
    server.reply, server.unstreamed, server.events_type = "Jonas prefers a fixed price. [1]", whole, "text/plain"
    tokens: list[str] = []
    answer = Asker(searcher, llm(server)).ask("how much should I charge a client", on_token=tokens.append)
    assert answer.answerer == "llm:stand-in", answer.notes
    assert [s.text for s in answer.sentences] == ["Jonas prefers a fixed price."]
    assert "".join(tokens) == server.reply


def test_a_page_instead_of_a_reply_is_named_in_the_note(searcher: Searcher, server: ChatServer) -> None:
    server.body = ("text/html; charset=utf-8", b"<html>\n<body>Bad gateway</body>\n</html>")
    answer = Asker(searcher, llm(server)).ask("how much should I charge a client")
    assert answer.answerer == "extractive" and answer.sentences
    assert [n for n in answer.notes if "LLM answerer failed" in n] == [
        f"the LLM answerer failed ({server.base_url} sent text/html; charset=utf-8, not a reply: "
        "'<html> <body>Bad gateway</body> </html>'); this is the extractive answer"
    ]


def test_a_stream_event_cut_short_falls_back(searcher: Searcher, server: ChatServer) -> None:
    # A proxy that cuts an event mid-JSON: before, the client's JSON error ended `ask` in a traceback.
    server.body = ("text/event-stream", b'data: {"choices": [{"delta": \n\ndata: [DONE]\n\n')
    answer = Asker(searcher, llm(server)).ask("how much should I charge a client")
    assert answer.answerer == "extractive" and answer.sentences
    assert any(f"{server.base_url} sent an event that is not part of a reply" in n for n in answer.notes), answer.notes


def test_an_endpoint_error_falls_back(searcher: Searcher, server: ChatServer) -> None:
    server.status = 503
    answer = Asker(searcher, llm(server)).ask("what is a data contract")
    assert answer.answerer == "extractive"
    assert any("LLM answerer failed" in n and "503" in n for n in answer.notes), answer.notes


# --- the command line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def lexical_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ask-cli") / "podsift.db"
    podsift("ingest", str(DEMO), "--no-embed", db=db)
    return db


def test_ask_json_has_the_documented_shape(lexical_db: Path) -> None:
    result = podsift("ask", "how much should I charge a client", "--json", db=lexical_db)
    data = json.loads(result.stdout)
    assert {"question", "answer", "abstained", "citations", "answerer"} <= set(data)
    assert data["abstained"] is False and data["answerer"] == "extractive"
    assert data["answered_by"] == "quoted from the archive"
    for citation in data["citations"]:
        assert {"episode_id", "start", "end", "speaker", "text", "url"} <= set(citation)
    assert LABEL.search(data["answer"])


def test_ask_prints_the_answer_and_its_links(lexical_db: Path) -> None:
    result = podsift("ask", "how much should I charge a client", db=lexical_db)
    assert "[Freelancing in data @ " in result.stdout
    assert "Citations:" in result.stdout
    assert result.stdout.rstrip().endswith("quoted from the archive")


def test_ask_streams_from_a_configured_llm(lexical_db: Path, server: ChatServer) -> None:
    server.reply = "Jonas prefers a fixed price [1]."
    env = {"PODSIFT_LLM_BASE_URL": server.base_url, "PODSIFT_LLM_MODEL": "stand-in"}
    result = podsift("ask", "how much should I charge a client", db=lexical_db, env=env)
    assert "drafting: Jonas prefers a fixed price [1]." in result.stderr
    assert "Jonas prefers a fixed price. [" in result.stdout
    assert result.stdout.rstrip().endswith("written by stand-in from the quoted moments")


def test_eval_ask_says_when_the_llm_answers_fell_back(lexical_db: Path, server: ChatServer, tmp_path: Path) -> None:
    # A refused key made every answer a quoted one, scored as the model's with no word of it.
    server.status = 401
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"id": "q1", "question": "how much should I charge a client", '
                         '"episode": "freelancing-in-data", "sec": 70}\n')  # fmt: skip
    env = {"PODSIFT_LLM_BASE_URL": server.base_url, "PODSIFT_LLM_MODEL": "stand-in"}
    result = podsift("eval", str(questions), "--ask", "--answerer", "llm", db=lexical_db, env=env)
    assert "podsift: note: 1 of 1 answer is quoted from the archive, not the LLM's; the first: " \
        f"the LLM answerer failed ({server.base_url}: Error code: 401" in result.stderr  # fmt: skip
    # Counted as said: "1 of 1 answers are" was one answer.
    with questions.open("a") as more:
        more.write('{"id": "q2", "question": "what is vector search", "episode": "vector-search-basics", "sec": 10}\n')
    result = podsift("eval", str(questions), "--ask", "--answerer", "llm", db=lexical_db, env=env)
    assert "podsift: note: 2 of 2 answers are quoted from the archive" in result.stderr


def test_a_half_configured_llm_is_a_clear_error(lexical_db: Path, tmp_path: Path) -> None:
    config = _empty(tmp_path)
    env = {"PODSIFT_LLM_MODEL": "llama3", "PODSIFT_CONFIG": str(config)}
    result = podsift("ask", "anything", db=lexical_db, env=env, check=2)
    assert result.stderr.strip() == (
        "podsift: error: LLM answerer is half configured: model is set (PODSIFT_LLM_MODEL) but base_url is not; "
        f"set PODSIFT_LLM_BASE_URL or base_url under [llm] in {config}"
    )


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e400", "1e300", "fast"])
def test_an_llm_timeout_that_is_not_a_positive_number_is_refused(
    lexical_db: Path, tmp_path: Path, server: ChatServer, value: str
) -> None:
    env = {"PODSIFT_CONFIG": str(_empty(tmp_path)), "PODSIFT_LLM_BASE_URL": server.base_url,
           "PODSIFT_LLM_MODEL": "stand-in", "PODSIFT_LLM_TIMEOUT": value}  # fmt: skip
    result = podsift("ask", "how much should I charge a client", db=lexical_db, env=env, check=2)
    assert result.stderr.strip() == (
        f"podsift: error: PODSIFT_LLM_TIMEOUT: must be a positive number of seconds (at most 86400), not '{value}'"
    )
    assert not server.requests


def _empty(folder: Path) -> Path:
    """A config file with nothing in it: only the environment configures."""
    config = folder / "empty.toml"
    config.write_text("", encoding="utf-8")
    return config


ENDPOINT = 'base_url = "http://127.0.0.1:1/v1"\n'


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (ENDPOINT + 'model = "m"\ntimeout = 0', "timeout: must be a positive number of seconds (at most 86400), not '0'"),
        (ENDPOINT + 'model = "m"\ntimeout = -inf', "timeout: must be a positive number of seconds (at most 86400), not '-inf'"),
        (ENDPOINT + 'model = "m"\ntimeout = "fast"', "timeout: must be a positive number of seconds (at most 86400), not 'fast'"),
        (ENDPOINT + 'model = "m"\ntimeout = true', "timeout: must be a number, not True"),
        (ENDPOINT + "model = 3", "model: must be a string, not 3"),
        # Taken, then every answer fell back with "Connection error.".
        ('base_url = "ftp://127.0.0.1/v1"\nmodel = "m"', "base_url: must be an http:// or https:// address, not 'ftp://127.0.0.1/v1'"),
        ('base_url = "localhost:11434/v1"\nmodel = "m"', "base_url: must be an http:// or https:// address, not 'localhost:11434/v1'"),
        # Checked before an endpoint is set up: it was accepted, and refused only once one was.
        ("timeout = -5", "timeout: must be a positive number of seconds (at most 86400), not '-5'"),
        # A misspelt key was ignored, and the default used in its place.
        (ENDPOINT + 'model = "m"\ntimout = 5', "has no key 'timout'; it takes base_url, model, api_key, timeout"),
    ],
)  # fmt: skip
def test_a_bad_value_in_the_config_file_names_the_file_and_key(
    lexical_db: Path, tmp_path: Path, body: str, error: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[llm]\n{body}\n", encoding="utf-8")
    result = podsift("ask", "anything", db=lexical_db, env={"PODSIFT_CONFIG": str(config)}, check=2)
    assert result.stderr.strip() == f"podsift: error: {config}: [llm] {error}"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ('[lm]\nbase_url = "http://127.0.0.1:1/v1"\nmodel = "m"', "no section 'lm'"),
        ('colour = "blue"', "no key 'colour'"),
    ],
)
def test_settings_outside_the_llm_section_are_refused_by_name(
    lexical_db: Path, tmp_path: Path, body: str, error: str
) -> None:
    # They were ignored: ask quoted the archive as if no LLM had been configured, without a word.
    config = tmp_path / "config.toml"
    config.write_text(body, encoding="utf-8")
    result = podsift("ask", "anything", db=lexical_db, env={"PODSIFT_CONFIG": str(config)}, check=2)
    keys = "base_url, model, api_key, timeout"
    assert result.stderr.strip() == f"podsift: error: {config}: {error}; it takes [llm] with {keys}"


def test_an_llm_setting_above_the_llm_header_is_said_to_belong_under_it(lexical_db: Path, tmp_path: Path) -> None:
    # It said "no key 'base_url'; it takes [llm] with base_url, ...": denying the key it then listed.
    config = tmp_path / "config.toml"
    config.write_text('base_url = "http://127.0.0.1:1/v1"\n[llm]\nmodel = "m"\n', encoding="utf-8")
    result = podsift("ask", "anything", db=lexical_db, env={"PODSIFT_CONFIG": str(config)}, check=2)
    assert result.stderr.strip() == f"podsift: error: {config}: 'base_url' is above the [llm] header; write it under [llm]"


def test_a_broken_config_file_is_named(lexical_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[llm\nmodel = 3", encoding="utf-8")
    result = podsift("ask", "anything", db=lexical_db, env={"PODSIFT_CONFIG": str(config)}, check=2)
    assert result.stderr.startswith(f"podsift: error: {config}: cannot read the config file")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_config_file_that_is_not_there_is_named(lexical_db: Path, tmp_path: Path, server: ChatServer) -> None:
    """PODSIFT_CONFIG naming a file that is not there (a typo) was ignored: ask quoted the archive
    as if no LLM had been configured, without a word."""
    missing = tmp_path / "podsift.tmol"
    result = podsift("ask", "how much should I charge a client", db=lexical_db,
                     env={"PODSIFT_CONFIG": str(missing)}, check=2)  # fmt: skip
    assert result.stderr.strip() == f"podsift: error: PODSIFT_CONFIG: no config file at {missing}"
    # A folder (the config's folder named instead of the file in it) is no config file either.
    result = podsift("ask", "how much should I charge a client", db=lexical_db,
                     env={"PODSIFT_CONFIG": str(tmp_path)}, check=2)  # fmt: skip
    assert result.stderr.strip() == f"podsift: error: PODSIFT_CONFIG: no config file at {tmp_path} (it is a folder)"
    missing.write_text(f'[llm]\nbase_url = "{server.base_url}"\nmodel = "stand-in"\n', encoding="utf-8")
    server.reply = "Jonas prefers a fixed price [1]."
    written = podsift("ask", "how much should I charge a client", db=lexical_db, env={"PODSIFT_CONFIG": str(missing)})
    assert written.stdout.rstrip().endswith("written by stand-in from the quoted moments")


def test_asking_for_an_llm_that_is_not_configured(lexical_db: Path, tmp_path: Path) -> None:
    env = {"PODSIFT_CONFIG": str(_empty(tmp_path))}
    result = podsift("ask", "anything", "--answerer", "llm", db=lexical_db, env=env, check=2)
    assert "no LLM is configured" in result.stderr


def test_eval_ask_reports_citations_keywords_and_abstention(lexical_db: Path, tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    rows = [
        {"id": "q1", "question": "how much should I charge a client", "kind": "keyword",
         "episode": "freelancing-in-data", "sec": 73, "evidence": None, "keywords": ["client", "zebra"]},
        {"id": "q2", "question": "How do hospitals map records to FHIR?", "kind": "unanswerable",
         "episode": None, "sec": None, "evidence": None, "keywords": []},
    ]  # fmt: skip
    questions.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = podsift("eval", str(questions), "--ask", "--json", db=lexical_db)
    report = json.loads(result.stdout)
    metrics = report["metrics"]
    assert metrics["citation_hit"] == 1.0 and metrics["keyword_recall"] == 0.5  # no zebras
    assert metrics["unanswerable_abstained"] == 1 and metrics["false_abstention"] == 0.0
    assert metrics["abstention_precision"] == 1.0 and metrics["abstention_recall"] == 1.0
    assert [r["answer"]["abstained"] for r in report["results"]] == [False, True]
    table = podsift("eval", str(questions), "--ask", db=lexical_db).stdout
    assert "citation hit" in table and "1/1" in table
