"""The benchmarks, each figure a ratio to a floor measured in the same run.

    python benchmarks/run.py [--runs N]

Absolute times vary from machine to machine (and from minute to minute on a
shared one), so each figure is the median of several runs divided by the
median of its floor, taken in the same run:

1. First frame: process start to the first frame in a pseudo-terminal, for
   ``roadmap`` with 50 sessions and for ``roadmap demo``; floor: a minimal
   Textual app (Header, Static, Input, Footer). Goal: 1.2 times at most.
2. Capture latency: Enter on a new idea until it is drawn, with 1,000 ideas
   in the session; floor: the same with 10 ideas. Goal: 1.5. Also until it
   is in the session file (no goal: saves run on a thread of their own).
3. Save: one save of a 1,000-idea session after one change (an idea added,
   one edited, the first one deleted); floor: writing the same bytes with
   write, fsync and replace. No goal: the save is off the screen's path.
4. Export: the Markdown of 10,000 ideas; floor: of 1,000. Goal: 12 (linear).
5. Session list: first frame of ``roadmap`` with 500 sessions; floor: with 5.
   Goal: 1.3.
6. Memory: peak RSS with a 1,000-idea session open, and after every step of
   it has been shown; floor: the minimal app. Goal: 1.3.
7. List: ``roadmap list`` of 50 sessions and a 200 MB file named like one;
   floor: the 50 sessions alone. Goal: 2.
8. Step switch: a step key (F2 to F6, in turn, each step shown before) until
   the step is drawn, on the sample session in a real terminal; floor: a
   minimal Textual app switching between five panes the same way. Goal: 2.
9. Phone: an idea POSTed by a phone to the open room (on 127.0.0.1) until it
   is drawn on the big screen, and until it is in the session file; floor:
   the same idea typed on the laptop, Enter until drawn and until on disk,
   side by side in the same session. Goal: 1.5.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.installed import install_wheel  # noqa: E402
from benchmarks.sessions import big_workshop, write_sessions  # noqa: E402
from benchmarks.terminal import READER_SWITCH_SECONDS, Terminal  # noqa: E402

PYTHON = sys.executable
"""The Python the program and the floor run on: by default a fresh venv's,
with the wheel installed (``--checkout``: this one, on the checkout)."""
ROADMAP = [PYTHON, "-m", "tui_roadmap"]
MINIMAL = [PYTHON, str(HERE / "minimal_app.py")]
MINIMAL_SWITCH = [PYTHON, str(HERE / "minimal_switch.py")]


def run_on(python: str) -> None:
    """Measure the program and the floor as ``python`` runs them."""
    global PYTHON, ROADMAP, MINIMAL, MINIMAL_SWITCH
    PYTHON = python
    ROADMAP = [python, "-m", "tui_roadmap"]
    MINIMAL = [python, str(HERE / "minimal_app.py")]
    MINIMAL_SWITCH = [python, str(HERE / "minimal_switch.py")]


NOW = datetime(2026, 11, 22, 10, 30)


@dataclass
class Figure:
    name: str
    case: str
    value: float
    floor: float
    floor_case: str
    goal: float | None
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.value / self.floor

    def row(self) -> list[str]:
        shown = (lambda v: f"{v * 1000:.1f} ms") if self.unit == "s" else (lambda v: f"{v / 1024:.1f} MB")
        if self.goal is None:
            goal, met = "(info)", "-"
        else:
            goal, met = f"<= {self.goal}", "yes" if self.ratio <= self.goal else "NO"
        return [
            self.name,
            self.case,
            shown(self.value),
            self.floor_case,
            shown(self.floor),
            f"{self.ratio:.2f}",
            goal,
            met,
        ]


def median(values: list[float]) -> float:
    return statistics.median(values)


# ------------------------------------------------------------- first frames


def first_frame(command: list[str], cwd: Path, seen) -> tuple[float, int]:
    """Seconds from process start to the first frame ``seen`` recognises,
    and the process's peak memory (kB) after a short idle."""
    terminal = Terminal(command, cwd)
    at = terminal.wait_for(seen)
    terminal.quiet(0.3)
    rss = terminal.close()
    return at - terminal.started, rss


def interleaved(
    runs: int, cases: dict[str, tuple[list[str], Path, object]]
) -> dict[str, tuple[list[float], list[int]]]:
    """Run each case once per round, in turn, so that a noisy moment on the
    machine falls on all of them alike."""
    results: dict[str, tuple[list[float], list[int]]] = {name: ([], []) for name in cases}
    for command, cwd, seen in cases.values():
        first_frame(command, cwd, seen)  # warm the disk cache and bytecode
    for _ in range(runs):
        for name, (command, cwd, seen) in cases.items():
            seconds, rss = first_frame(command, cwd, seen)
            results[name][0].append(seconds)
            results[name][1].append(rss)
    return results


def start_up_figures(runs: int, work: Path) -> list[Figure]:
    folders = {}
    for count in (5, 50, 500):
        folder = work / f"list-{count}"
        write_sessions(folder / "sessions", count)
        folders[count] = folder
    demo = work / "demo"
    (demo / "sessions").mkdir(parents=True)
    big = work / "big"
    write_sessions(big / "sessions", 0, big_workshop(1000, step="ideas"))

    def listing(count: int):
        # The whole first screen: the count, the newest session on top, the footer.
        return lambda text: f"{count} in sessions" in text and "Workshop 000" in text and "Commands" in text

    def demo_seen(text: str) -> bool:
        return "F6 Export" in text and "Help anyone put together outfits" in text

    cases = {
        "minimal": (MINIMAL, work, lambda text: "Minimal app: first frame" in text and "Quit" in text),
        "list 50": (ROADMAP, folders[50], listing(50)),
        "demo": (ROADMAP + ["demo"], demo, demo_seen),
        "list 5": (ROADMAP, folders[5], listing(5)),
        "list 500": (ROADMAP, folders[500], listing(500)),
        "big": (ROADMAP + ["open", "big"], big, lambda text: "1000 so far" in text and "Commands" in text),
    }
    results = interleaved(runs, cases)
    floor = median(results["minimal"][0])
    floor_rss = median(results["minimal"][1])
    steps = work / "steps"
    write_sessions(steps / "sessions", 0, big_workshop(1000, step="ideas"))
    every_step = median([memory_every_step(steps) for _ in range(max(3, runs // 3))])
    return [
        Figure("first frame", "roadmap, 50 sessions", median(results["list 50"][0]), floor, "minimal app", 1.2),
        Figure("first frame", "roadmap demo", median(results["demo"][0]), floor, "minimal app", 1.2),
        Figure(
            "session list",
            "500 sessions",
            median(results["list 500"][0]),
            median(results["list 5"][0]),
            "5 sessions",
            1.3,
        ),
        Figure("memory", "1,000 ideas open", median(results["big"][1]), floor_rss, "minimal app", 1.3, unit="kB"),
        Figure("memory", "1,000 ideas, every step shown", every_step, floor_rss, "minimal app", 1.3, unit="kB"),
    ]


STEPS = [
    (b"\x1bOQ", lambda text: "New goal" in text),  # F2
    (b"\x1bOS", lambda text: "Cut line after" in text),  # F4
    (b"\x1b[15~", lambda text: "To place" in text),  # F5
    (b"\x1b[17~", lambda text: "draft roadmap" in text and "Scan for" in text),  # F6
]


def memory_every_step(folder: Path) -> int:
    """Peak memory (kB) of the app on a 1,000-idea session, after showing
    each step in turn (each builds its widgets the first time it is shown)."""
    terminal = Terminal(ROADMAP + ["open", "big"], folder)
    terminal.wait_for(lambda text: "1000 so far" in text and "Commands" in text)
    for key, seen in STEPS:
        terminal.type(key)
        terminal.wait_for(seen)
        terminal.quiet(0.3)
    terminal.type(b"\x1bOR")  # F3: back to the ideas, for the next run
    terminal.wait_for(lambda text: "1000 so far" in text)
    return terminal.close()


# ------------------------------------------------------------------ capture


def capture_latency(folder: Path, ideas: int, runs: int) -> tuple[float, float]:
    """Median seconds from Enter to the idea drawn in the list, and to the
    idea in the session file."""
    terminal = Terminal(ROADMAP + ["open", "big"], folder)
    terminal.wait_for(lambda text: f"{ideas} so far" in text and "Commands" in text)
    session_file = folder / "sessions" / "big.json"
    drawn_times, saved_times = [], []
    for n in range(runs + 2):
        text = f"Captured idea {n:03d}"
        terminal.type(text.encode())
        terminal.wait_for(lambda screen, text=text: text in screen)
        terminal.quiet(0.05)
        number = ideas + n + 1

        def saved(text: str = text) -> bool:  # the idea itself, not the draft of it
            return f'"text": "{text}"'.encode() in session_file.read_bytes()

        started = terminal.type(b"\r")
        drawn = terminal.wait_for(lambda screen, seen=f"{number}  {text}": seen in screen)
        on_disk = terminal.wait_for(lambda screen: True, also=saved)
        if n >= 2:  # the first two warm up
            drawn_times.append(drawn - started)
            saved_times.append(on_disk - started)
        terminal.quiet(0.05)
    terminal.close()
    return median(drawn_times), median(saved_times)


def capture_figures(runs: int, work: Path) -> list[Figure]:
    small, big = work / "capture-10", work / "capture-1000"
    write_sessions(small / "sessions", 0, big_workshop(10, step="ideas"))
    write_sessions(big / "sessions", 0, big_workshop(1000, step="ideas"))
    floor_drawn, floor_saved = capture_latency(small, 10, runs * 3)
    drawn, saved = capture_latency(big, 1000, runs * 3)
    return [
        Figure("capture", "Enter to the idea drawn, 1,000 ideas", drawn, floor_drawn, "10 ideas", 1.5),
        # Saved on a thread of its own: the room does not wait for it.
        Figure("capture", "Enter to the idea on disk, 1,000 ideas", saved, floor_saved, "10 ideas", None),
    ]


# -------------------------------------------------------------------- phones


def phone_latency(folder: Path, runs: int) -> tuple[float, float, float, float]:
    """Median seconds, for an idea typed on the laptop and for one POSTed by
    a phone, until it is drawn and until it is in the session file."""
    import http.cookiejar
    import re
    import threading
    import urllib.parse
    import urllib.request

    terminal = Terminal(ROADMAP + ["--room-host", "127.0.0.1", "open", "big"], folder)
    terminal.wait_for(lambda text: "so far" in text and "Commands" in text)
    terminal.type(b"\x1b[19~")  # F8: open the room
    found: list[str] = []

    def address(text: str) -> bool:
        match = re.search(r"127\.0\.0\.1:(\d+)/r/([\w-]+)/", text)
        if match:
            found[:] = [f"http://127.0.0.1:{match.group(1)}/r/{match.group(2)}/"]
        return bool(match)

    terminal.wait_for(address)
    url = found[0]
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def csrf() -> str:
        page = browser.open(url, timeout=30).read().decode()
        return re.search(r'name="csrf" value="([^"]+)"', page).group(1)

    browser.open(url + "join", urllib.parse.urlencode({"csrf": csrf(), "person": "1"}).encode(), timeout=30).read()
    session_file = folder / "sessions" / "big.json"
    typed: tuple[list[float], list[float]] = ([], [])
    sent: tuple[list[float], list[float]] = ([], [])
    count = 10
    for n in range(runs + 2):
        for by_phone in (False, True):
            text = f"{'Phone' if by_phone else 'Typed'} idea {n:03d}"
            count += 1

            def saved(text: str = text) -> bool:
                return f'"text": "{text}"'.encode() in session_file.read_bytes()

            if by_phone:
                form = urllib.parse.urlencode({"csrf": csrf(), "text": text}).encode()
                terminal.quiet(0.05)
                post = threading.Thread(target=lambda form=form: browser.open(url + "idea", form, timeout=30).read())
                started = time.perf_counter()
                post.start()
            else:
                terminal.type(text.encode())
                terminal.wait_for(lambda screen, text=text: text in screen)
                terminal.quiet(0.05)
                started = terminal.type(b"\r")
            # Drawn: the step bar counts it (the list may not be scrolled to the end).
            drawn = terminal.wait_for(lambda screen, count=count: f"F3 Ideas {count} " in screen)
            on_disk = terminal.wait_for(lambda screen: True, also=saved)
            if by_phone:
                post.join()
            if n >= 2:  # the first two warm up
                target = sent if by_phone else typed
                target[0].append(drawn - started)
                target[1].append(on_disk - started)
            terminal.quiet(0.05)
    terminal.close()
    return median(typed[0]), median(typed[1]), median(sent[0]), median(sent[1])


def phone_figures(runs: int, work: Path) -> list[Figure]:
    folder = work / "phones"
    write_sessions(folder / "sessions", 0, big_workshop(10, step="ideas"))
    typed_drawn, typed_saved, sent_drawn, sent_saved = phone_latency(folder, runs * 2)
    return [
        Figure(
            "phone", "POST to the idea drawn on the big screen", sent_drawn, typed_drawn, "typed, Enter to drawn", 1.5
        ),
        Figure("phone", "POST to the idea on disk", sent_saved, typed_saved, "typed, Enter to on disk", 1.5),
    ]


# --------------------------------------------------------------- save, export


def save_figures(runs: int, work: Path) -> list[Figure]:
    from tui_roadmap.files.storage import DiskIO
    from tui_roadmap.files.store import SessionFolder

    folder = SessionFolder(work / "save" / "sessions")
    session = folder.create("Save", NOW, big_workshop(1000))
    disk = DiskIO()

    def floor_once(payload: bytes) -> float:
        started = time.perf_counter()
        fd, temp = disk.open_temp(folder.root, "floor.json")
        disk.write(fd, payload)
        disk.fsync(fd)
        disk.close(fd)
        disk.replace(temp, str(folder.root / "floor.json"))
        disk.fsync_folder(folder.root)
        return time.perf_counter() - started

    def timed_save() -> float:
        started = time.perf_counter()
        session.save()
        seconds = time.perf_counter() - started
        floors.append(floor_once(session.path.read_bytes()))
        return seconds

    changes = {
        "added": lambda n: session.workshop.add_idea(f"One more idea, number {n}"),
        "edited": lambda n: session.workshop.edit_idea(session.workshop.ideas[500].id, text=f"Edited, number {n}"),
        # Every idea after it moves up one: the worst case.
        "deleted": lambda n: session.workshop.delete_idea(session.workshop.ideas[0].id),
    }
    saves: dict[str, list[float]] = {name: [] for name in changes}
    floors: list[float] = []
    cold: list[float] = []
    for n in range(runs * 5):
        for name, change in changes.items():
            change(n)
            saves[name].append(timed_save())
    for _ in range(runs):
        session.close()
        session = folder.open("Save", NOW)
        started = time.perf_counter()
        session.save()
        cold.append(time.perf_counter() - started)
    session.close()
    floor = median(floors)
    return [
        # Saves run on a thread of their own, off the screen's path: what they
        # cost is shown, with no goal (the capture figures are what the room
        # waits for).
        Figure("save", "1,000 ideas, one idea added", median(saves["added"]), floor, "write+fsync+replace", None),
        Figure("save", "1,000 ideas, one idea edited", median(saves["edited"]), floor, "write+fsync+replace", None),
        Figure("save", "1,000 ideas, first idea deleted", median(saves["deleted"]), floor, "write+fsync+replace", None),
        Figure("save", "1,000 ideas, first save after opening", median(cold), floor, "write+fsync+replace", None),
    ]


def export_figures(runs: int) -> list[Figure]:
    from tui_roadmap.export.draft import markdown

    def once(workshop) -> float:
        gc.collect()  # each run starts from the same heap, not the last run's garbage
        started = time.perf_counter()
        markdown(workshop)
        return time.perf_counter() - started

    small, big = big_workshop(1000), big_workshop(10000)
    markdown(small)
    smalls, bigs = [], []
    for _ in range(max(runs, 5)):  # in turn, so that a busy moment slows both alike
        smalls.append(once(small))
        bigs.append(once(big))
    return [Figure("export", "Markdown of 10,000 ideas", median(bigs), median(smalls), "1,000 ideas", 12)]


STEP_KEYS = [b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~", b"\x1b[17~"]  # F2 to F6
"""The keys of the five steps."""

SAMPLE_STEPS = [
    lambda text: "New goal" in text and "Acquire new customers" in text,
    lambda text: " so far" in text and "Virtual try-on" in text,
    lambda text: "Cut line after" in text and "rank dots" in text,
    lambda text: "To place" in text and "2027-Q2" in text,
    lambda text: "draft roadmap" in text and "Scan to open" in text,
]
"""What each step of the sample shows once it is drawn."""


def switch_times(command: list[str], cwd: Path, ready, seen, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds from a step key to its step drawn: the first visit of each
    step, then ``rounds`` times round all five."""
    terminal = Terminal(command, cwd)
    terminal.wait_for(ready)
    terminal.quiet(0.3)
    first, again = [], []
    for round_number in range(rounds + 1):
        for key, drawn in zip(STEP_KEYS[1:] + STEP_KEYS[:1], seen[1:] + seen[:1], strict=True):
            started = terminal.type(key)
            done = terminal.wait_for(drawn)
            (first if round_number == 0 else again).append(done - started)
            terminal.quiet(0.05)
    terminal.close()
    return first, again


def switch_figures(runs: int, work: Path) -> list[Figure]:
    demo = work / "switch"
    (demo / "sessions").mkdir(parents=True)
    minimal_seen = [
        lambda text, pane=pane: f"Pane {pane} is shown" in text
        for pane in ("goals", "ideas", "vote", "roadmap", "export")
    ]
    rounds = max(3, runs)
    _, floor = switch_times(MINIMAL_SWITCH, work, minimal_seen[0], minimal_seen, rounds)
    first, again = switch_times(ROADMAP + ["demo"], demo, SAMPLE_STEPS[0], SAMPLE_STEPS, rounds)
    return [
        Figure("step switch", "F-key to step drawn, sample session", median(again), median(floor), "minimal app", 2.0),
        Figure("step switch", "first visit of each step", median(first), median(floor), "minimal app", None),
    ]


def list_figures(runs: int, work: Path) -> list[Figure]:
    plain, huge = work / "list-plain", work / "list-huge"
    write_sessions(plain / "sessions", 50)
    write_sessions(huge / "sessions", 50)
    with open(huge / "sessions" / "huge.json", "wb") as handle:
        handle.write((plain / "sessions" / "workshop-000.json").read_bytes()[:4000])
        handle.truncate(200 * 1024 * 1024)  # a hole: 200 MB on paper, no room on the disk

    def once(folder: Path) -> float:
        started = time.perf_counter()
        subprocess.run(ROADMAP + ["list"], cwd=folder, capture_output=True, check=True)
        return time.perf_counter() - started

    plains, huges = [], []
    once(plain)
    for _ in range(runs):
        plains.append(once(plain))
        huges.append(once(huge))
    return [
        Figure("list", "roadmap list, 50 sessions and a 200 MB file", median(huges), median(plains), "50 sessions", 2.0)
    ]


# -------------------------------------------------------------------- table


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Textual {textual.__version__}"
    )


def table(figures: list[Figure]) -> str:
    header = ["figure", "case", "median", "floor", "floor median", "ratio", "goal", "met"]
    rows = [header] + [f.row() for f in figures]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (the median is shown)")
    parser.add_argument(
        "--only", choices=["start", "switch", "capture", "save", "export", "list", "phone"], help="one group of figures"
    )
    parser.add_argument(
        "--checkout",
        action="store_true",
        help="measure the checkout as this Python runs it, instead of the wheel installed in a fresh venv",
    )
    args = parser.parse_args()
    sys.setswitchinterval(READER_SWITCH_SECONDS)
    print(f"Machine: {machine()}", flush=True)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as work_dir:
        work = Path(work_dir)
        if not args.checkout:
            python = install_wheel(work / "installed")
            run_on(str(python))
            print(f"Measured: the wheel, installed in a fresh venv ({python.parent.parent.name})", flush=True)
        else:
            print("Measured: the checkout, as this Python runs it", flush=True)
        if args.only in (None, "start"):
            figures += start_up_figures(args.runs, work)
        if args.only in (None, "switch"):
            figures += switch_figures(args.runs, work)
        if args.only in (None, "capture"):
            figures += capture_figures(args.runs, work)
        if args.only in (None, "phone"):
            figures += phone_figures(args.runs, work)
        if args.only in (None, "save"):
            figures += save_figures(args.runs, work)
        if args.only in (None, "export"):
            figures += export_figures(args.runs)
        if args.only in (None, "list"):
            figures += list_figures(args.runs, work)
    print(table(figures))
    return 0 if all(f.goal is None or f.ratio <= f.goal for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
