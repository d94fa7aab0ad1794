"""The program the benchmarks measure: the wheel, as people install it.

The wheel is built from a clean copy of the checkout (its tracked files,
and new ones not ignored), and installed with plain pip into a fresh venv
of the Python running the benchmarks: compiled to bytecode at install, as
pip does, and with its own copy of Textual, which the minimal app of the
floor runs with too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.checkout import copy_checkout


def install_wheel(work: Path) -> Path:
    """Build the wheel and install it into a new venv under ``work``; the
    venv's Python."""
    clone = copy_checkout(work / "clone")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "-q", "--wheel", "--outdir", str(dist), str(clone)],
        check=True,
        capture_output=True,
    )
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheel = next(dist.glob("tui_roadmap-*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--compile", str(wheel)], check=True, capture_output=True
    )
    shutil.rmtree(clone)
    return python
