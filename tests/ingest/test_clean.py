"""Boilerplate is masked without moving offsets."""

from __future__ import annotations

import pytest

from eventwire.ingest.clean import boilerplate_spans, mask_spans

BODY = "Ministers met in Brussels on Tuesday and agreed new sanctions.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Send questions/comments to the editors.",
        "Comments are no longer available on this story",
        "Sign up for our daily newsletter",
        "Follow us on Twitter",
        "Copyright 2024 Example News. All rights reserved.",
    ],
)
def test_boilerplate_lines_are_found(line: str) -> None:
    text = BODY + line + "\n"
    spans = boilerplate_spans(text)
    assert [(text[s:e]) for s, e in spans] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "The editors of the newspaper were arrested on Monday.",
        "Comments by the minister angered Beijing.",
    ],
)
def test_news_sentences_are_not_boilerplate(line: str) -> None:
    assert boilerplate_spans(BODY + line) == []


def test_masking_keeps_length_and_offsets() -> None:
    text = BODY + "Send questions/comments to the editors.\nEnd."
    masked = mask_spans(text, boilerplate_spans(text))
    assert len(masked) == len(text)
    assert masked.startswith(BODY) and masked.endswith("\nEnd.")
    assert "editors" not in masked
