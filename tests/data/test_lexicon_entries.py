"""Entry-level checks of the trigger lexicon (data/lexicon/verbs.tsv, nouns.tsv, classes.tsv).

``test_lexicon.py`` checks the file formats; this module checks what the entries say: every
row is a usable lemma with a known code, the classes are real and used, the lexicon reaches
every CAMEO root and PLOVER type, and common news phrasings resolve to the code a coder
would give them under the README's precedence (prep and object > object > prep > bare lemma,
file order within a level).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from eventwire.data import read_tsv
from eventwire.ontology import Codebook

#: Words the parser attaches as prepositions or particles: as an object constraint they would
#: never match an object head, so they betray a phrase written in the wrong column.
FUNCTION_WORDS = frozenset(
    "of from on with to for at as in over behind against into by up out off down".split())


@lru_cache(maxsize=1)
def verb_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv("lexicon/verbs.tsv"))


@lru_cache(maxsize=1)
def noun_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_tsv("lexicon/nouns.tsv"))


@lru_cache(maxsize=1)
def classes() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in read_tsv("lexicon/classes.tsv"):
        found.setdefault(row["class"], set()).add(row["lemma"])
    return {name: frozenset(lemmas) for name, lemmas in found.items()}


def object_lemmas(spec: str) -> frozenset[str]:
    lemmas: set[str] = set()
    for part in filter(None, spec.split("|")):
        lemmas |= classes()[part[1:]] if part.startswith("@") else {part}
    return frozenset(lemmas)


def resolve(lemma: str, prep: str = "", obj: str = "") -> str | None:
    """The code the lexicon gives a verb with this particle/preposition and object head."""
    rows = [r for r in verb_rows() if r["lemma"] == lemma]
    rows.sort(key=lambda r: -(2 * bool(r["object"]) + bool(r["prep"])))  # stable: file order
    for row in rows:
        if row["prep"] and row["prep"] != prep:
            continue
        if row["object"] and obj not in object_lemmas(row["object"]):
            continue
        return row["cameo"]
    return None


def test_verb_rows_are_single_lemmas_with_known_codes() -> None:
    book = Codebook.load()
    bad = [r for r in verb_rows()
           if r["cameo"] not in book or r["lemma"] != r["lemma"].lower() or " " in r["lemma"]
           or " " in r["prep"] or r["prep"] != r["prep"].lower()]
    assert bad == []


def test_verb_objects_name_lemmas_or_known_classes() -> None:
    bad = []
    for row in verb_rows():
        for part in filter(None, row["object"].split("|")):
            if part.startswith("@"):
                ok = part[1:] in classes()
            else:
                ok = part == part.lower() and " " not in part and part not in FUNCTION_WORDS
            if not ok:
                bad.append((row["lemma"], row["prep"], part))
    assert bad == []


def test_no_verb_entry_is_written_twice() -> None:
    keys = Counter((r["lemma"], r["prep"], r["object"]) for r in verb_rows())
    assert [key for key, n in keys.items() if n > 1] == []


def test_noun_rows_are_lower_case_lemmas_with_known_codes() -> None:
    book = Codebook.load()
    # The tokenizer splits hyphenated words, so "cease-fire" must be written "cease fire".
    bad = [r for r in noun_rows()
           if r["cameo"] not in book or r["lemma"] != r["lemma"].lower() or "-" in r["lemma"]]
    assert bad == []
    lemmas = Counter(r["lemma"] for r in noun_rows())
    assert [lemma for lemma, n in lemmas.items() if n > 1] == []


def test_classes_are_single_token_lemmas_and_all_used() -> None:
    for name, lemmas in classes().items():
        assert name.isupper(), name
        assert all(lemma == lemma.lower() and " " not in lemma and "-" not in lemma
                   for lemma in lemmas), name
    used = {part[1:] for r in verb_rows() for part in r["object"].split("|") if part.startswith("@")}
    assert sorted(set(classes()) - used) == []


def test_every_cameo_root_has_verb_triggers() -> None:
    roots = Counter(r["cameo"][:2] for r in verb_rows())
    assert [f"{n:02d}" for n in range(1, 21) if roots[f"{n:02d}"] < 10] == []


def test_every_plover_type_has_verb_and_noun_triggers() -> None:
    book = Codebook.load()
    by_verbs = {book[r["cameo"]].plover for r in verb_rows()}
    by_nouns = {book[r["cameo"]].plover for r in noun_rows()}
    assert sorted(book.plover_types - by_verbs) == []
    assert sorted(book.plover_types - by_nouns) == []


def test_cue_verbs_leave_event_noun_objects_to_the_noun() -> None:
    # "pledged aid", "offered mediation": the coder reads a modality cue verb as the modality
    # of the event noun it governs, so a verb entry on the same noun would swallow the event.
    cues = {r["cue"] for r in read_tsv("lexicon/modality.tsv")
            if r["relation"] != "child" and r["pos"] in ("VERB", "*")}
    heads = {r["lemma"].split()[-1] for r in noun_rows()}
    clashes = [(r["lemma"], r["object"]) for r in verb_rows()
               if r["lemma"] in cues and object_lemmas(r["object"]) & heads]
    assert clashes == []


# (lemma, prep, object head lemma) -> CAMEO code: ordinary news phrasings, one general sense
# each, checked through the precedence the event coder applies.
PHRASES = [
    (("impose", "", "sanction"), "163"),
    (("lift", "", "sanction"), "085"),
    (("lift", "", "curfew"), "0813"),
    (("impose", "", "curfew"), "1723"),
    (("declare", "", "emergency"), "1724"),
    (("hold", "", "talk"), "040"),
    (("hold", "", "referendum"), "0344"),
    (("call", "for", "talk"), "026"),
    (("call", "for", "ceasefire"), "0256"),
    (("call", "on", ""), "020"),
    (("urge", "", ""), "020"),
    (("demand", "", "release"), "1053"),
    (("demand", "", "resignation"), "1041"),
    (("pledge", "", "million"), "0331"),
    (("offer", "", "troop"), "0334"),
    (("accept", "", "mediation"), "038"),
    (("send", "", "troop"), "154"),
    (("send", "", "weapon"), "072"),
    (("send", "", "peacekeeper"), "074"),
    (("send", "", "aid"), "070"),
    (("send", "", "condolence"), "018"),
    (("deploy", "", ""), "154"),
    (("visit", "", ""), "042"),
    (("host", "", ""), "043"),
    (("meet", "", ""), "040"),
    (("meet", "on", "sideline"), "044"),
    (("negotiate", "", ""), "046"),
    (("mediate", "", ""), "045"),
    (("praise", "", ""), "051"),
    (("welcome", "", "decision"), "051"),
    (("apologize", "", ""), "055"),
    (("sign", "", "agreement"), "057"),
    (("reach", "", "deal"), "057"),
    (("share", "", "intelligence"), "064"),
    (("extradite", "", ""), "063"),
    (("grant", "", "asylum"), "075"),
    (("release", "", "prisoner"), "0841"),
    (("release", "", "statement"), "010"),
    (("return", "", "land"), "0842"),
    (("withdraw", "", "troop"), "087"),
    (("surrender", "", ""), "0874"),
    (("investigate", "", ""), "090"),
    (("investigate", "", "corruption"), "091"),
    (("accuse", "", ""), "112"),
    (("accuse", "of", "corruption"), "1121"),
    (("deny", "", ""), "016"),
    (("reject", "", "accusation"), "016"),
    (("condemn", "", ""), "111"),
    (("criticize", "", ""), "111"),
    (("sue", "", ""), "115"),
    (("convict", "", ""), "116"),
    (("reject", "", ""), "120"),
    (("reject", "", "proposal"), "120"),
    (("reject", "", "talk"), "125"),
    (("reject", "", "plan"), "127"),
    (("veto", "", ""), "129"),
    (("defy", "", ""), "128"),
    (("threaten", "", ""), "130"),
    (("threaten", "", "sanction"), "1312"),
    (("threaten", "", "war"), "138"),
    (("issue", "", "ultimatum"), "139"),
    (("protest", "", ""), "141"),
    (("go", "on", "strike"), "143"),
    (("riot", "", ""), "145"),
    (("mobilize", "", ""), "154"),
    (("conduct", "", "drill"), "150"),
    (("sever", "", "tie"), "161"),
    (("expel", "", "diplomat"), "161"),
    (("expel", "", ""), "174"),
    (("recall", "", "ambassador"), "161"),
    (("cut", "", "aid"), "162"),
    (("suspend", "", "talk"), "164"),
    (("seize", "", "property"), "171"),
    (("ban", "", "party"), "1722"),
    (("arrest", "", ""), "173"),
    (("detain", "", ""), "173"),
    (("deport", "", ""), "174"),
    (("kidnap", "", ""), "181"),
    (("torture", "", ""), "1822"),
    (("assassinate", "", ""), "186"),
    (("attack", "", ""), "190"),
    (("kill", "", ""), "190"),
    (("occupy", "", ""), "192"),
    (("shoot", "", ""), "193"),
    (("shell", "", ""), "194"),
    (("bomb", "", ""), "195"),
    (("launch", "", "airstrike"), "195"),
    (("launch", "", "attack"), "190"),
    (("violate", "", "ceasefire"), "196"),
    (("massacre", "", ""), "202"),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[" ".join(filter(None, p)) for p, _ in PHRASES])
def test_common_phrasings_get_their_news_sense(phrase: tuple[str, str, str], expected: str) -> None:
    assert resolve(*phrase) == expected


# Event nouns a reader expects to be recognised, with their code.
NOUNS = [
    ("airstrike", "195"), ("air strike", "195"), ("shelling", "194"), ("visit", "042"),
    ("talk", "040"), ("peace talk", "046"), ("summit", "044"), ("sanction", "163"),
    ("invasion", "190"), ("ceasefire", "0871"), ("cease fire", "0871"), ("protest", "141"),
    ("arrest", "173"), ("massacre", "202"), ("drone strike", "1952"), ("car bomb", "1832"),
    ("hunger strike", "142"), ("curfew", "1723"), ("aid", "070"), ("humanitarian aid", "073"),
    ("military aid", "072"), ("joint exercise", "062"), ("apology", "055"),
]


@pytest.mark.parametrize(("lemma", "expected"), NOUNS)
def test_event_nouns_get_their_news_sense(lemma: str, expected: str) -> None:
    codes = {r["lemma"]: r["cameo"] for r in noun_rows()}
    assert codes.get(lemma) == expected
