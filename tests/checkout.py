"""The checkout as a clean clone holds it: its tracked files, and new ones
not ignored, without what a build or an editable install left beside them
(``build/``, ``*.egg-info``). For the packaging test, ``.ci/installed.py``
and the benchmarks, which build the wheel from such a copy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout_files(under: str = "") -> list[str]:
    """The checkout's files (under a folder of it), relative to its root.
    Outside a git checkout: every file but bytecode."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", *([under] if under else [])],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout.decode()
        return sorted(name for name in listed.split("\0") if name and (ROOT / name).is_file())
    left = {"__pycache__", ".venv", "build", "dist", ".git", ".pytest_cache", ".hypothesis"}
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / under).rglob("*")
        if path.is_file()
        and not left & set(path.relative_to(ROOT).parts)
        and not any(part.endswith(".egg-info") for part in path.parts)
        and path.suffix != ".pyc"
    )


def copy_checkout(target: Path) -> Path:
    """Copy the checkout's files to ``target``; ``target``."""
    for name in checkout_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    return target
