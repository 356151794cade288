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
