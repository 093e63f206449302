"""The learned actor registry: what appositions and titles taught about names, with provenance.

When an article says "Defence Minister Pavel Novak of Czechia" or "Novak, the country's
defence minister", the actor stage resolves that mention from the document alone (its
``via`` says so). The registry gathers those lessons from every stored article (name,
country, sectors, first and last seen, how many articles, one piece of evidence), so that
later articles that name "Pavel Novak" bare can be resolved. It is rebuilt from the stored
mentions, so it is the same whatever order the articles were ingested in and after a
resumed run. A user corrects it by editing the actors overrides file, which takes
precedence over everything learned.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from eventwire.store.duck import EventStore

#: Resolutions that come from the document itself, not from the shipped data files.
LEARNED_FROM = ("person:title", "person:title-context", "person:apposition")

SCHEMA = """
CREATE TABLE IF NOT EXISTS actor_registry (
    name VARCHAR PRIMARY KEY, country VARCHAR, sector VARCHAR[],
    first_seen DATE, last_seen DATE, n_mentions INTEGER, n_articles INTEGER,
    evidence VARCHAR, evidence_doc VARCHAR, learned_from VARCHAR[]
)
"""

# For each name, the (country, sectors) reading taught most often wins; ties go to the
# earliest evidence, so the registry does not depend on ingest order.
REBUILD = f"""
WITH lessons AS (
    SELECT m.name, m.country, m.sector, m.text, m.via, a.published, a.doc_id, m.content_hash, m.mention_index
    FROM mentions m JOIN articles a USING (content_hash)
    WHERE m.name IS NOT NULL AND m.country IS NOT NULL
      AND m.via IN ({", ".join("'" + v + "'" for v in LEARNED_FROM)})
), readings AS (
    SELECT name, country, sector, count(*) AS n,
           min(coalesce(published, DATE '9999-12-31')) AS first_published
    FROM lessons GROUP BY name, country, sector
), best AS (
    SELECT name, arg_min(country, (-n, first_published, country)) AS country,
           arg_min(sector, (-n, first_published, country)) AS sector
    FROM readings GROUP BY name
)
SELECT l.name, b.country, b.sector, min(l.published), max(l.published), count(*),
       count(DISTINCT l.content_hash),
       arg_min(l.text, (coalesce(l.published, DATE '9999-12-31'), l.content_hash, l.mention_index)),
       arg_min(l.doc_id, (coalesce(l.published, DATE '9999-12-31'), l.content_hash, l.mention_index)),
       list(DISTINCT l.via ORDER BY l.via)
FROM lessons l JOIN best b USING (name)
GROUP BY l.name, b.country, b.sector
ORDER BY l.name
"""


def rebuild_registry(store: EventStore) -> int:
    """Rebuild the registry from the stored mentions; returns the number of names."""
    store.con.execute(SCHEMA)
    store.con.execute("BEGIN TRANSACTION")
    store.con.execute("DELETE FROM actor_registry")
    store.con.execute(f"INSERT INTO actor_registry {REBUILD}")
    store.con.execute("COMMIT")
    return int(store.scalar("SELECT count(*) FROM actor_registry"))


def registry_rows(store: EventStore, *, min_articles: int = 1) -> list[dict[str, Any]]:
    """The registry, most attested names first."""
    exists = store.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'actor_registry'")
    if not exists:
        return []
    names, rows = store.query(
        "SELECT * FROM actor_registry WHERE n_articles >= ? ORDER BY n_articles DESC, name", [min_articles]
    )
    return [dict(zip(names, row, strict=False)) for row in rows]


def write_overrides(rows: list[dict[str, Any]], path: str | Path) -> None:
    """Write registry rows as an actors file (the overrides format) the actor stage can load."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("# Learned by eventwire from appositions and titles; edit freely.\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["names", "country", "sector", "name", "kind", "id"])
        for row in rows:
            slug = "-".join(row["name"].lower().split())
            writer.writerow(
                [row["name"], row["country"], " ".join(row["sector"] or []), row["name"], "person", f"person:{slug}"]
            )
