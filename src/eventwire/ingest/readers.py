"""Readers: paths, directories, JSONL, CSV, HTML, WARC and standard input to articles.

JSONL, CSV and WARC files (each optionally gzip-compressed) are read as streams, a record at
a time; a text or HTML file is one article and is read whole.

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
WARC_SUFFIXES = {".warc"}  # with or without .gz, as news crawls publish them
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
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    kind = (suffixes[:-1] if compressed else suffixes)[-1:] or [""]
    if kind[0] == ".warc":
        from eventwire.ingest.warc import from_warc  # imported here: only WARC inputs need warcio

        yield from from_warc(path, options)
    elif kind[0] in RECORD_SUFFIXES:
        yield from _from_record_file(path, kind[0], compressed, options)
    else:
        yield from _from_whole_file(path, kind[0], compressed, options)


def _from_whole_file(path: Path, kind: str, compressed: bool, options: ReadOptions) -> Iterator[Item]:
    """A text or HTML file: one article, read whole (it is one article long)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(doc_id=str(path), origin=str(path), reason=f"{path}: cannot read: {exc.strerror}")
        return
    if compressed:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield ArticleError(doc_id=str(path), origin=str(path), reason=f"{path}: not a valid gzip file: {exc}")
            return
    yield from _from_bytes(data, str(path), kind, options, stem=path.stem)


def _from_record_file(path: Path, kind: str, compressed: bool, options: ReadOptions) -> Iterator[Item]:
    """JSONL or CSV, read as a stream of lines: memory stays bounded whatever the file's size.

    A bad line is an error naming the line and the reading goes on; a file that breaks off
    (truncated gzip, unreadable disk) ends with an error after the records read so far.
    """
    origin = str(path)
    try:
        with (gzip.open(path, "rb") if compressed else path.open("rb")) as stream:
            head = stream.peek(8192)[:8192]  # gzip and buffered files both look ahead without consuming
            problem = _binary_reason(head) if head else "empty file (no text)"
            if problem:
                yield ArticleError(doc_id=path.stem or origin, origin=origin, reason=f"{origin}: {problem}")
                return
            lines = _decoded_lines(stream, origin)
            yield from (_from_jsonl(lines, origin, options) if kind != ".csv" else _from_csv(lines, origin, options))
    except (OSError, EOFError) as exc:
        what = "not a valid gzip file or truncated" if compressed else "cannot read"
        yield ArticleError(doc_id=origin, origin=origin, reason=f"{origin}: {what}: {exc}")


class _BadLine(str):
    """A line that is not valid UTF-8: the record readers turn it into an error for that line."""

    reason = ""


def _decoded_lines(stream: Iterable[bytes], origin: str) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            bad = _BadLine("\n")
            bad.reason = (f"{origin}:{number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                          f"{exc.start + 1}); re-encode the file as UTF-8")
            yield bad


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
        yield from _from_jsonl(io.StringIO(text, newline=""), origin, options)
    elif kind == ".csv":
        yield from _from_csv(io.StringIO(text, newline=""), origin, options)
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


def _from_jsonl(lines: Iterable[str], origin: str, options: ReadOptions) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if isinstance(line, _BadLine):
            yield ArticleError(doc_id=where, origin=where, reason=line.reason)
            continue
        if not line.strip():
            continue
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


def _from_csv(lines: Iterable[str], origin: str, options: ReadOptions) -> Iterator[Item]:
    def checked() -> Iterator[str]:
        for line in lines:
            if isinstance(line, _BadLine):  # a CSV record may span lines: the file stops here
                raise _Undecodable(line.reason)
            yield line

    reader = csv.DictReader(checked())
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
    except _Undecodable as exc:
        yield ArticleError(doc_id=origin, origin=origin, reason=str(exc))


class _Undecodable(Exception):
    """A CSV line that is not valid UTF-8 (its message names the line)."""


def _from_html(html: str, origin: str, stem: str, options: ReadOptions) -> Item:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    # Only dates the page states (its metadata, a dated byline), not the extensive search's
    # guesses: a "Copyright 2024" footer would date every undated story to 1 January.
    meta = trafilatura.extract_metadata(html, date_config={"extensive_search": False, "original_date": True})
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
