"""Common-noun actor phrases: "The Chinese defense minister", "Russia's military",
"the Chinese and Russian militaries", "Iranian Foreign Minister Mohammad Javad Zarif".

A phrase is built around a role noun or title (the head) by scanning left over its modifiers:
country names, adjectives and possessives (which give the country; several joined by "and"
make a compound actor), other role nouns used as modifiers ("intelligence officials" adds SPY),
adjectives and numbers, up to and including a determiner, where the mention starts. A title may
be followed by a personal name, and a head by "of/in/from" + a country ("King Hassan of
Morocco", "rebels in Darfur"). The scan is lexical with light POS checks, so a parse error does
not lose a phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.extract.actors.matching import Hit

#: Hits that can modify a role noun and give it a country.
COUNTRY_KINDS = frozenset({"country", "adjective", "people", "capital", "region", "org", "subnational",
                           "group", "group-adjective"})
#: Ethnic and religious groups (``groups.tsv``): placed by their homeland or by context.
GROUP_KINDS = frozenset({"group", "group-adjective"})
PLACE_KINDS = frozenset({"country", "region", "capital", "subnational"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "many", "several"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: "that" is a determiner only when tagged so ("demanded that Hausa politicians step aside" is
#: a complementiser); an untagged Doc (no tagger run) trusts the word.
DETERMINER_TAGS = frozenset({"DT", "PDT", "JJ", ""})
#: Words marking a former office-holder (PLOVER ELI) before the role noun.
FORMER = frozenset({"former", "ex", "ex-", "ousted", "exiled", "deposed", "late", "then"})
MODIFIER_WORDS = frozenset({"top", "senior", "junior", "deputy", "acting", "new", "interim", "outgoing",
                            "incoming", "chief", "head", "vice", "official", "ruling", "state", "local"})
#: Modifiers that leave the office itself unchanged ("the top Chinese diplomat").
NEUTRAL_MODIFIERS = frozenset({"top", "senior", "new", "current", "incumbent", "interim", "acting", "outgoing",
                               "powerful", "embattled", "veteran", "chief", "state", "-"})
CONJUNCTIONS = frozenset({"and", "or", "&", ","})
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
PLACE_PREPS = frozenset({"of", "in", "from", "across", "throughout"})
#: Sectors of organised bodies that own or use things ("army bulldozers", "police custody",
#: "refugee camp"); a school bus or a business district is no actor.
OWNER_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "REB", "OPP", "REF", "PRM"})
#: Generic nouns that follow a place's name as part of it ("Sindh province").
PLACE_NOUNS = frozenset({"province", "region", "state", "district", "county", "governorate", "oblast",
                         "prefecture", "territory"})
#: Lowercase particles inside personal names ("Osama bin Laden", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"al", "bin", "ibn", "de", "del", "da", "van", "von", "der", "la", "le", "-"})
NOT_HEAD_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "PRON", "DET"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


@dataclass
class Phrase:
    head: Hit
    start: int  # token index of the first token of the mention
    end: int  # token index after the last token
    countries: list[Hit] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    name: tuple[int, int] | None = None  # token span of a personal name after a title
    name_hit: Hit | None = None
    definite: bool = False
    former: bool = False
    country_anaphor: bool = False  # "the country's leader"
    determiner: str = ""
    qualified: bool = False  # a modifier narrows the role ("deputy", "provincial", "Ontario")
    group: bool = False  # an ethnic or religious group modifies the head ("Kurdish fighters")

    @property
    def office(self) -> str:
        return "" if self.head.term is None or self.head.term.plural else self.head.term.office


class PhraseBuilder:
    """Builds phrases for one document from its name and term hits."""

    def __init__(self, doc: Doc, names: list[Hit], terms: list[Hit]) -> None:
        self.doc = doc
        self.name_by_end = {h.end: h for h in names}
        self.name_by_start = {h.start: h for h in names}
        self.term_by_end = {h.end: h for h in terms}
        self.term_by_start = {h.start: h for h in terms}
        self.terms = terms

    def build(self) -> list[Phrase]:
        phrases = []
        for hit in self.terms:
            if not self._is_head(hit):
                continue
            phrase = Phrase(hit, hit.start, hit.end, sectors=list(hit.term.sector if hit.term else ()))
            phrase.end = self._owned_thing_end(hit)
            self._scan_left(phrase)
            self._scan_right(phrase)
            if "MIL" in phrase.sectors and phrase.group:
                # PLOVER's MIL is a state's armed forces; an ethnic or religious group's forces
                # ("Moslem forces", "Kurdish troops") are a non-state armed group, REB.
                phrase.sectors = ["REB" if code == "MIL" else code for code in phrase.sectors]
            phrases.append(phrase)
        return phrases

    # ------------------------------------------------------------------ head
    def _is_head(self, hit: Hit) -> bool:
        last = self.doc[hit.end - 1]
        if last.pos_ in NOT_HEAD_POS and hit.end - hit.start == 1:
            return False
        if hit.end >= len(self.doc):
            return True
        nxt = self.doc[hit.end]
        if nxt.text == "-" and nxt.whitespace_ == "":
            return False  # "government-run", "military-to-military": part of a compound word
        if self._name_after(hit.end, self._strict(hit)):
            return True
        # A noun modifying a following noun is not the head ("military cooperation",
        # "government forces"); the phrase, if any, is built from the following head. The parse
        # decides, so that "the government today welcomed" keeps its head.
        if nxt.pos_ in ("NOUN", "PROPN") and nxt.text[:1].isalpha() and hit.end not in self.name_by_start:
            modifier = last.dep_ in MODIFIER_DEPS and last.head.i >= hit.end
            # A country's role noun before a thing that is no role of its own names the owner
            # or agent of that thing ("Israeli army bulldozers", "Israeli police custody",
            # "a Cambodian refugee camp"): the actor is the country's body, so it heads a phrase.
            return not modifier or self._owner_of_thing(hit)
        return True

    def _owned_thing_end(self, hit: Hit) -> int:
        """End of "Israeli army bulldozers": a head that modifies a following noun (see
        ``_is_head``) spans that noun too, as a coder marks the whole "Cambodian refugee camp"."""
        last = self.doc[hit.end - 1]
        thing = range(hit.end, last.head.i + 1)
        if last.dep_ in MODIFIER_DEPS and hit.end <= last.head.i < hit.end + 3 and last.head.pos_ == "NOUN" \
                and all(self.doc[i].pos_ in ("NOUN", "PROPN", "ADJ") and i not in self.term_by_start for i in thing) \
                and self._owner_of_thing(hit):
            return last.head.i + 1
        return hit.end

    def _owner_of_thing(self, hit: Hit) -> bool:
        """ "Israeli army bulldozers", "British militant X": a country's organised body (not "a
        Yemeni school bus", not "the Cambodia National ...") before a thing or a name that is no
        role itself."""
        sectors = set(hit.term.sector) if hit.term is not None else set()
        return bool(sectors & OWNER_SECTORS) and hit.end not in self.term_by_start and self._country_before(hit.start)

    def _country_before(self, i: int) -> bool:
        name = self.name_by_end.get(i)
        return name is not None and name.entry is not None and name.entry.kind in COUNTRY_KINDS

    # ------------------------------------------------------------------ left
    def _scan_left(self, p: Phrase) -> None:
        doc, i = self.doc, p.head.start - 1
        # Capitalised words may belong to an office's name before a title or a capitalised
        # role noun ("Planning and Investment Minister", "UN Emergency Relief Coordinator").
        title = p.head.term is not None and (p.head.term.kind == "title" or doc[p.head.start].text[:1].isupper())
        # Country modifiers stack only through a conjunction ("French and German"); without one
        # the nearer one wins ("Asian American students"), except an owner's possessive
        # ("Guatemala's Washington embassy"). A comma joins only a list closed by "and"/"or".
        joined = listed = False
        while i >= 0:
            tok = doc[i]
            low = tok.lower_
            name = self.name_by_end.get(i + 1)
            if name is not None and name.is_person and not p.countries and name.end == p.start:
                p.countries.append(name)  # "the Obama administration": the person's country
                p.start = name.start
                i = name.start - 1
                continue
            if name is not None and name.entry is not None and name.entry.kind in COUNTRY_KINDS:
                if p.countries and not joined and not self._state_of_group(p, name):
                    break
                if name.entry.kind in GROUP_KINDS:
                    p.group = True
                elif p.countries and not joined:
                    p.countries.clear()  # "Syrian Kurdish fighters": the state places the group
                p.countries.append(name)
                # "Hamas officials": the body's sector comes second; a partially recognised
                # entity passes on PRE ("Transnistrian officials": GOV PRE).
                if name.entry.kind == "org" or "PRE" in name.entry.sector:
                    p.sectors.extend(s for s in name.entry.sector if s not in p.sectors)
                p.start = i = name.start
                joined = False
                i -= 1
                continue
            if low in POSSESSIVE or tok.tag_ == "POS":
                if self._possessive(p, i):
                    break
                owner = self.name_by_end.get(i)
                if owner is None or (owner.entry is None and not owner.is_person):
                    break
                if p.countries and not joined:
                    p.countries.clear()
                p.countries.append(owner)
                p.start = owner.start
                joined = False
                i = owner.start - 1
                continue
            term = self.term_by_end.get(i + 1)
            if term is not None and term.term is not None:
                p.sectors.extend(s for s in term.term.sector if s not in p.sectors)
                p.qualified = True
                p.start = i = term.start
                i -= 1
                continue
            if low in CONJUNCTIONS and i > 0 and (low != "," or listed) and self._conjoins(i, p):
                joined = True
                listed = listed or low != ","
                i -= 1
                continue
            if low in DETERMINERS and tok.tag_ in DETERMINER_TAGS:
                p.start = i
                p.definite = low in DEFINITE
                p.determiner = low
                break
            if low in FORMER or low in MODIFIER_WORDS or self._modifier(tok, p, title):
                p.former = p.former or low in FORMER
                p.qualified = p.qualified or low not in NEUTRAL_MODIFIERS
                p.start = i
                i -= 1
                continue
            break
        while p.start < p.head.start and not doc[p.start].text[:1].isalnum():
            p.start += 1  # a phrase starts at a word, not at a hyphen or comma

    @staticmethod
    def _state_of_group(p: Phrase, name: Hit) -> bool:
        """A state's name or adjective before a group's ("Syrian Kurdish", "Iraqi Shiite")."""
        return (name.entry is not None and name.entry.kind in ("country", "adjective")
                and all(h.entry is not None and h.entry.kind in GROUP_KINDS for h in p.countries))

    def _possessive(self, p: Phrase, i: int) -> bool:
        """ "the country's/nation's" before the head: mark a country anaphor, return True."""
        doc = self.doc
        if i >= 2 and doc[i - 1].lower_ in ("country", "nation") and doc[i - 2].lower_ == "the":
            p.country_anaphor = True
            p.definite = True
            p.start = i - 2
            return True
        return False

    def _conjoins(self, i: int, p: Phrase) -> bool:
        """A conjunction between two country modifiers ("Chinese and Russian militaries")."""
        if not p.countries:
            return False
        before = self.doc[i - 1]
        if before.lower_ in POSSESSIVE or before.tag_ == "POS":
            return (i - 1) in self.name_by_end
        name = self.name_by_end.get(i)
        return name is not None and name.entry is not None and name.entry.kind in COUNTRY_KINDS

    @staticmethod
    def _modifier(tok: Token, p: Phrase, title: bool) -> bool:
        if tok.pos_ in ("ADJ", "NUM"):
            return True
        if tok.text == "-" or (tok.dep_ in ("amod", "compound") and tok.head.i >= p.head.start
                               and tok.pos_ in ("NOUN", "VERB")):
            return True
        # Capitalised words of a long title ("Planning and Investment Minister"), or a proper
        # noun modifying the head after a country ("Nicaragua's Sandinista government").
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            return False
        return title or (tok.dep_ in ("compound", "amod", "nmod") and p.head.start <= tok.head.i < p.head.end)

    # ----------------------------------------------------------------- right
    def _scan_right(self, p: Phrase) -> None:
        if p.head.term is not None:
            span = self._name_after(p.head.end, self._strict(p.head))
            if span is not None:
                p.name = span
                p.name_hit = self.name_by_start.get(span[0])
                p.end = span[1]
        # A group ("Protestant extremists in Northern Ireland") still takes the place after it
        # into its span; its country comes from that context (see ``state.py``).
        group = bool(p.countries) and all(h.entry is not None and h.entry.kind in GROUP_KINDS for h in p.countries)
        if p.countries and not group:
            return
        name = self._place_after(p.end)
        if name is not None:
            if not group:
                p.countries.append(name)
            p.end = name.end
            # "the government of Sindh province": the place's own generic noun belongs to it.
            nxt = self.doc[p.end] if p.end < len(self.doc) else None
            if nxt is not None and nxt.lower_ in PLACE_NOUNS and nxt.pos_ in ("NOUN", "PROPN", ""):
                p.end += 1

    def _place_after(self, j: int) -> Hit | None:
        """A place named right after a head: "rebels in Darfur", "a group based in Trinidad"."""
        doc = self.doc
        if j + 1 < len(doc) and doc[j].lower_ == "based" and doc[j + 1].lower_ == "in":
            j += 1
        if j >= len(doc) or doc[j].lower_ not in PLACE_PREPS:
            return None
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        name = self.name_by_start.get(k)
        if name is not None and name.entry is not None and name.entry.kind in PLACE_KINDS:
            return name
        return None

    @staticmethod
    def _strict(hit: Hit) -> bool:
        """Titles take any proper-noun run as a name; other role nouns ("U.S. negotiator Paul
        Nitze", "opposition leader X") only a known person or a PERSON entity."""
        return hit.term is None or hit.term.kind != "title"

    def _name_after(self, j: int, strict: bool = False) -> tuple[int, int] | None:
        """The personal name right after a title: a person hit, a PERSON entity or a PROPN run."""
        doc = self.doc
        if j >= len(doc):
            return None
        hit = self.name_by_start.get(j)
        if hit is not None:
            return (hit.start, hit.end) if hit.is_person else None
        if doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
            end = j + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return j, end
        if strict:
            return None
        end = j
        while end < len(doc) and end - j < 5 and self._name_token(doc[end], end == j):
            end += 1
        while end > j and doc[end - 1].lower_ in NAME_PARTICLES:
            end -= 1
        return (j, end) if end > j else None

    def _name_token(self, tok: Token, first: bool) -> bool:
        if tok.i in self.name_by_start or tok.i in self.term_by_start:
            return False
        if tok.pos_ == "PROPN" and tok.text[:1].isupper():
            return True
        return not first and tok.lower_ in NAME_PARTICLES
