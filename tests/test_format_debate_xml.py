"""Parliaments' official reports as XML: each speech an element naming who gives it.

TheyWorkForYou's Westminster Hall sitting is a real excerpt (tests/data/real/SOURCES.md). The other
schemas' samples are faithful to real records in their markup, written here with their own words:
Canada's House of Commons (michaelmulley/openparliament), Akoma Ntoso debate records
(mysociety/za-hansard, mysociety/sayit, stephenrigney/OireachtasOntology), Australia's Hansard before
and after 2011 (openaustralia/openaustralia-parser) and the UK's digitised Hansard (anjackson/hansard).
"""

from __future__ import annotations

import pytest
from conftest import read, real

from podsift.model import SourceRejected


def said(episode) -> list[tuple[float | None, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(s.start, s.speaker, s.text) for s in episode.segments]


CANADA = """\ufeff<?xml version="1.0" encoding="UTF-8"?>
<Hansard xml:lang="EN" id="13174295">
  <StartPageNumber>2653</StartPageNumber>
  <DocumentTitle><DocumentName>OFFICIAL REPORT (HANSARD)</DocumentName></DocumentTitle>
  <ExtractedInformation>
    <ExtractedItem Name="InstitutionDebate">House of Commons Debates</ExtractedItem>
    <ExtractedItem Name="Date">Friday, October 10, 2025</ExtractedItem>
  </ExtractedInformation>
  <HansardBody>
    <Intro><ParaText id="1">The House met at 10 a.m.</ParaText><Prayer>Prayer</Prayer></Intro>
    <OrderOfBusiness id="2" Rubric="Other">
      <OrderOfBusinessTitle>Government Orders</OrderOfBusinessTitle>
      <CatchLine>Government Orders</CatchLine>
      <SubjectOfBusiness id="3">
        <Timestamp Hr="10" Mn="00">(1000)</Timestamp>
        <FloorLanguage language="EN">[<I>English</I>]</FloorLanguage>
        <SubjectOfBusinessTitle>Harbour Safety Act</SubjectOfBusinessTitle>
        <ProceduralText TocType="TPC" id="1">Bill C-9. Second reading</ProceduralText>
        <SubjectOfBusinessContent>
          <Intervention Type="Debate" id="4">
            <PersonSpeaking><Affiliation DbId="1" Type="2">Jane Fairley (Halifax West, Lib.)</Affiliation>: </PersonSpeaking>
            <Content>
              <ParaText id="5">Mr. Speaker, I rise to support Bill <Document DbId="9" Type="3">C-9</Document>.</ParaText>
              <Timestamp Hr="10" Mn="05">(1005)</Timestamp>
              <ParaText id="6">Harbours keep our towns alive.</ParaText>
            </Content>
          </Intervention>
          <Intervention Type="Question" id="7">
            <PersonSpeaking>
              <Affiliation DbId="2" Type="27">The Chair (Tom Reid (Kenora, CPC))</Affiliation>: </PersonSpeaking>
            <Content><ParaText id="8">What will the bill cost?</ParaText></Content>
          </Intervention>
        </SubjectOfBusinessContent>
      </SubjectOfBusiness>
    </OrderOfBusiness>
  </HansardBody>
</Hansard>
"""


def test_canadas_commons_interventions_name_their_members_and_the_clock_times_them() -> None:
    # Read as plain text, the tags were speech and no segment had a speaker (0 of 142 turns in a sitting).
    episode = read("hansard-38.xml", CANADA)
    assert episode.source_format == "debate_xml"
    assert said(episode) == [
        (None, None, "The House met at 10 a.m."),
        (0.0, "Jane Fairley", "Mr. Speaker, I rise to support Bill C-9."),
        (300.0, "Jane Fairley", "Harbours keep our towns alive."),
        (None, "Tom Reid", "What will the bill cost?"),
    ]
    assert [(c.title, c.first_segment) for c in episode.chapters] == [("Government Orders", 1), ("Harbour Safety Act", 1)]
    assert episode.date == "2025-10-10"
    assert episode.extra["roles"] == {"Jane Fairley": "(Halifax West, Lib.)", "Tom Reid": "The Chair (Kenora, CPC)"}
    assert episode.extra["clock_start"] == 36000.0


AKOMA_NTOSO = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13">
  <debate name="Official Report">
    <meta>
      <identification source="#debates"><FRBRWork><FRBRthis value="/akn/ie/debateRecord/seanad/2015-07-02/debate/main"/>
        <FRBRdate date="2015-10-16" name="generation"/></FRBRWork></identification>
      <references source="#x"><TLCPerson eId="MaryNolan" href="/ontology/person/x" showAs="Senator Mary Nolan"/></references>
      <notes><note eId="n1"><p>This record is an example.</p></note></notes>
    </meta>
    <preface><p><docDate date="2015-07-02">Thursday, 02 July 2015</docDate></p></preface>
    <debateBody>
      <debateSection name="debate" eId="dbsect_1">
        <heading>Pupil-Teacher Ratio<recordedTime time="2015-07-02T10:30:00+01:00"/></heading>
        <narrative>The House met at <recordedTime time="10:29:00">10.29 a.m.</recordedTime></narrative>
        <speech by="#PaddyBurke" eId="spk_1">
          <from>An Cathaoirleach<recordedTime time="2015-07-02T10:30:00+01:00"/></from>
          <p eId="para_1">I welcome the Minister of State. [Applause.]</p>
        </speech>
        <question by="#MaryNolan" to="#minister">
          <from/>
          <p>asked the Minister whether class sizes will fall;</p>
        </question>
        <summary>(Question deferred)</summary>
        <answer by="#JohnHayes" as="#minister">
          <from>Mr. John Hayes<recordedTime time="2015-07-02T10:42:00+01:00"/></from>
          <p>They will, from September.</p>
        </answer>
      </debateSection>
    </debateBody>
  </debate>
</akomaNtoso>
"""


def test_akoma_ntoso_speeches_notes_and_clocks() -> None:
    # Read as a web page, no <from> name reached the archive and every heading was lost.
    episode = read("seanad.xml", AKOMA_NTOSO)
    assert said(episode) == [
        (0.0, None, ""),
        (60.0, "An Cathaoirleach", "I welcome the Minister of State."),
        (None, "Senator Mary Nolan", "asked the Minister whether class sizes will fall;"),
        (None, None, ""),
        (780.0, "Mr. John Hayes", "They will, from September."),
    ]
    assert [s.directions for s in episode.segments] == [
        ["(The House met at 10.29 a.m.)"], ["[Applause]"], [], ["(Question deferred)"], []]
    assert [(c.title, c.start) for c in episode.chapters] == [("Pupil-Teacher Ratio", 60.0)]
    assert episode.date == "2015-07-02"  # the sitting's, not when the record was generated


AUSTRALIA_2007 = """<?xml version="1.0"?>
<hansard xsi:noNamespaceSchemaLocation="../../hansard.xsd" version="2.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<session.header><date>2007-09-20</date><chamber>REPS</chamber><page.no>0</page.no></session.header>
<chamber.xscript>
<debate>
<debateinfo><title>QUESTIONS WITHOUT NOTICE</title><page.no>78</page.no></debateinfo>
<subdebate.1>
<subdebateinfo><title>Economy</title><page.no>78</page.no></subdebateinfo>
<question>
<talk.start><talker><page.no>78</page.no><time.stamp>14:00:00</time.stamp><name role="metadata">Rudd, Kevin, MP</name>
<name.id>83T</name.id><electorate>Griffith</electorate><name role="display">Mr RUDD</name></talker>
<para>—My question is to the Prime Minister.</para></talk.start>
</question>
<answer>
<talk.start><talker><time.stamp /><name role="metadata">Howard, John, MP</name><name role="display">Mr HOWARD</name></talker>
<para>—The answer is that I have read the statement.</para></talk.start>
<para class="italic">Opposition members interjecting—</para>
<interjection><talk.start><talker><name role="metadata">SPEAKER, The</name><name role="display">The SPEAKER</name></talker>
<para>—Order! The Prime Minister has the call.</para></talk.start></interjection>
<continue><talk.start><talker><name role="display">Mr HOWARD</name></talker>
<para>Thank you, Mr Speaker.</para></talk.start></continue>
<para>It is a strong economy.</para>
</answer>
</subdebate.1>
</debate>
</chamber.xscript>
</hansard>
"""

AUSTRALIA_2013 = """
<hansard noNamespaceSchemaLocation="../../hansard.xsd" version="2.2">
  <session.header><date>2013-06-26</date><chamber>House of Reps</chamber></session.header>
  <chamber.xscript><debate>
    <debateinfo><title>QUESTIONS WITHOUT NOTICE</title></debateinfo>
    <debate.text><body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <p class="HPS-Debate"><span class="HPS-Debate">QUESTIONS WITHOUT NOTICE</span></p></body></debate.text>
    <question>
      <talk.start><talker><time.stamp /><name role="metadata">Abbott, Tony, MP</name></talker></talk.start>
      <talk.text><body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <p class="HPS-Normal"><span class="HPS-Normal"><a href="EZ5" type="MemberQuestion"><span class="HPS-MemberQuestion">Mr ABBOTT</span></a>
          (<span class="HPS-Electorate">Warringah</span>—<span class="HPS-MinisterialTitles">Leader of the Opposition</span>)
          (<span class="HPS-Time">14:08</span>):  My question is to the Prime Minister.</span></p>
      </body></talk.text>
    </question>
    <answer>
      <talk.start><talker><time.stamp /><name role="metadata">Gillard, Julia, MP</name></talker></talk.start>
      <talk.text><body>
        <p class="HPS-Normal"><span class="HPS-Normal"><a href="83L" type="MemberAnswer"><span class="HPS-MemberAnswer">Ms GILLARD</span></a>
          (<span class="HPS-Electorate">Lalor</span>) (14<span class="HPS-Time">:09</span>):  Back to our old favourite.</span></p>
        <p class="HPS-Normal"><span class="HPS-Normal"><span class="HPS-MemberIInterjecting">Mrs Bronwyn Bishop interjecting</span>—</span></p>
        <p class="HPS-Normal"><span class="HPS-Normal"><a href="83L" type="MemberContinuation"><span class="HPS-MemberContinuation">Ms GILLARD:</span></a>  The member is yelling out.</span></p>
        <p class="HPS-Normal"><span class="HPS-Normal">And I will go on.</span></p>
      </body></talk.text>
      <continue><talk.start><talker><name role="metadata">Gillard, Julia, MP</name></talker></talk.start><talk.text></talk.text></continue>
    </answer>
  </debate></chamber.xscript>
</hansard>
"""


def test_australian_hansard_talkers_interjections_and_continuations() -> None:
    # Read as text: 4,457 segments of a sitting, their talker metadata as speech, no speaker at all.
    episode = read("reps-2007-09-20.xml", AUSTRALIA_2007)
    assert said(episode) == [
        (0.0, "Mr RUDD", "My question is to the Prime Minister."),
        (None, "Mr HOWARD", "The answer is that I have read the statement."),
        (None, None, ""),
        (None, "The SPEAKER", "Order! The Prime Minister has the call."),
        (None, "Mr HOWARD", "Thank you, Mr Speaker."),
        (None, "Mr HOWARD", "It is a strong economy."),
    ]
    assert episode.segments[2].directions == ["(Opposition members interjecting—)"]
    assert [c.title for c in episode.chapters] == ["QUESTIONS WITHOUT NOTICE", "Economy"]
    assert episode.date == "2007-09-20"


def test_australian_hansard_since_2011_names_each_turn_by_its_members_link() -> None:
    # Read as a web page, the labels stayed in the words, and one "The SPEAKER:" took every later turn.
    episode = read("reps-2013-06-26.xml", AUSTRALIA_2013)
    assert said(episode) == [
        (0.0, "Mr ABBOTT", "My question is to the Prime Minister."),
        (60.0, "Ms GILLARD", "Back to our old favourite."),
        (None, None, ""),
        (None, "Ms GILLARD", "The member is yelling out."),
        (None, "Ms GILLARD", "And I will go on."),
    ]
    assert episode.segments[2].directions == ["(Mrs Bronwyn Bishop interjecting—)"]
    assert [c.title for c in episode.chapters] == ["QUESTIONS WITHOUT NOTICE"]


def test_theyworkforyous_speeches_keep_their_speakers_offices_and_times() -> None:
    # ISO-8859-1, its entities declared in the DOCTYPE: read as a web page, all 96 named speeches of
    # the sitting had no speaker and its headings were lost.
    episode = real("publicwhip-westminster-hall-2009-10-28.xml")
    assert episode.source_format == "debate_xml"
    turns = [(s.start, s.speaker) for s in episode.segments]
    assert turns[:6] == [(None, None), (0.0, "Alistair Carmichael"), (0.0, "Chris Bryant"),
                         (0.0, "Alistair Carmichael"), (None, "Alistair Carmichael"), (0.0, "David Taylor")]
    assert episode.segments[0].directions == [
        "(Motion made, and Question proposed, That the sitting be now adjourned.—(Mr. Watts.))"]
    assert turns[-1][1] == "Stephen Pound" and next(t for t, who in turns if who == "Stephen Pound") == 1500.0
    assert episode.extra["roles"]["Chris Bryant"] == "The Minister for Europe"
    assert episode.chapters[0].title == "[Mr. Joe Benton in the Chair] — Death Penalty (Global Abolition)"
    assert episode.date == "2009-10-28"
    words = " ".join(s.text for s in episode.segments)
    assert "—" in words and "ü" in words and "&" not in words  # &mdash; and &uuml; declared in the DOCTYPE


UK_DIGITISED = """<housecommons>
<image src="S6CV0089P0I0010"/>
<col>1</col>
<title>House of Commons</title>
<date format="1985-12-16">Monday 16 December 1985</date>
<p id="a" align="center"><i>The House met at half-past Two o'clock</i></p>
<debates>
<oralquestions>
<title>Oral Answers to Questions</title>
<section>
<title>Scottish Coalfield</title>
<p id="b">1. <member>Mr. Douglas</member><membercontribution> asked the Secretary of State for Energy if he will visit the pits.</membercontribution></p>
<p id="c"><member>The Parliamentary Under-Secretary of State for Energy (Mr. David Hunt)</member><membercontribution>: I was impressed by the measures taken.</membercontribution></p>
<p id="d"><i>Later</i>&#x2014;</p>
<p id="e"><member>Mr. Hunt</member><membercontribution>: Comparisons vary
<col>2</col>
between different cases.</membercontribution></p>
<p id="f">They are neither useful nor valid.</p>
</section>
</oralquestions>
</debates>
</housecommons>
"""


def test_the_uks_digitised_hansard_members_and_their_contributions() -> None:
    # Read as a web page, "2. Mr. Dalyell asked …" went to the minister before him, and a column
    # number sat in the words ("Comparisons vary 2 between").
    episode = read("S6CV0089P0.xml", UK_DIGITISED)
    assert said(episode) == [
        (None, None, ""),
        (None, "Mr. Douglas", "asked the Secretary of State for Energy if he will visit the pits."),
        (None, "Mr. David Hunt", "I was impressed by the measures taken."),
        (None, None, ""),
        (None, "Mr. Hunt", "Comparisons vary between different cases."),
        (None, "Mr. Hunt", "They are neither useful nor valid."),
    ]
    assert episode.extra["roles"]["Mr. David Hunt"] == "The Parliamentary Under-Secretary of State for Energy"
    assert [c.title for c in episode.chapters] == ["Oral Answers to Questions", "Scottish Coalfield"]
    assert episode.date == "1985-12-16"


def test_other_akoma_ntoso_documents_and_broken_records() -> None:
    act = ('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><section><num>1</num>'
           "<content><p>This Act may be cited as the Example Act.</p></content></section></body></act></akomaNtoso>")
    assert read("act.xml", act).source_format != "debate_xml"
    with pytest.raises(SourceRejected, match="not well-formed XML"):
        read("cut.xml", CANADA[:1500])


def test_a_sitting_past_midnight_counts_on_into_the_next_day() -> None:
    # Review: the clocks were counted from the earliest, so a speech at 00:04 came first and one at
    # 23:58 sat 23.9 hours in. "12.15 a.m." is a quarter past midnight, not noon.
    late = ('<publicwhip><speech id="uk.org.publicwhip/debate/2009-10-28a.1.0" speakername="Ann Smith" time="23:58:00">'
            '<p>The hour is late.</p></speech><speech id="b" speakername="Bob Jones" time="00:04:00">'
            "<p>It is past midnight.</p></speech></publicwhip>")
    assert [s.start for s in read("late.xml", late).segments] == [0.0, 360.0]
    australia = AUSTRALIA_2007.replace("<time.stamp>14:00:00</time.stamp>", "<time.stamp>23:50:00</time.stamp>").replace(
        "<time.stamp />", "<time.stamp>12.15 a.m.</time.stamp>", 1)
    assert [s.start for s in read("reps.xml", australia).segments][:2] == [0.0, 1500.0]


def test_a_new_section_of_the_uks_hansard_is_not_the_last_members() -> None:
    # Review: "Read a Second time, and committed." under the next bill's title went to the member before.
    record = ("<housecommons><title>House of Commons</title><section><title>Coal</title><p><member>Mr. Hunt</member>"
              "<membercontribution>: I was impressed.</membercontribution></p></section><section><title>LONDON "
              "COUNTY COUNCIL (MONEY) BILL</title><p>Read a Second time, and committed.</p></section></housecommons>")
    assert [(s.speaker, s.text) for s in read("S5CV.xml", record).segments] == [
        ("Mr. Hunt", "I was impressed."), (None, "Read a Second time, and committed.")]


def test_new_zealands_hansard_as_scraped() -> None:
    # A GovHack scraper's XML of a sitting (its root is <Hansard> too, with no <Intervention>): read as
    # plain text, its tags were speech and no segment had a speaker.
    record = """<?xml version="1.0" encoding="UTF-8"?>
<Hansard><Preface><title>Tuesday, 25 July 2017 - Volume 724 - New Zealand Parliament</title>
<date>TUESDAY, 25 JULY 2017</date></Preface>
<Debates><Debate><title>POINTS OF ORDER</title><subtitle>Parliamentary Service</subtitle><Speeches>
<Speech><by>RICHARD PROSSER (NZ First)</by><time>20170725 14:07:50</time><SpeechContents>
<Content><type>Speech</type><name>RICHARD PROSSER (NZ First)</name><text> I raise a point of order, Mr Speaker.</text></Content>
<Content><type>a</type><name>RICHARD PROSSER (NZ First)</name><text>The second issue is the intranet.</text></Content>
</SpeechContents></Speech>
<Speech><by>Mr SPEAKER</by><time>20170725 14:08:41</time><SpeechContents>
<Content><type>Speech</type><name>Mr SPEAKER</name><text> I will have a look at both of those matters.</text></Content>
</SpeechContents></Speech></Speeches></Debate></Debates></Hansard>
"""
    episode = read("hansard-2017-07-25.xml", record)
    assert said(episode) == [(0.0, "RICHARD PROSSER", "I raise a point of order, Mr Speaker."),
                             (None, "RICHARD PROSSER", "The second issue is the intranet."),
                             (51.0, "Mr SPEAKER", "I will have a look at both of those matters.")]
    assert episode.extra["roles"] == {"RICHARD PROSSER": "(NZ First)"}
    assert [c.title for c in episode.chapters] == ["POINTS OF ORDER", "Parliamentary Service"]
    assert episode.date == "2017-07-25"


OPENPARLIAMENT = """<!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Standing Committee on Veterans Affairs, 2013-10-24</title>
    </head>
    <body><h1>Standing Committee on Veterans Affairs, 2013-10-24</h1>
    <table><tr class="metadata" data-name="date" data-value="2013-10-24"><th>date</th><td>2013-10-24</td></tr>
<tr class="metadata" data-name="language" data-value="en"><th>language</th><td>en</td></tr></table>
<div class="statement" data-h2="Election of Chair" data-timestamp="2013-10-24 11:35:00" id="p1"><p class="procedural">The committee met at 11:35.</p></div>
<div class="statement" data-h2="Election of Chair" data-intervention-type="Interjection" data-person-speaking-HoCid="194936" data-person-speaking-attribution="The Clerk of the Committee (Mr. Georges Etoka)" data-person-speaking-type="clerk" data-timestamp="2013-10-24 11:35:00" id="8106388"><p data-HoCid="1">Good morning, honourable members.</p>
<p data-HoCid="2">I see a quorum.</p></div>
<div class="statement" data-h2="Election of Chair" data-person-speaking-HoCid="197309" data-person-speaking-attribution="Mr. Peter Stoffer (Sackville—Eastern Shore, NDP)" data-timestamp="2013-10-24 11:35:00" id="8106391"><p>I'd like to nominate Monsieur Royal Galipeau, please.</p></div>
<div class="statement" data-h2="Election of Chair" data-person-speaking-HoCid="194936" data-person-speaking-attribution="The Clerk" data-timestamp="2013-10-24 11:40:00" id="8106392"><p>Are there any other motions?</p>
<p class="procedural">(Motion agreed to)</p></div>
<div class="statement" data-h2="Election of Vice-Chairs" data-person-speaking-HoCid="1" data-person-speaking-attribution="The Chair (Mr. Royal Galipeau (Ottawa—Orléans, CPC))" data-timestamp="2013-10-24 11:40:00" id="8106400"><p>Thank you, <em>colleagues</em>.</p></div>
</body></html>
"""


def test_openparliament_statement_pages_name_each_speaker_and_time_the_sitting() -> None:
    # openparliament.ca's HTML of a sitting (its "alpheus" schema, michaelmulley/openparliament). Read as
    # a page, no paragraph had a speaker, every "2013-10-24 11:35:00" was an unreadable time (57 in one
    # sitting) and the metadata table's cells were speech.
    episode = read("committee.html", OPENPARLIAMENT)
    assert episode.source_format == "debate_xml"
    assert said(episode) == [
        (0.0, None, ""),
        (None, "Mr. Georges Etoka", "Good morning, honourable members."),
        (None, "Mr. Georges Etoka", "I see a quorum."),
        (None, "Mr. Peter Stoffer", "I'd like to nominate Monsieur Royal Galipeau, please."),
        (300.0, "Mr. Georges Etoka", "Are there any other motions?"),  # the Clerk named above, by the House's id
        (None, None, ""),
        (None, "Mr. Royal Galipeau", "Thank you, colleagues."),
    ]
    assert episode.segments[0].directions == ["(The committee met at 11:35.)"]
    assert episode.segments[5].directions == ["(Motion agreed to)"]
    assert [(c.title, c.start) for c in episode.chapters] == [("Election of Chair", 0.0), ("Election of Vice-Chairs", 300.0)]
    assert (episode.date, episode.title) == ("2013-10-24", "Standing Committee on Veterans Affairs, 2013-10-24")
    assert episode.extra["clock_start"] == 11 * 3600 + 35 * 60
    assert episode.extra["roles"]["Mr. Peter Stoffer"] == "(Sackville—Eastern Shore, NDP)"
    # An ordinary page with one such block is still a page.
    assert read("page.html", OPENPARLIAMENT.replace('class="statement"', 'class="quote"', 5)).source_format != "debate_xml"
