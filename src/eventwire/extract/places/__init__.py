"""Place names resolved to gazetteer records (issue 6).

``PlaceResolver().extract(doc, mentions=...)`` finds place names (``recognize``), resolves each
to a GeoNames-style record with population and the document's context as priors
(``resolve``), and marks places used as actors ("Moscow said") with ``as_actor``.
"""

from __future__ import annotations

from eventwire.extract.places.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from eventwire.extract.places.resolve import PlaceResolver

__all__ = ["PlaceResolver", "Gazetteer", "GazetteerEntry", "load_gazetteer"]
