"""What the room of a session keeps between two openings, beside the
session and never in it: the secret address token, the port, the key that
signs the phones' forms, and which phone (by a hash of its cookie) is which
participant. Session files are copied and committed; these are not.

and how the room is run: the join code read out to the room, whether
participants' own names are let in without asking, and the public address
a tunnel gives. They live in ``.rooms/<session>.json`` in the sessions folder, readable by
their owner only, so that reopening the session and its room lets every
phone pick up where it was: same address, same name, same dots.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path

from msgspec import Struct, field

from tui_roadmap.files.storage import atomic_write

ROOM_FOLDER = ".rooms"
CODE_LETTERS = "ACDEFHJKMNPRTUVWXY34679"
"""The join code's alphabet: no two look or sound alike when read out or
read off a screen (of O/0/Q, I/1/L, S/5, B/8, Z/2 and G/6 at most one)."""
CODE_LENGTH = 6


def new_code() -> str:
    """A join code: six characters of :data:`CODE_LETTERS` (23**6, about 148 million)."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def normal_code(typed: str) -> str:
    """A code as typed (any case, spaces, dashes) in the form it is kept in."""
    return "".join(typed.split()).replace("-", "").upper()


class RoomKeys(Struct):
    """A room's secrets and its phones."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    """The unguessable part of the room's address."""
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    """The key that signs each page's anti-forgery token."""
    port: int | None = None
    """The port the room listened on last (tried first next time)."""
    devices: dict[str, str] = field(default_factory=dict)
    """sha256 of a phone's cookie -> the name of the participant it joined as."""
    code: str = field(default_factory=new_code)
    """The short code typed at ``/join`` (read out, or read off the screen)."""
    trust_names: bool = False
    """True: a phone that picks a participant's name is in without the
    facilitator's yes (a room that trusts its Wi-Fi). Never behind a tunnel."""
    public_url: str | None = None
    """The address a tunnel gives the room (https://...), shown instead of
    the laptop's; None: the phones reach the laptop itself."""

    def renewed(self) -> RoomKeys:
        """New keys for a new address: old links, codes and cookies stop
        working; the port and how the room is run stay."""
        return RoomKeys(port=self.port, trust_names=self.trust_names, public_url=self.public_url)


def device_hash(cookie: str) -> str:
    return hashlib.sha256(cookie.encode("utf-8")).hexdigest()


def room_file(session_path: Path) -> Path:
    return session_path.parent / ROOM_FOLDER / f"{session_path.stem}.json"


def load_keys(session_path: Path) -> RoomKeys:
    """The room's keys, or new ones if it has none (or they cannot be read)."""
    try:
        data = json.loads(room_file(session_path).read_text(encoding="utf-8"))
        token, secret, port, devices = data["token"], data["secret"], data.get("port"), data.get("devices", {})
        if not (isinstance(token, str) and len(token) >= 16 and isinstance(secret, str) and len(secret) >= 32):
            return RoomKeys()
        port = port if isinstance(port, int) and 1024 <= port <= 65535 else None
        devices = {k: v for k, v in devices.items() if isinstance(k, str) and isinstance(v, str) and v}
        code = data.get("code")
        if not (isinstance(code, str) and len(code) == CODE_LENGTH and set(code) <= set(CODE_LETTERS)):
            code = new_code()  # keys kept before there were codes
        public = data.get("public_url")
        public = public if isinstance(public, str) and public else None
        return RoomKeys(token, secret, port, devices, code, data.get("trust_names") is True, public)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return RoomKeys()


def save_keys(session_path: Path, keys: RoomKeys) -> None:
    """Keep the room's keys (readable by their owner only); raises OSError."""
    path = room_file(session_path)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():  # the room's keys stay on this computer, whatever is committed
        ignore.write_text("# The rooms' keys: never commit them.\n*\n", encoding="utf-8")
    if not path.exists():
        path.touch(mode=0o600)
    os.chmod(path, 0o600)
    payload = {
        "token": keys.token,
        "secret": keys.secret,
        "port": keys.port,
        "devices": keys.devices,
        "code": keys.code,
        "trust_names": keys.trust_names,
        "public_url": keys.public_url,
    }
    atomic_write(path, json.dumps(payload, indent=1).encode("utf-8"))
