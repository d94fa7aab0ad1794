"""What people install holds the whole app: the sdist and the wheel built
from the project's own files carry every module and every file the app
reads, with the metadata a package index and ``pip show`` expect.

The wheel is built the way a user's ``pip install .`` or ``python -m build``
builds it: from a copy of the checkout's tracked files (a clean clone), the
sdist first and the wheel from the sdist."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.checkout import checkout_files, copy_checkout
from tui_roadmap import __version__

ROOT = Path(__file__).parent.parent
PACKAGE = "tui_roadmap"


def ci_pythons() -> list[tuple[int, int]]:
    """The Pythons ``.ci/run`` installs the wheel on (its ``pythons=(...)`` line)."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    line = re.search(r"^pythons=\(([^)]*)\)$", ci, re.M)
    assert line, ".ci/run has no pythons=(...) line"
    versions = [version.split(".") for version in line.group(1).split()]
    return [(int(major), int(minor)) for major, minor in versions]


def source_files() -> list[str]:
    """The files of the package, as a clean clone has them."""
    return checkout_files(PACKAGE)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built from a clean copy of the project."""
    work = tmp_path_factory.mktemp("build")
    clone = copy_checkout(work / "clone")
    out = work / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(clone)],  # the sdist, and the wheel from it
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    sdist = next(out.glob("*.tar.gz"))
    wheel = next(out.glob("*.whl"))
    return sdist, wheel


def test_the_wheel_holds_every_file_of_the_package(built):
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        inside = {name for name in archive.namelist() if name.startswith(f"{PACKAGE}/")}
    expected = set(source_files())
    missing = sorted(expected - inside)
    assert not missing, f"the wheel leaves out {len(missing)} files of the package: {missing}"
    assert inside == expected, f"the wheel holds files the package does not have: {sorted(inside - expected)}"
    kinds = {Path(name).suffix for name in expected}
    assert {".py", ".tcss", ".json", ".css", ".js"} <= kinds  # what the app reads, besides its modules


def test_the_sdist_holds_what_the_wheel_is_built_from(built):
    sdist, _ = built
    top = f"tui_roadmap-{__version__}/"
    with tarfile.open(sdist) as archive:
        inside = {name.removeprefix(top) for name in archive.getnames()}
    missing = sorted(set(source_files()) - inside)
    assert not missing, f"the sdist leaves out {missing}"
    assert {"LICENSE", "README.md", "pyproject.toml"} <= inside


def test_the_metadata_a_package_index_expects(built):
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = f"tui_roadmap-{__version__}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode())
        licence = archive.read(f"{info}/licenses/LICENSE").decode()
        scripts = archive.read(f"{info}/entry_points.txt").decode()
    assert metadata["Name"] == "tui-roadmap"
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert licence.startswith("MIT License") and licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert f"{info}/licenses/LICENSE" in names
    assert "roadmap = tui_roadmap.__main__:main" in scripts
    assert metadata["Summary"] and metadata["Description-Content-Type"] == "text/markdown"
    classifiers = metadata.get_all("Classifier")
    assert "Environment :: Console" in classifiers
    assert any(c.startswith("Topic :: ") for c in classifiers)
    # The Python versions claimed are those .ci/run installs the wheel on, and no others.
    tested = ci_pythons()
    oldest = min(tested)
    assert metadata["Requires-Python"] == f">={oldest[0]}.{oldest[1]}"
    claimed = sorted(
        (int(match.group(1)), int(match.group(2)))
        for c in classifiers
        if (match := re.fullmatch(r"Programming Language :: Python :: (\d+)\.(\d+)", c))
    )
    assert claimed == sorted(tested)
