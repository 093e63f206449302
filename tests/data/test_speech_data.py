"""Validation of the reported-speech lexicon (data/lexicon/speech.tsv)."""
from __future__ import annotations

from collections import Counter

from eventwire.data import read_tsv
from eventwire.extract.quotes.lexicon import ADDRESSEE_SLOTS, KINDS, REFERENTS, SpeechLexicon

ROWS = list(read_tsv("lexicon/speech.tsv"))


def test_every_entry_has_a_known_kind_and_slots() -> None:
    assert ROWS
    for row in ROWS:
        assert row["cue"] and row["cue"] == row["cue"].lower(), row
        assert row["kind"] in KINDS, row
        assert row["addressee"] in ADDRESSEE_SLOTS, row
        assert row["referent"] in REFERENTS, row


def test_slots_fit_the_kind_of_entry() -> None:
    for row in ROWS:
        assert not row["addressee"] or row["kind"] in ("speech", "relay"), row
        assert bool(row["referent"]) == (row["kind"] == "speaker"), row
        assert " " not in row["cue"] or row["kind"] == "source", row


def test_no_cue_is_listed_twice() -> None:
    assert [cue for cue, n in Counter(row["cue"] for row in ROWS).items() if n > 1] == []


def test_the_everyday_speech_verbs_are_present() -> None:
    lexicon = SpeechLexicon.load()
    assert {"say", "tell", "add", "warn", "insist", "accuse", "report"} <= lexicon.speech
    assert ("according", "to") in lexicon.sources
    assert lexicon.addressee["tell"] == "dobj"
    assert lexicon.speaker_nouns["newspaper"] == "org"
