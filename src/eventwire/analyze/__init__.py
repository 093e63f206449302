"""Analyses over the event store (relationship series, summaries)."""
