"""People with dated offices: which role a person held on a given day.

The publication date selects the role in force. Rule for a person out of office (documented in
``data/actors/people.tsv``): the country of the latest earlier role, and sector ELI (PLOVER:
former government officials) unless that role was itself not an office (an opposition or rebel
leader keeps OPP/REB). Without a date, the latest role counts as current: news is mostly read
close to publication, and the latest role is the one a reader of undated text most likely means.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

#: Sectors that mark an office-holder; a former holder of such a role becomes ELI.
OFFICE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
FORMER_SECTOR = "ELI"
_FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Role:
    country: str
    office: str
    sector: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    leader: bool = False

    def active(self, day: dt.date) -> bool:
        return self.start <= day < (self.end or _FAR_FUTURE)


@dataclass
class Person:
    name: str
    roles: list[Role] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return "person:" + slug(self.name)

    def status(self, day: dt.date | None) -> tuple[str | None, tuple[str, ...], Role | None]:
        """(country, sectors, role in force) on ``day``; see the module docstring for the rule."""
        roles = sorted(self.roles, key=lambda r: r.start)
        if not roles:
            return None, (), None
        if day is None:
            current = [r for r in roles if r.end is None] or [roles[-1]]
            return current[-1].country, _union(current), current[-1]
        active = [r for r in roles if r.active(day)]
        if active:
            return active[-1].country, _union(active), active[-1]
        earlier = [r for r in roles if r.start <= day]
        if not earlier:
            return roles[0].country, (), None
        last = max(earlier, key=lambda r: r.end or _FAR_FUTURE)
        if OFFICE_SECTORS.intersection(last.sector):
            return last.country, (FORMER_SECTOR,), None
        return last.country, last.sector, None

    def latest_start(self, day: dt.date | None) -> dt.date:
        starts = [r.start for r in self.roles if day is None or r.start <= day]
        return max(starts) if starts else dt.date.min


def _union(roles: list[Role]) -> tuple[str, ...]:
    out: list[str] = []
    for role in reversed(roles):
        out.extend(code for code in role.sector if code not in out)
    return tuple(out)


def choose_person(candidates: list[Person], day: dt.date | None) -> Person:
    """The candidate meant on ``day``: one in office, else the one most recently in a role."""
    if len(candidates) == 1:
        return candidates[0]
    if day is not None:
        active = [p for p in candidates if any(r.active(day) for r in p.roles)]
        if active:
            return max(active, key=lambda p: p.latest_start(day))
    return max(candidates, key=lambda p: p.latest_start(day))


def holder(people: list[Person], country: str, office: str, day: dt.date | None) -> Person | None:
    """Who held ``office`` for ``country`` on ``day`` (the latest holder when undated)."""
    best: tuple[dt.date, Person] | None = None
    for person in people:
        for role in person.roles:
            if role.country != country or not _office_matches(role, office):
                continue
            if day is not None and not role.active(day):
                continue
            if best is None or role.start > best[0]:
                best = (role.start, person)
    return best[1] if best else None


def _office_matches(role: Role, office: str) -> bool:
    return role.leader if office == "leader" else role.office == office


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def parse_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
