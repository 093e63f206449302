"""Quotes and reported speech (issue 5).

``QuoteExtractor().extract(doc, mentions=...)`` returns, in text order:

* ``direct`` quotes: a quotation that stands as a statement of its own (it opens its
  sentence or paragraph, follows a colon, or follows "he said,"). A quotation split around its
  attribution ("“A,” Li said. “B.”") and a quotation running over several paragraphs give one
  ``Quote`` record per part, every part with the same speaker: records keep exact offsets of
  the text inside the marks, which one record spanning the attribution could not.
* ``partial`` quotes: a quoted fragment inside a sentence (hailed the “historic deal”), with the
  speaker of the speech or evaluative verb that governs it.
* ``indirect`` speech: the clause reported by a speech verb (X said that ...; X told Y ...)
  or sourced by "according to X"; ``text`` is the reported clause without "that".

Quotations nested inside a quotation (usually single marks) stay inside the outer quote's
text and are never emitted as someone else's words. Unbalanced quotations are skipped with a
logged reason (see ``marks``).

Steps: 1. scan the marks; 2. per quotation, decide direct/partial and find its speech frame
(through the parse, then the neighbouring sentences, then the running quote before it);
3. turn frame tokens into actors (actor stage first, document anaphora second);
4. add indirect speech from speech verbs with a clausal complement outside quotations.
"""
from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.extract.quotes.frames import Frame, FrameReader, according_to
from eventwire.extract.quotes.lexicon import SpeechLexicon
from eventwire.extract.quotes.marks import CLOSING, OPENING, STRAIGHT, Segment, iter_groups, scan_quotations
from eventwire.extract.quotes.speakers import DocActors
from eventwire.nlp.cache import doc_text
from eventwire.nlp.cache import tokens as doc_tokens
from eventwire.records import Actor, Mention, Quote
from eventwire.records import Span as TextSpan

log = logging.getLogger(__name__)
_NEWLINE = re.compile("\n")

__all__ = ["QuoteExtractor"]

#: Characters after which an opening mark starts a statement of its own (direct quote).
STATEMENT_OPENERS = frozenset(".!?:;\n")
#: Speech verbs that presuppose the speaker's previous words: "“…” She added that …" makes
#: her the speaker of the lone quotation before it.
CONTINUATION_CUES = frozenset({"add"})
#: How many tokens before "," may separate a speech verb from a quotation it introduces
#: ("says Dr. Jane Roe, “...”"); calibrated on wire copy, where inverted names run to five tokens.
SPEECH_COMMA_REACH = 7
#: How many tokens into the next (or from the end of the previous) sentence an attribution of
#: a quotation may sit: "said the ministry's chief spokesman" fits, a new statement does not.
NEIGHBOUR_REACH = 8
#: How far past a trimmed clause edge a quotation mark is looked for ("useful.”": two characters).
MARK_REACH = 3
#: Dependents of a reported clause left out of its text ("that", trailing punctuation).
CLAUSE_EDGE_DEPS = frozenset({"mark", "punct"})


@dataclass(frozen=True)
class _Attribution:
    speaker: Actor | None
    addressee: Actor | None
    reported_by: Actor | None
    cue: TextSpan | None


_NO_ATTRIBUTION = _Attribution(None, None, None, None)


class _DocQuotes:
    """The quotation pass over one document."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], lexicon: SpeechLexicon,
                 frames: FrameReader) -> None:
        self.doc = doc
        self.frames = frames
        self.lexicon = lexicon
        self.text = doc_text(doc)  # Doc.text joins every token on each access: read it once
        self.groups = list(iter_groups(scan_quotations(self.text)))
        self.quoted = frozenset(t.i for group in self.groups for seg in group
                                for t in self._tokens(seg))
        self.actors = DocActors(doc, mentions, lexicon, self.quoted)
        self.sentences = self.actors.sentences
        self.sentence_starts = [s.start_char for s in self.sentences]
        self.paragraph_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    def _tokens(self, segment: Segment) -> Span:
        span = self.doc.char_span(segment.start, segment.end, alignment_mode="expand")
        return span if span is not None else self.doc[0:0]

    def _sentence(self, token: Token) -> Span:
        return self.sentences[self.actors.sentence_of[token.i]]

    def _sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def _paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    # ------------------------------------------------------------ direct and partial
    def quotations(self) -> list[Quote]:
        quotes: list[Quote] = []
        previous: tuple[int, _Attribution] | None = None  # paragraph and attribution of the last direct quote
        for group in self.groups:
            kind = "direct" if len(group) > 1 or self._is_statement(group[0]) else "partial"
            frame = self._frame_for(group, kind)
            if frame is not None:
                attribution = self._attribution(frame)
            elif kind == "direct" and previous and self._paragraph(group[0].mark) - previous[0] <= 1:
                attribution = previous[1]  # a running quote continues its speaker's words
            else:
                attribution = _NO_ATTRIBUTION
                log.debug("no speaker found for the quotation at offset %s", group[0].start)
            if kind == "direct":
                previous = (self._paragraph(group[-1].end), attribution)
            quotes.extend(self._quote(seg, kind, attribution) for seg in group)
        return quotes

    def _is_statement(self, segment: Segment) -> bool:
        """Whether the quotation opens a statement rather than quoting a fragment."""
        text = self.text
        i = segment.mark - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0:
            return True
        if text[i] in STATEMENT_OPENERS:
            # The full stop of an abbreviation ("the U.S. “...”") does not end a sentence.
            before = self.doc.char_span(i, i + 1, alignment_mode="expand")
            return text[i] not in ".!?" or before is None or len(before) == 0 or len(before[0]) == 1
        before = self.doc.char_span(max(0, i - 40), i + 1, alignment_mode="expand")
        if before is None or len(before) == 0:
            return False
        if text[i] == ",":  # "Li said, “...”" or "says Dr. Jane Roe, “...”": a speech verb just before
            return any(self.frames.is_cue(t, evaluative=False) for t in before[-SPEECH_COMMA_REACH:-1])
        # "He said “We will win.”": a capitalised quotation right after the speech verb.
        return text[segment.start].isupper() and self.frames.is_cue(before[-1], evaluative=False)

    def _frame_for(self, group: list[Segment], kind: str) -> Frame | None:
        verb = self._governing_cue(group) or self._cue_in_sentences(group, kind)
        if verb is None:
            return self._according_frame(group)
        sentence = self._sentence(verb)
        frame = self.frames.read(verb, sentence, self.quoted)
        if frame.speaker is None:
            # A cue whose subject the parse lost ("..., the spokesperson added, further
            # describing them as “baseless”") speaks for the nearest speech verb of its sentence.
            others = sorted((c for c in self.frames.cues_in(sentence, self.quoted, evaluative=False) if c != verb),
                            key=lambda c: abs(c.i - verb.i))
            for other in others:
                found = self.frames.read(other, sentence, self.quoted)
                if found.speaker is not None:
                    return Frame(verb, found.speaker, frame.addressee or found.addressee,
                                 frame.reported_by or found.reported_by)
        return frame

    def _according_frame(self, group: list[Segment]) -> Frame | None:
        """“…,” according to X: the source phrase names the speaker when no speech verb does."""
        first, last = self._sentence_index(group[0].mark), self._sentence_index(group[-1].end)
        for token in (t for number in range(first, last + 1) for t in self.sentences[number]):
            if token.i not in self.quoted and self.frames.opens_source(token):
                source = according_to(token.head, self.lexicon)
                if source is not None and source.i not in self.quoted:
                    return Frame(token, source)
        return None

    def _governing_cue(self, group: list[Segment]) -> Token | None:
        """The cue verb the quotation hangs on in the parse (quote → ccomp of "said")."""
        for segment in group:
            tokens = self._tokens(segment)
            for token in tokens:
                head = token.head
                for _ in range(6):  # walk up outside the quotation, within the sentence
                    if head.i in self.quoted and tokens.start <= head.i < tokens.end:
                        break
                    if head.i not in self.quoted and self.frames.is_cue(head):
                        return head
                    if head.head is head:
                        break
                    head = head.head
        return None

    def _cue_in_sentences(self, group: list[Segment], kind: str) -> Token | None:
        """The nearest cue in the quotation's sentences, then in the next or previous one."""
        first = self._sentence_index(group[0].mark)
        last = self._sentence_index(group[-1].end)
        anchor = self._tokens(group[0]).start
        cues = [t for number in range(first, last + 1)
                for t in self.frames.cues_in(self.sentences[number], self.quoted)]
        if cues:
            return min(cues, key=lambda t: abs(t.i - anchor))
        if kind != "direct":
            return None
        # Attribution in a sentence of its own next to the quotation, and close to it: "…” /
        # Said the paper." (cue at the start of the next sentence) or "The minister spoke to
        # reporters: / “…”" (cue at the end of the previous one). A cue further away belongs to
        # another statement.
        if last + 1 < len(self.sentences):
            nearby = self.sentences[last + 1][:NEIGHBOUR_REACH]
            for cue in self.frames.cues_in(nearby, self.quoted, evaluative=False):
                if not self._reports_clause(cue) or cue.lemma_.lower() in CONTINUATION_CUES:
                    return cue
        if first > 0:
            nearby = self.sentences[first - 1][-NEIGHBOUR_REACH:]
            for cue in self.frames.cues_in(nearby, self.quoted, evaluative=False):
                if not self._reports_clause(cue):
                    return cue
        return None

    def _reports_clause(self, cue: Token) -> bool:
        return any(c.dep_ == "ccomp" and c.i not in self.quoted for c in cue.children)

    def _attribution(self, frame: Frame) -> _Attribution:
        cue = frame.cue
        return _Attribution(
            speaker=self.actors.actor(frame.speaker),
            addressee=self.actors.actor(frame.addressee),
            reported_by=self.actors.actor(frame.reported_by),
            cue=TextSpan(cue.text, cue.idx, cue.idx + len(cue)),
        )

    def _quote(self, segment: Segment, kind: str, attribution: _Attribution) -> Quote:
        return Quote(text=self.text[segment.start:segment.end], start=segment.start, end=segment.end,
                     kind=kind, speaker=attribution.speaker, addressee=attribution.addressee,
                     reported_by=attribution.reported_by, cue=attribution.cue,
                     sentence_index=self._sentence_index(segment.start))

    # ------------------------------------------------------------ indirect speech
    def indirect(self) -> list[Quote]:
        quotes: list[Quote] = []
        for token in doc_tokens(self.doc):
            if token.i in self.quoted:
                continue
            if self.frames.is_cue(token, evaluative=False) and self.frames.relay_head(token) is None:
                clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i not in self.quoted), None)
                if clause is not None:
                    quotes.append(self._indirect(clause, self.frames.read(token, self._sentence(token), self.quoted)))
            elif self.frames.opens_source(token) and token.dep_ == "prep":
                quote = self._according_clause(token)
                if quote is not None:
                    quotes.append(quote)
        return quotes

    def _according_clause(self, token: Token) -> Quote | None:
        """A clause sourced by "according to X" whose verb is not a speech verb."""
        head = token.head
        if head.i in self.quoted or self.frames.cues_in(self._sentence(head), self.quoted, evaluative=False):
            return None  # a speech verb in the sentence carries "according to" as its reporter
        source = according_to(head, self.lexicon)
        if source is None or head.pos_ not in ("VERB", "AUX"):
            return None
        return self._indirect(head, Frame(token, source), exclude=token)

    def _indirect(self, clause: Token, frame: Frame, exclude: Token | None = None) -> Quote:
        skip = set(exclude.subtree) if exclude is not None else set()
        tokens = [t for t in clause.subtree if t not in skip]
        while tokens and (tokens[0].dep_ in CLAUSE_EDGE_DEPS and tokens[0].head == clause or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        start = tokens[0].idx if tokens else clause.idx
        end = tokens[-1].idx + len(tokens[-1]) if tokens else clause.idx + len(clause)
        start, end = self._balance_marks(start, end)
        attribution = self._attribution(frame)
        return Quote(text=self.text[start:end], start=start, end=end, kind="indirect",
                     speaker=attribution.speaker, addressee=attribution.addressee,
                     reported_by=attribution.reported_by, cue=attribution.cue,
                     sentence_index=self._sentence_index(start))


    def _balance_marks(self, start: int, end: int) -> tuple[int, int]:
        """Take in the quotation mark that trimming punctuation cut off one side of a clause."""
        inner = self.text[start:end]
        opened = sum(inner.count(m) for m in OPENING) - sum(inner.count(m) for m in CLOSING)
        if opened > 0 or (opened == 0 and inner.count(STRAIGHT) % 2):
            after = self.text[end:end + MARK_REACH]
            hits = [i for i, char in enumerate(after) if char in CLOSING or char == STRAIGHT]
            return (start, end + hits[0] + 1) if hits else (start, end)
        if opened < 0:
            before = self.text[max(0, start - MARK_REACH):start]
            hits = [i for i, char in enumerate(before) if char in OPENING]
            return (start - len(before) + hits[-1], end) if hits else (start, end)
        return start, end


class QuoteExtractor:
    """Direct, partial and indirect quotes with speaker, addressee and reporter."""

    def __init__(self, lexicon: SpeechLexicon | None = None) -> None:
        self.lexicon = lexicon or SpeechLexicon.load()
        self.frames = FrameReader(self.lexicon)

    def extract(self, doc: Doc, *, mentions: Sequence[Mention] = ()) -> list[Quote]:
        work = _DocQuotes(doc, mentions, self.lexicon, self.frames)
        quotes = work.quotations() + work.indirect()
        return sorted(quotes, key=lambda q: (q.start, q.end))
