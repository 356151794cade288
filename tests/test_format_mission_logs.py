"""Space missions' transcripts stamped with mission elapsed time: Spacelog's files."""

from __future__ import annotations

from conftest import read

# The shape of Spacelog/Spacelog's missions/vostok1/transcripts files (our own words): stamps from
# launch, negative before it, "_lang:" and "_comment:" fields, call signs with the person in brackets,
# and "#" comment lines between the turns.
_COUNTDOWN = """\


[-00:00:03:00]
_lang: en
Harbour (Ivanova): Do you hear me, Kestrel?

Kestrel: Loud and clear.
_comment: (said twice).

Harbour (Ivanova): Close the visor now.




[-00:00:01:00]
Harbour (Petrov): Pumps running, all steady.

Kestrel: I hear the pumps.

# the next two lines were moved back by the editor; in the transcript they share a minute
# with the launch

Harbour (Petrov): Engines lit.

Kestrel: Engines lit, I feel them.

[00:00:00:00]

Harbour (Petrov): And up she goes!

Kestrel: Off we go! Smooth ride,
    all is well.

[00:00:00:20]
_comment: (twenty seconds after launch).
Kestrel: Pressing into the seat now.
"""


def test_spacelog_stamps_time_every_turn_and_no_turn_is_lost() -> None:
    episode = read("vostok.txt", _COUNTDOWN)
    said = [(s.speaker, s.text) for s in episode.segments]
    assert said == [
        ("Harbour (Ivanova)", "Do you hear me, Kestrel?"),
        ("Kestrel", "Loud and clear."),
        ("Harbour (Ivanova)", "Close the visor now."),
        ("Harbour (Petrov)", "Pumps running, all steady."),
        ("Kestrel", "I hear the pumps."),
        ("Harbour (Petrov)", "Engines lit."),
        ("Kestrel", "Engines lit, I feel them."),
        ("Harbour (Petrov)", "And up she goes!"),
        ("Kestrel", "Off we go! Smooth ride, all is well."),
        ("Kestrel", "Pressing into the seat now."),
    ]
    assert episode.title is None
    # Counted from the first stamp, three minutes before launch: launch is at 3:00, and each turn
    # under a stamp follows the one before it.
    starts = [s.start for s in episode.segments]
    assert starts[0] == 0.0 and starts[3] == 120.0 and starts[7] == 180.0 and starts[9] == 200.0
    assert starts == sorted(starts) and 0.0 < starts[1] < starts[2] < 120.0
    assert episode.extra["clock_start"] == -180.0


def test_spacelog_fields_and_comments_are_not_speech() -> None:
    episode = read("vostok.txt", _COUNTDOWN)
    words = " ".join(s.text for s in episode.segments)
    assert "_comment" not in words and "_lang" not in words and "[" not in words and "editor" not in words
    assert episode.segments[1].directions == ["(said twice)."]
    assert episode.segments[9].directions == ["(twenty seconds after launch)."]
    assert episode.extra["fields"] == {"lang": "en"}
    assert episode.extra["comments"][0].startswith("the next two lines were moved back")


# The shape of Spacelog/Spacelog's missions/mr3/transcripts/ATG (our own words): a stamp over each
# turn, short call signs, a turn that is only "..." where the tape was not heard, and a "_note:" line.
_ONE_TURN_A_STAMP = """\

[00:00:00:00]
LC: Away she goes

[00:00:00:03]
P: Roger, clock running

[00:00:00:07]
CC: ...

[00:00:00:41]
P: All steady, cabin holding at 5
_note: the tape skips here

[00:00:01:05]
CC: Copy, looks fine
"""


def test_spacelog_stamp_lines_time_the_turn_under_them() -> None:
    episode = read("ATG", _ONE_TURN_A_STAMP)
    assert [(s.start, s.speaker, s.text) for s in episode.segments] == [
        (0.0, "LC", "Away she goes"),
        (3.0, "P", "Roger, clock running"),
        (7.0, "CC", "..."),
        (41.0, "P", "All steady, cabin holding at 5"),
        (65.0, "CC", "Copy, looks fine"),
    ]
    # A turn ends after its words, not at the next stamp half a minute later.
    assert episode.segments[2].end is not None and episode.segments[2].end < 10.0
    assert episode.segments[3].directions == ["the tape skips here"]
    assert "clock_start" not in episode.extra  # the stamps start at launch: nothing to count from


# The shape of issa-tseng/apollo13rt's script/air-ground-loop.txt (our own words): the mission times
# (hours minutes seconds, start - end) and the call sign over the words; an utterance cut into opens
# "[h m s -]" and resumes "[- h m s]".
_AIR_GROUND = """\
[60 10 05 - 60 10 12] CDR
Houston, we are starting the water check now.

[60 10 15] CAPCOM
Copy that, Aquarius.

[60 10 20 -] CAPCOM
And when you are done, we would like you to -

[60 10 24] LMP
Stand by.

[- 60 10 31] CAPCOM
- read us the tank pressure.
"""

# The shape of issa-tseng/apollo13rt's script/flight-director-loop.compact.txt (our own words): the
# time, the call sign right-aligned against the words, wrapped lines indented to the words.
_DIRECTOR_LOOP = """\
60:10:05             FLIGHT  Okay, everybody, let us talk about the water budget. I want numbers
                             from each of you before the next pass.
60:10:14              EECOM  FLIGHT, EECOM.
60:10:15             FLIGHT  Go, EECOM.
60:10:16       Maroon EECOM  We have about a day of margin -
60:10:19             FLIGHT  Hold that.
                      EECOM  - a day of margin if they keep the pumps low.
60:10:25  CAPCOM (off loop)  Copy.
60:10:27             FLIGHT  Good. EECOM, write it down for me.
60:10:29              EECOM  Will do.
"""


def test_the_air_ground_loop_reads_call_signs_and_mission_times() -> None:
    episode = read("air-ground-loop.txt", _AIR_GROUND)
    assert [(s.start, s.speaker) for s in episode.segments] == [
        (0.0, "CDR"), (10.0, "CAPCOM"), (15.0, "CAPCOM"), (19.0, "LMP"), (19.0, "CAPCOM")]
    assert episode.segments[0].text == "Houston, we are starting the water check now."
    assert episode.segments[0].end == 7.0
    assert episode.segments[4].text == "- read us the tank pressure." and episode.segments[4].end == 26.0
    assert episode.extra["clock_start"] == 60 * 3600 + 10 * 60 + 5


def test_the_flight_directors_loop_in_columns_reads_call_signs_and_joins_wrapped_lines() -> None:
    episode = read("flight-director-loop.compact.txt", _DIRECTOR_LOOP)
    speakers = [s.speaker for s in episode.segments]
    assert speakers == ["FLIGHT", "EECOM", "FLIGHT", "Maroon EECOM", "FLIGHT", "EECOM", "CAPCOM (off loop)", "FLIGHT",
                        "EECOM"]
    assert episode.segments[0].text == ("Okay, everybody, let us talk about the water budget. I want numbers "
                                        "from each of you before the next pass.")
    assert [s.start for s in episode.segments][:5] == [0.0, 9.0, 10.0, 11.0, 14.0]
    assert episode.segments[5].text == "- a day of margin if they keep the pumps low."
