"""Matrix products of the spaCy models through numpy's OpenBLAS, one thread per call.

thinc multiplies with BLIS by default. Here numpy's bundled OpenBLAS, held to one thread for
the calling thread only, multiplies the tok2vec and NER layers' matrices about 10% faster
for the whole parse (``benchmarks/throughput.py``), and the annotations of the 1,997 corpus
and gold texts stay identical (``tests/nlp/test_blas.py`` checks a sample).

One thread, because eventwire runs one parse per core in worker processes: OpenBLAS's own
threads would fight them. ``openblas_set_num_threads_local`` changes the count for the
calling thread only and hands back the old count, which is restored after each product, so
nothing else in the process is affected. Where numpy is not built with an OpenBLAS that has
it (an older OpenBLAS, MKL, Accelerate), the models keep thinc's default.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from thinc.backends.numpy_ops import NumpyOps

logger = logging.getLogger(__name__)

SYMBOL = "openblas_set_num_threads_local"


@functools.lru_cache(maxsize=1)
def thread_setter() -> Any:
    """``openblas_set_num_threads_local`` of the OpenBLAS numpy has loaded, or None."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:  # not Linux
        return None
    libraries = {line.split()[-1] for line in maps.splitlines() if "openblas" in line.lower() and "/" in line}
    for path in sorted(libraries):
        try:
            function = getattr(ctypes.CDLL(path), SYMBOL)
        except (OSError, AttributeError):
            continue
        function.argtypes, function.restype = [ctypes.c_int], ctypes.c_int
        return function
    return None


class OpenBlasOps(NumpyOps):
    """thinc's numpy ops with ``gemm`` through numpy (OpenBLAS), one thread per product."""

    name = "eventwire-openblas"

    def __init__(self, setter: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.setter = setter

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        previous = self.setter(1)
        try:
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out
        finally:
            self.setter(previous)


def use_openblas(nlp: Language) -> bool:
    """Give every layer of ``nlp``'s models the OpenBLAS ops; False (and nothing changed)
    where numpy's BLAS cannot be held to one thread per call."""
    numpy.dot(numpy.ones((2, 2)), numpy.ones((2, 2)))  # make sure the BLAS library is loaded
    setter = thread_setter()
    if setter is None:
        logger.debug("numpy's BLAS has no %s: the models keep thinc's default ops", SYMBOL)
        return False
    ops = OpenBlasOps(setter)
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not isinstance(model.ops, NumpyOps):
            continue
        for node in model.walk():
            node.ops = ops
    return True
