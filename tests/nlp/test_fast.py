"""The fast attribute ruler and lemmatizer give exactly the stock components' annotations."""

from __future__ import annotations

import json

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc

from eventwire.nlp import DEFAULT_MODEL
from eventwire.nlp.fast import (
    FastAttributeRuler,
    FastLemmatizer,
    _maxout_predict,
    _RuleTables,
    _Token,
    speed_up,
    use_fast_maxout,
)

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

#: Our own sentences reaching the ruler's rarer patterns: contractions, multi-token
#: colloquialisms, expletive "there", pronoun case by role, auxiliaries, whitespace tokens.
SENTENCES = [
    "Ain't nobody gonna stop us, y'all, and we gotta keep going, he said.",
    "There were no talks, and there's nothing left to say; let's go.",
    "I told you it was over, but you gave it to me anyway.",
    "Did they have the money?  They did, but the minister had doubts \n\n about it.",
    "Which of these did the ministry approve, and that one too?",
    "The talks, which had stalled, resumed in Geneva on Monday after the envoys met.",
    "  Leading  spaces,\ttabs and\n\nparagraphs   are tokens too.",
    "",
]


@pytest.fixture(scope="module")
def pair():  # type: ignore[no-untyped-def]
    return spacy.load(DEFAULT_MODEL), speed_up(spacy.load(DEFAULT_MODEL))


def differences(stock, fast, texts):  # type: ignore[no-untyped-def]
    """Texts whose annotations differ between the two pipelines, with the first differing token."""
    found = []
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        if not numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)):
            token = next(i for i in range(len(a)) if list(a.to_array(ATTRS)[i]) != list(b.to_array(ATTRS)[i]))
            found.append((a.text[:60], a[token].text, a[token].lemma_, b[token].lemma_, a[token].pos_, b[token].pos_))
    return found


def test_the_stand_ins_replace_the_stock_components(pair) -> None:  # type: ignore[no-untyped-def]
    _stock, fast = pair
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    assert fast.pipe_names == _stock.pipe_names  # same names, same order


def test_constructed_sentences_are_annotated_identically(pair) -> None:  # type: ignore[no-untyped-def]
    stock, fast = pair
    assert differences(stock, fast, SENTENCES) == []
    # The colloquial patterns did fire (a test that could not fail would prove nothing).
    doc = fast("Ain't nobody gonna stop us, y'all.")
    assert [t.lemma_ for t in doc[:5]] == ["be", "not", "nobody", "go", "to"] and doc[8].lemma_ == "you"


def test_real_news_is_annotated_identically(pair, shared) -> None:  # type: ignore[no-untyped-def]
    stock, fast = pair
    texts = [json.loads(line)["text"] for line in (shared / "corpora" / "voa_stories.jsonl").open()][:25]
    texts += [json.loads(line)["text"] for line in (shared / "gold" / "petrarch_gsr.jsonl").open()]
    assert differences(stock, fast, texts) == []


def test_repeated_use_gives_the_same_annotations(pair) -> None:  # type: ignore[no-untyped-def]
    """The memos must not leak one document's values into another's."""
    _stock, fast = pair
    first = [fast(text).to_array(ATTRS).tolist() for text in SENTENCES]
    again = [fast(text).to_array(ATTRS).tolist() for text in reversed(SENTENCES)]
    assert first == list(reversed(again))


@pytest.mark.parametrize("spec", [{"TAG": {"FUZZY": "NN"}}, {"ENT_TYPE": "GPE"}, {"LOWER": 3}])
def test_unsupported_patterns_are_refused(spec, pair) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        _Token(spec, pair[0].vocab.strings)


def test_a_ruler_with_unsupported_patterns_keeps_the_stock_component() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ENT_TYPE": "GPE"}]], {"POS": "PROPN"})
    speed_up(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)


def test_a_sped_up_pipeline_still_saves_and_loads(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _stock, fast = pair
    fast.to_disk(tmp_path / "model")
    reloaded = spacy.load(tmp_path / "model")
    assert reloaded.pipe_names == fast.pipe_names
    text = "Ain't nobody gonna stop us, the minister said in Kyiv."
    assert reloaded(text).to_array(ATTRS).tolist() == fast(text).to_array(ATTRS).tolist()


def test_the_rule_tables_give_spacys_first_lemma(pair) -> None:  # type: ignore[no-untyped-def]
    """Word forms seen for the first time go through ``_RuleTables``: every part of speech,
    with and without the features that mark a base form, exceptions, forms outside the word
    index, and forms that are not alphabetic."""
    stock, _fast = pair
    lemmatizer = stock.get_pipe("lemmatizer")
    tables = _RuleTables.for_lemmatizer(lemmatizer)
    assert tables is not None
    words = ["was", "children", "better", "mice", "went", "blorked", "x-rays", "ties", "studied", "running",
             "Kyiv's", "talks", "met", "leaves", "worse", "feet", "data", "U.S.", "sanctioned", "1990s", "Li"]
    poses = ["VERB", "NOUN", "ADJ", "ADV", "PROPN", "AUX", "PRON", "X", "NUM"]
    morphs = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin", "Degree=Pos",
              "Degree=Cmp", "Tense=Pres|VerbForm=Fin", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"]
    checked = 0
    for pos in poses:
        for morph in morphs:
            doc = Doc(stock.vocab, words=words, pos=[pos] * len(words), morphs=[morph] * len(words))
            for token in doc:
                assert tables.lemma(token.text, token.pos_, str(token.morph)) == lemmatizer.rule_lemmatize(token)[0], \
                    (token.text, pos, morph)
                checked += 1
    assert checked == len(words) * len(poses) * len(morphs)
    assert tables.lemma("children", "NOUN", "Number=Plur") == "child"  # the exception table did apply


def test_another_lemmatizer_keeps_spacys_own_rules() -> None:
    nlp = spacy.blank("en")
    assert _RuleTables.for_lemmatizer(nlp.add_pipe("lemmatizer", config={"mode": "lookup"})) is None


def test_the_maxout_layers_predict_the_same_numbers(pair) -> None:  # type: ignore[no-untyped-def]
    from thinc.layers import maxout as thinc_maxout

    stock, fast = pair
    layers = [node for _name, c in fast.components if getattr(c, "model", None) is not None
              for node in c.model.walk() if node.name == "maxout"]
    assert layers and all(node._func is _maxout_predict for node in layers)
    assert use_fast_maxout(fast) == 0  # already done: nothing left to change
    rng = numpy.random.default_rng(7)
    for node in layers[:2]:
        X = rng.normal(size=(50, node.get_dim("nI"))).astype("float32")
        fast_best, backprop = node._func(node, X, is_train=False)
        stock_best, _ = thinc_maxout.forward(node, X, is_train=False)
        assert fast_best.dtype == stock_best.dtype and numpy.array_equal(fast_best, stock_best)
        with pytest.raises(RuntimeError, match="inference only"):
            backprop(fast_best)
    # Training keeps thinc's forward pass, whose backprop works.
    X = rng.normal(size=(50, layers[0].get_dim("nI"))).astype("float32")
    best, backprop = layers[0]._func(layers[0], X, is_train=True)
    assert backprop(numpy.ones_like(best)).shape == X.shape
