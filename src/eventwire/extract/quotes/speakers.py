"""Speaker, addressee and reporter tokens turned into actors, within one document.

An actor comes from the actor stage when a mention covers the token (its fields win). When
the actor stage gives nothing for the span, the noun phrase itself becomes an ``Actor`` with
country None, and ``name`` is the PERSON/ORG entity inside it, a short personal name ("Li")
being expanded to the full name used elsewhere in the document ("Li Shangfu"; family-name-first
names are matched on either end).

Anaphora is kept simple and deterministic:

* pronouns ("he", "she" → a person; "it" → an organisation, outlet or country; "they" →
  any) take the nearest preceding compatible candidate, looking back sentence by sentence
  (at most ``LOOKBACK_SENTENCES``); within a sentence a subject is preferred to other noun
  phrases, because the topic of a report is usually its subject (centering);
* definite descriptions with a speaker noun ("the newspaper", "the defense minister") take the
  nearest preceding *named* compatible candidate; with none before, a person description takes
  the first named person in the next ``LOOKAHEAD_SENTENCES`` sentences (the delayed-
  identification lede: "The defense minister said ... / Li Shangfu told ...");
* text inside quotation marks is someone else's voice and never an antecedent.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from eventwire.extract.quotes.lexicon import SpeechLexicon
from eventwire.nlp.cache import entities, sentences
from eventwire.records import Actor, Mention

LOOKBACK_SENTENCES = 4
LOOKAHEAD_SENTENCES = 2
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Dependents that are not part of the speaker's noun phrase ("the Global Times, a tabloid, ...").
NP_EXCLUDED_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep"})
#: What a pronoun can stand for; "pron:X" lets a pronoun take an earlier pronoun of the same
#: person and gender as antecedent (a chain: "Ortega ... He ... he said").
PRONOUN_CLASSES = {
    "he": frozenset({"person", "pron:he"}), "him": frozenset({"person", "pron:he"}),
    "she": frozenset({"person", "pron:she"}), "her": frozenset({"person", "pron:she"}),
    "it": frozenset({"org", "gpe", "pron:it"}),
    "they": frozenset({"org", "gpe", "person", "pron:they"}),
    "them": frozenset({"org", "gpe", "person", "pron:they"}),
}
PRONOUN_KEYS = {"he": "he", "him": "he", "she": "she", "her": "she", "it": "it", "they": "they", "them": "they"}
#: The class of any proper-noun subject, whatever the NER said: the usual speaker of news text
#: is a person, and the small NER model often labels unfamiliar surnames ORG or GPE. Used for
#: "he"/"she" only when no person antecedent is found.
SPEAKING_NAME = "speaking-name"
MAX_DEPTH = 3
ENTITY_CLASSES = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "gpe"}
ACTOR_FIELDS = tuple(f.name for f in dataclasses.fields(Actor))


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``, without appositions, clauses and conjuncts."""
    keep = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in NP_EXCLUDED_DEPS and child.head.i == token.i:
            continue
        keep.append(child)
        stack.extend(child.children)
    return token.doc[min(t.i for t in keep):max(t.i for t in keep) + 1]


def as_actor(mention: Actor) -> Actor:
    return Actor(**{name: getattr(mention, name) for name in ACTOR_FIELDS})


class DocActors:
    """Actors for tokens of one document (built per document, cached per token)."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lexicon: SpeechLexicon,
                 quoted: Iterable[int] = ()) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.quoted = frozenset(quoted)
        self.mentions = sorted(mentions, key=lambda m: (m.end - m.start, m.start))
        self.entity_of: dict[int, Span] = {t.i: ent for ent in entities(doc)
                                           if ent.label_ in ENTITY_CLASSES for t in ent}
        self.full_names = self._full_names(doc)
        # A doc without sentence boundaries (no parser) is one sentence.
        self.sentences = sentences(doc) if doc.has_annotation("SENT_START") else [doc[:]]
        self.sentence_of = {i: number for number, sent in enumerate(self.sentences)
                            for i in range(sent.start, sent.end)}
        self._cache: dict[tuple[int, int], Actor | None] = {}

    @staticmethod
    def _full_names(doc: Doc) -> dict[str, str]:
        """Short personal names ("Li", "Putin") mapped to the first full name that ends or starts with them."""
        names: dict[str, str] = {}
        for ent in entities(doc):
            words = [t for t in ent if not t.is_punct and t.text.istitle()]
            if ent.label_ == "PERSON" and len(words) >= 2 and len(words) == len(ent):
                for word in (words[0], words[-1]):
                    names.setdefault(word.lower_, ent.text)
        return names

    # ------------------------------------------------------------ public
    def actor(self, token: Token | None, depth: int = 0) -> Actor | None:
        if token is None:
            return None
        key = (token.i, depth)
        if key not in self._cache:
            self._cache[key] = self._resolve(token, depth)
        return self._cache[key]

    # ------------------------------------------------------------ resolution
    def _resolve(self, token: Token, depth: int) -> Actor | None:
        mention = self._mention_at(token)
        if token.pos_ == "PRON" or token.lower_ in PRONOUN_CLASSES:
            if mention is not None and (mention.name or mention.country):
                return as_actor(mention)
            return self._pronoun(token, depth)
        phrase = noun_phrase(token)
        base = as_actor(mention) if mention is not None else Actor(
            text=phrase.text, start=phrase.start_char, end=phrase.end_char, via="quotes:phrase")
        name = base.name or self._entity_name(phrase, token)
        if name is None and depth < MAX_DEPTH and self._description_class(token, phrase):
            antecedent = self._antecedent(token, {self._description_class(token, phrase) or ""},
                                          named_only=True, depth=depth)
            if antecedent is not None:
                return dataclasses.replace(
                    base, name=antecedent.name, country=base.country or antecedent.country,
                    sector=base.sector or antecedent.sector, id=base.id or antecedent.id,
                    via=base.via or "quotes:description")
        return dataclasses.replace(base, name=name) if name != base.name else base

    def _pronoun(self, token: Token, depth: int) -> Actor | None:
        classes = PRONOUN_CLASSES.get(token.lower_)
        if classes is None or depth >= MAX_DEPTH:
            return None
        antecedent = self._antecedent(token, classes, named_only=False, depth=depth)
        if antecedent is None and "person" in classes:  # second pass: names the NER mislabelled
            antecedent = self._antecedent(token, {SPEAKING_NAME}, named_only=False, depth=depth)
        if antecedent is None:
            return None
        return dataclasses.replace(antecedent, text=token.text, start=token.idx,
                                   end=token.idx + len(token), via="quotes:pronoun")

    def _mention_at(self, token: Token) -> Mention | None:
        for mention in self.mentions:  # smallest first
            if mention.start <= token.idx < mention.end:
                return mention
        return None

    def _entity_name(self, phrase: Span, head: Token) -> str | None:
        """A person named in the phrase or its apposition, else an organisation, else a bare proper noun."""
        name, label = self._named_entity(phrase)
        if label != "PERSON":
            name = self._appositive_name(head) or name
        root = phrase.root
        if name is None and root.pos_ == "PROPN" and root.lower_ in self.full_names:
            return self.full_names[root.lower_]  # a surname the NER mislabelled ("Bagci" as GPE)
        if name is None and root.pos_ == "PROPN" and root.i not in self.entity_of:
            # A proper noun the NER missed ("the Daily Courier"): its proper-noun words.
            words = [t for t in phrase if t.pos_ == "PROPN" and (t.i == phrase.root.i or t.dep_ == "compound")]
            name = " ".join(t.text for t in words)
            return self.full_names.get(name.lower(), name) if len(words) == 1 else name
        return name

    def _appositive_name(self, token: Token) -> str | None:
        """The name in an apposition: "the prime minister, Jane Roe," names Jane Roe (whatever
        label the NER gave the name, when the head is a person noun such as "minister")."""
        person_head = self.lexicon.speaker_nouns.get(token.lemma_.lower()) == "person"
        for child in token.children:
            if child.dep_ == "appos":
                name, label = self._named_entity(noun_phrase(child))
                if label == "PERSON" or (person_head and name is not None):
                    return name
        return None

    def _named_entity(self, phrase: Span) -> tuple[str | None, str]:
        """The entity of the phrase's head, else its first person, else its first organisation.

        "Commerce Secretary Jane Roe" names Jane Roe, not the ORG "Commerce".
        """
        ents = {self.entity_of[t.i] for t in phrase if t.i in self.entity_of}
        ranked = sorted((e for e in ents if e.label_ in ("PERSON", "ORG")),
                        key=lambda e: (not (e.start <= phrase.root.i < e.end), e.label_ != "PERSON", e.start))
        if not ranked:
            return None, ""
        ent = ranked[0]
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if ent.label_ == "PERSON" and " " not in text:
            return self.full_names.get(text.lower(), text), ent.label_
        return text, ent.label_

    def _description_class(self, token: Token, phrase: Span) -> str | None:
        """"person"/"org" for a definite description headed by a speaker noun."""
        referent = self.lexicon.speaker_nouns.get(token.lemma_.lower())
        if referent is None or token.i in self.entity_of or token.tag_ in ("NNS", "NNPS"):
            return None  # "the officials" are a group, not the person named before
        definite = any(t.dep_ in ("det", "poss") for t in token.children) or phrase[0].lower_ == "the"
        return referent if definite else None

    # ------------------------------------------------------------ antecedents
    def _candidate_classes(self, token: Token) -> frozenset[str]:
        if token.pos_ == "PRON":
            key = PRONOUN_KEYS.get(token.lower_)
            return frozenset({f"pron:{key}"}) if key else frozenset()
        found = self._candidate_class(token)
        classes = frozenset({found}) if found else frozenset()
        if token.pos_ == "PROPN" and token.dep_ == "nsubj":
            classes |= {SPEAKING_NAME}
        return classes

    def _candidate_class(self, token: Token) -> str | None:
        ent = self.entity_of.get(token.i)
        if ent is not None:
            return ENTITY_CLASSES[ent.label_] if token.i == ent.root.i else None
        referent = self.lexicon.speaker_nouns.get(token.lemma_.lower())
        if referent is not None and token.pos_ in ("NOUN", "PROPN"):
            return referent
        mention = self._mention_at(token)
        if mention is not None and token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            return "person" if (mention.id or "").startswith("person") else "org"
        return None

    def _candidates(self, sentence: Span, before: int) -> list[Token]:
        tokens = [t for t in sentence if t.i < before and t.i not in self.quoted
                  and (t.pos_ in ("NOUN", "PROPN") or t.pos_ == "PRON" and t.dep_ in SUBJECT_DEPS)
                  and t.dep_ not in ("compound", "poss", "amod")]
        subjects = [t for t in tokens if t.dep_ in SUBJECT_DEPS]
        others = [t for t in reversed(tokens) if t.dep_ not in SUBJECT_DEPS]
        return subjects + others

    def _antecedent(self, token: Token, classes: set[str] | frozenset[str], *, named_only: bool,
                    depth: int) -> Actor | None:
        number = self.sentence_of[token.i]
        for back in range(number, max(-1, number - LOOKBACK_SENTENCES - 1), -1):
            found = self._first_compatible(self._candidates(self.sentences[back], token.i),
                                           classes, named_only, depth)
            if found is not None:
                return found
        if named_only and "person" in classes:  # delayed identification
            for ahead in range(number + 1, min(len(self.sentences), number + 1 + LOOKAHEAD_SENTENCES)):
                sentence = self.sentences[ahead]
                found = self._first_compatible(self._candidates(sentence, sentence.end), {"person"},
                                               named_only, depth)
                if found is not None:
                    return found
        return None

    def _first_compatible(self, candidates: list[Token], classes: set[str] | frozenset[str],
                          named_only: bool, depth: int) -> Actor | None:
        for candidate in candidates:
            if not self._candidate_classes(candidate) & classes:
                continue
            actor = self.actor(candidate, depth + 1)
            if actor is not None and (actor.name or not named_only):
                return actor
        return None
