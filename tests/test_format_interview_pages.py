"""A French podcast site's episode pages (Eleventy): Markdown prose with a few HTML quotes, a speaker
label alone on its line, and interviews whose questions are the headings.

The site's licence covers its template, not the transcripts, so the words here are written for the
test in the pages' shapes.
"""

from __future__ import annotations

import pytest
from conftest import read, timeline

from podsift import formats
from podsift.model import Episode

# A show's anniversary page: a music credit for "people", the host named in the description, his
# label alone on its line under the first section, quiz quotes as one-line HTML blockquotes.
ANNIVERSARY = """---
episode_number: 84
title: Cinq ans - des jeux et des surprises
people: Various artists
description: Animé par Richard Hanna et avec la participation de Agnès et Louis.
date: 2023-12-19
audio_link: https://soundcloud.com/techologie/84-cinq-ans/s-fUcdUtceqvU?si=8dff
transcribed: true
---

## Sommaire

- Introduction par Richard Hanna
- Qui a dit quoi ?

## Transcription

### Mot d'introduction

Richard Hanna :

Il faut que je vous raconte. J'ai créé le podcast il y a 5 ans, en pleine crise d'ado.

Car oui en 2018, je me suis pris de belles claques. J'ai ouvert les yeux sur le monde.

Et pour jouer avec nous aujourd'hui nous avons des invités mystères.

### Qui a dit ?

Seuls les intervenants participent et le public propose des réponses.

<blockquote>L'objectif est au moins 100 licornes françaises en 2030.<br>- Emmanuel Macron à Vivatech 2023</blockquote>

<blockquote>La menace d'un grand remplacement par les robots est une manière d'assurer la discipline.<br>- Antonio Casilli</blockquote>

### Vrai ou faux au sujet du podcast

- Le podcast devait s'appeler initialement Greencast. **Faux**
- Un épisode a été enregistré au Sénégal. **Faux**
"""


def test_a_markdown_page_with_a_few_html_quotes_stays_markdown_its_sections_chapters() -> None:
    episode = read("84-cinq-ans.md", ANNIVERSARY)
    assert [c.title for c in episode.chapters] == [
        "Mot d'introduction", "Qui a dit ?", "Vrai ou faux au sujet du podcast"]
    texts = [text for *_, text in timeline(episode)]
    assert not any("#" in t or "<" in t for t in texts)
    assert "L'objectif est au moins 100 licornes françaises en 2030. - Emmanuel Macron à Vivatech 2023" in texts
    assert len(texts) == 7  # the list is one paragraph


def test_a_quote_whose_html_runs_over_two_lines_is_its_words_not_an_html_page() -> None:
    page = ANNIVERSARY.replace("2030.<br>- Emmanuel", "2030.<br>\n- Emmanuel")
    episode = read("84-cinq-ans.md", page)
    texts = [text for *_, text in timeline(episode)]
    assert "L'objectif est au moins 100 licornes françaises en 2030. - Emmanuel Macron à Vivatech 2023" in texts
    assert len(episode.chapters) == 3


def test_a_label_alone_once_speaks_its_section_where_the_page_names_the_person() -> None:
    episode = read("84-cinq-ans.md", ANNIVERSARY)
    speakers = [(speaker, text[:20]) for *_, speaker, text in timeline(episode)]
    assert speakers[:3] == [("Richard Hanna", "Il faut que je vous "), ("Richard Hanna", "Car oui en 2018, je "),
                            ("Richard Hanna", "Et pour jouer avec n")]
    # The next heading ends his turn: the rules of the game and the quotes are no one's words.
    assert {speaker for speaker, _ in speakers[3:]} == {None}


def test_a_music_credit_is_no_guest_and_an_audio_link_is_the_media() -> None:
    episode = read("84-cinq-ans.md", ANNIVERSARY)
    assert episode.guests == []
    assert episode.extra["people"] == "Various artists"
    assert episode.media_url == "https://soundcloud.com/techologie/84-cinq-ans/s-fUcdUtceqvU?si=8dff"


# An interview page: the host's questions are the headings, the one guest's answers the paragraphs
# under them, the host's own remarks under "Richard :" alone on its line.
INTERVIEW = """---
episode_number: 105
title: L'échec du numérique éducatif
people: Arnaud Levy
date: 2026-03-26
audio_link: https://soundcloud.com/techologie/105-echec-du-numerique-educatif
---
## Transcription

### Introduction

Dans cet épisode, parlons de numérique à l'école avec Arnaud Levy.

### Arnaud déjà, comment vas-tu ?

Ça va pas mal, j'attends le printemps.

### Quelles sont les fausses promesses du numérique à l'école ?

En version courte, la fausse promesse c'est que ça va améliorer l'éducation.

L'énorme fausse promesse, c'est qu'il suffit de numériser pour que ce soit mieux.

Richard :

Juste pour te remonter, moi de mon côté j'ai un enfant au collège.

### Tu pointes un autre problème, c'est les conflits d'intérêts.

Oui, c'est un sujet qui a été une découverte pendant le travail sur le livre.

Richard : 

Alors, on demandera à Arnaud Saint-Martin s'il veut répondre à ça.

### Les questions vite fait

#### Le numérique à l'école permet aux élèves de moins s'ennuyer, vrai ou faux ?

Faux.

**Une école dégaphamisée est déjà suffisante, vrai ou faux ?**

Faux.
"""


def test_an_interviews_question_headings_are_chapters_and_the_hosts_words() -> None:
    episode = read("105-echec.md", INTERVIEW)
    assert [c.title for c in episode.chapters] == [
        "Introduction", "Arnaud déjà, comment vas-tu ?",
        "Quelles sont les fausses promesses du numérique à l'école ?",
        "Tu pointes un autre problème, c'est les conflits d'intérêts.", "Les questions vite fait",
        "Le numérique à l'école permet aux élèves de moins s'ennuyer, vrai ou faux ?"]
    assert [(speaker, text[:28]) for *_, speaker, text in timeline(episode)] == [
        (None, "Dans cet épisode, parlons de"),
        ("Richard", "Arnaud déjà, comment vas-tu "),
        ("Arnaud Levy", "Ça va pas mal, j'attends le "),
        ("Richard", "Quelles sont les fausses pro"),
        ("Arnaud Levy", "En version courte, la fausse"),
        ("Arnaud Levy", "L'énorme fausse promesse, c'"),
        ("Richard", "Juste pour te remonter, moi "),
        ("Richard", "Tu pointes un autre problème"),
        ("Arnaud Levy", "Oui, c'est un sujet qui a ét"),
        ("Richard", "Alors, on demandera à Arnaud"),
        ("Richard", "Le numérique à l'école perme"),
        ("Arnaud Levy", "Faux."),
        ("Richard", "Une école dégaphamisée est d"),
        ("Arnaud Levy", "Faux."),
    ]
    chapter = episode.chapters[2]
    assert episode.segments[chapter.first_segment].text.startswith("Quelles sont les fausses promesses")
    assert episode.media_url == "https://soundcloud.com/techologie/105-echec-du-numerique-educatif"


def test_with_no_guest_named_the_answers_after_a_question_heading_are_no_ones() -> None:
    episode = read("105-echec.md", INTERVIEW.replace("people: Arnaud Levy\n", ""))
    speakers = [(speaker, text[:20]) for *_, speaker, text in timeline(episode)]
    # Not Richard's, as they were when his label carried on past the headings.
    assert (None, "Oui, c'est un sujet ") in speakers
    assert (None, "Faux.") in speakers
    assert [s for s, t in speakers if t.startswith(("Arnaud déjà", "Quelles sont"))] == [None, None]


def test_the_host_the_front_matter_names_asks_the_question_headings() -> None:
    # No "Richard :" label on the page: the front matter's host asks, and the one guest answers.
    page = INTERVIEW.replace("people: Arnaud Levy\n", "people: Arnaud Levy\nhost: Richard Hanna\n")
    page = page.replace("Richard :\n\nJuste pour te remonter", "Juste pour te remonter")
    page = page.replace("Richard : \n\nAlors, on demandera", "Alors, on demandera")
    speakers = [(speaker, text[:20]) for *_, speaker, text in timeline(read("105-echec.md", page))]
    assert ("Richard Hanna", "Quelles sont les fau") in speakers
    assert ("Arnaud Levy", "Oui, c'est un sujet ") in speakers


# A White House press briefing saved as a Markdown page (brian14708/wh-briefings' shape, our own words):
# the venue and the clock with its zone over the first turn, "MS. NAME:" labels, each reporter's question
# opened by a bare "Q" and no-break spaces, a correction written "<s>wrong</s> \[right\]", and the clock
# again at the end. Every question went to the press secretary, the venue and clocks were speech, and
# the struck word was kept in its tags while the correction was lost.
NBSP = "\u00a0"
BRIEFING = f"""---
date: '2022-03-01'
title: "Press Briefing by Press Secretary Ana Example"
---
{NBSP}
Example Press Room

1:05 P.M. EST{NBSP}{NBSP}
{NBSP}{NBSP}
MS. EXAMPLE:{NBSP} Good afternoon.{NBSP} The plan reaches farmers in three{NBSP}
<s>countries</s>{NBSP}\\[counties\\] this spring.{NBSP}{NBSP}
{NBSP}{NBSP}
Q{NBSP} {NBSP} {NBSP} When will the plan start?{NBSP}{NBSP}
{NBSP}{NBSP}
MS. EXAMPLE:{NBSP} In April.{NBSP}{NBSP}
{NBSP}{NBSP}
{NBSP} {NBSP} {NBSP} {NBSP} Q{NBSP} {NBSP} {NBSP} And who pays for it?{NBSP}{NBSP}
{NBSP}{NBSP}
MS. EXAMPLE:{NBSP} The department does.{NBSP} Thanks, everyone.

1:40 P.M. EST
"""


def test_a_briefings_questions_are_the_reporters_and_its_venue_and_clocks_no_ones_words() -> None:
    episode = formats.parse(BRIEFING, Episode(id="wh"), "briefing.md")
    said = [(s.speaker, s.text) for s in episode.segments if s.text]
    assert [name for name, _ in said] == ["MS. EXAMPLE", "Q", "MS. EXAMPLE", "Q", "MS. EXAMPLE"]
    assert said[1][1] == "When will the plan start?" and said[3][1] == "And who pays for it?"
    assert said[0][1] == "Good afternoon. The plan reaches farmers in three counties this spring."
    words = " ".join(text for _, text in said)
    assert "Press Room" not in words and "P.M." not in words
    assert episode.extra["header"] == ["Example Press Room"]


# A student interview kept in a notes app's vault (the shape of edgarbarrosoha/obs-ha): the interviewer
# and links as "Key: value" lines, a profile table whose last row names the interviewer in bold,
# "**ANA:**" alone over each turn's paragraphs, and links to other notes under "## Connections".
VAULT_INTERVIEW = """# Lucía Pérez

Entrevistadora: Ana Gómez
Rol: Coordinación de Proyectos
Select: Vida estudiantil
Transcripción: https://docs.example.com/document/d/9ZzQwErTyUiOpAsDfGhJkLzXcVbNm/edit?usp=sharing&ouid=55501234567890&rtpof=true

# **Entrevista 2: Lucía Pérez**

| **Cargo:** | Tesorera del club de robótica |
| --- | --- |
| **Carrera:** | Ingeniería Civil |
| **Entrevistadora:** | Ana (Estudio Norte) - desde Lisboa |

**ANA:**

¿Cómo prefieres que te llame?

**LUCÍA:**

Lucía está perfecto, gracias.

**ANA:**

Cuéntame qué haces en el club.

**LUCÍA:**

Llevo las cuentas y organizo los viajes a los torneos.

Este año fuimos a tres ciudades distintas.

## Connections
- [[03-club-robotica]]
"""


def test_a_vault_interviews_header_fields_table_and_note_links_are_not_speech() -> None:
    episode = read("lucia.md", VAULT_INTERVIEW)
    assert {s.speaker for s in episode.segments} == {"ANA", "LUCÍA"}
    said = " ".join(s.text for s in episode.segments)
    for kept_out in ("Coordinación", "docs.example.com", "Tesorera", "Estudio Norte", "[[03-club-robotica]]"):
        assert kept_out not in said
    assert episode.extra["fields"]["Entrevistadora"] == "Ana Gómez"
    assert "Tesorera" in episode.extra["markdown_tables"][0]
    assert timeline(episode)[0][2:] == ("ANA", "¿Cómo prefieres que te llame?")


# A Hugo podcast's transcript (kelimuttu/kartiniteknologi): TOML front matter, then each voice's first
# label in bold with a bracket, the initial and the name either way round ("**T (Tari)**:", "**Bima (B):**"),
# the colon inside or outside the bold; later turns by the initial alone. The bracketed labels stayed in
# the words and the guest's first turn went to the host.
BRACKETED_FIRST_LABELS = """+++
date = "2020-03-01"
title = "Transcript - Episode 9 - Bima"
+++

**T (Tari)**: Welcome back to the show, today with a guest.

**Bima (B):** Thanks, glad to be here at last.

**T:** Tell us where you grew up.

**B:** In a small town by the sea.

**Sari (X)**: And I am Sari, sitting in today.

**T:** Good to have you both.
"""


def test_bold_labels_with_a_bracket_open_turns_and_name_the_speaker() -> None:
    episode = read("9-transcript.en.md", BRACKETED_FIRST_LABELS)
    assert [(s.speaker, s.text[:12]) for s in episode.segments] == [
        ("T", "Welcome back"), ("B", "Thanks, glad"), ("T", "Tell us wher"), ("B", "In a small t"),
        ("Sari", "And I am Sar"), ("T", "Good to have")]


# A course project's interview notes (UnBArqDsw2021-1/2021.1_G01_Animalesco_docs): each question in bold
# "Pergunta:" ending in an HTML line break, its answer on the next line. The "<br/>" was kept as words.
BROKEN_QUESTIONS = """# Entrevista 2

## Descrição da entrevista

**Pergunta:** Quantos gatos moram com você?<br/>
**Resposta:** Dois, e um deles é bem velhinho.

**Pergunta:** Onde você compra a ração?<br />
**Resposta:** Numa loja perto de casa.
"""


def test_a_line_break_tag_in_a_markdown_turn_is_no_words() -> None:
    episode = read("entrevista_02.md", BROKEN_QUESTIONS)
    assert [(s.speaker, s.text) for s in episode.segments] == [
        ("Pergunta", "Quantos gatos moram com você?"), ("Resposta", "Dois, e um deles é bem velhinho."),
        ("Pergunta", "Onde você compra a ração?"), ("Resposta", "Numa loja perto de casa.")]


# The same project's interview header (UnBArqDsw2021-1/2021.1_G01_Animalesco_docs): the date under its own
# heading, written day first as in Brazil. "05/09/2021" was read as the 9th of May.
DATED_IN_PORTUGUESE = """# Entrevista 3

### Data da realização da entrevista
05/09/2021

## Descrição da entrevista

**Pergunta:** Você tem algum animal em casa?
**Resposta:** Tenho uma cachorra que adotei no ano passado.

**Pergunta:** Com que frequência ela vai ao veterinário?
**Resposta:** Quase todo mês, porque ela tem alergia e precisa de remédio.
"""


def test_a_date_of_numbers_on_a_portuguese_page_is_read_day_first() -> None:
    assert read("entrevista_03.md", DATED_IN_PORTUGUESE).date == "2021-09-05"
    # the same date on an English page stays month first, as American transcripts write it
    english = DATED_IN_PORTUGUESE.replace("Você tem algum animal em casa?", "Do you have a pet at home, and what is it like?")
    english = english.replace("Tenho uma cachorra que adotei no ano passado.", "I have a dog that I adopted from the shelter last year and she is the best.")
    english = english.replace("Com que frequência ela vai ao veterinário?", "How often does she go to the vet?")
    english = english.replace("Quase todo mês, porque ela tem alergia e precisa de remédio.", "Almost every month, because she has an allergy and she needs her medicine.")
    assert read("interview_03.md", english).date == "2021-05-09"


def test_headings_over_short_values_above_the_first_turn_are_the_interviews_fields() -> None:
    # the same project's header: each field a heading over its value ("### Nome" / the name)
    page = DATED_IN_PORTUGUESE.replace("### Data", "### Nome\nRita Moura\n\n### Idade\n31 Anos\n\n### Data")
    episode = read("entrevista_03.md", page)
    assert episode.segments[0].text == "Você tem algum animal em casa?"
    assert not any(s.text in ("Rita Moura", "31 Anos") for s in episode.segments)
    assert episode.extra["fields"]["Nome"] == "Rita Moura"
    assert "Idade" not in [c.title for c in episode.chapters]


def test_a_full_name_and_role_before_the_colon_name_the_voice_the_first_time_it_speaks() -> None:
    # A user-research interview kept in a project's Markdown (no permissively licensed copy found,
    # so a faithful sample of its shape): each voice named in full with a role at its first turn,
    # by initials after it.
    page = (
        "#### Transcripción de entrevista realizada a Marta Ruiz, administradora del coworking.\n\n"
        "Lucía Torres, Entrevistadora: Te vamos a contar lo que estamos haciendo. ¿Cómo registran a los visitantes?\n"
        "Marta Ruiz, administradora del coworking A12: Por medio de la huella digital, desde hace un mes.\n"
        "EN: ¿Y cómo te llega el aviso?\n"
        "MR: Por correo electrónico, en cuanto llegan.\n"
        "EN: ¿Te gustaría cambiar algo?\n"
        "MR: No, es bastante rápido.\n"
    )
    episode = read("entrevista.md", page)
    turns = [(s.speaker, s.text) for s in episode.segments]
    assert turns[:2] == [
        ("Lucía Torres", "Te vamos a contar lo que estamos haciendo. ¿Cómo registran a los visitantes?"),
        ("Marta Ruiz", "Por medio de la huella digital, desde hace un mes."),
    ]
    assert not any("Entrevistadora" in text or "coworking A12" in text for _, text in turns)


def test_a_place_and_an_aside_before_a_colon_are_words() -> None:
    episode = read("notes.md", "Ana: Where did you grow up?\n\nBen: New York, for example: the Bronx, then Queens.\n\n"
                               "Ana: And after that?\n\nBen: Paris.\n")
    assert [s.speaker for s in episode.segments] == ["Ana", "Ben", "Ana", "Ben"]
    assert episode.segments[1].text == "New York, for example: the Bronx, then Queens."


def test_a_persons_name_and_an_aside_opening_a_paragraph_are_words() -> None:
    # The turn goes on in a paragraph of its own that opens with someone's name: no voice change.
    episode = read("notes.md", "Ana: Who do you admire?\n\nBen: People who persist.\n\n"
                               "Michael Jordan, for example: he was cut from his school team.\n\n"
                               "Steve Jobs, in his keynote: One more thing.\n\nAna: Good point.\n")
    assert [s.speaker for s in episode.segments] == ["Ana", "Ben", "Ben", "Ben", "Ana"]
    assert episode.segments[2].text == "Michael Jordan, for example: he was cut from his school team."
    assert episode.segments[3].text == "Steve Jobs, in his keynote: One more thing."


# A Q&A page of timed paragraphs under "Question:" / "Answer:" alone on their lines (our words).
QA_PAGE = """# Interview with Dana Reyes

Question:
[00:00] What got you started in radio?

Answer:
[00:05] I was fifteen and my uncle had a station downtown.
[00:20] He let me read the weather on Saturdays.

**Question:**
[00:40] **Host:** And what happened after that?

**Answer:**
[00:45] **Dana Reyes:** Then college radio, and I never left it.
"""


def test_question_and_answer_lines_alone_are_roles_not_words() -> None:
    # "Question:" and "Answer:" were words of the paragraphs ("What got you started in radio? Answer:").
    episode = read("qa.md", QA_PAGE)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, None, "What got you started in radio?"),
        (5.0, None, "I was fifteen and my uncle had a station downtown."),
        (20.0, None, "He let me read the weather on Saturdays."),
        (40.0, "Host", "And what happened after that?"),
        (45.0, "Dana Reyes", "Then college radio, and I never left it.")]  # fmt: skip


# An AI-notes export (our words): its summary's bullets, then the transcript with no marker between.
NOTES_EXPORT = """AI Meeting Notes - Launch sync

Summary:
- Ann and Bob talk about the launch plan.
- They agree to ship on Friday.

[00:00] Ann: Welcome back, let's talk about the launch.
[00:06] Bob: Sure. I think we can ship on Friday.
[00:12] Ann: Testing is the thing holding us back.
[00:18] Bob: Agreed, let's add a person to it.

Key takeaways:
- Testing is the bottleneck.
"""


def test_a_summary_block_beside_the_transcript_is_page_text() -> None:
    # The summary was glued to the words around it, the takeaways to Bob's last turn.
    episode = read("notes.txt", NOTES_EXPORT)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "Ann", "Welcome back, let's talk about the launch."),
        (6.0, "Bob", "Sure. I think we can ship on Friday."),
        (12.0, "Ann", "Testing is the thing holding us back."),
        (18.0, "Bob", "Agreed, let's add a person to it.")]  # fmt: skip
    assert "- They agree to ship on Friday." in episode.extra["page_text"]
    assert "- Testing is the bottleneck." in episode.extra["page_text"]


# The same notes under Markdown headings (our words), with and without the page's front matter.
HEADED_NOTES = """# Ep 12

## Summary

Ann and Bob talk about lists.

[00:00:01] Ann: Hello there, welcome.
[00:00:05] Bob: Thanks for having me.
[00:00:09] Ann: Let's talk lists.

## Chapters

[00:00:20] Ann: Back to lists.
[00:00:25] Bob: Bye.

**Key Takeaways**

- Lists are good.
"""


@pytest.mark.parametrize("front", ["", "---\ntitle: Ep 12\n---\n\n"], ids=["text", "page"])
def test_a_summary_under_a_markdown_heading_is_page_text(front: str) -> None:
    # The summary was an untimed segment under a chapter 'Summary', the takeaways Bob's words.
    episode = read("ep12.md", front + HEADED_NOTES)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (1.0, "Ann", "Hello there, welcome."),
        (5.0, "Bob", "Thanks for having me."),
        (9.0, "Ann", "Let's talk lists."),
        (20.0, "Ann", "Back to lists."),
        (25.0, "Bob", "Bye.")]  # fmt: skip
    assert [c.title for c in episode.chapters] == ["Chapters"]  # between timed lines, a heading is a chapter
    assert episode.extra["page_text"].split("\n") == [
        "## Summary", "Ann and Bob talk about lists.", "**Key Takeaways**", "- Lists are good."]


def test_notes_said_between_timed_turns_are_words() -> None:
    # "Notes:" read out in a turn, between two timed lines, took the turn's words out of the speech.
    talk = ("[00:00:01] Ann: Welcome to the show.\n[00:00:05] Bob: Thanks. I brought my list.\nNotes:\n"
            "first, always be kind to the listener\n[00:00:20] Ann: Great list.\n[00:00:25] Bob: Bye.\n")
    episode = read("talk.txt", talk)
    assert episode.segments[1].text == "Thanks. I brought my list. Notes: first, always be kind to the listener"
    assert "page_text" not in episode.extra
