"""What the room's server needs of the screen, and where it may listen:
apart from the server, so that the screen and the command line name them
without loading the web server (aiohttp), which the room loads when it is
first opened (F8)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from tui_roadmap.workshop.model import Workshop

T = TypeVar("T")


class NotSaved(Exception):
    """A change was made but is not on disk (the screen says why)."""


class Host(Protocol):
    """What the room needs of the facilitator's screen."""

    @property
    def workshop(self) -> Workshop: ...

    async def change(self, edit: Callable[[Workshop], T], what: str) -> T:
        """Make one change, show it, and return once it is on disk; raises
        WorkshopError (nothing changed) or NotSaved."""
        ...

    def room_changed(self) -> None:
        """Someone joined, or waits to be let in: show it."""
        ...


def check_address(address: str) -> str:
    """An address the room may listen on: one IP address of this computer,
    never every interface (0.0.0.0, ::); raises ValueError with the reason."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        raise ValueError(f"{address!r} is not an IP address (such as 192.168.1.20)") from None
    if parsed.is_unspecified or parsed.is_multicast:
        raise ValueError(f"{address} is every interface, not one address: name the one the phones reach")
    return str(parsed)


def local_address() -> str:
    """The laptop's address on the network it would reach others by (no
    packet is sent); 127.0.0.1 if it has none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, only chooses the interface
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def check_public_url(url: str) -> str:
    """The address a tunnel gives the room (``https://room.example.org``):
    a scheme and a host, nothing else; raises ValueError with the reason."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (a bad port raises here)
    except ValueError:
        raise ValueError(f"{url!r} is not an address such as https://room.example.org") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"{url!r} is not an address such as https://room.example.org (https:// and a host)")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(
            f"{url!r} has more than a host: give the tunnel's address alone, such as https://room.example.org"
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"
