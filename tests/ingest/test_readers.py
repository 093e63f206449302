"""Readers turn every input into an Article or an ArticleError with a clear reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventwire.ingest import ReadOptions, iter_inputs
from eventwire.records import Article, ArticleError

ENGLISH = (
    "Russian forces shelled the city of Kharkiv overnight, local officials said on Monday, "
    "and the governor of the region called for more air defence systems from the West."
)
FRENCH = (
    "Les forces russes ont bombardé la ville pendant la nuit, selon les autorités locales, "
    "et le gouverneur de la région a demandé davantage de systèmes de défense aérienne."
)


def read(tmp_path: Path, name: str, data: bytes, **options: object) -> list[Article | ArticleError]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_inputs([path], ReadOptions(**options)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Le général a déclaré".encode("latin-1") + b" " + ENGLISH.encode(), "not valid UTF-8"),
        ("french.txt", FRENCH.encode(), "looks like French, not English"),
        ("russian.txt", "Президент России провёл переговоры с премьер-министром".encode(), "not Latin script"),
        ("bad.gz", b"not gzip at all", "not a valid gzip file"),
    ],
)
def test_bad_files_become_errors_naming_the_file(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (item,) = read(tmp_path, name, data)
    assert isinstance(item, ArticleError)
    assert reason in item.reason
    assert name in item.reason


def test_text_over_the_size_limit_is_rejected_with_the_limit(tmp_path: Path) -> None:
    (item,) = read(tmp_path, "long.txt", (ENGLISH + "\n").encode() * 20, max_chars=1000)
    assert isinstance(item, ArticleError)
    assert "over the limit of 1,000" in item.reason


def test_jsonl_malformed_line_is_recorded_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "published": "2024-05-13"}),
        "{not json",
        json.dumps({"id": "b", "text": ENGLISH + " Later, talks resumed."}),
        json.dumps({"id": "c"}),
    ]
    items = read(tmp_path, "batch.jsonl", "\n".join(lines).encode())
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article", "ArticleError"]
    assert "batch.jsonl:2: invalid JSON" in items[1].reason  # type: ignore[union-attr]
    assert "no text" in items[3].reason  # type: ignore[union-attr]
    assert items[0].published == "2024-05-13"  # type: ignore[union-attr]


def test_csv_rows_become_articles_and_a_missing_text_column_is_explained(tmp_path: Path) -> None:
    good = read(tmp_path, "news.csv", f'id,text,published\nx1,"{ENGLISH}",20240513\n'.encode())
    assert isinstance(good[0], Article) and good[0].id == "x1" and good[0].published == "2024-05-13"
    (bad,) = read(tmp_path, "other.csv", b"id,body\n1,hello\n")
    assert isinstance(bad, ArticleError) and "needs a 'text' column" in bad.reason


def test_gzip_jsonl_is_read(tmp_path: Path) -> None:
    items = read(tmp_path, "news.jsonl.gz", gzip.compress(json.dumps({"id": "z", "text": ENGLISH}).encode()))
    assert isinstance(items[0], Article) and items[0].id == "z"


def test_html_is_stripped_of_page_furniture(tmp_path: Path) -> None:
    html = (
        f"<html><head><title>Shelling</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Shelling</h1><p>{ENGLISH}</p><p>{ENGLISH}</p></article>"
        f"<footer>Subscribe to our newsletter</footer></body></html>"
    )
    (item,) = read(tmp_path, "page.html", html.encode())
    assert isinstance(item, Article)
    assert "Kharkiv" in item.text and "Home | World" not in item.text


def test_same_text_gets_the_same_content_hash_whatever_the_whitespace(tmp_path: Path) -> None:
    (a,) = read(tmp_path, "a.txt", ENGLISH.encode())
    (b,) = read(tmp_path, "b.txt", ("  " + ENGLISH.replace(" ", "  ") + "\n").encode())
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.content_hash == b.content_hash


def test_directory_is_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ENGLISH)
    (tmp_path / "a.txt").write_text(ENGLISH + " More.")
    items = list(iter_inputs([tmp_path]))
    assert [Path(i.origin).name for i in items] == ["a.txt", "b.txt"]


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (item,) = list(iter_inputs([tmp_path / "nope.txt"]))
    assert isinstance(item, ArticleError) and "no such file" in item.reason


def test_jsonl_is_streamed_a_bad_utf8_line_is_an_error_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{n}", "text": ENGLISH}).encode() for n in range(3)]
    lines.insert(1, b'{"id": "bad", "text": "caf\xe9"}')
    items = read(tmp_path, "feed.jsonl", b"\n".join(lines) + b"\n")
    assert [getattr(i, "id", None) for i in items if isinstance(i, Article)] == ["a0", "a1", "a2"]
    (error,) = [i for i in items if isinstance(i, ArticleError)]
    assert "feed.jsonl:2: not valid UTF-8 (byte 0xe9" in error.reason


def test_a_truncated_gzip_stream_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    body = "".join(json.dumps({"id": f"a{n}", "text": ENGLISH + f" Report {n}."}) + "\n" for n in range(400))
    data = gzip.compress(body.encode())
    items = read(tmp_path, "feed.jsonl.gz", data[: len(data) * 2 // 3])
    articles = [i for i in items if isinstance(i, Article)]
    assert 0 < len(articles) < 400 and [a.id for a in articles] == [f"a{n}" for n in range(len(articles))]
    assert isinstance(items[-1], ArticleError) and "not a valid gzip file or truncated" in items[-1].reason


def test_jsonl_string_with_a_line_separator_stays_one_record(tmp_path: Path) -> None:
    record = json.dumps({"id": "ls", "text": ENGLISH + "\u2028" + ENGLISH}, ensure_ascii=False)
    (item,) = read(tmp_path, "feed.jsonl", record.encode() + b"\n")
    assert isinstance(item, Article) and "\u2028" in item.text


def test_csv_with_a_bad_utf8_line_stops_with_an_error_naming_the_line(tmp_path: Path) -> None:
    data = b"id,text\nc1,\"" + ENGLISH.encode() + b"\"\nc2,\"caf\xe9 " + ENGLISH.encode() + b"\"\n"
    items = read(tmp_path, "feed.csv", data)
    assert isinstance(items[0], Article) and items[0].id == "c1"
    assert isinstance(items[1], ArticleError) and "feed.csv:3: not valid UTF-8" in items[1].reason
