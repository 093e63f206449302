"""WARC files of news crawls: pages become articles, other records are skipped, breaks are errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import ReadOptions, iter_inputs
from eventwire.records import Article, ArticleError

STORY = (
    "<html><head><title>Ministers meet in Ankara</title>{meta}</head><body>"
    "<nav>Home | World | Business</nav><article><h1>Ministers meet in Ankara</h1>"
    "<p>The foreign ministers of Turkey and Greece met in Ankara on Tuesday to discuss maritime borders "
    "in the Aegean, officials from both governments said after the talks.</p>"
    "<p>The two ministers agreed to hold a second round of talks in Athens next month, and the Greek "
    "minister said the meeting had been frank and useful for both countries.</p></article>"
    "<footer>Copyright 2024 Example News</footer></body></html>"
)
DATED = '<meta property="article:published_time" content="2024-03-05T09:00:00Z">'


def record(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
           content_type: str = "text/html; charset=utf-8", kind: str = "response") -> None:
    http = None
    if kind == "response":
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    headers = {"WARC-Date": "2024-03-07T12:00:00Z"}
    writer.write_record(writer.create_warc_record(uri, kind, payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict=headers,
                                                  warc_content_type="text/plain" if kind == "conversion" else None))


def crawl(path: Path, gz: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        record(writer, "https://news.example/ankara", STORY.format(meta=DATED).encode())
        record(writer, "https://news.example/undated", STORY.format(meta="").replace("Tuesday", "Monday").encode())
        record(writer, "https://news.example/missing", b"<html>Not found</html>", status="404 Not Found")
        record(writer, "https://news.example/logo.png", b"\x89PNG\r\n", content_type="image/png")
        record(writer, "https://news.example/wet", (
            b"Officials in Kenya said on Sunday that police arrested twelve protesters in Nairobi after a "
            b"march against new taxes turned violent in the city centre."), kind="conversion")
    return path


@pytest.mark.parametrize("name, gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_and_text_conversions_become_articles(tmp_path: Path, name: str, gz: bool) -> None:
    items = list(iter_inputs([crawl(tmp_path / name, gz)]))
    assert all(isinstance(i, Article) for i in items), items
    dated, undated, wet = items
    assert dated.url == "https://news.example/ankara" and dated.published == "2024-03-05"  # the page's date
    assert "maritime borders" in dated.text and "Copyright" not in dated.text
    assert undated.published == "2024-03-07"  # no date in the page: the day of the crawl
    assert wet.text.startswith("Officials in Kenya") and wet.url == "https://news.example/wet"
    assert dated.origin == f"{tmp_path / name}#1 (https://news.example/ankara)"  # file, record number, URL


def test_a_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    path = crawl(tmp_path / "crawl.warc.gz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 5])  # inside the third record
    items = list(iter_inputs([path]))
    assert [i.url for i in items if isinstance(i, Article)] == ["https://news.example/ankara",
                                                                "https://news.example/undated"]
    assert isinstance(items[-1], ArticleError) and str(path) in items[-1].reason


def test_a_file_that_is_not_a_warc_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes, not a web archive\n")
    (item,) = list(iter_inputs([path]))
    assert isinstance(item, ArticleError) and "notes.warc: not a readable WARC file" in item.reason


def test_the_default_date_applies_only_without_page_or_crawl_dates(tmp_path: Path) -> None:
    items = list(iter_inputs([crawl(tmp_path / "crawl.warc.gz")], ReadOptions(published="2020-01-01")))
    assert [i.published for i in items] == ["2024-03-05", "2024-03-07", "2024-03-07"]
