"""Datelines: found at the head of a wire story, split off before the parse, no actor in them."""

from __future__ import annotations

import pytest

from eventwire import code_text
from eventwire.extract.dateline import dateline_span, without_dateline
from eventwire.records import Mention


@pytest.mark.parametrize("text, dateline", [
    ("JERUSALEM (AP) -- A Saudi dissident filed a lawsuit.", "JERUSALEM (AP) -- "),
    ("LA PAZ, Bolivia -- The government said ...", "LA PAZ, Bolivia -- "),
    ("KABUL (Pajhwok) : The ministry said ...", "KABUL (Pajhwok) : "),
    ("LYON: Interpol has said ...", "LYON: "),
    ("A title line\nMOSCOW \u2014 The Kremlin said ...", "MOSCOW \u2014 "),
])
def test_datelines_are_found(text, dateline) -> None:
    span = dateline_span(text)
    assert span is not None and text[span[0]:span[1]] == dateline


@pytest.mark.parametrize("text", [
    "U.S. - China talks resumed on Monday.",  # too short to be a place
    "The US said - again - that it would not attend.",
    "Russia and China vetoed the resolution.",
])
def test_ordinary_openings_are_no_dateline(text) -> None:
    assert dateline_span(text) is None


def test_mentions_in_the_dateline_are_dropped_and_straddling_ones_trimmed() -> None:
    text = "ALGIERS, Algeria - Police arrested two reporters."
    mentions = [Mention("ALGIERS", 0, 7, "DZA"), Mention("Algeria", 9, 16, "DZA"),
                Mention("ALGIERS, Algeria - Police", 0, 25, "DZA"), Mention("reporters", 39, 48, None)]
    kept = without_dateline(mentions, text, dateline_span(text))
    assert [(m.text, m.start) for m in kept] == [("Police", 19), ("reporters", 39)]
    # A line opened by an organisation is no dateline.
    nato = [Mention("NATO", 0, 4, "IGO", via="gazetteer:org")]
    text = "NATO: allies met in Brussels."
    assert without_dateline(nato, text, dateline_span(text)) == nato


def test_a_dateline_is_no_participant_of_the_story() -> None:
    """The parser hung "LONDON" on the verb as a second subject: the city became the attacker."""
    result = code_text("LONDON (AP) - Gunmen loyal to the warlord attacked a convoy in Kabul.")
    assert not [m for m in result.mentions if m.text == "LONDON"]
    attacks = [e for e in result.events if e.cameo_root in ("18", "19")]
    assert attacks and all(e.source is None or e.source.country != "GBR" for e in attacks)
    assert all(e.sentence.startswith("Gunmen") for e in attacks)  # the dateline is a sentence of its own
