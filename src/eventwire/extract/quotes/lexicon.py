"""The reported-speech lexicon (``data/lexicon/speech.tsv``), loaded once into lookups."""
from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.data import read_tsv

KINDS = ("speech", "relay", "evaluative", "source", "medium", "speaker")
ADDRESSEE_SLOTS = ("", "dobj", "to")
REFERENTS = ("", "person", "org")


@dataclass(frozen=True)
class SpeechLexicon:
    speech: frozenset[str]  # lemmas that introduce quotes and reported clauses (incl. relay)
    relay: frozenset[str]  # lemmas that can relay another's words ("reported Y as saying")
    evaluative: frozenset[str]  # lemmas that govern partial quotes only
    sources: tuple[tuple[str, ...], ...]  # phrases naming a source ("according to")
    media: frozenset[str]  # "in a statement" nouns
    addressee: dict[str, str] = field(default_factory=dict)  # lemma -> "dobj" | "to"
    speaker_nouns: dict[str, str] = field(default_factory=dict)  # noun -> "person" | "org"

    @classmethod
    def load(cls, path: str = "lexicon/speech.tsv") -> SpeechLexicon:
        rows = list(read_tsv(path))
        by_kind: dict[str, list[dict[str, str]]] = {kind: [] for kind in KINDS}
        for row in rows:
            if row["kind"] not in by_kind:
                raise ValueError(f"{path}: unknown kind {row['kind']!r} for cue {row['cue']!r}; "
                                 f"use one of {', '.join(KINDS)}")
            by_kind[row["kind"]].append(row)
        relay = frozenset(row["cue"] for row in by_kind["relay"])
        return cls(
            speech=frozenset(row["cue"] for row in by_kind["speech"]) | relay,
            relay=relay,
            evaluative=frozenset(row["cue"] for row in by_kind["evaluative"]),
            sources=tuple(tuple(row["cue"].split()) for row in by_kind["source"]),
            media=frozenset(row["cue"] for row in by_kind["medium"]),
            addressee={row["cue"]: row["addressee"] for row in rows if row["addressee"]},
            speaker_nouns={row["cue"]: row["referent"] for row in by_kind["speaker"]},
        )
