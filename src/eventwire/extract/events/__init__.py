"""Event coding: CAMEO/PLOVER events with modality and attribution from dependency parses.

``EventCoder().extract(doc, doc_id=..., mentions=..., ...)`` returns ``Event`` records; see
``coder.py`` for the stages and ``data/lexicon/README.md`` for the knowledge it reads.
"""

from eventwire.extract.events.coder import EventCoder

__all__ = ["EventCoder"]
