"""WARC files of news crawls (``.warc``, ``.warc.gz``) to articles, read as a stream.

News crawls (Common Crawl's CC-NEWS, a newsroom's own archive, ``wget --warc-file``) store
each fetched page as a WARC record. A record at a time is read with ``warcio`` (the
Webrecorder project's WARC library), so memory stays bounded whatever the file's size.

- ``response`` and ``resource`` records of HTML pages with a 2xx status become articles:
  the text and metadata come from trafilatura, as for an HTML file; the URL is the record's
  ``WARC-Target-URI``.
- ``conversion`` records (WET files: text already extracted from a page) are taken as text.
- Other records (requests, metadata, revisits, images, PDFs, redirects, errors) are not
  articles and are skipped.
- The publication date is the page's own (from its metadata) where it has one, else the
  day of the crawl (``WARC-Date``): news crawls fetch a story within hours of publication.

A record that cannot be turned into an article is an error naming the file, the record's
number in it (``crawl.warc.gz#12``) and the URL; a file that breaks off (truncated, not a WARC) ends with an error after
the records read so far.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventwire.ingest.readers import Item, ReadOptions, _from_html, make_article
from eventwire.records import Article, ArticleError

logger = logging.getLogger(__name__)

ARTICLE_RECORDS = {"response", "resource"}
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: The largest page read from a record; longer ones are not news articles (and would be
#: rejected by the text length limit anyway).
MAX_PAGE_BYTES = 5_000_000


def from_warc(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Articles (or errors) from the records of one WARC file, in file order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.format != "warc" or record.rec_type is None:  # warcio reads on past damage
                    what = "an ARC or unknown header" if record.format != "warc" else "a truncated or malformed record"
                    raise ValueError(f"record {number} has {what}")
                item = _from_record(record, f"{origin}#{number}", options)
                if item is not None:
                    yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield ArticleError(doc_id=origin, origin=origin, reason=f"{origin}: not a readable WARC file: {exc}")
        return
    if not number:
        yield ArticleError(doc_id=origin, origin=origin, reason=f"{origin}: not a readable WARC file: no WARC records")


def _from_record(record: Any, where: str, options: ReadOptions) -> Item | None:
    kind = record.rec_type
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    label = f"{where} ({uri})" if uri else where
    if kind == "conversion":
        text = _read(record, label)
        if isinstance(text, ArticleError):
            return text
        return make_article({"text": text.decode("utf-8", "replace"), "url": uri, "published": crawled},
                            label, options)
    if kind not in ARTICLE_RECORDS:
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None  # redirects, not-found pages and errors are not articles
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    page = _read(record, label)
    if isinstance(page, ArticleError):
        return page
    html = page.decode(_charset(content_type), "replace")
    # The page's own date first, then the crawl's day, then the user's default.
    item = _from_html(html, label, uri or where, replace(options, published=crawled or options.published))
    return replace(item, url=uri) if isinstance(item, Article) and uri else item


def _read(record: Any, label: str) -> bytes | ArticleError:
    data = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return ArticleError(doc_id=label, origin=label,
                            reason=f"{label}: page over {MAX_PAGE_BYTES:,} bytes, not a news article")
    return data


def _charset(content_type: str) -> str:
    """The charset named in a Content-Type header, UTF-8 where none (or an unknown one) is named."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                break
    return "utf-8"
