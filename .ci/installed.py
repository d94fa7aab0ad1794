"""The app as people install it, tried as they use it.

    python .ci/installed.py build DIST             the sdist, and the wheel from
                                                   it, built from a clean copy
                                                   of the checkout into DIST
    python .ci/installed.py wheel DIST PYTHON...   the wheel in DIST, installed
                                                   with plain pip into a fresh
                                                   venv of each PYTHON
    python .ci/installed.py readme                 every set-up line of the
                                                   README, typed in a copy of
                                                   the checkout

For each installed copy: ``roadmap --version`` and ``python -m tui_roadmap
--version``; every module of the installed package imported (from the
venv's site-packages, never from the checkout); ``roadmap demo`` in a
pseudo-terminal until its first step is drawn, then ctrl+q and exit status
0; and ``roadmap export`` of the sample, which must be the golden draft.

The README's set-up lines are the shell blocks between ``<!-- setup:start
-->`` and ``<!-- setup:end -->``: each is run as it is written (bash, in a
copy of the checkout's files); one that opens the app is driven in a
pseudo-terminal as above. pipx and uv install into folders of this run's
own, never the machine's.

Every wait is for an event (a line on the screen, the process ending),
with a generous cap so that a stuck program fails the run instead of
hanging it. Needs pyte (the test extra), through tests/terminal.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.checkout import checkout_files, copy_checkout  # noqa: E402
from tests.terminal import Terminal  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "fabrikam-h1-2027.md"
COLUMNS, LINES = 100, 30
CAP_SECONDS = 240.0
"""The most any one step may take (an install on a busy machine included):
a safety net, never the thing waited for."""


class Failed(Exception):
    """What did not work, in one line, for the CI log."""


def first_step_drawn(text: str) -> bool:
    """The sample's Goals step, whole: the mission, the goals and the keys."""
    return "Help anyone put together outfits" in text and "Acquire new customers" in text and "^q Quit" in text


SETTINGS = Path(tempfile.mkdtemp(prefix="installed-settings-"))
"""The app's settings folder for every run here: none of the machine's."""


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "TUI_ROADMAP", "VIRTUAL_ENV"))}
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES), XDG_CONFIG_HOME=str(SETTINGS))
    env.update(extra or {})
    return env


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=CAP_SECONDS)
    if result.returncode != 0:
        raise Failed(f"{' '.join(command)}: exit status {result.returncode}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout


def _kill(terminal: Terminal) -> None:
    """End what the line started, all of it (it has a session of its own)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(terminal.process.pid, signal.SIGKILL)


def open_demo(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    """``roadmap demo`` (or a line that ends with it) until the first step is
    drawn, then ctrl+q: the app must end with exit status 0."""
    shown = " ".join(command)
    terminal = Terminal(command=command, cwd=cwd, size=(COLUMNS, LINES), base_env=env)
    try:
        terminal.wait_for_screen(lambda lines: first_step_drawn("\n".join(lines)), timeout=CAP_SECONDS)
    except AssertionError as screen:
        _kill(terminal)
        tail = terminal.output[-2000:].decode("utf-8", "replace")
        raise Failed(f"{shown}: the sample's first step is not drawn; the terminal shows:\n{screen}\n(last output: {tail!r})") from None
    terminal.press(b"\x11")  # ctrl+q
    try:
        code = terminal.close(timeout=CAP_SECONDS)
    except AssertionError:
        _kill(terminal)
        raise Failed(f"{shown}: the app did not end after ctrl+q") from None
    if code != 0:
        raise Failed(f"{shown}: exit status {code} after ctrl+q\n" + "\n".join(terminal.lines()))
    if b"Traceback" in terminal.output:
        raise Failed(f"{shown}: a traceback in the terminal\n{terminal.output[-3000:]!r}")


def check_export(roadmap: list[str], cwd: Path, env: dict[str, str]) -> None:
    """The draft of the sample the demo created, as the golden file has it."""
    draft = run([*roadmap, "export", "Fabrikam H1 2027"], cwd, env)
    if draft != GOLDEN.read_text(encoding="utf-8"):
        raise Failed(f"roadmap export of the sample differs from {GOLDEN.relative_to(ROOT)}:\n{draft[:1500]}")


IMPORT_ALL = """
import importlib, pathlib, pkgutil, sys
import tui_roadmap
where = pathlib.Path(tui_roadmap.__file__).resolve()
assert "site-packages" in where.parts, f"tui_roadmap comes from {where}, not from the venv"
names = sorted(m.name for m in pkgutil.walk_packages(tui_roadmap.__path__, "tui_roadmap."))
for name in names:
    importlib.import_module(name)
print("\\n".join(["tui_roadmap", *names]))
"""


def wheel_modules(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        files = [name for name in archive.namelist() if name.startswith("tui_roadmap/") and name.endswith(".py")]
    return {name[: -len(".py")].removesuffix("/__init__").replace("/", ".") for name in files}


def source_modules() -> set[str]:
    return {
        name[: -len(".py")].removesuffix("/__init__").replace("/", ".")
        for name in checkout_files("tui_roadmap")
        if name.endswith(".py")
    }


def find_python(version: str) -> Path:
    """An interpreter of ``version`` (3.10): on the PATH, or one pyenv keeps."""
    found = shutil.which(f"python{version}")
    candidates = [Path(found)] if found else []
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(pyenv.glob(f"versions/{version}.*/bin/python{version}"), reverse=True)
    for candidate in candidates:
        probe = subprocess.run([str(candidate), "-c", "import sys, venv; print(sys.version_info[:2])"], capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == str(tuple(int(p) for p in version.split("."))):
            return candidate
    raise Failed(f"no Python {version} on this machine (python{version} on the PATH, or in pyenv's versions)")


def check_wheel(dist: Path, versions: list[str]) -> None:
    dist = dist.resolve()
    wheels = sorted(dist.glob("tui_roadmap-*.whl"))
    sdists = sorted(dist.glob("tui_roadmap-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise Failed(f"{dist} should hold one wheel and one sdist: {[p.name for p in wheels + sdists]}")
    wheel = wheels[0]
    expected = source_modules()
    packed = wheel_modules(wheel)
    if packed != expected:
        raise Failed(f"the wheel's modules are not the package's: missing {sorted(expected - packed)}, extra {sorted(packed - expected)}")
    for version in versions:
        python = find_python(version)
        with tempfile.TemporaryDirectory(prefix=f"installed-{version}-") as work_name:
            work = Path(work_name)
            venv = work / "venv"
            env = environment()
            run([str(python), "-m", "venv", str(venv)], work, env)
            run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], work, env)
            roadmap = [str(venv / "bin" / "roadmap")]
            module = [str(venv / "bin" / "python"), "-m", "tui_roadmap"]
            for command in (roadmap, module):
                shown = run([*command, "--version"], work, env).strip()
                if not re.fullmatch(r"tui-roadmap \d+\.\d+\.\d+\S*", shown):
                    raise Failed(f"{' '.join(command)} --version printed {shown!r}")
            imported = set(run([str(venv / "bin" / "python"), "-c", IMPORT_ALL], work, env).split())
            if imported != expected:
                raise Failed(f"Python {version}: modules imported {sorted(imported ^ expected)} differ from the package's")
            open_demo([*roadmap, "demo"], work, env)
            check_export(roadmap, work, env)
            open_demo([*module, "demo"], work, env)  # python -m tui_roadmap, the same app
            print(f"ok: the wheel on Python {version} ({python}): {len(imported)} modules, demo, export")


def readme_lines(part: str) -> list[str]:
    """The shell lines of the README between ``<!-- part:start -->`` and
    ``<!-- part:end -->``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marked = readme.split(f"<!-- {part}:start -->", 1)[1].split(f"<!-- {part}:end -->", 1)[0]
    lines = [line for block in re.findall(r"```sh\n(.*?)```", marked, re.S) for line in block.strip().splitlines()]
    if not lines:
        raise Failed(f"the README has no shell lines between its {part} markers")
    return lines


def build(dist: Path) -> None:
    """The sdist and the wheel, as ``python -m build`` makes them from a
    clean clone: what an earlier build or an editable install left in the
    checkout (``build/``, ``*.egg-info``) never reaches them."""
    dist = dist.resolve()
    shutil.rmtree(dist, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="build-") as work_name:
        clone = Path(work_name) / "tui-roadmap"
        copy_checkout(clone)
        run([sys.executable, "-m", "build", "--outdir", str(dist), str(clone)], clone, environment())
    print(f"ok: built {', '.join(sorted(path.name for path in dist.iterdir()))}")


def check_readme() -> None:
    with tempfile.TemporaryDirectory(prefix="readme-") as work_name:
        work = Path(work_name)
        checkout = work / "tui-roadmap"
        copy_checkout(checkout)
        tools = work / "tools"
        bin_dir = tools / "bin"
        # pipx and uv, and nothing else of this run's venv: a `roadmap` found
        # on the PATH is the one the line installed.
        ci_bin = tools / "ci-bin"
        ci_bin.mkdir(parents=True)
        for tool in ("pipx", "uv"):
            found = shutil.which(tool, path=str(Path(sys.executable).parent)) or shutil.which(tool)
            if found is None:
                raise Failed(f"{tool} is not installed here (.ci/run installs it)")
            (ci_bin / tool).symlink_to(found)
        path = [str(bin_dir), str(ci_bin)]
        path += [entry for entry in os.environ["PATH"].split(os.pathsep) if entry and not (Path(entry) / "roadmap").exists()]
        env = environment(
            {
                "PIPX_HOME": str(tools / "pipx"),
                "PIPX_BIN_DIR": str(bin_dir),
                "PIPX_MAN_DIR": str(tools / "man"),
                "UV_TOOL_DIR": str(tools / "uv"),
                "UV_TOOL_BIN_DIR": str(bin_dir),
                "UV_CACHE_DIR": str(tools / "uv-cache"),
                "UV_PYTHON_DOWNLOADS": "never",  # the machine's Python, as pipx uses
                "PATH": os.pathsep.join(path),
            }
        )
        uninstall = {line.split()[0]: line for line in readme_lines("uninstall")}
        for line in readme_lines("setup"):
            # Each line stands alone, as on a machine that has none of the others.
            built = [checkout / "build", *checkout.glob("*.egg-info")]
            for stale in (checkout / "sessions", checkout / "dist", checkout / ".venv", *built, tools / "pipx", tools / "uv", bin_dir):
                shutil.rmtree(stale, ignore_errors=True)
            if re.search(r"\broadmap demo\s*$", line):
                open_demo(["bash", "-c", line], checkout, env)
            else:
                run(["bash", "-c", line], checkout, env)
            print(f"ok: {line}")
            tool = line.split("&&")[-2].split()[0] if "&&" in line else ""
            venv_python = {"pipx": tools / "pipx" / "venvs", "uv": tools / "uv"}.get(tool)
            if venv_python is not None:  # the tool's own venv holds the whole package too
                imported = set(run([str(venv_python / "tui-roadmap" / "bin" / "python"), "-c", IMPORT_ALL], work, env).split())
                if imported != source_modules():
                    raise Failed(f"{line}: modules imported {sorted(imported ^ source_modules())} differ from the package's")
                print(f"ok: {len(imported)} modules import in {tool}'s venv")
            if tool in uninstall:  # installed as a tool: the README's line removes it
                run(["bash", "-c", uninstall[tool]], checkout, env)
                if (bin_dir / "roadmap").exists():
                    raise Failed(f"{uninstall[tool]}: roadmap is still installed")
                print(f"ok: {uninstall[tool]}")
        used = {line.split("&&")[-2].split()[0] for line in readme_lines("setup") if line.count("&&") >= 1}
        if set(uninstall) - used:
            raise Failed(f"the README's uninstall lines {sorted(set(uninstall) - used)} follow no install line")


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["build"] and len(argv) == 2:
            build(Path(argv[1]))
        elif argv[:1] == ["wheel"] and len(argv) >= 3:
            check_wheel(Path(argv[1]), argv[2:])
        elif argv == ["readme"]:
            check_readme()
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Failed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(SETTINGS, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
