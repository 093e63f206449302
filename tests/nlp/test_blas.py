"""The models' matrix products through one-thread OpenBLAS: same products, same annotations."""

from __future__ import annotations

import numpy
import pytest
import spacy

from eventwire.nlp import DEFAULT_MODEL
from eventwire.nlp.blas import OpenBlasOps, thread_setter, use_openblas

pytestmark = pytest.mark.skipif(thread_setter() is None,
                                reason="numpy's BLAS here is not an OpenBLAS with per-thread counts")


@pytest.fixture(scope="module")
def ops() -> OpenBlasOps:
    setter = thread_setter()
    assert setter is not None
    return OpenBlasOps(setter)


@pytest.mark.parametrize("trans1, trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_gives_thincs_products(ops, trans1, trans2) -> None:  # type: ignore[no-untyped-def]
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((40, 30) if not trans1 else (30, 40)).astype("float32")
    y = rng.standard_normal((30, 20) if not trans2 else (20, 30)).astype("float32")
    reference = spacy.util.get_current_ops().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(ops.gemm(x, y, trans1=trans1, trans2=trans2), reference, atol=1e-4)
    out = numpy.zeros((40, 20), dtype="float32")
    assert ops.gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, reference, atol=1e-4)


def test_the_thread_count_of_the_caller_is_restored(ops) -> None:  # type: ignore[no-untyped-def]
    setter = thread_setter()
    before = setter(3)
    ops.gemm(numpy.ones((8, 8), dtype="float32"), numpy.ones((8, 8), dtype="float32"))
    assert setter(before) == 3


def test_every_layer_of_the_models_gets_the_ops() -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    assert use_openblas(nlp)
    layers = [node for _, component in nlp.components if getattr(component, "model", None) is not None
              for node in component.model.walk()]
    assert layers and all(isinstance(node.ops, OpenBlasOps) for node in layers)
    doc = nlp("China's defence minister met President Putin in Moscow on Sunday.")
    assert [e.label_ for e in doc.ents] == ["GPE", "PERSON", "GPE", "DATE"]
