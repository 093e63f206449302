"""The spaCy component: ``nlp.add_pipe("eventwire")`` puts eventwire's results on the Doc.

    >>> nlp = eventwire.nlp.load_nlp()
    >>> nlp.add_pipe("eventwire")
    >>> doc = nlp("Russian troops shelled Kharkiv on Monday.")
    >>> doc._.events, doc._.quotes, doc._.mentions, doc._.places

The factory is registered through an entry point, so this module must stay cheap to
import: spaCy imports it whenever any pipeline is constructed.
"""

# No `from __future__ import annotations` here: spaCy validates the factory's signature
# at run time and cannot resolve string annotations.
from typing import Any, Optional, cast

from spacy.language import Language
from spacy.tokens import Doc

_EXTENSIONS = ("events", "quotes", "mentions", "places", "dates")


class EventwireComponent:
    """Runs eventwire's extractors over a parsed Doc (needs parser, tagger and NER before it)."""

    def __init__(self, nlp: Language, name: str, published: str | None) -> None:
        for ext in _EXTENSIONS:
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=())
        if not Doc.has_extension("published"):
            Doc.set_extension("published", default=None)
        self.name = name
        self.published = published
        self._coder: Any = None

    def __call__(self, doc: Doc) -> Doc:
        from eventwire.ingest.readers import ReadOptions, make_article
        from eventwire.pipeline import Coder
        from eventwire.records import Article

        if self._coder is None:
            self._coder = Coder(nlp=cast(Language, _NoParse()))
        published = doc._.published or self.published
        item = make_article({"text": doc.text}, "<doc>", ReadOptions(published=published, check_language=False))
        if not isinstance(item, Article):
            return doc
        result = self._coder.code_doc(doc, item)
        for ext in _EXTENSIONS:
            setattr(doc._, ext, getattr(result, ext))
        return doc


class _NoParse:
    """Stands in for the pipeline inside the component: the Doc is parsed already."""

    def pipe(self, *_: Any, **__: Any) -> Any:
        raise RuntimeError("the eventwire component codes parsed Docs only")


@Language.factory(
    "eventwire",
    default_config={"published": None},
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.events", "doc._.quotes", "doc._.mentions", "doc._.places", "doc._.dates"],
)
def make_eventwire(nlp: Language, name: str, published: Optional[str]) -> "EventwireComponent":  # noqa: UP045
    return EventwireComponent(nlp, name, published)
