"""Validation of the event lexicon (data/lexicon/*.tsv)."""

from collections import Counter

import pytest

from eventwire.data import read_tsv
from eventwire.ontology import Codebook
from eventwire.records import MODALITIES

RELATIONS = {"governs", "child", "any"}
PSEUDO = {"demand", "attempt"}  # an obligation cue (a demand), an attempted act (asserted)


def duplicates(keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [key for key, n in Counter(keys).items() if n > 1]


def classes() -> set[str]:
    return {row["class"] for row in read_tsv("lexicon/classes.tsv")}


def test_verb_entries_use_known_codes_and_classes() -> None:
    book, known = Codebook.load(), classes()
    rows = list(read_tsv("lexicon/verbs.tsv"))
    assert rows
    for row in rows:
        assert row["lemma"] and row["lemma"] == row["lemma"].lower(), row
        assert row["cameo"] in book, row
        for part in filter(None, row["object"].split("|")):
            assert not part.startswith("@") or part[1:] in known, row
    assert duplicates([(r["lemma"], r["prep"], r["object"]) for r in rows]) == []


def test_noun_entries_use_known_codes() -> None:
    book = Codebook.load()
    rows = list(read_tsv("lexicon/nouns.tsv"))
    assert rows and all(row["cameo"] in book for row in rows)
    assert duplicates([(r["lemma"],) for r in rows]) == []


def test_classes_are_upper_case_and_unique() -> None:
    rows = list(read_tsv("lexicon/classes.tsv"))
    assert all(row["class"].isupper() and row["lemma"] for row in rows)
    assert duplicates([(r["class"], r["lemma"]) for r in rows]) == []


def test_modality_cues_are_valid() -> None:
    rows = list(read_tsv("lexicon/modality.tsv"))
    for row in rows:
        assert row["modality"] in PSEUDO or (row["modality"] in MODALITIES and row["modality"] != "asserted"), row
        assert row["relation"] in RELATIONS, row
    assert duplicates([(r["cue"], r["pos"]) for r in rows]) == []


@pytest.mark.parametrize("name", ["intent_codes.tsv", "demand_codes.tsv", "reject_codes.tsv"])
def test_code_maps_map_to_known_codes(name: str) -> None:
    book = Codebook.load()
    rows = list(read_tsv(f"lexicon/{name}"))
    assert all(row["cameo"] in book and row["prefix"].isdigit() for row in rows)
    assert duplicates([(r["prefix"],) for r in rows]) == []


def test_reporting_cues_have_known_kinds() -> None:
    rows = list(read_tsv("lexicon/reporting.tsv"))
    assert rows and all(row["kind"] in {"according", "cite", "report", "speech", "allege"} for row in rows)
    assert duplicates([(r["cue"],) for r in rows]) == []


def test_lexicon_loads_with_entries_sorted_most_specific_first() -> None:
    from eventwire.extract.events.lexicon import Lexicon

    lexicon = Lexicon.load()
    for entries in lexicon.verbs.values():
        levels = [e.specificity for e in entries]
        assert levels == sorted(levels, reverse=True)
    assert lexicon.intent_code("0721") == "0332"  # longest prefix: 072 -> intent to give military aid
    assert lexicon.intent_code("190") == "138"
    assert lexicon.intent_code("111") == "111"


def test_support_verbs_are_unique_lemmas() -> None:
    lemmas = [row["lemma"] for row in read_tsv("lexicon/support_verbs.tsv")]
    assert lemmas and all(lemma == lemma.lower() for lemma in lemmas)
    assert len(lemmas) == len(set(lemmas))


def test_object_written_in_the_prep_column_is_read_as_an_object() -> None:
    from eventwire.extract.events.lexicon import Lexicon

    entries = [e for group in Lexicon.load().verbs.values() for e in group]
    assert entries and not any(e.prep.startswith("=") for e in entries)
    assert all(e.objects or not e.object_spec for e in entries)
