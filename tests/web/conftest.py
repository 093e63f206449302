"""A small store built from hand-made records (no model): three articles, two dyads, three months."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from eventwire.records import Actor, Article, ArticleError, DocumentResult, Event, Mention, Place, Quote, Span
from eventwire.store import EventStore

CHN = Actor("China", 0, 5, "CHN", ("GOV",))
RUS = Actor("Russia", 0, 6, "RUS", ("GOV",))
UKR = Actor("Ukraine", 0, 7, "UKR", ())
STATE_MEDIA = Actor("state media", 0, 11, "RUS", ("MED",))
MOSCOW = Place("Moscow", 0, 6, "Moscow", "RUS", 55.75, 37.62, 524901, "city")
KYIV = Place("Kyiv", 0, 4, "Kyiv", "UKR", 50.45, 30.52, 703448, "city")

#: (doc id, published, [sentences], [(sentence no., trigger, source, target, cameo, label, goldstein, quad, plover,
#: modality, attributed, place)])
ARTICLES = [
    ("visit-jan", "2023-01-10",
     ["China's defence chief visited Moscow on Monday.", "Russia welcomed the talks, state media reported."],
     [(0, "visited", CHN, RUS, "042", "Make a visit", 1.9, 1, "CONSULT", "asserted", None, MOSCOW),
      (1, "welcomed", RUS, CHN, "051", "Praise or endorse", 3.4, 1, "COOPERATE", "asserted", STATE_MEDIA, None)]),
    ("aid-feb", "2023-02-14",
     ["China pledged grain to Russia.", "China may send arms to Russia, officials fear."],
     [(0, "pledged", CHN, RUS, "033", "Express intent to provide humanitarian aid", 3.4, 1, "AID", "intent",
       None, None),
      (1, "send", CHN, RUS, "0331", "Express intent to provide military aid", 5.2, 1, "AID", "hypothetical",
       None, None)]),
    ("shell-feb", "2023-02-20",
     ['Russia shelled Kyiv overnight.', '"Ukraine will answer," the Ukrainian president said.',
      "Russia accused China of hesitation."],
     [(0, "shelled", RUS, UKR, "194", "Fight with artillery and tanks", -10.0, 4, "ASSAULT", "asserted", None, KYIV),
      (2, "accused", RUS, CHN, "112", "Accuse", -2.0, 3, "ACCUSE", "asserted", None, None)]),
]


def _at(actor: Actor | None, text: str, offset: int) -> Actor | None:
    """The actor placed at its first occurrence in the text (after ``offset``)."""
    if actor is None:
        return None
    start = text.find(actor.text, offset)
    start = start if start >= 0 else offset
    return Actor(actor.text, start, start + len(actor.text), actor.country, actor.sector, actor.name)


def build_article(doc_id: str, published: str, sentences: list[str],
                  specs: list[tuple]) -> tuple[Article, DocumentResult]:
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    events = []
    for n, (si, trig, src, tgt, cameo, label, gold, quad, plover, modality, attributed, place) in enumerate(specs):
        t0 = text.index(trig, starts[si])
        loc = None
        if place is not None:
            p0 = text.index(place.text)
            loc = Place(place.text, p0, p0 + len(place.text), place.name, place.country, place.lat, place.lon,
                        place.geonames_id, place.feature)
        events.append(Event(
            id=f"{doc_id}:{si}:{n}", sentence_index=si, sentence=sentences[si], trigger=Span(trig, t0, t0 + len(trig)),
            source=_at(src, text, starts[si]), target=_at(tgt, text, starts[si]), cameo=cameo, cameo_label=label,
            goldstein=gold, quad_class=quad, plover=plover, modality=modality,
            attributed_to=_at(attributed, text, starts[si]), date=published, date_granularity="day",
            location=loc, confidence=0.8, rule=f"lexicon:{trig}/test"))
    mentions = []
    for actor in (CHN, RUS, UKR):
        at = text.find(actor.text)
        if at >= 0:
            si = max(i for i, s in enumerate(starts) if s <= at)
            mentions.append(Mention(actor.text, at, at + len(actor.text), actor.country, actor.sector,
                                    sentence_index=si))
    quotes = []
    if '"' in text:
        q0 = text.index('"')
        q1 = text.index('"', q0 + 1) + 1
        speaker = Actor("the Ukrainian president", text.index("the Ukrainian"), text.index(" said"), "UKR", ("GOV",),
                        "Volodymyr Zelensky")
        quotes.append(Quote(text[q0:q1], q0, q1, "direct", speaker=speaker))
    places = tuple(e.location for e in events if e.location)
    key = hashlib.sha256(text.encode()).hexdigest()[:32]
    article = Article(id=doc_id, text=text, title=f"Test article {doc_id}", published=published, origin="test",
                      content_hash=key)
    return article, DocumentResult(doc_id=doc_id, published=published, events=tuple(events), quotes=tuple(quotes),
                                   mentions=tuple(mentions), places=places, content_hash=key)


def build_store(path: Path) -> Path:
    with EventStore(path) as store:
        store.write_batch([build_article(*spec) for spec in ARTICLES])
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "small.duckdb")


@pytest.fixture(scope="session")
def client(store_path: Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from eventwire.web import ServeOptions, create_app

    with TestClient(create_app(ServeOptions(db=store_path))) as test_client:
        yield test_client


class FakeCoder:
    """Stands in for the spaCy coder: one event per article, instantly."""

    def code_batch(self, items: list[Article | ArticleError]):  # type: ignore[no-untyped-def]
        for item in items:
            assert isinstance(item, Article)
            end = item.text.find(" ") % (len(item.text) + 1)  # the first word, or all of a one-word text
            event = Event(id=f"{item.id}:0:0", sentence_index=0, sentence=item.text,
                          trigger=Span(item.text[:end], 0, end), source=None, target=None, cameo="010",
                          cameo_label="Make statement", goldstein=0.0, quad_class=0, plover="OTHER",
                          date=item.published)
            yield DocumentResult(doc_id=item.id, published=item.published, events=(event,),
                                 content_hash=item.content_hash)


@pytest.fixture(scope="session")
def fake_coder() -> type:
    return FakeCoder
