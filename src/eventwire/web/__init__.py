"""The web dashboard and REST API over an eventwire store (``eventwire serve``)."""

from eventwire.web.app import ServeOptions, create_app

__all__ = ["ServeOptions", "create_app"]
