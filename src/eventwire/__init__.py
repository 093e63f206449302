"""eventwire: political event data from news text.

>>> import eventwire
>>> result = eventwire.code_text("Russian troops shelled Kharkiv on Monday.", published="2024-05-14")
>>> [(e.source.country, e.cameo, e.target and e.target.country) for e in result.events]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from eventwire.records import (
    Actor,
    Article,
    ArticleError,
    DateRef,
    DocumentResult,
    Event,
    Mention,
    Place,
    Quote,
    to_dict,
)

__version__ = "0.1.0"


@lru_cache(maxsize=1)
def _default_coder():  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Coder

    return Coder()


def code_text(text: str, published: str | None = None, *, doc_id: str | None = None) -> DocumentResult:
    """Code one article text; ``published`` (YYYY-MM-DD) anchors relative dates."""
    from eventwire.ingest.readers import ReadOptions, make_article
    from eventwire.pipeline import error_result

    item = make_article(
        {"id": doc_id, "text": text}, doc_id or "<text>", ReadOptions(published=published, check_language=False)
    )
    if isinstance(item, ArticleError):
        return error_result(item)
    return _default_coder().code_article(item)


def code_articles(articles: Iterable[Article | ArticleError | dict[str, object]]) -> Iterator[DocumentResult]:
    """Code many articles (records or dicts with ``text`` and optional ``id``, ``published``...)."""
    from eventwire.ingest.readers import make_article

    items = (
        a if isinstance(a, (Article, ArticleError)) else make_article(a, str(a.get("id") or "<record>"))
        for a in articles
    )
    from eventwire.runner import code_items

    yield from code_items(items, coder=_default_coder())


__all__ = [
    "Actor", "Article", "ArticleError", "DateRef", "DocumentResult", "Event", "Mention", "Place", "Quote",
    "code_articles", "code_text", "to_dict", "__version__",
]
