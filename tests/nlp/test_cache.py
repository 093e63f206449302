"""The per-document memo: values computed once, the known text taken as the Doc's text."""

from __future__ import annotations

import pytest

from eventwire.nlp import cache


def test_remembered_text_is_the_docs_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Leaders met in Moscow.  They talked.\n\n"
    doc = nlp.make_doc(text)
    cache.remember_text(doc, text)
    assert cache.doc_text(doc) == doc.text == text
    cache.clear(doc)
    assert cache.doc_text(doc) == text  # recomputed after the memo is dropped


@pytest.mark.parametrize("other", ["Leaders met in Moscow.", "Leaders met in Moscow!!", ""])
def test_a_text_the_doc_was_not_made_from_is_refused(nlp, other) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("Leaders met in Moscow. ")
    with pytest.raises(ValueError, match="not the Doc's"):
        cache.remember_text(doc, other)


def test_values_are_computed_once_per_doc(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Leaders met in Moscow. They talked.")
    assert cache.sentences(doc) is cache.sentences(doc)
    assert [t.text for t in cache.tokens(doc)] == [t.text for t in doc]
    cache.clear(doc)
    assert cache.CACHE_KEY not in doc.user_data
