"""Language processing: loading the English spaCy pipeline once per process."""

from eventwire.nlp.loading import DEFAULT_MODEL, load_nlp

__all__ = ["DEFAULT_MODEL", "load_nlp"]
