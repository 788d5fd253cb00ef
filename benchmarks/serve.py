"""Web benchmark: the search endpoint under concurrent load, and page render times.

Corpus: ``--db PATH`` if it exists, else one is generated there: ``--articles`` synthetic news
articles (default 2,500, about 5 statements each: > 10,000 quotes) written through the store's
own writer (``Store.add``, the path ``quotetrail ingest`` ends in) with hand-built ``Quote``
records at exact offsets. No spaCy parse: the web layer only reads the store, so what matters
is the shape of the data (hundreds of speakers with a Zipf-like spread of statements, 15
outlets, two years of dates, varied wording for full-text search), not how it was extracted.

The server runs in its own process (``create_app`` under uvicorn, one worker, on 127.0.0.1),
so the load generator does not share its interpreter. Then:

1. Load: ``--clients`` concurrent clients (default 20) for ``--seconds`` (default 30), each
   sending its next request as soon as the last one is answered, half to the HTML search page
   and half to ``/api/quotes``, with varied FTS terms, filters and pages. Bounded in count and
   time; it stops by itself. Reports requests/s, p50/p99 latency and errors (any non-200 or
   transport error).
2. Render times: one client, ``--renders`` requests per page (search, speaker, article), one
   after another, so each time is the server's render time plus loopback, without queueing.

With ``--extract-clients N`` the server runs with ``--allow-extract`` and, instead of the
above, ``--clients`` readers query ``/api/quotes`` while N clients post maximum-size
(100,000-character) texts to ``/api/extract``: read latency beside extraction, and how the
extract requests were answered (200, or 503 ``W505`` when every slot is taken).

Example::

    python benchmarks/serve.py --db build/serve-bench.db --json build/bench_serve.json
    python benchmarks/serve.py --db build/serve-bench.db --clients 4 --extract-clients 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from quotetrail.corpus import Store, StoreOptions
from quotetrail.read import article_id
from quotetrail.records import Article, CueSpan, Quote, Span

SEED = 20240601
FIRST_DAY = date(2023, 1, 1)
DAYS = 730
FIRST_NAMES = [
    "Anna",
    "Omar",
    "Lucia",
    "Daniel",
    "Grace",
    "Helen",
    "Paul",
    "Maria",
    "Ruth",
    "Janet",
    "Tomas",
    "Amira",
    "Kenji",
    "Sofia",
    "Marcus",
    "Ingrid",
    "Rafael",
    "Chloe",
    "Dmitri",
    "Aisha",
    "Leon",
    "Nora",
    "Felix",
    "Priya",
    "Hugo",
    "Elena",
    "Samuel",
    "Yara",
    "Victor",
    "Mei",
]
SURNAMES = [
    "Berg",
    "Haddad",
    "Moreno",
    "Reyes",
    "Achebe",
    "Brandt",
    "Lindqvist",
    "Okafor",
    "Abernathy",
    "Whitfield",
    "Novak",
    "Farouk",
    "Tanaka",
    "Rossi",
    "Bell",
    "Larsen",
    "Duarte",
    "Martin",
    "Volkov",
    "Bello",
    "Fischer",
    "Quinn",
    "Adler",
    "Shah",
    "Laurent",
    "Petrova",
    "Osei",
    "Haddon",
    "Castillo",
    "Wu",
]
ROLES = (
    "mayor",
    "councillor",
    "treasurer",
    "minister",
    "spokeswoman",
    "spokesman",
    "director",
    "professor",
    "union leader",
    "police chief",
    "economist",
    "head teacher",
    "senator",
)
ORGANIZATIONS = (
    "the Harbor Transit Authority",
    "the Valley Water Board",
    "the Teachers Union",
    "the Chamber of Commerce",
    "the Health Ministry",
    "the Port Authority",
)
OUTLETS = [
    (name, f"{name.lower().replace(' ', '')}.example.com")
    for name in (
        "Millbrook Ledger",
        "Harbor Gazette",
        "Valley Times",
        "Northern Courier",
        "City Herald",
        "Coastal Post",
        "Evening Standard",
        "Daily Record",
        "Morning Star",
        "The Observer",
        "Metro Wire",
        "County Chronicle",
        "Riverside News",
        "Capital Journal",
        "Weekly Tribune",
    )
]
TOPICS = {
    "transit": ("bus routes", "rail line", "fares", "commuters", "timetable", "tram depot"),
    "housing": ("rents", "tenants", "new homes", "landlords", "zoning rules", "mortgages"),
    "health": ("hospital", "nurses", "waiting lists", "clinic", "vaccines", "patients"),
    "schools": ("teachers", "pupils", "classrooms", "exams", "curriculum", "school meals"),
    "budget": ("budget", "deficit", "taxes", "road levy", "spending cuts", "reserves"),
    "climate": ("emissions", "flood defences", "heatwave", "solar farms", "coastline"),
    "policing": ("police patrols", "burglaries", "courts", "knife crime", "prisons"),
    "trade": ("tariffs", "exports", "the factory", "jobs", "wages", "the harbour"),
    "bridge": ("bridge repairs", "detours", "inspections", "contractors", "steel beams"),
    "water": ("water bills", "reservoirs", "drought", "pipes", "leaks", "hosepipe ban"),
}
TEMPLATES = (
    "We will fix {a} before {when}",
    "Nobody wants {a} to get worse, but {b} cannot wait",
    "The plan for {a} is {adj} and everyone here knows it",
    "I have spoken to families about {a} and they are {feel}",
    "{A} has been ignored for too long",
    "This is the most {adj} decision on {a} in a decade",
    "We are not against {a}; we are against paying twice for {b}",
    "If we do nothing about {a}, {b} will cost far more",
    "Our figures on {a} are clear and they are {adj}",
    "People deserve honest answers about {a} and {b}",
)
WHEN = ("the end of the year", "next spring", "the summer", "the election", "March", "2025")
ADJECTIVES = ("reckless", "overdue", "sensible", "expensive", "fair", "unworkable", "bold")
FEELINGS = ("worried", "angry", "hopeful", "exhausted", "relieved", "confused")
CUES = (
    ("said", "say"),
    ("added", "add"),
    ("warned", "warn"),
    ("insisted", "insist"),
    ("argued", "argue"),
    ("told reporters", "tell"),
)
FILLER = (
    "The meeting ran for more than three hours.",
    "Officials did not give a date for the next vote.",
    "The figures were published on the council's website on Monday.",
    "Residents filled the public gallery for the debate.",
    "Opposition members walked out before the final vote.",
    "A report is expected before the end of the month.",
)


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str
    role: str | None
    pronoun: str


@dataclass
class Writer:
    """Builds one article's text and its quotes with exact offsets as it goes."""

    text: str = ""
    quotes: list[Quote] = field(default_factory=list)

    def add(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece
        return Span(start, len(self.text), piece)


def make_speakers(rng: random.Random) -> list[Speaker]:
    people = [
        Speaker(f"{first} {last}", "person", rng.choice(ROLES), rng.choice(("he", "she")))
        for first in FIRST_NAMES
        for last in SURNAMES
    ]
    rng.shuffle(people)
    orgs = [Speaker(org[4:], "organization", None, "it") for org in ORGANIZATIONS]
    return people[:394] + orgs


def statement(rng: random.Random, words: tuple[str, ...]) -> str:
    a, b = rng.sample(words, 2)
    text = rng.choice(TEMPLATES).format(
        a=a,
        A=a[0].upper() + a[1:],
        b=b,
        when=rng.choice(WHEN),
        adj=rng.choice(ADJECTIVES),
        feel=rng.choice(FEELINGS),
    )
    return text[0].upper() + text[1:]


def write_quote(
    w: Writer, rng: random.Random, who: Speaker, words: tuple[str, ...], first: bool
) -> None:
    cue_text, lemma = rng.choice(CUES)
    said = statement(rng, words)
    if first or who.kind != "person":
        mention = f"{who.role.title()} {who.name}" if who.role else f"The {who.name}"
    else:
        mention = rng.choice((who.name.split()[-1], who.pronoun.title()))
    if rng.random() < 0.6:  # direct: "...," Mention said.
        content = w.add(f'"{said},"')
        w.add(" ")
        speaker = w.add(mention)
        w.add(" ")
        cue = w.add(cue_text)
        w.add(".\n")
        kind = "direct"
    else:  # indirect: Mention said that ...
        speaker = w.add(mention)
        w.add(" ")
        cue = w.add("said")
        lemma = "say"
        w.add(" ")
        content = w.add(f"that {said[0].lower()}{said[1:]}")
        w.add(".\n")
        kind = "indirect"
    w.quotes.append(
        Quote(
            kind=kind,  # type: ignore[arg-type]
            content=content,
            cue=CueSpan(cue.start, cue.end, cue.text, lemma),
            speaker=speaker,
            speaker_name=who.name,
            speaker_kind=who.kind,  # type: ignore[arg-type]
            speaker_role=who.role,
        )
    )


def make_article(
    n: int, rng: random.Random, speakers: list[Speaker], weights: list[float]
) -> tuple[Article, list[Quote]]:
    topic = rng.choice(list(TOPICS))
    words = TOPICS[topic]
    outlet, domain = rng.choice(OUTLETS)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    w = Writer()
    title = (
        f"{rng.choice(('Row over', 'Vote on', 'New plan for', 'Questions over'))} "
        f"{rng.choice(words)} ({n})"
    )
    w.add(title + "\n")
    cast = list(dict.fromkeys(rng.choices(speakers, weights=weights, k=3)))
    seen: set[str] = set()
    for _ in range(rng.randint(4, 6)):
        w.add(rng.choice(FILLER) + " ")
        who = rng.choice(cast)
        write_quote(w, rng, who, words, who.name not in seen)
        seen.add(who.name)
    w.add(rng.choice(FILLER) + "\n")
    url = f"https://{domain}/{day.isoformat().replace('-', '/')}/{topic}-{n}"
    article = Article(
        id=article_id(url, w.text),
        text=w.text,
        source=url,
        url=url,
        title=title,
        outlet=outlet,
        authors=(rng.choice(FIRST_NAMES) + " " + rng.choice(SURNAMES),),
        published=day.isoformat(),
        content_hash=f"synthetic-{n}",
    )
    return article, w.quotes


def build_corpus(db: Path, articles: int) -> None:
    rng = random.Random(SEED)
    speakers = make_speakers(rng)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(speakers))]
    with Store.open(db, options=StoreOptions(commit_every=500, commit_seconds=30)) as store:
        for n in range(articles):
            store.add(*make_article(n, rng, speakers, weights))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SERVER = (
    "import sys, uvicorn\n"
    "from quotetrail.web.app import create_app\n"
    "app = create_app(sys.argv[1], allow_extract=sys.argv[3] == '1')\n"
    "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[2]),"
    " log_level='warning', ws='none', access_log=False)\n"
)


def start_server(db: Path, port: int, allow_extract: bool = False) -> subprocess.Popen[bytes]:
    flag = "1" if allow_extract else "0"
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port), flag])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/quotes?per_page=1").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start within 30 s")


@dataclass
class Samples:
    """What the corpus offers to ask for: words, speakers, outlets, speaker and article ids."""

    words: list[str]
    speakers: list[str]
    outlets: list[str]
    speaker_ids: list[str]
    article_ids: list[str]

    @classmethod
    def of(cls, db: Path) -> Samples:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            words = sorted({w for ws in TOPICS.values() for p in ws for w in p.split()})
            words += ["reckless", "overdue", "honest answers", "nothing", "xylophone"]
            top = conn.execute("SELECT id, name FROM speakers ORDER BY n_quotes DESC").fetchall()
            articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random()")]
            outlets = [r[0] for r in conn.execute("SELECT name FROM outlets")]
        finally:
            conn.close()
        return cls(
            words, [n for _, n in top[:200]], outlets, [i for i, _ in top[:200]], articles[:500]
        )


def search_params(rng: random.Random, s: Samples) -> dict[str, Any]:
    """A search as people make them: mostly words, often a filter, sometimes a later page."""
    params: dict[str, Any] = {}
    if rng.random() < 0.8:
        params["q"] = " ".join(rng.sample(s.words, rng.choice((1, 1, 2))))
    if rng.random() < 0.25:
        params["speaker"] = rng.choice(s.speakers[:20] if rng.random() < 0.5 else s.speakers)
    if rng.random() < 0.25:
        params["outlet"] = rng.choice(s.outlets)
    if rng.random() < 0.2:
        params["kind"] = rng.choice(("direct", "indirect"))
    if rng.random() < 0.2:
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 90))
        params["since"] = start.isoformat()
        params["until"] = (start + timedelta(days=rng.choice((30, 90)))).isoformat()
    if rng.random() < 0.2:
        params["page"] = rng.randint(2, 5)
    return params


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), to show the server's share."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(times: list[float]) -> dict[str, float]:
    return {
        "n": len(times),
        "p50_ms": round(1000 * statistics.median(times), 1),
        "p99_ms": round(1000 * percentile(times, 0.99), 1),
        "max_ms": round(1000 * max(times), 1),
    }


async def load(base: str, s: Samples, clients: int, seconds: float) -> dict[str, Any]:
    times: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(SEED + n)
        while time.monotonic() < stop:
            path = "/search" if rng.random() < 0.5 else "/api/quotes"
            started = time.perf_counter()
            try:
                response = await http.get(path, params=search_params(rng, s))
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.url}")
            except httpx.HTTPError as err:
                errors.append(f"{type(err).__name__} {path}")
            times.append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        started = time.monotonic()
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(times),
        "requests_per_s": round(len(times) / elapsed, 1),
        **summary(times),
        "errors": len(errors),
        "error_examples": errors[:5],
    }


def max_size_text(chars: int = 100_000) -> str:
    """Quote-heavy prose at the server's default ``max_extract_chars``: the costliest text an
    extract request may send (a run of marks would be refused at once with E117)."""
    parts, n = [], 0
    while sum(map(len, parts)) < chars:
        parts.append(f'"We will rebuild bridge {n} by spring," Anna Berg said of item {n}. ')
        n += 1
    return "".join(parts)[:chars]


async def extract_load(
    base: str, s: Samples, readers: int, posters: int, seconds: float
) -> dict[str, Any]:
    """``readers`` clients on /api/quotes while ``posters`` clients post maximum-size texts to
    /api/extract, each sending its next request as soon as the last is answered."""
    times: list[float] = []
    read_errors: list[str] = []
    answers: dict[str, int] = {}
    text = max_size_text()
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=readers + posters)

    async def reader(n: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(SEED + n)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                response = await http.get("/api/quotes", params=search_params(rng, s))
                if response.status_code != 200:
                    read_errors.append(str(response.status_code))
            except httpx.HTTPError as err:
                read_errors.append(type(err).__name__)
            times.append(time.perf_counter() - started)

    async def poster(http: httpx.AsyncClient) -> None:
        while time.monotonic() < stop:
            pause = 0.0
            try:
                response = await http.post("/api/extract", json={"text": text})
                key = str(response.status_code)
                pause = float(response.headers.get("retry-after", 0))  # as HTTP clients do
            except httpx.HTTPError as err:
                key = type(err).__name__
            answers[key] = answers.get(key, 0) + 1
            await asyncio.sleep(pause)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=600) as http:
        started = time.monotonic()
        posting = [asyncio.create_task(poster(http)) for _ in range(posters)]
        await asyncio.gather(*(reader(n, http) for n in range(readers)))
        elapsed = time.monotonic() - started
        for task in posting:  # requests still in flight are not waited for
            task.cancel()
        await asyncio.gather(*posting, return_exceptions=True)
    return {
        "readers": readers,
        "extract_clients": posters,
        "extract_chars": len(text),
        "seconds": round(elapsed, 1),
        "reads": {**summary(times), "errors": len(read_errors)},
        "extract_answers": answers,
    }


def renders(base: str, s: Samples, count: int) -> dict[str, Any]:
    rng = random.Random(SEED)
    pages = {
        "search": lambda: ("/search", search_params(rng, s)),
        "speaker": lambda: (f"/speakers/{rng.choice(s.speaker_ids)}", {}),
        "article": lambda: (f"/articles/{rng.choice(s.article_ids)}", {}),
    }
    results: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=30) as http:
        for name, pick in pages.items():
            times, errors = [], 0
            for _ in range(count):
                path, params = pick()
                started = time.perf_counter()
                response = http.get(path, params=params)
                times.append(time.perf_counter() - started)
                errors += response.status_code != 200
            results[name] = {**summary(times), "errors": errors}
    top = s.speaker_ids[0]
    with httpx.Client(base_url=base, timeout=30) as http:  # the heaviest speaker page
        times = []
        for _ in range(max(10, count // 10)):
            started = time.perf_counter()
            http.get(f"/speakers/{top}").raise_for_status()
            times.append(time.perf_counter() - started)
        results["speaker_most_quoted"] = summary(times)
    return results


def corpus_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = ("articles", "quotes", "speakers", "outlets")
        counts = {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
        counts["top_speaker_quotes"] = conn.execute(
            "SELECT max(n_quotes) FROM speakers"
        ).fetchone()[0]
        return counts
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("build/serve-bench.db"))
    parser.add_argument("--articles", type=int, default=2500, help="when generating (default 2500)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--renders", type=int, default=300, help="requests per page kind")
    parser.add_argument(
        "--extract-clients",
        type=int,
        default=0,
        help="instead: --clients readers while this many clients post maximum-size extracts",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if not args.db.exists():
        started = time.perf_counter()
        build_corpus(args.db, args.articles)
        print(f"built {args.db} in {time.perf_counter() - started:.1f} s", flush=True)
    counts = corpus_counts(args.db)
    print("corpus:", counts, flush=True)
    if counts["quotes"] < 10_000:
        print("warning: fewer than 10,000 quotes; pass a larger --articles", file=sys.stderr)
    port = free_port()
    server = start_server(args.db, port, allow_extract=args.extract_clients > 0)
    base = f"http://127.0.0.1:{port}"
    if args.extract_clients:
        try:
            time.sleep(10)  # the extraction worker loads its pipeline at start-up
            samples = Samples.of(args.db)
            before = os.getloadavg()
            found = {  # the same reads alone, then beside extraction: a ratio in one run
                "load_avg_before": before,
                "alone": asyncio.run(extract_load(base, samples, args.clients, 0, args.seconds)),
                "beside_extraction": asyncio.run(
                    extract_load(base, samples, args.clients, args.extract_clients, args.seconds)
                ),
            }
            found["load_avg_after"] = os.getloadavg()
            print(json.dumps(found, indent=2))
            if args.json:
                args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        finally:
            server.kill()  # not terminate: a graceful stop would wait for extractions in flight
            server.wait(timeout=30)
        return 1 if found["beside_extraction"]["reads"]["errors"] else 0
    try:
        samples = Samples.of(args.db)
        results: dict[str, Any] = {
            "corpus": counts,
            "load_avg_before": os.getloadavg(),
            "cpus": os.cpu_count(),
        }
        server_cpu, client_cpu = cpu_seconds(server.pid), cpu_seconds(os.getpid())
        results["load"] = asyncio.run(load(base, samples, args.clients, args.seconds))
        if server_cpu is not None and client_cpu is not None:
            server_used = (cpu_seconds(server.pid) or 0.0) - server_cpu
            client_used = (cpu_seconds(os.getpid()) or 0.0) - client_cpu
            results["load"]["server_cpu_s"] = round(server_used, 1)
            results["load"]["client_cpu_s"] = round(client_used, 1)
        results["render"] = renders(base, samples, args.renders)
        results["load_avg_after"] = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if results["load"]["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
