"""Quotes and reported speech (extract/quotes)."""
from __future__ import annotations

import logging

import pytest

from eventwire.extract.quotes import QuoteExtractor
from eventwire.extract.quotes.marks import scan_quotations
from eventwire.records import Actor, Mention, Quote


@pytest.fixture(scope="module")
def extractor() -> QuoteExtractor:
    return QuoteExtractor()


def _quotes(nlp, extractor, text: str, mentions=()) -> list[Quote]:  # type: ignore[no-untyped-def]
    return extractor.extract(nlp(text), mentions=mentions)


def _name(actor: Actor | None) -> str | None:
    return None if actor is None else actor.name or actor.text


def _find(quotes: list[Quote], fragment: str, kind: str | None = None) -> Quote:
    hits = [q for q in quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert hits, f"no {kind or ''} quote containing {fragment!r} in {[(q.kind, q.text) for q in quotes]}"
    return hits[0]


# ---------------------------------------------------------------- the mark scanner

@pytest.mark.parametrize(("text", "expected"), [
    ("“We will not retreat,” the general said.", ["We will not retreat,"]),
    ('"Straight marks work too," she said.', ["Straight marks work too,"]),
    ("“First part,” Ortega said. “Second part.”", ["First part,", "Second part."]),
    ("“Nested ‘scare quotes’ stay inside,” he said.", ["Nested ‘scare quotes’ stay inside,"]),
    ("The “unclosed quotation runs off.\nNext paragraph, no mark.", []),
    ("A stray ” closing mark and a “good” one.", ["good"]),
])
def test_scanner_finds_balanced_quotations(text: str, expected: list[str]) -> None:
    assert [text[s.start:s.end] for s in scan_quotations(text)] == expected


def test_paragraph_continuation_is_one_quotation() -> None:
    text = "“The first paragraph has no closing mark.\n“The second one closes,” she said.\n"
    segments = scan_quotations(text)
    assert [text[s.start:s.end] for s in segments] == [
        "The first paragraph has no closing mark.", "The second one closes,"]
    assert segments[0].group == segments[1].group


def test_unbalanced_quotation_is_skipped_with_a_reason(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="eventwire.extract.quotes.marks"):
        assert scan_quotations("He called it “a disgrace and left.\nThe talks ended.") == []
    assert "no closing mark" in caplog.text


# ---------------------------------------------------------------- speakers of direct quotes

@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    ("“The border will stay closed,” Maria Ortega said on Tuesday.", "border will stay closed", "Maria Ortega"),
    ("Maria Ortega said: “The border will stay closed.”", "border will stay closed", "Maria Ortega"),
    ("“The border will stay closed,” said the Daily Courier, a weekly paper.", "border will stay",
     "Daily Courier"),
    # pronoun: the nearest preceding person
    ("Maria Ortega spoke to reporters in the capital. “We have no choice,” she said.", "no choice",
     "Maria Ortega"),
    # "it": an organisation, through a definite description, never a name inside the quote
    (("The Daily Courier attacked the plan. The newspaper criticised the ministry. "
      "“Brazil cannot afford this,” it said in an editorial."), "cannot afford", "Daily Courier"),
    ("Maria Ortega said “We will not sign this treaty.”", "will not sign", "Maria Ortega"),
    ("“The port must stay open,” according to Maria Ortega, an adviser.", "port must stay open", "Maria Ortega"),
    ("“The flu season is here,” says Dr. Maria Ortega, “and we are ready.”", "we are ready", "Maria Ortega"),
    # a pronoun chain: she -> She -> the named person
    ("Maria Ortega runs the clinic. She has argued many cases. “Few can pay,” she said.", "Few can pay",
     "Maria Ortega"),
    # quotative inversion read by the parser as an object
    ("“We lost,” said Maria Ortega. “We will try again,” added Ortega.", "try again", "Maria Ortega"),
    # a short name expands to the full name used earlier
    ("Maria Ortega arrived in Lima. “We came to talk,” Ortega told reporters.", "came to talk", "Maria Ortega"),
])
def test_direct_quote_speakers(nlp, extractor, text: str, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = _find(_quotes(nlp, extractor, text), fragment, "direct")
    assert _name(quote.speaker) == speaker
    assert text[quote.start:quote.end] == quote.text


@pytest.mark.parametrize("text", [
    "Maria Ortega wrote on Friday:\n“The decision is final. We will appeal.”\n",
    "Maria Ortega spoke to reporters on Friday.\n“The decision is final. We will appeal.”\n",
    "“The decision is final. We will appeal.” Maria Ortega added that the ministry had no choice.",
])
def test_attribution_in_the_neighbouring_sentence(nlp, extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    quote = _find(_quotes(nlp, extractor, text), "We will appeal", "direct")
    assert _name(quote.speaker) == "Maria Ortega"


def test_a_later_statement_does_not_claim_a_running_quote(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("“We will pay,” said Maria Ortega to reporters in Lima. “I thank the mediators.” "
            "John Keller, the envoy of the northern provinces, said the deal was fair.")
    quote = _find(_quotes(nlp, extractor, text), "thank the mediators", "direct")
    assert _name(quote.speaker) == "Maria Ortega"


def test_attribution_in_the_middle_gives_both_parts_one_speaker(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“We are ready to talk,” Maria Ortega said. “But we will not be threatened.”"
    quotes = [q for q in _quotes(nlp, extractor, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["We are ready to talk,", "But we will not be threatened."]
    assert [_name(q.speaker) for q in quotes] == ["Maria Ortega", "Maria Ortega"]


def test_multi_paragraph_quote_keeps_its_speaker(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("“The agreement protects our farmers,” Maria Ortega said. “It took two years.\n"
            "“Nobody expected it to pass so quickly.”\n")
    quotes = [q for q in _quotes(nlp, extractor, text) if q.kind == "direct"]
    assert [q.text for q in quotes][-2:] == ["It took two years.", "Nobody expected it to pass so quickly."]
    assert {_name(q.speaker) for q in quotes} == {"Maria Ortega"}


def test_nested_quote_belongs_to_the_outer_speaker(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“They keep telling us to ‘be patient,’ but we have waited enough,” Maria Ortega said."
    quotes = [q for q in _quotes(nlp, extractor, text) if q.kind != "indirect"]
    assert len(quotes) == 1
    assert "‘be patient,’" in quotes[0].text and _name(quotes[0].speaker) == "Maria Ortega"


def test_unbalanced_quote_is_not_guessed(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The minister called the vote “a farce and walked out.\nThe session ended early."
    assert [q for q in _quotes(nlp, extractor, text) if q.kind != "indirect"] == []


# ---------------------------------------------------------------- partial and indirect

@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    ("Maria Ortega praised the “historic courage” of the negotiators.", "historic courage", "Maria Ortega"),
    ("The talks were “frank and useful,” said Maria Ortega.", "frank and useful", "Maria Ortega"),
    ("Maria Ortega said the offer was “an insult” to the workers.", "an insult", "Maria Ortega"),
    ("“You should drop the case,” Maria Ortega added, further describing the charges as “baseless.”",
     "baseless", "Maria Ortega"),
])
def test_partial_quotes(nlp, extractor, text: str, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = _find(_quotes(nlp, extractor, text), fragment, "partial")
    assert quote.text.rstrip(",.") == fragment
    assert _name(quote.speaker) == speaker


@pytest.mark.parametrize(("text", "clause", "speaker"), [
    ("Maria Ortega said that the border would reopen next month.", "the border would reopen next month",
     "Maria Ortega"),
    ("The Daily Courier insisted the report was accurate.", "the report was accurate", "Daily Courier"),
    ("According to the Daily Courier, the army withdrew from the valley.", "the army withdrew from the valley",
     "Daily Courier"),
])
def test_indirect_speech(nlp, extractor, text: str, clause: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = _find(_quotes(nlp, extractor, text), clause, "indirect")
    assert _name(quote.speaker) == speaker
    assert not quote.text.startswith("that ")


def test_indirect_clause_keeps_its_quotation_marks_balanced(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Maria Ortega said the talks were “useful.”"
    quote = _find(_quotes(nlp, extractor, text), "the talks were", "indirect")
    assert quote.text == "the talks were “useful.”"


@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    # a date is never the speaker, an apposition gives the name
    ("The prime minister, Maria Ortega, said Friday that the rebels were “defeated.”", "defeated",
     "Maria Ortega"),
    # a plural description is a group, not the person named before
    ("John Keller was detained. The officials said the suspect was “armed.”", "armed", "The officials"),
])
def test_speaker_phrases(nlp, extractor, text: str, fragment: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    assert _name(_find(_quotes(nlp, extractor, text), fragment, "partial").speaker) == speaker


def test_reported_as_saying_names_speaker_and_reporter(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“We will rebuild the bridge,” the Daily Courier quoted Maria Ortega as saying."
    quote = _find(_quotes(nlp, extractor, text), "rebuild the bridge", "direct")
    assert _name(quote.speaker) == "Maria Ortega"
    assert _name(quote.reported_by) == "Daily Courier"


def test_delayed_identification_names_the_described_speaker(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("The foreign minister praised the “brave compromise” of both delegations on Monday.\n"
            "Maria Ortega told lawmakers the accord would be signed within weeks.\n")
    quote = _find(_quotes(nlp, extractor, text), "brave compromise", "partial")
    assert quote.speaker is not None and quote.speaker.text == "The foreign minister"
    assert quote.speaker.name == "Maria Ortega"


def test_said_according_to_names_the_reporter(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“The offer is dead,” Maria Ortega said, according to the Daily Courier."
    quote = _find(_quotes(nlp, extractor, text), "offer is dead", "direct")
    assert (_name(quote.speaker), _name(quote.reported_by)) == ("Maria Ortega", "Daily Courier")


def test_according_to_after_speech_is_the_reporter(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Maria Ortega told the governors that the budget was final, according to the Daily Courier."
    quote = _find(_quotes(nlp, extractor, text), "the budget was final", "indirect")
    assert _name(quote.speaker) == "Maria Ortega"
    assert _name(quote.reported_by) == "Daily Courier"


@pytest.mark.parametrize(("text", "fragment", "addressee"), [
    ("“Your country will pay,” Maria Ortega told Ambassador John Keller.", "will pay", "John Keller"),
    ("“We need more time,” Maria Ortega said to John Keller.", "more time", "John Keller"),
])
def test_addressee(nlp, extractor, text: str, fragment: str, addressee: str) -> None:  # type: ignore[no-untyped-def]
    quote = _find(_quotes(nlp, extractor, text), fragment, "direct")
    assert _name(quote.addressee) == addressee


def test_actor_stage_mentions_give_the_speaker_its_fields(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The foreign minister said: “We will not sign.”"
    mention = Mention(text="The foreign minister", start=0, end=20, country="PER", sector=("GOV",),
                      name="Maria Ortega", id="person:maria-ortega", sentence_index=0)
    quote = _find(_quotes(nlp, extractor, text, mentions=[mention]), "will not sign", "direct")
    assert quote.speaker == Actor(text="The foreign minister", start=0, end=20, country="PER",
                                  sector=("GOV",), name="Maria Ortega", id="person:maria-ortega")


@pytest.mark.parametrize(("text", "expected"), [
    # British convention: single marks quote when the article has no double marks.
    ("‘We will not leave Kherson,’ the minister said. The ministers’ decision angered Moscow.",
     ["We will not leave Kherson,"]),
    ("She said Britain would 'never abandon' its allies. 'Our position is clear,' she said.",
     ["never abandon", "Our position is clear,"]),
    # Apostrophes and elisions are not quotation marks.
    ("Ukraine's army doesn't rest; rock 'n' roll fans of the '90s and the soldiers' families agree.", []),
    # With double marks in the article, single marks stay apostrophes or nested quotes.
    ('"They told us \'leave now\' and we left," a resident said. It\'s over, she said.',
     ["They told us 'leave now' and we left,"]),
])
def test_single_mark_quotations_in_articles_without_double_marks(text: str, expected: list[str]) -> None:
    assert [text[s.start:s.end] for s in scan_quotations(text)] == expected


def test_a_british_style_quote_gets_its_speaker(nlp, extractor) -> None:  # type: ignore[no-untyped-def]
    text = "‘We have made our position clear to Moscow,’ Foreign Secretary David Lammy told reporters in London."
    quote = _find(_quotes(nlp, extractor, text), "position clear", kind="direct")
    assert _name(quote.speaker) and "Lammy" in _name(quote.speaker)
