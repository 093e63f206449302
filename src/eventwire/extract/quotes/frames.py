"""Speech frames: who speaks, to whom, and on whose report, read off a speech cue's parse.

Linguistic rules implemented (textacy-style: find the cue, then read its arguments):

* the speaker is the subject of the speech verb; a verb without its own subject inherits it
  from the verb it is coordinated with or controlled by ("has hailed ... and said ...",
  "declined to say");
* relayed speech: "X reported/quoted/cited Y as saying" and "Y was quoted (by X) as saying"
  make Y the speaker and X the reporter;
* "according to X" on the clause makes X the reporter of a speech verb's words, or the
  speaker of a clause without a speech verb;
* the addressee sits where the lexicon says: the direct object ("told Y") or a "to" phrase
  ("said to Y").
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.extract.quotes.lexicon import SpeechLexicon

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Verbs that share the subject of their head: conjuncts and control complements.
SUBJECT_SHARING_DEPS = frozenset({"conj", "xcomp"})
#: Entity types that are never speakers: the parser takes "said Friday" for an inverted subject.
TEMPORAL_ENTITIES = frozenset({"DATE", "TIME"})
#: How the parser labels a post-verbal speaker it failed to read as the subject.
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "attr", "npadvmod", "oprd"})


@dataclass(frozen=True)
class Frame:
    cue: Token  # the speech verb (or "according") that the attribution hangs on
    speaker: Token | None
    addressee: Token | None = None
    reported_by: Token | None = None


def _child(token: Token, deps: Iterable[str], lower: str | None = None) -> Token | None:
    wanted = frozenset(deps)
    for child in token.children:
        if child.dep_ in wanted and (lower is None or child.lower_ == lower):
            return child
    return None


def subject(verb: Token, quoted: frozenset[int] = frozenset()) -> Token | None:
    """The subject of ``verb`` or of the verb it shares its subject with.

    A subject inside quotation marks is not the speaker: the parser sometimes hangs a quoted
    noun on an inverted "..., said the paper" as a second subject. Nor is a date ("said Friday").
    """
    for _ in range(4):
        found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i not in quoted
                 and c.ent_type_ not in TEMPORAL_ENTITIES]
        if found:
            return min(found, key=lambda c: abs(c.i - verb.i))
        # Participial adjuncts share the main clause's subject ("X told the council, adding ...").
        participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
        if (verb.dep_ not in SUBJECT_SHARING_DEPS and not participle) or verb.head is verb:
            return None
        verb = verb.head
    return None


def according_to(head: Token, lexicon: SpeechLexicon) -> Token | None:
    """X in "according to X" attached to ``head`` (spaCy: according -prep-> to -pobj-> X)."""
    for child in head.children:
        for phrase in lexicon.sources:
            if child.lower_ != phrase[0] or len(phrase) < 2:
                continue
            link = _child(child, ("prep",), phrase[1])
            target = _child(link, ("pobj",)) if link is not None else None
            if target is not None:
                return target
    return None


class FrameReader:
    def __init__(self, lexicon: SpeechLexicon) -> None:
        self.lexicon = lexicon
        self.cue_lemmas = lexicon.speech | lexicon.evaluative
        self.source_openers = frozenset(phrase[0] for phrase in lexicon.sources)

    def is_cue(self, token: Token, *, evaluative: bool = True) -> bool:
        """A speech verb, or (with ``evaluative``) an evaluative verb or a verb said "in a statement"."""
        lemma = token.lemma_.lower()
        if lemma not in self.cue_lemmas and not evaluative:
            return False
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
            return False
        if lemma in self.lexicon.speech:
            return True
        if not evaluative:
            return False
        return lemma in self.lexicon.evaluative or self._in_medium(token)

    def _in_medium(self, verb: Token) -> bool:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                obj = _child(prep, ("pobj",))
                if obj is not None and obj.lemma_.lower() in self.lexicon.media:
                    return True
        return False

    def opens_source(self, token: Token) -> bool:
        """Whether ``token`` opens a source phrase ("according" of "according to")."""
        return token.lower_ in self.source_openers

    def relay_head(self, verb: Token) -> Token | None:
        """The relaying verb of "X reported Y as saying" when ``verb`` is "saying"."""
        prep = verb.head if verb.dep_ == "pcomp" else None
        if prep is not None and prep.lower_ == "as" and prep.head.lemma_.lower() in self.lexicon.relay:
            return prep.head
        return None

    def _relayed_speaker(self, relay: Token) -> Token | None:
        """Y of "reported Y as saying" (active) or of "Y was quoted as saying" (passive)."""
        as_prep = _child(relay, ("prep",), "as")
        if as_prep is None or not any(c.dep_ == "pcomp" for c in as_prep.children):
            return None
        return _child(relay, ("dobj",)) or _child(relay, ("nsubjpass",))

    def read(self, verb: Token, sentence: Span, quoted: frozenset[int] = frozenset()) -> Frame:
        """The frame of a cue ``verb`` in ``sentence`` (passed in: ``Token.sent`` is slow)."""
        relay = self.relay_head(verb) or (verb if verb.lemma_.lower() in self.lexicon.relay else None)
        relayed = self._relayed_speaker(relay) if relay is not None else None
        if relay is not None and relayed is not None:
            agent = _child(relay, ("agent",))
            reporter = _child(relay, SUBJECT_DEPS - {"nsubjpass"}) or (
                _child(agent, ("pobj",)) if agent is not None else None)
            return Frame(relay, relayed, None, reporter or self._according(relay, sentence))
        speaker = subject(verb, quoted) or self._inverted_speaker(verb, quoted)
        return Frame(verb, speaker, self._addressee(verb), self._according(verb, sentence))

    def _inverted_speaker(self, verb: Token, quoted: frozenset[int]) -> Token | None:
        """The speaker after the verb in quotative inversion ("“…,” added Bagci"), which the parser
        often reads as an object; verbs whose object is the addressee ("told") are left alone."""
        if self.lexicon.addressee.get(verb.lemma_.lower()) == "dobj" or not any(
                c.dep_ == "ccomp" and c.i in quoted for c in verb.children):
            return None
        after = [c for c in verb.children if c.i > verb.i and c.i not in quoted
                 and c.dep_ in INVERTED_SPEAKER_DEPS and c.pos_ in ("PROPN", "NOUN")]
        return after[0] if after else None

    def _addressee(self, verb: Token) -> Token | None:
        slot = self.lexicon.addressee.get(verb.lemma_.lower())
        if slot == "dobj":
            return _child(verb, ("dobj", "dative"))
        if slot == "to":
            prep = _child(verb, ("prep", "dative"), "to")
            return _child(prep, ("pobj",)) if prep is not None else None
        return None

    def _according(self, verb: Token, sentence: Span) -> Token | None:
        """The source of "according to X" on the verb, else anywhere in its sentence.

        The parser attaches a sentence-final "according to X" to whichever verb is nearest;
        in a sentence with reported speech it sources the speech all the same.
        """
        found = according_to(verb, self.lexicon)
        if found is None and not any(t.lower_ in self.source_openers for t in sentence):
            return None  # no "according" (or other opener) in the sentence: skip the walk below
        for token in sentence:
            if found is not None:
                break
            if token.i != verb.i:
                found = according_to(token, self.lexicon)
        return found

    def cues_in(self, sentence: Span, quoted: frozenset[int], *, evaluative: bool = True) -> list[Token]:
        return [t for t in sentence if t.i not in quoted and self.is_cue(t, evaluative=evaluative)]
