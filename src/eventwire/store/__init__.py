"""The DuckDB event store: every write and read of the database lives here."""

from eventwire.store.duck import EventStore, IngestSummary

__all__ = ["EventStore", "IngestSummary"]
