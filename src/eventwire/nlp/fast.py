"""Faster stand-ins for two rule-based spaCy components, with identical output.

In ``en_core_web_sm`` the ``attribute_ruler`` and the ``lemmatizer`` are rules, not models, yet
they cost about a quarter of a full parse: both walk the ``Doc`` in Python, one ``Span`` or
``Token`` object per token. The stand-ins below compute the same values and write them back
in bulk through ``Doc.from_array``:

- ``FastAttributeRuler`` runs the ruler's own ``Matcher`` (compiled code), merges the matched
  patterns' attributes per token in the ruler's precedence order (later patterns win), and
  writes POS, TAG, MORPH, LEMMA and DEP columns at once.
- ``FastLemmatizer`` memoises the rule lemmatizer on ``(ORTH, POS, MORPH)``, the key spaCy
  uses for its cache, so a word form is lemmatised once per process; a new form goes through
  the same rules and tables held as sets and dicts (``_RuleTables``), not spaCy's word lists.

Both wrap the loaded components, so the rules, tables and patterns stay the model's own.

A third change is inside the models: thinc's ``Maxout`` layer (four per ``tok2vec``, in
the shared one and in the entity recognizer's) picks each output's best piece with a loop
that also records which piece won, for training. ``use_fast_maxout`` gives those layers a
forward pass that, when not training, takes the maximum over the pieces with numpy's
vectorised ``maximum`` instead: the same numbers about seven times faster, and a tenth of a
full parse saved. Training calls keep thinc's own forward.
``tests/nlp/test_fast.py`` checks token-for-token equality with the stock components on real
news; ``benchmarks/throughput.py`` measures the gain.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Warnings
from spacy.language import Language
from spacy.morphology import Morphology
from spacy.tokens import Doc
from thinc.backends.numpy_ops import NumpyOps
from thinc.layers import maxout as thinc_maxout

from eventwire.nlp.blas import use_openblas

logger = logging.getLogger(__name__)

#: Memo sizes past which a memo starts afresh, so a long run over many new word forms stays
#: bounded in memory (a memo entry is a few hundred bytes).
MEMO_LIMIT = 500_000

#: The token attributes the English ruler's patterns set, in the order they are written back.
COLUMNS = (POS, TAG, MORPH, LEMMA, DEP)
_COLUMN = {attr: n for n, attr in enumerate(COLUMNS)}


class _StandIn:
    """What both stand-ins share: the stock component they stand in for (``stock``), a
    ``pipe`` that calls the stand-in per Doc, and everything else (``to_disk``, ``to_bytes``,
    patterns, lookups, ...) taken from the stock component, so that saving the pipeline saves
    the stock component's data."""

    def __init__(self, stock: Any, default_name: str) -> None:
        self.stock = stock
        self.name = getattr(stock, "name", default_name)

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, stream: Any, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["stock"], name)


class FastAttributeRuler(_StandIn):
    """The same assignments as a spaCy ``AttributeRuler``, without its general ``Matcher``.

    The ruler's ``Matcher`` tries every one of its ~180 patterns at every token. Here each
    pattern token becomes a predicate over four attributes of a token (TAG, LOWER, DEP,
    IS_SPACE), which is all the English ruler tests; the single-token patterns that match a
    token depend only on those four values, so they are computed once per distinct
    combination and memoised, trying only the patterns filed under the token's word form or
    tag and those that require neither. Patterns of several tokens are tried where their first token
    matches. As in spaCy, a later pattern's value wins over an earlier one's.
    """

    def __init__(self, ruler: Any) -> None:
        super().__init__(ruler, "attribute_ruler")
        self.ruler = ruler
        strings = ruler.vocab.strings
        unknown = {attr for attrs in ruler.attrs for attr in attrs} - set(COLUMNS)
        if unknown:  # a model whose patterns set other attributes keeps the stock component
            raise ValueError(f"attribute ruler sets attributes outside {COLUMNS}: {sorted(unknown)}")
        # Per pattern number: the (column, value) pairs it assigns and the token it assigns them to.
        self.assign = [tuple((_COLUMN[attr], value) for attr, value in attrs.items()) for attrs in ruler.attrs]
        self.index = list(ruler.indices)
        # Single-token patterns, filed under a TAG or LOWER value the token must have (most
        # patterns require one), so that a new combination is tested against a handful only.
        self.single: dict[tuple[int, int] | None, list[tuple[int, _Token]]] = {}
        self.multi: list[tuple[int, tuple[_Token, ...]]] = []
        self.multi_first: dict[tuple[int, int] | None, list[int]] = {}  # the same index, for first tokens
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tokens = tuple(_Token(spec, strings) for spec in pattern)
                if len(tokens) == 1:
                    for slot in tokens[0].slots():
                        self.single.setdefault(slot, []).append((number, tokens[0]))
                else:
                    for slot in tokens[0].slots():
                        self.multi_first.setdefault(slot, []).append(len(self.multi))
                    self.multi.append((number, tokens))
        self.memo: dict[tuple[int, int, int, int], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def _patterns_at(self, key: tuple[int, int, int, int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Single-token patterns matching a token with these attributes, and the multi-token
        patterns (indices into ``self.multi``) whose first token matches it."""
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            strings = self.ruler.vocab.strings
            candidates = [*self.single.get((0, key[0]), ()), *self.single.get((1, key[1]), ()),
                          *self.single.get(None, ())]
            single = tuple(sorted({n for n, test in candidates if test(key, strings)}))
            firsts = {*self.multi_first.get((0, key[0]), ()), *self.multi_first.get((1, key[1]), ()),
                      *self.multi_first.get(None, ())}
            multi = tuple(k for k in sorted(firsts) if self.multi[k][1][0](key, strings))
            found = self.memo[key] = (single, multi)
        return found

    def __call__(self, doc: Doc) -> Doc:
        keys = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        if not keys:
            return doc
        strings = doc.vocab.strings
        hits: dict[int, list[int]] = {}  # token -> pattern numbers of multi-token matches aimed at it
        matched = [self._patterns_at(key) for key in keys]
        for start, (_single, multi) in enumerate(matched):
            for k in multi:
                number, tokens = self.multi[k]
                end = start + len(tokens)
                if end <= len(keys) and all(test(keys[start + j], strings) for j, test in enumerate(tokens[1:], 1)):
                    index = self.index[number]
                    hits.setdefault(start + index if index >= 0 else end + index, []).append(number)
        values: Any = doc.to_array(list(COLUMNS))  # uint64 hashes
        touched = numpy.zeros(len(COLUMNS), dtype=bool)
        assign = self.assign
        for i, (single, _multi) in enumerate(matched):
            numbers = sorted(set(single).union(hits[i])) if i in hits else single
            if not numbers:
                continue
            row = values[i]
            for number in numbers:  # ascending: a later pattern overwrites an earlier one
                for column, value in assign[number]:
                    row[column] = value
                    touched[column] = True
        columns = [attr for attr, used in zip(COLUMNS, touched, strict=True) if used]
        if DEP in columns:  # DEP alone through from_array would skip the tree bookkeeping; set it per token
            columns.remove(DEP)
            dep_column = values[:, _COLUMN[DEP]]
            for i, token in enumerate(doc):
                if token.dep != dep_column[i]:
                    token.dep = int(dep_column[i])
        if columns:
            doc.from_array(columns, values[:, [_COLUMN[attr] for attr in columns]])
        return doc


class _Token:
    """One token of a ruler pattern as a predicate over (TAG, LOWER, DEP, IS_SPACE) hashes.

    Supports what the English ruler uses: equality, ``IN``, ``NOT_IN`` and ``REGEX`` on
    TAG, LOWER and DEP, and ``IS_SPACE``; anything else raises ``ValueError`` (the stock
    component is kept).
    """

    FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2}

    def __init__(self, spec: dict[str, Any], strings: Any) -> None:
        self.checks: list[tuple[int, str, Any]] = []
        for attr, value in spec.items():
            if attr == "IS_SPACE" and isinstance(value, bool):
                self.checks.append((3, "is", int(value)))
                continue
            field = self.FIELDS.get(attr)
            if field is None:
                raise ValueError(f"unsupported attribute in a ruler pattern: {attr}")
            if isinstance(value, str):
                self.checks.append((field, "is", strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                (op, arg), = value.items()
                if op in ("IN", "NOT_IN"):
                    self.checks.append((field, op, frozenset(strings.add(v) for v in arg)))
                elif op == "REGEX":
                    self.checks.append((field, op, re.compile(arg)))
                else:
                    raise ValueError(f"unsupported operator in a ruler pattern: {op}")
            else:
                raise ValueError(f"unsupported value in a ruler pattern: {value!r}")

    def slots(self) -> list[tuple[int, int] | None]:
        """Index entries of this predicate: the (field, value) pairs of a required LOWER (or
        else TAG) value, or ``[None]`` when it requires none. LOWER first: a word form is the
        narrower index, so a new token is tested against the few patterns of its own word."""
        for field in (1, 0):
            for checked, op, arg in self.checks:
                if checked == field and op == "is":
                    return [(field, arg)]
                if checked == field and op == "IN":
                    return [(field, value) for value in sorted(arg)]
        return [None]

    def __call__(self, key: tuple[int, ...], strings: Any) -> bool:
        for field, op, arg in self.checks:
            value = key[field]
            if op == "is":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            else:  # REGEX, searched in the attribute's text as spaCy's Matcher does
                ok = arg.search(strings[value]) is not None
            if not ok:
                return False
        return True


class FastLemmatizer(_StandIn):
    """spaCy's rule lemmatizer, memoised per word form and written back in bulk.

    For the English rule lemmatizer, a form seen for the first time is lemmatised by
    ``_RuleTables``, the same rules over the same tables held as Python sets and dicts:
    spaCy tests each candidate form against a list of up to 57,000 words, which made a
    first pass over new text cost as much as the tagger and parser together.
    """

    def __init__(self, lemmatizer: Any) -> None:
        super().__init__(lemmatizer, "lemmatizer")
        self.lemmatizer = lemmatizer
        if getattr(lemmatizer, "overwrite", False):
            raise ValueError("the lemmatizer overwrites existing lemmas; the fast path does not")
        self.memo: dict[tuple[int, int, int], int] = {}
        self.rules = _RuleTables.for_lemmatizer(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas: Any = columns[:, 3].copy()
        memo, strings, changed = self.memo, doc.vocab.strings, False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma:  # already set (the attribute ruler's exceptions): spaCy keeps it too
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                    getattr(self.lemmatizer, "cache", {}).clear()  # spaCy's own memo has no bound
                if self.rules is not None:
                    found = self.rules.lemma(strings[orth], strings[pos], strings[morph] if morph else "")
                else:
                    found = self.lemmatizer.lemmatize(doc[i])[0]
                value = strings.add(found)
                memo[key] = value
            lemmas[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)
        return doc


class _RuleTables:
    """spaCy's English rule lemmatizer (``Lemmatizer.rule_lemmatize`` with
    ``EnglishLemmatizer.is_base_form``) over its own lookup tables, with each part-of-speech's
    word index as a set instead of a list. Gives the first lemma spaCy would give."""

    def __init__(self, lookups: Any) -> None:
        self.lookups = lookups
        self.by_pos: dict[str, tuple[frozenset[str], dict[str, list[str]], list[tuple[str, str]]] | None] = {}

    @classmethod
    def for_lemmatizer(cls, lemmatizer: Any) -> _RuleTables | None:
        """The tables of ``lemmatizer`` when it is the English rule lemmatizer, else None."""
        from spacy.lang.en.lemmatizer import EnglishLemmatizer

        if (getattr(lemmatizer, "mode", None) != "rule" or type(lemmatizer) is not EnglishLemmatizer
                or getattr(lemmatizer, "lemmatize", None) != lemmatizer.rule_lemmatize):
            return None
        return cls(lemmatizer.lookups)

    def _tables(self, univ_pos: str) -> tuple[frozenset[str], dict[str, list[str]], list[tuple[str, str]]] | None:
        if univ_pos not in self.by_pos:
            index = self.lookups.get_table("lemma_index", {}).get(univ_pos)
            exceptions = self.lookups.get_table("lemma_exc", {}).get(univ_pos)
            rules = self.lookups.get_table("lemma_rules", {}).get(univ_pos)
            self.by_pos[univ_pos] = None if not any((index, exceptions, rules)) else (
                frozenset(index or ()), dict(exceptions or {}), [(old, new) for old, new in rules or ()])
        return self.by_pos[univ_pos]

    @staticmethod
    def _is_base_form(univ_pos: str, morph: str) -> bool:
        features = Morphology.feats_to_dict(morph)
        if univ_pos == "noun" and features.get("Number") == "Sing":
            return True
        if univ_pos == "verb" and (features.get("VerbForm") == "Inf" or (
                features.get("VerbForm") == "Fin" and features.get("Tense") == "Pres"
                and features.get("Number") is None)):
            return True
        if univ_pos == "adj" and features.get("Degree") == "Pos":
            return True
        return features.get("VerbForm") in ("Inf", "None") or features.get("Degree") == "Pos"

    def lemma(self, text: str, pos: str, morph: str) -> str:
        univ_pos = pos.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)
            return text.lower()
        if self._is_base_form(univ_pos, morph):
            return text.lower()
        tables = self._tables(univ_pos)
        if tables is None:
            return text if univ_pos == "propn" else text.lower()
        index, exceptions, rules = tables
        string = text.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    continue
                if form in index or not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        for form in exceptions.get(string, ()):  # as spaCy: exceptions go first, the last one foremost
            if form not in forms:
                forms.insert(0, form)
        if forms:
            return forms[0]
        return oov_forms[0] if oov_forms else text


def _maxout_predict(model: Any, X: Any, is_train: bool) -> tuple[Any, Any]:
    """thinc's ``Maxout`` forward without the winning pieces' indices (inference only)."""
    if is_train:
        return thinc_maxout.forward(model, X, is_train)
    nO, nP, nI = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    ops = model.ops
    Y = ops.gemm(X, ops.reshape2f(model.get_param("W"), nO * nP, nI), trans2=True)
    Y += ops.reshape1f(model.get_param("b"), nO * nP)
    Z = ops.reshape3f(Y, Y.shape[0], nO, nP)
    best = numpy.maximum(Z[:, :, 0], Z[:, :, 1]) if nP > 1 else Z[:, :, 0].copy()
    for piece in range(2, nP):
        numpy.maximum(best, Z[:, :, piece], out=best)

    def backprop(_d_best: Any) -> Any:
        raise RuntimeError("this Maxout forward pass was run for inference only (is_train=False)")

    return best, backprop


def use_fast_maxout(nlp: Language) -> int:
    """Give the ``Maxout`` layers of ``nlp``'s numpy models the inference forward pass above;
    returns how many layers were changed."""
    changed = 0
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not isinstance(model.ops, NumpyOps):
            continue
        for node in model.walk():
            if node._func is thinc_maxout.forward:
                node._func = _maxout_predict
                changed += 1
    return changed


def speed_up(nlp: Language) -> Language:
    """Swap the stock attribute ruler and lemmatizer of ``nlp`` for the fast stand-ins, the
    models' matrix products to one-thread OpenBLAS (``eventwire.nlp.blas``) and their Maxout
    layers to the inference forward pass, in place.

    A pipeline without them, or whose components do something the stand-ins do not cover,
    is left as it is (logged at debug level).
    """
    use_openblas(nlp)
    use_fast_maxout(nlp)
    for name, make in (("attribute_ruler", FastAttributeRuler), ("lemmatizer", FastLemmatizer)):
        if name not in nlp.pipe_names:
            continue
        component = nlp.get_pipe(name)
        if isinstance(component, _StandIn):
            continue
        try:
            fast = make(component)
        except (ValueError, AttributeError) as exc:
            logger.debug("keeping the stock %s: %s", name, exc)
            continue
        index = nlp.component_names.index(name)  # disabled components count here too
        nlp._components[index] = (name, fast)  # same name and place; spaCy calls it like any component
    return nlp
