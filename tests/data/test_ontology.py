"""Validation of the shipped CAMEO/PLOVER code books (data/cameo*.tsv, data/plover*.tsv)."""

from collections import Counter

import pytest

from eventwire.data import read_tsv
from eventwire.ontology import QUAD_CLASS_OF_ROOT, Codebook, UnknownCodeError


def test_cameo_codes_are_unique_and_well_formed() -> None:
    codes = [row["code"] for row in read_tsv("cameo.tsv")]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert all(c.isdigit() and 2 <= len(c) <= 4 for c in codes)
    assert {c[:2] for c in codes} == set(QUAD_CLASS_OF_ROOT)


def test_goldstein_and_quad_class_follow_the_schema() -> None:
    for row in read_tsv("cameo.tsv"):
        assert -10.0 <= float(row["goldstein"]) <= 10.0, row
        assert int(row["quad_class"]) == QUAD_CLASS_OF_ROOT[row["code"][:2]], row
        assert row["name"], row


def test_every_cameo_code_maps_to_plover_exactly_once() -> None:
    cameo = {row["code"] for row in read_tsv("cameo.tsv")}
    mapped = [row["cameo"] for row in read_tsv("cameo_plover.tsv")]
    assert [c for c, n in Counter(mapped).items() if n > 1] == []
    assert set(mapped) == cameo


def test_plover_mapping_uses_known_types_modes_and_contexts() -> None:
    book = Codebook.load()
    assert len(book.plover_types) == 16
    for info in book.codes.values():
        if info.root == "01":  # PLOVER dropped public statements
            assert info.plover == ""
            continue
        assert info.plover in book.plover_types, info
        assert info.plover_mode is None or info.plover_mode in book.plover_modes[info.plover], info
        assert set(info.plover_context) <= book.contexts, info


def test_plover_rows_are_unique() -> None:
    pairs = [(row["type"], row["mode"]) for row in read_tsv("plover.tsv")]
    assert [p for p, n in Counter(pairs).items() if n > 1] == []
    contexts = [row["context"] for row in read_tsv("plover_contexts.tsv")]
    assert len(contexts) == len(set(contexts))


@pytest.mark.parametrize("code, name, plover, quad", [
    ("042", "Make a visit", "CONSULT", 1),
    ("0233", "Appeal for humanitarian aid", "REQUEST", 0),
    ("163", "Impose embargo, boycott, or sanctions", "COERCE", 4),
    ("190", "Use conventional military force", "ASSAULT", 4),
    ("010", "Make statement", "", 0),
])
def test_codebook_answers_a_code(code: str, name: str, plover: str, quad: int) -> None:
    info = Codebook.load()[code]
    assert (info.name, info.plover, info.quad_class) == (name, plover, quad)


def test_unknown_code_names_the_file() -> None:
    with pytest.raises(UnknownCodeError, match="cameo.tsv"):
        Codebook.load()["999"]
