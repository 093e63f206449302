"""Readers: paths, directories, JSONL, CSV, HTML and standard input to articles.

Every reader yields ``Article`` or ``ArticleError`` records and never raises for a bad
input: a corrupt file or row is recorded with its reason and the batch goes on.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventwire.ingest.clean import content_hash
from eventwire.ingest.language import not_english_reason
from eventwire.records import Article, ArticleError

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
#: Files skipped silently when reading a directory (hidden files and our own outputs).
SKIP_SUFFIXES = {".duckdb", ".wal", ".parquet", ".png"}

Item = Article | ArticleError


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read and validated."""

    published: str | None = None  # default publication date (YYYY-MM-DD) for inputs without one
    max_chars: int = 200_000  # longer texts are rejected: a news article is rarely over 50k
    check_language: bool = True


def iter_inputs(paths: Iterable[str | Path], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Articles (or errors) from every path, in input order; directories are read recursively."""
    for raw in paths:
        if str(raw) == "-":
            yield from _from_bytes(sys.stdin.buffer.read(), "<stdin>", "stdin", options)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith(".") or child.suffix.lower() in SKIP_SUFFIXES:
                    continue
                yield from _from_file(child, options)
        elif path.exists():
            yield from _from_file(path, options)
        else:
            yield ArticleError(doc_id=str(path), origin=str(path), reason=f"{path}: no such file or directory")


def _from_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(doc_id=str(path), origin=str(path), reason=f"{path}: cannot read: {exc.strerror}")
        return
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield ArticleError(doc_id=str(path), origin=str(path), reason=f"{path}: not a valid gzip file: {exc}")
            return
        suffixes = suffixes[:-1]
    kind = suffixes[-1] if suffixes else ""
    yield from _from_bytes(data, str(path), kind, options, stem=path.stem)


def _from_bytes(data: bytes, origin: str, kind: str, options: ReadOptions, stem: str = "") -> Iterator[Item]:
    problem = _binary_reason(data)
    if problem:
        yield ArticleError(doc_id=stem or origin, origin=origin, reason=f"{origin}: {problem}")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield ArticleError(
            doc_id=stem or origin,
            origin=origin,
            reason=f"{origin}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8",
        )
        return
    if kind in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, origin, options)
    elif kind == ".csv":
        yield from _from_csv(text, origin, options)
    elif kind in HTML_SUFFIXES:
        yield _from_html(text, origin, stem, options)
    else:
        yield make_article({"text": text}, origin, options)


def _binary_reason(data: bytes) -> str | None:
    if not data.strip():
        return "empty file (no text)"
    head = data[:8192]
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls / len(head) > 0.05:
        return f"binary file ({controls} control bytes in the first {len(head)}), not text"
    return None


def _from_jsonl(text: str, origin: str, options: ReadOptions) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleError(
                doc_id=where, origin=where, reason=f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"
            )
            continue
        if not isinstance(record, dict):
            yield ArticleError(doc_id=where, origin=where, reason=f"{where}: a line must be a JSON object")
            continue
        yield make_article(record, where, options)


def _from_csv(text: str, origin: str, options: ReadOptions) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield ArticleError(
            doc_id=origin,
            origin=origin,
            reason=f"{origin}: a CSV input needs a 'text' column "
            f"(found: {', '.join(reader.fieldnames or []) or 'none'})",
        )
        return
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            if None in row:
                yield ArticleError(doc_id=where, origin=where, reason=f"{where}: row has more fields than the header")
                continue
            yield make_article(row, where, options)
    except csv.Error as exc:
        yield ArticleError(doc_id=origin, origin=origin, reason=f"{origin}: malformed CSV: {exc}")


def _from_html(html: str, origin: str, stem: str, options: ReadOptions) -> Item:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    if not text:
        return ArticleError(doc_id=stem or origin, origin=origin, reason=f"{origin}: no article text found in the HTML")
    record = {
        "text": text,
        "title": getattr(meta, "title", None),
        "url": getattr(meta, "url", None),
        "published": getattr(meta, "date", None),
        "publisher": getattr(meta, "sitename", None),
    }
    return make_article(record, origin, options)


def make_article(record: dict[str, object], origin: str, options: ReadOptions = ReadOptions()) -> Item:
    """An ``Article`` from a record with ``text`` (and optional id, title, url, published, publisher)."""
    doc_id = str(record.get("id") or "").strip()
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ArticleError(
            doc_id=doc_id or origin, origin=origin, reason=f"{origin}: no text (the 'text' field is empty or missing)"
        )
    if len(text) > options.max_chars:
        return ArticleError(
            doc_id=doc_id or origin,
            origin=origin,
            reason=f"{origin}: text has {len(text):,} characters, over the limit of "
            f"{options.max_chars:,} (raise it with --max-chars)",
        )
    if options.check_language and (reason := not_english_reason(text)):
        return ArticleError(doc_id=doc_id or origin, origin=origin, reason=f"{origin}: {reason}")
    published = _iso_date(record.get("published")) or options.published
    key = content_hash(text)
    return Article(
        id=doc_id or key[:16],
        text=text,
        title=_opt(record.get("title")),
        url=_opt(record.get("url")),
        published=published,
        publisher=_opt(record.get("publisher")),
        origin=origin,
        content_hash=key,
    )


def _opt(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _iso_date(value: object) -> str | None:
    """The YYYY-MM-DD date of a published field (ISO dates and timestamps, YYYYMMDD)."""
    if not value:
        return None
    raw = str(value).strip()
    for candidate in (raw[:10], f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"):
        try:
            return date.fromisoformat(candidate).isoformat()
        except ValueError:
            continue
    logger.warning("ignoring unreadable published date %r", raw)
    return None
