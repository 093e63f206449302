"""Extractors: pure functions/classes over a parsed spaCy ``Doc`` that yield records.

Each extractor receives its resources (lexicon, gazetteer) through its constructor and
never touches the store or the file system after loading.
"""
