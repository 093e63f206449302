"""The actor knowledge files, loaded once into lookup tables.

Files (under ``eventwire/data/actors/``): ``countries.tsv``, ``blocs.tsv``,
``organisations.tsv``, ``sectors.tsv``, ``people.tsv`` and ``overrides.tsv``. User files given
to the constructor use the ``organisations.tsv`` columns; they and ``overrides.tsv`` take
precedence over everything shipped (the hook for the learned registry).

Matching is by dictionary lookup of normalised span text rather than a spaCy PhraseMatcher: a
lookup needs no vocab and no tokenisation of the entries, so one table serves every pipeline,
and at about ten lookups per token it is as fast as the matcher for our sizes.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.data import read_tsv
from eventwire.extract.actors.people import Person, Role, parse_date

log = logging.getLogger(__name__)

DATA_DIR = "actors"
NAME_FILES = ("countries.tsv", "groups.tsv", "subnational.tsv", "blocs.tsv", "organisations.tsv")
OVERRIDES = "actors/overrides.tsv"
PEOPLE_SECTOR = ("CVL",)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_FIRST = re.compile(r"^(?:[^\W_]\.)+|^[\w']+\.?")


@functools.lru_cache(maxsize=1 << 16)  # token texts repeat; norm runs once per token per doc
def norm(text: str) -> str:
    """Lookup key: NFC, straight quotes and hyphens, one space, lower case."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().lower()


def first_words(key: str) -> set[str]:
    """What spaCy may make the first token of ``key``: "u.s." stays whole, "al-qaeda" -> "al"."""
    words = {key.split(" ")[0]}
    for match in (_FIRST.match(key), re.match(r"^[^\W_]+", key)):
        if match:
            words.add(match.group(0))
    return words


def case_signature(surface: str) -> tuple[str, ...]:
    """Per word: A = must be all capitals, C = must be capitalised, l = any case."""
    sig = []
    for word in _SPACES.split(surface.strip()):
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            sig.append("A")
        elif letters and letters[0].isupper():
            sig.append("C")
        else:
            sig.append("l")
    return tuple(sig)


def case_ok(signature: tuple[str, ...], text: str) -> bool:
    words = _SPACES.split(text.strip())
    if len(words) != len(signature):
        return True  # tokenisation differs (rare): accept rather than lose the match
    for need, word in zip(signature, words, strict=True):
        letters = [c for c in word if c.isalpha()]
        # Acronyms of four letters or more are also written as names ("Nato", "Farc").
        if need == "A" and not all(c.isupper() for c in letters) and not (
                len(letters) >= 4 and letters[0].isupper() and all(c.islower() for c in letters[1:])):
            return False
        if need == "C" and not (letters and letters[0].isupper()):
            return False
    return True


def _weakest(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    order = "lCA"
    if len(a) != len(b):
        return a
    return tuple(min(x, y, key=order.index) for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class NameEntry:
    """A name, adjective or metonym of a country, region or organisation."""

    country: str
    sector: tuple[str, ...]
    name: str | None
    id: str | None
    kind: str  # country | capital | adjective | people | region | org | subnational | group[-adjective]
    signature: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectorTerm:
    term: str
    sector: tuple[str, ...]
    kind: str  # title | noun
    office: str
    alone: bool
    plural: bool = False


class KeyTable:
    """Normalised key -> value, with the first-token index that bounds the span search."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.max_len: dict[str, int] = {}

    def add(self, key: str, value: object) -> None:
        self.values[key] = value
        for word in first_words(key):
            self.max_len[word] = max(self.max_len.get(word, 0), len(key))

    def get(self, key: str) -> object | None:
        return self.values.get(key)


class ActorLexicon:
    """All actor tables; build once and share (the resolver does)."""

    def __init__(self, extra_files: Sequence[str | Path] = ()) -> None:
        self.names = KeyTable()
        self.people_table = KeyTable()
        self.sectors = KeyTable()
        self.people: list[Person] = []
        self.offices: set[str] = set()
        for relative in NAME_FILES:
            self._load_names(read_tsv(f"{DATA_DIR}/{relative}"), relative)
        self._load_sectors(read_tsv(f"{DATA_DIR}/sectors.tsv"))
        self._load_people(read_tsv(f"{DATA_DIR}/people.tsv"))
        # User corrections last, so that they win (see the module docstring).
        self._load_names(read_tsv(OVERRIDES), "overrides.tsv")
        for path in extra_files:
            self._load_names(read_tsv(Path(path).resolve()), str(path))
        log.debug("actor lexicon: %d names, %d people, %d sector terms",
                  len(self.names.values), len(self.people), len(self.sectors.values))

    # ------------------------------------------------------------------ names
    def _add_name(self, surface: str, entry: NameEntry) -> None:
        key = norm(surface)
        if not key:
            return
        signature = case_signature(surface)
        old = self.names.get(key)
        if isinstance(old, NameEntry) and old.country == entry.country and old.kind == entry.kind:
            signature = _weakest(old.signature, signature)
        self.names.add(key, NameEntry(entry.country, entry.sector, entry.name, entry.id,
                                      entry.kind, signature))

    def _load_names(self, rows: Iterable[dict[str, str]], origin: str) -> None:
        for row in rows:
            if "code" in row:
                self._load_country(row)
                continue
            names = _split(row["names"])
            if not names:
                continue
            sector = tuple(row.get("sector", "").split())
            ident = row.get("id") or None
            if row.get("kind") == "person":
                # A person (the learned registry writes these): a person of the data, so
                # that a later bare surname resolves as an alias of the full name.
                self._add_user_person(names, row["country"], sector, row.get("name") or names[0])
                continue
            for surface in names:
                # A row with an id is one body under several names; a row without one lists
                # distinct bodies that share country and sector, each its own name.
                canonical = row.get("name") or (names[0] if ident else surface)
                self._add_name(surface, NameEntry(row["country"], sector, canonical, ident, row.get("kind") or "org"))

    def _load_country(self, row: dict[str, str]) -> None:
        code, name = row["code"], row["name"]
        ident = f"country:{code}"
        for surface in [name, *_split(row["names"])]:
            self._add_name(surface, NameEntry(code, (), name, ident, "country"))
        adjectives = _split(row["adjectives"])
        for surface in adjectives:
            self._add_name(surface, NameEntry(code, (), name, ident, "adjective"))
        people = _split(row["people"]) or [a + "s" for a in adjectives if a.endswith(("an", "i"))]
        for surface in people:
            # A nation's people named as a group ("Palestinians protested", "ethnic Albanians")
            # are its civilians, as CAMEO and PLOVER code them, not its state.
            self._add_name(surface, NameEntry(code, PEOPLE_SECTOR, name, ident, "people"))
        for surface in _split(row["capitals"]):
            self._add_name(surface, NameEntry(code, ("GOV",), name, ident, "capital"))

    # ---------------------------------------------------------------- sectors
    def _load_sectors(self, rows: Iterable[dict[str, str]]) -> None:
        plurals: list[SectorTerm] = []
        for row in rows:
            term = SectorTerm(norm(row["term"]), tuple(row["sector"].split()), row["kind"],
                              row["office"], row["alone"] == "y")
            self.sectors.add(term.term, term)
            if term.office:
                self.offices.add(term.office)
            plural = pluralise(term.term)
            if plural:
                plurals.append(SectorTerm(plural, term.sector, "noun", term.office, term.alone, True))
        for term in plurals:
            if self.sectors.get(term.term) is None:
                self.sectors.add(term.term, term)

    # ----------------------------------------------------------------- people
    def _load_people(self, rows: Iterable[dict[str, str]]) -> None:
        by_name: dict[str, Person] = {}
        for row in rows:
            person = by_name.setdefault(row["name"], Person(row["name"]))
            start = parse_date(row["start"])
            if start is None:
                raise ValueError(f"people.tsv: {row['name']} has a role without a start date")
            person.roles.append(Role(row["country"], row["office"], tuple(row["sector"].split()),
                                     start, parse_date(row["end"]), row["leader"] == "y"))
            person.aliases.update(_split(row["aliases"]))
        self.people = list(by_name.values())
        for person in self.people:
            self._index_person(person)

    def _index_person(self, person: Person, replace: bool = False) -> None:
        """Add ``person`` under its name and aliases; ``replace``: it alone answers to them."""
        for surface in [person.name, *person.aliases]:
            key = norm(surface)
            found = self.people_table.get(key)
            bucket = found if isinstance(found, tuple) and not replace else ()
            if person not in bucket:
                self.people_table.add(key, (*bucket, person))

    def _add_user_person(self, names: list[str], country: str, sector: tuple[str, ...], name: str) -> None:
        """A user's person row: one undated role, winning over shipped people of that name
        (shipped people stay in ``people``, so dated offices still find their holders)."""
        person = Person(name, [Role(country, "", sector, dt.date.min, None)], set(names) - {name})
        self.people.append(person)
        self._index_person(person, replace=True)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


_ES = ("s", "sh", "ch", "x", "z")


def pluralise(term: str) -> str | None:
    """Plural of the last word ("foreign minister" -> "foreign ministers"); None when unsafe."""
    if " of " in term or term.endswith("."):
        return None
    head, _, last = term.rpartition(" ")
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(_ES):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural
