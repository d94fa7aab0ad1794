"""Sessions on disk: the round trip, atomic saves, locks, the session list,
and files that cannot be read."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from datetime import datetime

import pytest
from tinydb import TinyDB

from tui_roadmap.files.backups import backup_path
from tui_roadmap.files.documents import SCHEMA_VERSION, from_tables, to_tables
from tui_roadmap.files.storage import DiskIO, ReadOnly, dumps, parse, read_head
from tui_roadmap.files.store import (
    SessionExists,
    SessionLocked,
    SessionNotFound,
    SessionReadOnly,
    SessionUnreadable,
)
from tui_roadmap.workshop.vote import add_dot, remove_dot

from .conftest import NOW, load_sample


def test_a_workshop_round_trips_through_its_documents(sample):
    tom = sample.participants[3]
    remove_dot(sample, sample.ideas[4].id)  # Tom's dot, counted in the room,
    add_dot(sample, sample.ideas[4].id, tom.id)  # entered on his ballot instead
    sample.set_capacity("2027-Q1", 8)
    assert from_tables(json.loads(dumps(to_tables(sample)))) == sample


def test_a_session_file_is_a_plain_tinydb_database(folder, sample):
    session = folder.create(sample.name, NOW, sample)
    session.close()
    db = TinyDB(session.path)
    assert db.table("session").get(doc_id=1)["schema"] == SCHEMA_VERSION
    assert len(db.table("ideas")) == 18
    assert db.table("ideas").get(doc_id=11)["text"] == "Onboarding quiz that learns your style in 60 seconds"
    assert len(db.table("roadmap")) == 7
    db.close()


def test_a_session_a_script_wrote_with_tinydb_opens_and_keeps_its_other_tables(folder):
    """A user's own script, with TinyDB's stock storage (the whole database on
    one line), writes a session; the app opens it, and its next save keeps
    the table the app does not know."""
    folder.root.mkdir(parents=True)
    path = folder.root / "from-a-script.json"
    db = TinyDB(path)
    db.table("session").insert(
        {"schema": 1, "name": "From a script", "created": "2026-11-01T09:00:00", "updated": "2026-11-01T09:00:00"}
    )
    db.table("goals").insert({"title": "Grow in Europe", "metric": "10,000 sign-ups in France"})
    ideas = db.table("ideas")
    ideas.insert({"text": "Localize for France"})
    ideas.insert({"text": "Pay with iDEAL", "goal": 1, "proposer": "Dana"})
    db.table("notes").insert({"said": "keep this"})
    db.close()

    session = folder.open("From a script", NOW)
    workshop = session.workshop
    assert [(g.title, g.metric) for g in workshop.goals] == [("Grow in Europe", "10,000 sign-ups in France")]
    assert [(i.text, i.goal_id, i.proposer) for i in workshop.ideas] == [
        ("Localize for France", None, ""),
        ("Pay with iDEAL", workshop.goals[0].id, "Dana"),
    ]
    workshop.add_idea("Added in the app")
    session.save()
    session.close()
    again = TinyDB(path)
    assert again.table("notes").all() == [{"said": "keep this"}]
    assert [doc["text"] for doc in again.table("ideas").all()] == [
        "Localize for France",
        "Pay with iDEAL",
        "Added in the app",
    ]
    again.close()
    assert read_head(path) is not None  # rewritten with the session first, one document per line


def test_the_file_keeps_one_document_per_line_for_clean_diffs(folder, sample):
    session = folder.create(sample.name, NOW, sample)
    lines = session.path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["{", '"session": {']
    idea_lines = [line for line in lines if '"text":' in line and '"proposer":' in line]
    assert len(idea_lines) == 18
    session.close()


def test_saving_and_reopening_gives_back_the_same_workshop(folder):
    session = folder.create("Plan", NOW)
    session.workshop.add_goal("Grow", "10%")
    session.workshop.add_idea("Dark mode \u2014 \U0001f319 \u05e9\u05dc\u05d5\u05dd")
    session.workshop.set_step("ideas")
    session.save()
    saved = session.workshop
    session.close()
    reopened = folder.open("plan", NOW)
    assert reopened.workshop == saved
    reopened.close()


def test_a_second_open_is_refused_with_who_and_since_when(folder):
    first = folder.create("Plan", NOW)
    with pytest.raises(SessionLocked) as refused:
        folder.open("Plan", NOW)
    message = str(refused.value)
    assert "already open" in message and f"process {os.getpid()}" in message and "2026-11-22 10:30" in message
    first.close()
    folder.open("Plan", NOW).close()


def test_names_that_share_a_file_name_are_refused(folder):
    folder.create("Q1 Plan", NOW).close()
    with pytest.raises(SessionExists, match="already exists"):
        folder.create("q1 plan", NOW)


def test_sessions_are_found_by_name_file_or_file_name(folder):
    folder.create("Fabrikam H1 2027", NOW).close()
    path = folder.find("Fabrikam H1 2027")
    assert folder.find("fabrikam-h1-2027") == path
    assert folder.find("fabrikam-h1-2027.json") == path
    with pytest.raises(SessionNotFound, match="roadmap list"):
        folder.find("Contoso")


def test_a_failed_save_leaves_the_last_save_intact(folder, tmp_path):
    class FullDisk(DiskIO):
        def write(self, fd, data):
            raise OSError(28, "No space left on device")

    session = folder.create("Plan", NOW)
    session.workshop.add_goal("Grow")
    session.save()
    before = session.path.read_bytes()
    session.disk = FullDisk()
    session.workshop.add_goal("Keep")
    with pytest.raises(OSError):
        session.save()
    assert session.path.read_bytes() == before
    assert not [p for p in folder.root.iterdir() if p.name.endswith(".tmp")]
    session.close()


def test_a_change_undone_after_a_failed_save_is_saved_undone(folder):
    """A save fails after an idea was added; the idea is deleted again and
    the disk comes back: the file holds the workshop as it is now, not the
    idea of the failed save."""

    class FullDisk(DiskIO):
        def write(self, fd, data):
            raise OSError(28, "No space left on device")

    session = folder.create("Plan", NOW)
    session.workshop.add_idea("Keep me")
    session.save()
    typo = session.workshop.add_idea("A typo, deleted right away")
    session.disk = FullDisk()
    with pytest.raises(OSError):
        session.save()
    session.workshop.delete_idea(typo.id)
    session.disk = DiskIO()
    session.save()
    session.close()
    assert [idea.text for idea in folder.load("Plan").ideas] == ["Keep me"]


def test_the_list_reads_only_each_files_summary(folder, sample, monkeypatch):
    folder.create(sample.name, NOW, sample).close()
    later = load_sample()
    later.name = "Contoso 2027"
    later.updated = datetime(2027, 1, 5, 9, 0)
    folder.create(later.name, NOW, later).close()
    head = read_head(folder.path_for("Contoso 2027"))
    assert head is not None and list(head) == ["session"]
    entries = folder.entries()
    assert [e.name for e in entries] == ["Contoso 2027", "Fabrikam H1 2027"]
    assert (entries[1].ideas, entries[1].dots, entries[1].placed, entries[1].step) == (18, 24, 7, "goals")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty (0 bytes)"),
        (b'{\n"session": {\n "1": {"schema": 1', "cut short"),
        (b"[1, 2]", "not an object"),
        (b'{"_default": {"1": {"a": 1}}}', 'no "session" table'),
        (b'{"session": {"1": {"schema": 99, "name": "x"}}}', "newer tui-roadmap"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"session": {}} trailing', "extra data"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"session": {"1": {"schema": 1, "name": "x", "created": "yesterday"}}}', "'created' is not a date"),
        (b'{"session": {"1": {"schema": "one"}}}', "has no schema version"),
        (b'{"session": {"1": {"schema": 1, "name": "", "created": "2026-01-01T00:00:00"}}}', "'name' is not set"),
        (
            b'{"session": {"1": {"schema": 1, "name": "x", "created": "2026-01-01T00:00:00", '
            b'"updated": "2026-01-01T00:00:00", "step": "ideas"}}, "ideas": {"1": {"text": 42}}}',
            "idea 1: 'text' is not text",
        ),
    ],
)
def test_unreadable_files_are_named_with_their_reason_and_left_alone(folder, content, reason):
    folder.root.mkdir(parents=True)
    bad = folder.root / "bad.json"
    bad.write_bytes(content)
    folder.create("Good", NOW).close()
    entries = {e.path.name: e for e in folder.entries(full=True)}
    assert reason in entries["bad.json"].problem
    assert entries["good.json"].problem is None
    with pytest.raises(SessionUnreadable, match=re.escape(reason)):
        folder.open("bad", NOW)
    assert bad.read_bytes() == content
    assert not (folder.root / LOCKS / "bad.json.owner").exists()


LOCKS = ".locks"


def test_a_file_damaged_past_its_summary_is_caught_by_the_full_check(folder, sample):
    session = folder.create(sample.name, NOW, sample)
    session.close()
    data = session.path.read_bytes()
    session.path.write_bytes(data[: len(data) // 2])
    assert folder.entries()[0].problem is None  # the summary alone still reads
    assert "cut short" in folder.check(session.path)
    with pytest.raises(SessionUnreadable):
        folder.open(sample.name, NOW)


def test_stray_temp_files_of_a_session_are_removed_when_it_opens(folder):
    folder.create("Plan", NOW).close()
    stray = folder.root / ".plan.json.abc123.tmp"
    stray.write_text("half a save")
    folder.open("Plan", NOW).close()
    assert not stray.exists()


def test_a_session_open_in_another_process_is_refused_until_that_process_ends(folder, tmp_path):
    import subprocess
    import sys

    folder.create("Plan", NOW).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from datetime import datetime\n"
            "from pathlib import Path\n"
            "from tui_roadmap.files.store import SessionFolder\n"
            "session = SessionFolder(Path(sys.argv[1])).open('Plan', datetime(2026, 11, 22, 9, 15))\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(folder.root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(SessionLocked) as refused:
            folder.open("Plan", NOW)
        assert f"process {holder.pid}" in str(refused.value)
        assert "since 2026-11-22 09:15" in str(refused.value)
    finally:
        holder.kill()
        holder.wait()
    # The killed process left its lock file behind; the kernel released the
    # lock when the process ended, before wait() returned.
    folder.open("Plan", NOW).close()


def test_a_damaged_session_can_be_restored_from_its_good_copy(folder, sample):
    from tui_roadmap.files.backups import find_backup, restore_backup

    session = folder.create(sample.name, NOW, sample)
    session.workshop.add_idea("Said just before closing")
    session.save()
    session.close()
    path = session.path
    good = path.read_bytes()
    path.write_bytes(good[:300])  # damaged while the app was closed
    with pytest.raises(SessionUnreadable, match="good copy .* can be restored"):
        folder.open(sample.name, NOW)
    backup = find_backup(path)
    assert backup is not None and backup.ideas == 19
    moved = restore_backup(path, datetime(2026, 11, 23, 8, 0))
    assert moved.name == "fabrikam-h1-2027.json.damaged-20261123-080000"
    assert moved.read_bytes() == good[:300]
    assert path.read_bytes() == good
    assert [e.name for e in folder.entries()] == ["Fabrikam H1 2027"]
    reopened = folder.open(sample.name, NOW)
    assert reopened.workshop.ideas[-1].text == "Said just before closing"
    reopened.close()


def test_moving_aside_takes_the_file_out_of_the_list(folder):
    from tui_roadmap.files.backups import move_aside

    folder.root.mkdir(parents=True)
    (folder.root / "notes.json").write_text("[]")
    moved = move_aside(folder.root / "notes.json", NOW)
    assert moved.exists() and folder.entries() == []


def test_a_restore_that_fails_puts_everything_back(folder, sample, monkeypatch):
    from tui_roadmap.files import backups

    session = folder.create(sample.name, NOW, sample)
    session.close()
    session.path.write_bytes(b"damaged")

    real_replace = os.replace

    def fail(source, target):  # the last step, putting the good copy in place, fails
        if str(target) == str(session.path):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(backups.os, "replace", fail)
    with pytest.raises(OSError):
        folder.restore_backup(session.path, NOW)
    assert session.path.read_bytes() == b"damaged"
    assert sorted(p.name for p in folder.root.iterdir() if p.is_file()) == ["fabrikam-h1-2027.json"]


def test_moving_aside_never_replaces_an_earlier_one(folder):
    folder.root.mkdir(parents=True)
    first, second = folder.root / "a.json", folder.root / "b.json"
    first.write_text("one")
    moved = folder.move_aside(first, NOW)
    first.write_text("two")
    again = folder.move_aside(first, NOW)
    assert moved != again and moved.read_text() == "one" and again.read_text() == "two"
    assert not second.exists()


def test_a_session_linked_into_the_folder_is_saved_through_the_link(folder, sample, tmp_path):
    """A facilitator keeps the real file in a synced folder (or a git
    checkout) and links it into the sessions folder: a save writes the file
    the link leads to, beside it, and the link stays a link; the lock, the
    good copy and a restore work as for any session."""
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "roadmap.json"
    folder.create(sample.name, NOW, sample).close()
    link = folder.path_for(sample.name)
    link.rename(real)
    link.symlink_to(real)

    session = folder.open(sample.name, NOW)
    with pytest.raises(SessionLocked):
        folder.open(sample.name, NOW)
    session.workshop.add_idea("Kept through the link")
    session.save()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert from_tables(parse(real.read_bytes())).ideas[-1].text == "Kept through the link"
    assert not [p for p in [*synced.iterdir(), *folder.root.iterdir()] if p.name.endswith(".tmp")]
    session.close()
    assert from_tables(parse(backup_path(link).read_bytes())).ideas[-1].text == "Kept through the link"
    folder.open(sample.name, NOW).close()  # the lock was released

    real.write_bytes(b"")  # damaged, in the synced folder
    folder.restore_backup(link, NOW)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert from_tables(parse(real.read_bytes())).ideas[-1].text == "Kept through the link"
    assert [p.name for p in synced.iterdir() if ".damaged-" in p.name] == ["roadmap.json.damaged-20261122-103000"]


def test_a_link_that_leads_nowhere_is_not_replaced_by_a_plain_file(folder, sample, tmp_path):
    real = tmp_path / "usb-stick" / "roadmap.json"
    real.parent.mkdir()
    folder.create(sample.name, NOW, sample).close()
    link = folder.path_for(sample.name)
    link.rename(real)
    link.symlink_to(real)
    session = folder.open(sample.name, NOW)
    real.rename(tmp_path / "elsewhere.json")  # the stick is pulled out
    session.workshop.add_idea("Dark mode")
    with pytest.raises(ReadOnly, match=r"a symbolic link to .*roadmap\.json, which is not there"):
        session.save()
    assert link.is_symlink() and not link.exists()
    session.close()


def test_a_file_made_read_only_is_never_written_over(folder, sample):
    session = folder.create(sample.name, NOW, sample)
    os.chmod(session.path, 0o444)
    before = session.path.read_bytes()
    session.workshop.add_idea("Dark mode")
    with pytest.raises(ReadOnly, match="the file fabrikam-h1-2027.json is read-only"):
        session.save()
    assert session.path.read_bytes() == before
    assert stat.S_IMODE(session.path.stat().st_mode) == 0o444
    session.close()

    with pytest.raises(SessionReadOnly, match="The file fabrikam-h1-2027.json is read-only: the session cannot be"):
        folder.open(sample.name, NOW)
    looked = folder.open(sample.name, NOW, read_only="it was opened with --read-only")
    assert [i.text for i in looked.workshop.ideas] == [i.text for i in sample.ideas[:-1]]
    with pytest.raises(ReadOnly, match="opened with --read-only"):
        looked.save()
    assert not looked.keep_backup()
    looked.close()
    assert session.path.read_bytes() == before


def test_a_read_only_sessions_folder_is_named_as_such(folder, sample):
    folder.create(sample.name, NOW, sample).close()
    for made in (folder.root / ".locks", folder.root / ".backups"):  # a folder copied from elsewhere
        shutil.rmtree(made)
    os.chmod(folder.root, 0o555)
    try:
        with pytest.raises(SessionReadOnly) as refused:
            folder.open(sample.name, NOW)
        assert "sessions folder" in str(refused.value) and "is read-only" in str(refused.value)
        assert ".locks" not in str(refused.value)
        with pytest.raises(SessionReadOnly, match="sessions folder"):
            folder.create("Another", NOW)
        assert folder.write_problem(folder.path_for(sample.name)) == refused.value.reason
        looked = folder.open(sample.name, NOW, read_only=refused.value.reason)
        assert looked.workshop.name == sample.name
        looked.close()
        assert sorted(p.name for p in folder.root.iterdir()) == ["fabrikam-h1-2027.json"]
    finally:
        os.chmod(folder.root, 0o755)
