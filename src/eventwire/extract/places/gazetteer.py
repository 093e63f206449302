"""The shipped gazetteer: GeoNames places indexed by name, loaded once per process.

``gazetteer.tsv.gz`` (the places) and ``names.tsv.gz`` (their lookup keys, sorted) are built
at dev time by ``scripts/build_gazetteer.py``; ``extra.tsv`` holds hand-curated regions and
corrections (see data/places/README.md) and is applied at load time, so that users can edit it
without rebuilding. Loading only splits the two files into lines: a name is found by binary
search over the sorted keys, and a record is parsed when it first becomes a candidate. That
keeps loading ~130,000 places near a tenth of a second.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import logging
import unicodedata
from dataclasses import dataclass

from eventwire.data import data_path, read_tsv

logger = logging.getLogger(__name__)

GAZETTEER_FILE = "places/gazetteer.tsv.gz"
NAMES_FILE = "places/names.tsv.gz"
EXTRA_FILE = "places/extra.tsv"
#: Feature classes, broadest first.
FEATURES = ("continent", "region", "water", "island", "country", "admin1", "admin2", "city")
#: Distinct names whose lookups are remembered.
LOOKUP_CACHE_SIZE = 50_000
#: Columns of gazetteer.tsv.gz and extra.tsv.
COLUMNS = ("name", "aliases", "id", "feature", "country", "admin1", "lat", "lon", "population",
           "capital")


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
    capital: bool = False  # a national capital


def name_key(text: str) -> str:
    """The lookup form of a name: case-folded, diacritics removed, curly quotes straightened."""
    if not text.isascii():
        text = text.replace("\u2019", "'").replace("\u2018", "'")
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text.lower()


def row_keys(name: str, aliases: str) -> set[str]:
    """The lookup keys of a record: its name and aliases (``|``-separated)."""
    keys = {name_key(name)}
    if aliases:
        keys.update(name_key(alias) for alias in aliases.split("|"))
    return keys


class Gazetteer:
    """Name -> candidate places, over the built files plus the hand-curated rows."""

    def __init__(self, rows: list[str], keys: list[str]) -> None:
        self._rows = rows  # "name, aliases, id, feature, country, admin1, lat, lon, population"
        self._keys = keys  # sorted "key<TAB>row row ..."
        self._extra: dict[str, list[int]] = {}  # keys added by extra.tsv
        self._parsed: dict[int, GazetteerEntry] = {}
        self._found: dict[str, list[int]] = {}  # lookups so far (the same names recur)

    def __len__(self) -> int:
        return len(self._rows)

    def lookup(self, text: str) -> list[GazetteerEntry]:
        """Every place called ``text`` (by name or alias)."""
        return [self._entry(i) for i in self._rows_of(name_key(text))]

    def has_name(self, text: str) -> bool:
        return bool(self._rows_of(name_key(text)))

    def is_main_name(self, text: str) -> bool:
        """Whether ``text`` is some place's own name, not only another place's alias (GeoNames
        alternate names include translations such as "White House" for Casablanca)."""
        key = name_key(text)
        return any(name_key(self._entry(i).name) == key for i in self._rows_of(key))

    def _rows_of(self, key: str) -> list[int]:
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= LOOKUP_CACHE_SIZE:  # a long run must not grow without bound
                self._found.clear()
            found = self._found[key] = self._search(key)
        return found

    def _search(self, key: str) -> list[int]:
        found: list[int] = []
        probe = key + "\t"
        at = bisect.bisect_left(self._keys, probe)
        if at < len(self._keys) and self._keys[at].startswith(probe):
            found = [int(i) for i in self._keys[at][len(probe):].split()]
        extra = self._extra.get(key)
        if extra:
            found = found + [i for i in extra if i not in found]
        return found

    def _entry(self, i: int) -> GazetteerEntry:
        entry = self._parsed.get(i)
        if entry is None:
            name, _aliases, gid, feature, country, admin1, lat, lon, population, capital = (
                self._rows[i].split("\t"))
            entry = GazetteerEntry(name, int(gid) if gid else None, feature, country, admin1,
                                   float(lat), float(lon), int(population or 0), capital == "1")
            self._parsed[i] = entry
        return entry

    def add(self, row: dict[str, str]) -> None:
        """Apply one hand-curated row: a correction of a record (found by its name and id) or
        a new place."""
        found = [i for i in self._rows_of(name_key(row["name"]))
                 if row["id"] and self._rows[i].split("\t", 3)[2] == row["id"]]
        if found:
            i = found[0]
            old = dict(zip(COLUMNS, self._rows[i].split("\t"), strict=True))
            new = {c: row.get(c) or old[c] for c in COLUMNS}
            new["name"] = old["name"]
            new["aliases"] = "|".join(a for a in (old["aliases"], row.get("aliases", "")) if a)
        else:
            if row["id"]:
                logger.warning("extra.tsv: no place %r with id %s to correct; added as new",
                               row["name"], row["id"])
            i = len(self._rows)
            new = {c: row.get(c, "") for c in COLUMNS}
            new["population"] = new["population"] or "0"
            self._rows.append("")
        self._rows[i] = "\t".join(new[c] for c in COLUMNS)
        self._parsed.pop(i, None)
        self._found.clear()
        for key in row_keys(new["name"], new["aliases"]):
            bucket = self._extra.setdefault(key, [])
            if i not in bucket:
                bucket.append(i)


def _lines(relative: str) -> list[str]:
    """The data lines of a built file (comments and the header line dropped)."""
    with open(data_path(relative), "rb") as handle:
        lines = gzip.decompress(handle.read()).decode("utf-8").split("\n")
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    end = len(lines) - 1 if lines and not lines[-1] else len(lines)
    return lines[start + 1:end]  # + 1: the header line


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer with the hand-curated additions, loaded once per process."""
    gazetteer = Gazetteer(_lines(GAZETTEER_FILE), _lines(NAMES_FILE))
    for row in read_tsv(EXTRA_FILE):
        gazetteer.add(row)
    logger.debug("gazetteer: %d places", len(gazetteer))
    return gazetteer
