"""``quotetrail serve``: the argparse wiring, kept here so the main CLI needs one line.

In ``quotetrail/cli.py``'s ``build_parser``: ``add_commands(commands)``. FastAPI and uvicorn
are imported only when the command runs, so ``quotetrail --help`` stays quick.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys

from quotetrail.cliargs import db_option, usage_error
from quotetrail.web.hosts import is_loopback
from quotetrail.web.settings import SETTINGS, Settings

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "add_commands", "is_loopback", "run_serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
OPEN_HOST_WARNING = (
    "warning: serving on {host}, which is not a loopback address: anyone who can reach this "
    "machine on port {port} can read the corpus (the server has no authentication){extract}"
)


def _port(value: str) -> int:
    number = int(value)
    if not 0 < number < 65536:
        raise argparse.ArgumentTypeError(f"must be a port number (1-65535), not {value}")
    return number


def add_commands(commands: argparse._SubParsersAction) -> None:
    settings = ", ".join(setting.name for setting in SETTINGS)
    srv = commands.add_parser(
        "serve",
        help="browse a corpus in a web browser, with a JSON API",
        description="Serve a corpus read-only: search statements, speakers' timelines and "
        "articles with their attributions highlighted, plus the same data as JSON under "
        "/api/ (schema at /openapi.json). Binds to 127.0.0.1 unless told otherwise.",
    )
    db_option(srv)
    srv.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to bind (default {DEFAULT_HOST}; others get a warning)",
    )
    srv.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"(default {DEFAULT_PORT})")
    srv.add_argument(
        "--allow-extract",
        action="store_true",
        help="enable POST /api/extract, which runs the spaCy pipeline on posted text",
    )
    srv.add_argument(
        "--allow-edit",
        action="store_true",
        help="enable splitting merged speakers (POST /api/speakers/ID/split and a button on "
        "speaker pages), the server's one write; accepted only through a loopback address",
    )
    srv.add_argument("--model", metavar="NAME", help="spaCy pipeline for --allow-extract")
    srv.add_argument(
        "--setting",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help=f"change a limit; repeatable (settings: {settings}; see README)",
    )
    srv.set_defaults(run=run_serve, parser=srv)


def run_serve(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_pairs(args.setting)
    except ValueError as err:
        return usage_error(args.parser, str(err))
    if not is_loopback(args.host):
        extract = "; and anyone can make it run extraction" if args.allow_extract else ""
        if args.allow_edit:
            extract += "; edits (--allow-edit) are refused except through a loopback address"
        print(
            OPEN_HOST_WARNING.format(host=args.host, port=args.port, extract=extract),
            file=sys.stderr,
        )
    import uvicorn

    from quotetrail.web.app import create_app

    app = create_app(
        args.db,
        allow_extract=args.allow_extract,
        allow_edit=args.allow_edit,
        settings=settings,
        model=args.model,
    )  # a missing or foreign database raises a CorpusError: `quotetrail` prints it, exits 2
    try:
        listener = bind(args.host, args.port)
    except OSError as err:
        return usage_error(args.parser, bind_problem(args.host, args.port, err))
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="info", ws="none")
    url_host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving {args.db} on http://{url_host}:{args.port} (Ctrl-C to stop)", file=sys.stderr)
    with listener:
        uvicorn.Server(config).run(sockets=[listener])
    return 0


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a taken port is reported plainly, not as a
    server traceback (uvicorn then serves on this very socket: no window for a race)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
    except OSError:
        listener.close()
        raise
    return listener


def bind_problem(host: str, port: int, err: OSError) -> str:
    """What went wrong binding ``host:port`` and what to do about it."""
    if err.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another server, perhaps another "
            f"`quotetrail serve`, is listening there); pick another with --port, "
            f"e.g. --port {port + 1 if port < 65535 else 8080}"
        )
    if err.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; ports below 1024 need root: use --port 8000"
    if isinstance(err, socket.gaierror) or err.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host!r}: not an address of this machine; try --host 127.0.0.1"
    return f"cannot listen on {host}:{port} ({err.strerror or err})"
