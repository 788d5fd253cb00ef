"""The readers on real files written to tmp_path: bad input becomes a Failure, never a crash."""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import time
from pathlib import Path

import pytest

from quotetrail.errors import (
    BinaryInput,
    EmptyInput,
    EncodingFailure,
    ExtractionTimeout,
    MalformedRecord,
    NoBody,
    NotEnglish,
    TooLarge,
    UnreadableSource,
)
from quotetrail.read import (
    Failure,
    ReadOptions,
    article_id,
    canonical_url,
    check_text,
    decode,
    read_html,
    read_jsonl,
    read_sources,
    read_text_file,
)
from quotetrail.read.failure import attempt
from quotetrail.read.timeout import call_with_time_limit
from quotetrail.records import Article

ENGLISH = (
    "The government on Tuesday announced a package of measures to support farmers hit by the "
    'drought. "We will not leave anyone behind," the agriculture minister told a news '
    "conference in London. According to farming unions, losses could exceed two billion pounds "
    "this year. Several organisations said the measures did not go far enough and called for a "
    "national day of protest next week. The prime minister is due to meet their representatives "
    "on Thursday.\n"
)
FRENCH = (
    "Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs touchés "
    "par la sécheresse. « Nous ne laisserons personne au bord du chemin », a déclaré le ministre "
    "de l'Agriculture lors d'une conférence de presse à Paris. Selon les syndicats agricoles, les "
    "pertes pourraient dépasser deux milliards d'euros cette année. Plusieurs organisations ont "
    "toutefois jugé ces annonces insuffisantes et appellent à une mobilisation nationale.\n"
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag ein neues Entlastungspaket für Familien vorgestellt. "
    "„Wir lassen niemanden im Stich“, sagte der Finanzminister bei einer Pressekonferenz in "
    "Berlin. Nach Angaben des Ministeriums sollen die Maßnahmen rund zwölf Milliarden Euro kosten "
    "und bereits im Frühjahr in Kraft treten. Die Opposition kritisierte das Paket als zu spät "
    "und zu klein. Auch Sozialverbände forderten weitere Hilfen für Rentner und Studierende.\n"
)
SPANISH = (
    "El Gobierno anunció este martes un paquete de ayudas para los agricultores afectados por la "
    "sequía. «No vamos a dejar a nadie atrás», afirmó el ministro de Agricultura en una rueda de "
    "prensa en Madrid. Según las organizaciones agrarias, las pérdidas podrían superar los dos "
    "mil millones de euros este año. Varios sindicatos consideraron insuficientes las medidas.\n"
)
RUSSIAN = (
    "Правительство во вторник объявило о новом пакете мер поддержки для фермеров, пострадавших "
    "от засухи. «Мы никого не оставим без помощи», — заявил министр сельского хозяйства на "
    "пресс-конференции в Москве. По данным отраслевых союзов, потери в этом году могут превысить "
    "два миллиарда рублей. Ряд организаций счёл эти меры недостаточными.\n"
)

BODY = [
    "Harbour officials in Portsmouth said on Monday that the new ferry terminal would open in "
    "March, two years later than planned, after a dispute with the main contractor over the cost "
    "of steel and labour.",
    '"We are disappointed, but the terminal will be worth the wait," said Ellen Marsh, the chief '
    "executive of the port authority, adding that the delay would not affect existing sailings "
    "to France and Spain during the busy summer season.",
    "The contractor, Brightwell Construction, said in a statement that it had raised concerns "
    "about the budget from the start and that it remained committed to finishing the project as "
    "soon as the outstanding payments were settled by the council.",
]
NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ferry terminal delayed until March | The Harbour Gazette</title>
  <meta property="og:title" content="Ferry terminal delayed until March">
  <meta property="og:site_name" content="The Harbour Gazette">
  <meta property="og:url" content="https://News.Example.com/local/ferry-terminal-delayed?utm_source=x">
  <meta name="author" content="Tom Reeve">
  <meta property="article:published_time" content="2024-03-05T08:30:00Z">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li>
  <li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
  <header><a href="/">The Harbour Gazette</a></header>
  <main>
    <article>
      <h1>Ferry terminal delayed until March</h1>
      <p class="byline">By <span class="author">Tom Reeve</span>,
        <time datetime="2024-03-05">5 March 2024</time></p>
      <p>{BODY[0]}</p>
      <p>{BODY[1]}</p>
      <p>{BODY[2]}</p>
    </article>
  </main>
  <footer><p>Copyright 2024 Harbour Media Group. All rights reserved.</p>
  <a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body>
</html>
"""


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_one(path: Path, **options: object) -> Article | Failure:
    (record,) = read_sources([str(path)], **options)  # type: ignore[arg-type]
    return record


def error_of(record: Article | Failure) -> str:
    assert isinstance(record, Failure), record
    return record.code


# --- plain text --------------------------------------------------------------------------------


def test_english_text_file_becomes_an_article(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", ENGLISH)
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == ENGLISH
    assert article.source == str(path)
    assert article.id == hashlib.sha256(ENGLISH.encode()).hexdigest()[:16]
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_and_blank_files_fail_as_empty(tmp_path: Path) -> None:
    for name, data in [("empty.txt", b""), ("blank.txt", b" \n\t\r\n")]:
        assert error_of(read_one(write(tmp_path / name, data))) == EmptyInput.code


def test_binary_file_fails_as_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    record = read_one(write(tmp_path / "image.txt", png))
    assert error_of(record) == BinaryInput.code
    assert "a PNG image" in record.message  # named by its signature
    unknown = read_one(write(tmp_path / "blob.txt", b"\x01\x02" + png))
    assert error_of(unknown) == BinaryInput.code and "NUL byte" in unknown.message


def test_control_bytes_without_nul_fail_as_binary() -> None:
    with pytest.raises(BinaryInput):
        decode(bytes(range(1, 32)) * 50, "controls")


def test_latin1_bytes_fail_with_the_byte_position(tmp_path: Path) -> None:
    data = "Café owners said prices rose.".encode("latin-1")
    path = write(tmp_path / "latin1.txt", data)
    record = read_one(path)
    assert error_of(record) == EncodingFailure.code
    assert "at byte 3" in record.message
    with pytest.raises(EncodingFailure, match="at byte 6"):
        decode(b"\xef\xbb\xbf" + data, "with-bom")  # the position counts the stripped BOM
    assert read_one(path, encoding="latin-1").text == "Café owners said prices rose."


def test_twenty_megabyte_text_fails_fast_as_too_large(tmp_path: Path) -> None:
    data = (ENGLISH * (20_000_000 // len(ENGLISH) + 1)).encode()
    path = write(tmp_path / "huge.txt", data)
    started = time.perf_counter()
    record = read_one(path)
    assert error_of(record) == TooLarge.code
    assert time.perf_counter() - started < 1.0


def test_text_over_max_chars_fails_after_decoding(tmp_path: Path) -> None:
    record = read_one(write(tmp_path / "story.txt", ENGLISH * 3), max_chars=len(ENGLISH) * 2)
    assert error_of(record) == TooLarge.code
    assert f"{len(ENGLISH) * 3:,} characters" in record.message


def test_unbalanced_quote_marks_are_valid_text(tmp_path: Path) -> None:
    text = ENGLISH + '"He said the plan would work, and then he left.\n“Another one opens here.\n'
    assert read_one(write(tmp_path / "quotes.txt", text)).text == text


def test_crlf_and_everything_else_is_kept_exactly(tmp_path: Path) -> None:
    text = ENGLISH.replace("\n", "\r\n") + "Tabs\tand  double  spaces stay.\r\n"
    article = read_one(write(tmp_path / "crlf.txt", text))
    assert article.text == text
    assert "\r\n" in article.text


def test_utf8_bom_is_stripped_and_nothing_else(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + ENGLISH.encode()))
    assert article.text == ENGLISH


@pytest.mark.parametrize("text", [FRENCH, GERMAN, SPANISH, RUSSIAN], ids=["fr", "de", "es", "ru"])
def test_news_in_other_languages_fails_as_not_english(tmp_path: Path, text: str) -> None:
    assert error_of(read_one(write(tmp_path / "foreign.txt", text))) == NotEnglish.code


def test_short_texts_are_not_judged_for_language() -> None:
    assert check_text("Merci beaucoup, à bientôt.", "short") == "Merci beaucoup, à bientôt."
    with pytest.raises(EmptyInput):
        check_text("   ", "blank")


def test_read_text_file_raises_coded_errors(tmp_path: Path) -> None:
    with pytest.raises(NotEnglish):
        read_text_file(write(tmp_path / "fr.txt", FRENCH))


def test_stdin_is_read_as_text() -> None:
    (article,) = read_sources(["-"], stdin=io.BytesIO(ENGLISH.encode()))
    assert isinstance(article, Article)
    assert (article.text, article.source) == (ENGLISH, "<stdin>")


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    record = read_one(tmp_path / "nowhere.txt")
    assert error_of(record) == UnreadableSource.code
    assert "No such file" in record.message


def test_bad_options_fail_before_reading() -> None:
    with pytest.raises(ValueError):
        read_sources(["-"], max_chars=0)
    with pytest.raises(LookupError):
        ReadOptions(encoding="no-such-codec")


# --- JSON Lines --------------------------------------------------------------------------------


def test_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    good = json.dumps(
        {
            "id": "a1",
            "text": ENGLISH,
            "url": "https://example.com/a",
            "authors": ["Ann Lee"],
            "published": "2024-01-02",
            "outlet": "Example News",
            "title": "A title",
        }
    )
    lines = [good, '{"id": "a2", "text": "unterminated', "", '{"id": "a3", "title": "no text"}']
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    records = list(read_sources([str(path)]))
    assert [type(r).__name__ for r in records] == ["Article", "Failure", "Failure"]
    article, malformed, missing = records
    assert isinstance(article, Article)
    assert (article.id, article.text, article.source) == ("a1", ENGLISH, f"{path}:1")
    assert (article.url, article.title, article.outlet) == (
        "https://example.com/a",
        "A title",
        "Example News",
    )
    assert (article.authors, article.published) == (("Ann Lee",), "2024-01-02")
    assert article.content_hash == hashlib.sha256(good.encode()).hexdigest()
    assert (malformed.source, malformed.code) == (f"{path}:2", MalformedRecord.code)
    assert (missing.source, missing.code) == (f"{path}:4", MalformedRecord.code)
    assert 'missing "text"' in missing.message


def test_jsonl_records_pass_the_text_checks(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "text": FRENCH}),
        json.dumps({"id": "e", "text": " "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": True, "text": ENGLISH}),
    ]
    path = write(tmp_path / "checks.jsonl", "\r\n".join(lines))
    codes = [error_of(r) for r in read_jsonl(path)]
    assert codes == [NotEnglish.code, EmptyInput.code, MalformedRecord.code, MalformedRecord.code]


def test_jsonl_line_over_the_limit_is_skipped_without_loading_it(tmp_path: Path) -> None:
    options = ReadOptions(max_chars=1000)
    long_line = json.dumps({"id": "big", "text": "x" * options.max_line_bytes})
    good = json.dumps({"id": "ok", "text": ENGLISH})
    path = write(tmp_path / "big.jsonl", f"{long_line}\n{good}\n")
    big, ok = read_jsonl(path, options)
    assert (error_of(big), big.source) == (TooLarge.code, f"{path}:1")
    assert isinstance(ok, Article)
    assert ok.source == f"{path}:2"


def test_oversized_stdin_is_refused_at_the_cap_without_reading_on() -> None:
    data = io.BytesIO(b"words " * 20_000)
    limit = ReadOptions(max_chars=10).max_text_bytes
    (record,) = read_sources(["-"], stdin=data, max_chars=10)
    assert error_of(record) == TooLarge.code
    assert f"over the read limit of {limit:,} bytes" in record.message
    assert data.tell() == limit + 1  # a stream may never end (/dev/zero): nothing past the cap


# --- HTML --------------------------------------------------------------------------------------


def test_news_page_body_and_metadata_are_extracted(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.html", NEWS_PAGE)
    article = read_one(path)
    assert isinstance(article, Article)
    for paragraph in BODY:
        assert paragraph in article.text
    for boilerplate in ("Subscribe today", "Local news", "Copyright", "Privacy policy"):
        assert boilerplate not in article.text
    assert article.title == "Ferry terminal delayed until March"
    assert article.authors == ("Tom Reeve",)
    assert article.published == "2024-03-05"
    assert article.outlet == "The Harbour Gazette"
    assert article.url is not None
    assert article.id == article_id(article.url, "")
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_declared_charset_decodes_html_bytes() -> None:
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Ellen Marsh", "Ellen Marsh-Café"
    )
    article = read_html(page.encode("cp1252"), "cp1252.html")
    assert "Ellen Marsh-Café" in article.text


def test_given_url_wins_and_ids_ignore_tracking() -> None:
    url = "HTTPS://News.Example.com/ferry?id=4&utm_medium=social#comments"
    article = read_html(NEWS_PAGE, "page", url=url)
    assert article.url == url
    assert article.id == article_id("https://news.example.com/ferry?id=4", "different text")
    assert canonical_url(url) == "https://news.example.com/ferry?id=4"


@pytest.mark.parametrize(
    "snippet",
    [
        "<div><p>Officials said the bridge <b>would reopen <i>next week",
        "<html><body><table><tr><td><p>The mayor said</td></div></span>",
        "<<<>>> </p></p></html>",
    ],
)
def test_malformed_html_gives_text_or_no_body(snippet: str) -> None:
    record = attempt("snippet.html", lambda: read_html(snippet, "snippet.html"))
    if isinstance(record, Failure):
        assert record.code == NoBody.code
    else:
        assert record.text.strip()


def test_html_extraction_is_stopped_by_its_time_limit() -> None:
    with pytest.raises(ExtractionTimeout):
        read_html(NEWS_PAGE * 50, "slow.html", options=ReadOptions(html_timeout=0.001))


# --- time limits -------------------------------------------------------------------------------


def test_time_limit_interrupts_python_loops_and_regex_backtracking() -> None:
    def spin() -> None:
        end = time.monotonic() + 10
        while time.monotonic() < end:
            pass

    for work in (spin, lambda: re.match(r"(a+)+$", "a" * 40 + "b")):
        started = time.perf_counter()
        with pytest.raises(ExtractionTimeout):
            call_with_time_limit(work, 0.2, "work")
        assert time.perf_counter() - started < 2


def test_time_limit_outside_the_main_thread_falls_back_to_a_worker() -> None:
    release = threading.Event()
    outcome: list[object] = []

    def caller() -> None:
        try:
            call_with_time_limit(lambda: release.wait(10), 0.1, "threaded")
        except ExtractionTimeout as err:
            outcome.append(err)
        outcome.append(call_with_time_limit(lambda: 42, 1, "quick"))

    thread = threading.Thread(target=caller)
    thread.start()
    thread.join(5)
    release.set()
    assert isinstance(outcome[0], ExtractionTimeout)
    assert outcome[1] == 42


# --- directories -------------------------------------------------------------------------------


def test_directory_yields_one_record_per_file_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    (root / "sub").mkdir(parents=True)
    write(root / "a-empty.txt", b"")
    write(root / "b-image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root / "c-latin1.txt", "Café".encode("latin-1"))
    write(root / "d-french.txt", FRENCH)
    write(root / "e-page.htm", NEWS_PAGE)
    write(root / "f-broken.html", "<div><p>Half a <b>page")
    write(root / "g-story.TXT", ENGLISH)
    write(root / "sub" / "h-crlf.txt", ENGLISH.replace("\n", "\r\n"))
    write(root / ".hidden.txt", ENGLISH)
    records = list(read_sources([str(root), str(tmp_path / "missing.txt")]))
    sources = [r.source for r in records]
    names = [Path(s).name for s in sources]
    assert names == [
        "a-empty.txt",
        "b-image.png",
        "c-latin1.txt",
        "d-french.txt",
        "e-page.htm",
        "f-broken.html",
        "g-story.TXT",
        "h-crlf.txt",
        "missing.txt",
    ]
    kinds = [r.code if isinstance(r, Failure) else "ok" for r in records]
    assert kinds[:5] == ["E101", "E102", "E103", "E105", "ok"]
    assert kinds[5] in ("ok", NoBody.code)
    assert kinds[6:] == ["ok", "ok", UnreadableSource.code]
