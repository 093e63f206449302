"""The orchestrator: a Coder renews its pipeline to bound memory, with unchanged results."""

from __future__ import annotations

from eventwire.pipeline import CodeOptions, Coder
from eventwire.records import Article

TEXTS = [
    "China's defence minister Li Shangfu met Russian President Vladimir Putin in Moscow on Sunday.",
    "Turkish troops shelled Kurdish positions in northern Syria, the Syrian Observatory said.",
    "The European Union imposed new sanctions on Iran over its drone deliveries to Russia.",
    "Kenyan police arrested twelve protesters in Nairobi after a march against new taxes.",
    "Japan and South Korea agreed to resume regular security talks, officials said on Tuesday.",
]


def articles() -> list[Article]:
    return [Article(id=f"p{n}", text=text, published="2023-04-17") for n, text in enumerate(TEXTS)]


def test_a_coder_loads_a_fresh_pipeline_after_renew_after_articles_and_codes_the_same() -> None:
    renewing = Coder(CodeOptions(renew_after=2))
    pipelines = [renewing.nlp]  # references kept, so that no two pipelines can share an id()
    renewed = []
    for start in range(0, len(TEXTS), 2):  # batches of 2: a fresh pipeline before the 2nd and 3rd
        renewed += list(renewing.code_batch(articles()[start:start + 2]))
        pipelines.append(renewing.nlp)
    assert len({id(p) for p in pipelines}) == 3
    steady = list(Coder(CodeOptions(renew_after=10**9)).code_batch(articles()))
    assert renewed == steady
    assert sum(len(r.events) for r in steady) >= 4  # the texts carry events: the comparison means something


def test_a_pipeline_handed_in_is_never_replaced(nlp) -> None:  # type: ignore[no-untyped-def]
    coder = Coder(CodeOptions(renew_after=1), nlp=nlp)
    for article in articles()[:3]:
        coder.code_article(article)
    assert coder.nlp is nlp


def test_warm_up_loads_the_date_parser_and_leaves_results_unchanged() -> None:
    from eventwire.extract import dates

    coder = Coder()
    before = list(coder.code_batch(articles()))
    dates._dateparser.cache_clear()
    coder.warm_up()
    assert dates._dateparser.cache_info().currsize == 1  # loaded at start-up, not on a first DATE fallback
    assert list(coder.code_batch(articles())) == before
