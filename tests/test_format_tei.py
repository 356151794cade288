"""TEI transcriptions of speech: ``<u who>`` utterances, as parliament and oral corpora encode them.

ParlaMint's sitting is a real excerpt (tests/data/real/SOURCES.md); the oral history's shape is a
faithful sample written here, after a TEI oral-history template with SMIL clocks on its sentences.
"""

from __future__ import annotations

import pytest
from conftest import read, real, timeline

from podsift.model import SourceRejected


def test_a_parlamint_sitting_gives_its_utterances_by_their_speakers_and_not_its_header() -> None:
    # Read as a web page, the header's licence and project description were the only "speech": all
    # five utterances (535 words, 2 speakers) were lost and the date was unknown.
    episode = real("tei-parlamint-es-ga-sitting.xml")
    assert episode.source_format == "tei_spoken"
    assert episode.title == "Galician parliamentary corpus ParlaMint-ES-GA, 19-11-2019-DSPG137 [ParlaMint]"
    assert episode.date == "2019-11-19"
    assert [s.speaker for s in episode.segments] == ["O señor PRESIDENTE", "O señor PRESIDENTE",
                                                     "A señora SECRETARIA DA MESA (Arias Rodríguez)"]
    assert episode.segments[0].text.startswith("Bos días. Ábrese a sesión. A orde do día")
    assert episode.segments[1].directions == ["(Procédese á repartición de papeletas.)", "(Pausa.)"]
    words = " ".join(s.text for s in episode.segments)
    assert "Creative Commons" not in words and "Pausa" not in words


ORAL_HISTORY = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:smil="http://www.w3.org/2001/SMIL20/">
  <teiHeader><fileDesc><titleStmt><title>Interview with John Doe</title></titleStmt></fileDesc>
    <profileDesc><particDesc><listPerson>
      <person xml:id="q"><persName xml:lang="en">Interviewer</persName></person>
      <person xml:id="a"><persName xml:lang="en">John Doe</persName></person>
    </listPerson></particDesc></profileDesc></teiHeader>
  <text><body>
    <div type="tape"><head>Tape 1</head>
      <u who="#q"><seg smil:begin="00:00:23.685" smil:end="00:00:42.25">What were the conditions like in 1991?</seg></u>
      <u who="#a"><seg smil:begin="00:00:42.25" smil:end="00:01:10.5">It was tense.</seg>
        <seg smil:begin="00:01:10.5" smil:end="00:01:15">Very tense. <vocal><desc>laughs</desc></vocal></seg></u>
    </div>
  </body></text>
</TEI>
"""


def test_an_oral_history_in_tei_names_speakers_from_its_person_list_and_times_from_its_clocks() -> None:
    episode = read("interview.xml", ORAL_HISTORY)
    assert timeline(episode) == [(23.685, 42.25, "Interviewer", "What were the conditions like in 1991?"),
                                 (42.25, 75.0, "John Doe", "It was tense. Very tense.")]
    assert episode.segments[1].directions == ["(laughs)"]
    assert [(c.title, c.start) for c in episode.chapters] == [("Tape 1", 23.685)]


def test_broken_tei_is_refused_with_the_parsers_reason() -> None:
    with pytest.raises(SourceRejected, match="not well-formed TEI"):
        read("broken.xml", ORAL_HISTORY.replace("</body>", ""))
