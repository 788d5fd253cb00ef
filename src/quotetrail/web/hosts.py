"""Which hosts keep the server on this machine: the bind address `serve` warns about and the
Host header the opt-in edits require (a page that rebinds its name to 127.0.0.1 sends its own)."""

from __future__ import annotations

import ipaddress

__all__ = ["is_loopback"]


def is_loopback(host: str) -> bool:
    """Only loopback addresses (and the name localhost) keep the server to this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # another host name: it may resolve to anything
