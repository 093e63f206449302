"""The shipped gazetteer: GeoNames places indexed by name, loaded once per process.

``gazetteer.tsv.gz`` is built at dev time by ``scripts/build_gazetteer.py``; ``extra.tsv`` holds
hand-curated regions and corrections (see data/places/README.md). Loading indexes only the
name columns; a record's other fields are parsed when it first becomes a candidate, which
keeps loading the ~130,000 records well under a second.
"""

from __future__ import annotations

import functools
import gzip
import logging
import unicodedata
from dataclasses import dataclass

from eventwire.data import data_path, read_tsv

logger = logging.getLogger(__name__)

GAZETTEER_FILE = "places/gazetteer.tsv.gz"
EXTRA_FILE = "places/extra.tsv"
#: Feature classes, broadest first.
FEATURES = ("continent", "region", "water", "island", "country", "admin1", "admin2", "city")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer (a GeoNames record, or a hand-curated region)."""

    name: str
    geonames_id: int | None
    feature: str
    country: str  # ISO alpha-3, "" for continents and seas
    admin1: str  # GeoNames admin1 code ("US.TX"): its own for an admin1, its parent's below
    lat: float
    lon: float
    population: int


def name_key(text: str) -> str:
    """The lookup form of a name: case-folded, diacritics removed, curly quotes straightened."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text.lower()


class Gazetteer:
    """Name -> candidate places; admin1 code -> its record."""

    def __init__(self, names: list[str], rests: list[str], index: dict[str, list[int]]) -> None:
        self._names = names
        self._rests = rests  # unparsed "id, feature, country, admin1, lat, lon, population"
        self._index = index
        self._parsed: dict[int, GazetteerEntry] = {}
        self._admin1: dict[str, GazetteerEntry] | None = None
        self._main_keys: set[str] | None = None

    def __len__(self) -> int:
        return len(self._names)

    def lookup(self, text: str) -> list[GazetteerEntry]:
        """Every place called ``text`` (by name or alias), in file order."""
        return [self._entry(i) for i in self._index.get(name_key(text), ())]

    def has_name(self, text: str) -> bool:
        return name_key(text) in self._index

    def is_main_name(self, text: str) -> bool:
        """Whether ``text`` is some place's own name, not only another place's alias (GeoNames
        alternate names include translations such as "White House" for Casablanca)."""
        if self._main_keys is None:
            self._main_keys = {name_key(name) for name in self._names}
        return name_key(text) in self._main_keys

    def admin1(self, code: str) -> GazetteerEntry | None:
        """The first-level division with GeoNames code ``code`` ("US.TX")."""
        if self._admin1 is None:
            self._admin1 = {}
            for i, rest in enumerate(self._rests):
                if "\tadmin1\t" in rest:
                    entry = self._entry(i)
                    self._admin1.setdefault(entry.admin1, entry)
        return self._admin1.get(code)

    def _entry(self, i: int) -> GazetteerEntry:
        entry = self._parsed.get(i)
        if entry is None:
            gid, feature, country, admin1, lat, lon, population = self._rests[i].split("\t")
            entry = GazetteerEntry(self._names[i], int(gid) if gid else None, feature, country,
                                   admin1, float(lat), float(lon), int(population or 0))
            self._parsed[i] = entry
        return entry


def _add(index: dict[str, list[int]], key: str, i: int) -> None:
    bucket = index.get(key)
    if bucket is None:
        index[key] = [i]
    elif bucket[-1] != i:
        bucket.append(i)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer with the hand-curated additions, loaded once per process."""
    names: list[str] = []
    rests: list[str] = []
    aliases: list[str] = []
    with open(data_path(GAZETTEER_FILE), "rb") as handle:
        lines = gzip.decompress(handle.read()).decode("utf-8").split("\n")
    for line in lines:
        if not line:
            continue
        if line.startswith("#") or line.startswith("name\t"):
            continue
        name, alias_field, rest = line.split("\t", 2)
        names.append(name)
        aliases.append(alias_field)
        rests.append(rest)
    by_id = {rest.split("\t", 1)[0]: i for i, rest in enumerate(rests)}
    _apply_extra(names, rests, aliases, by_id)
    index: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        # Plain lower() for ASCII names: name_key's folding is needed only for the rest, and
        # this loop over ~180,000 names is most of the loading time.
        _add(index, name.lower() if name.isascii() else name_key(name), i)
        if aliases[i]:
            for alias in aliases[i].split("|"):
                _add(index, alias.lower() if alias.isascii() else name_key(alias), i)
    logger.debug("gazetteer: %d places, %d names", len(names), len(index))
    return Gazetteer(names, rests, index)


def _apply_extra(names: list[str], rests: list[str], aliases: list[str], by_id: dict[str, int]) -> None:
    """Hand-curated rows: corrections of GeoNames records (by id) and new places."""
    fields = ("id", "feature", "country", "admin1", "lat", "lon", "population")
    for row in read_tsv(EXTRA_FILE):
        i = by_id.get(row["id"]) if row["id"] else None
        if i is None:
            names.append(row["name"])
            rests.append("\t".join(row[f] if f != "population" else row[f] or "0" for f in fields))
            aliases.append(row["aliases"])
            continue
        old = dict(zip(fields, rests[i].split("\t"), strict=True))
        rests[i] = "\t".join(row[f] or old[f] for f in fields)
        names[i] = row["name"] or names[i]
        if row["aliases"]:
            aliases[i] = "|".join(a for a in (aliases[i], row["aliases"]) if a)
