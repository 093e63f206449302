"""The event lexicon as lookup tables, built once from ``data/lexicon/*.tsv``.

See ``data/lexicon/README.md`` for the file formats. Everything the coder asks per token is a
dict lookup on a lemma; entries are pre-sorted so the most specific match is found first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.data import read_tsv
from eventwire.ontology import Codebook

logger = logging.getLogger(__name__)

#: Modalities in order of strength: when several cues apply to one trigger the first wins.
#: "demand" is a pseudo-modality (an obligation cue, "must"); the coder turns it into a demand
#: event when a speaker is known and into "hypothetical" otherwise.
#: "refusal" (a negated intention: "will not accept", "failed to reach") likewise becomes a
#: rejection for cooperative codes and "negated" otherwise.
#: "attempt" ("tried to seize", "attempted to assassinate") is an act begun, not announced: the
#: coder keeps the act's own code (CAMEO codes attempts as the act) and asserts it.
MODALITY_STRENGTH = ("denied", "refusal", "negated", "demand", "hypothetical", "attempt", "intent", "historical")


@dataclass(frozen=True)
class VerbEntry:
    """One row of verbs.tsv with its object constraint expanded to lemmas."""

    lemma: str
    prep: str
    objects: frozenset[str]  # empty: no constraint
    object_spec: str  # as written, for the rule string
    cameo: str

    @property
    def specificity(self) -> int:
        """prep and object > object > prep > bare lemma (the README's precedence)."""
        return 2 * bool(self.objects) + bool(self.prep)

    @property
    def identity(self) -> str:
        parts = [self.lemma] + ([self.prep] if self.prep else [])
        return "+".join(parts + ([self.object_spec] if self.object_spec else []))


@dataclass(frozen=True)
class NounEntry:
    lemma: str  # head lemma
    modifiers: tuple[str, ...]  # compound/amod lemmas that must be present ("joint drill")
    cameo: str

    @property
    def identity(self) -> str:
        return " ".join(self.modifiers + (self.lemma,))


@dataclass(frozen=True)
class ModalityCue:
    pos: str  # coarse POS or "*"
    modality: str
    relation: str  # "governs", "child" or "any"


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)
    nouns: dict[str, list[NounEntry]] = field(default_factory=dict)
    cues: dict[str, list[ModalityCue]] = field(default_factory=dict)
    intent_codes: dict[str, str] = field(default_factory=dict)
    demand_codes: dict[str, str] = field(default_factory=dict)
    reject_codes: dict[str, str] = field(default_factory=dict)
    reporting: dict[str, str] = field(default_factory=dict)  # lemma -> kind
    support_verbs: frozenset[str] = frozenset()
    recipient_verbs: frozenset[str] = frozenset()  # "received weapons from": subject is the target

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        book = Codebook.load()
        classes = load_classes()
        lexicon = cls(
            verbs=load_verbs(classes, book), nouns=load_nouns(book), cues=load_cues(),
            intent_codes={row["prefix"]: row["cameo"] for row in read_tsv("lexicon/intent_codes.tsv")},
            demand_codes={row["prefix"]: row["cameo"] for row in read_tsv("lexicon/demand_codes.tsv")},
            reject_codes={row["prefix"]: row["cameo"] for row in read_tsv("lexicon/reject_codes.tsv")},
            reporting={row["cue"]: row["kind"] for row in read_tsv("lexicon/reporting.tsv")},
            support_verbs=frozenset(row["lemma"] for row in read_tsv("lexicon/support_verbs.tsv")
                                    if row.get("role", "source") != "recipient"),
            recipient_verbs=frozenset(row["lemma"] for row in read_tsv("lexicon/support_verbs.tsv")
                                      if row.get("role") == "recipient"),
        )
        logger.debug("lexicon: %d verb lemmas, %d noun lemmas", len(lexicon.verbs), len(lexicon.nouns))
        return lexicon

    def intent_code(self, cameo: str) -> str:
        """The code of an intended (promised, offered, threatened) event: longest prefix wins."""
        return longest_prefix(self.intent_codes, cameo) or cameo

    def demand_code(self, cameo: str, root: str = "10") -> str:
        """The code of a demand (root "10") or appeal (root "02") that ``cameo`` be done."""
        if cameo[:2] in ("10", "02"):
            return root + cameo[2:]
        code = longest_prefix(self.demand_codes, cameo) or "100"
        return root + code[2:]


    def reject_code(self, cameo: str) -> str | None:
        """The rejection a refused cooperative event becomes (None: not cooperative)."""
        return longest_prefix(self.reject_codes, cameo)


def longest_prefix(table: dict[str, str], cameo: str) -> str | None:
    for size in range(len(cameo), 1, -1):
        code = table.get(cameo[:size])
        if code:
            return code
    return None


def load_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for row in read_tsv("lexicon/classes.tsv"):
        classes.setdefault(row["class"], set()).add(row["lemma"].lower())
    return {name: frozenset(lemmas) for name, lemmas in classes.items()}


def expand_objects(spec: str, classes: dict[str, frozenset[str]]) -> frozenset[str]:
    lemmas: set[str] = set()
    for part in filter(None, (p.strip() for p in spec.split("|"))):
        if part.startswith("@"):
            if part[1:] not in classes:
                logger.warning("verbs.tsv: unknown class %s", part)
            lemmas |= classes.get(part[1:], frozenset())
        else:
            lemmas.add(part.lower())
    return frozenset(lemmas)


def load_verbs(classes: dict[str, frozenset[str]], book: Codebook) -> dict[str, list[VerbEntry]]:
    verbs: dict[str, list[VerbEntry]] = {}
    for row in read_tsv("lexicon/verbs.tsv"):
        prep, spec = row["prep"].lower(), row["object"]
        # Tolerated variant: an object constraint written in the prep column as "=lemmas".
        if prep.startswith("="):
            prep, spec = "", "|".join(filter(None, (prep[1:], spec)))
        if row["cameo"] not in book:
            logger.warning("verbs.tsv: %s has unknown CAMEO code %s", row["lemma"], row["cameo"])
            continue
        entry = VerbEntry(row["lemma"].lower(), prep, expand_objects(spec, classes), spec, row["cameo"])
        verbs.setdefault(entry.lemma, []).append(entry)
    for entries in verbs.values():
        entries.sort(key=lambda e: -e.specificity)
    return verbs


def load_nouns(book: Codebook) -> dict[str, list[NounEntry]]:
    nouns: dict[str, list[NounEntry]] = {}
    for row in read_tsv("lexicon/nouns.tsv"):
        words = row["lemma"].lower().split()
        if not words or row["cameo"] not in book:
            logger.warning("nouns.tsv: skipped %r", row)
            continue
        entry = NounEntry(words[-1], tuple(words[:-1]), row["cameo"])
        nouns.setdefault(entry.lemma, []).append(entry)
    for entries in nouns.values():
        entries.sort(key=lambda e: -len(e.modifiers))
    return nouns


def load_cues() -> dict[str, list[ModalityCue]]:
    cues: dict[str, list[ModalityCue]] = {}
    for row in read_tsv("lexicon/modality.tsv"):
        cue = ModalityCue(row["pos"] or "*", row["modality"], row["relation"] or "any")
        cues.setdefault(row["cue"].lower(), []).append(cue)
    return cues
