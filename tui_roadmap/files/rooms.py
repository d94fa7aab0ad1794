"""What the room of a session keeps between two openings, beside the
session and never in it: the secret address token, the port, the key that
signs the phones' forms, and which phone (by a hash of its cookie) is which
participant. Session files are copied and committed; these are not.

They live in ``.rooms/<session>.json`` in the sessions folder, readable by
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
        return RoomKeys(token, secret, port, devices)
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
    payload = {"token": keys.token, "secret": keys.secret, "port": keys.port, "devices": keys.devices}
    atomic_write(path, json.dumps(payload, indent=1).encode("utf-8"))
