#!/usr/bin/python3
"""A mentee with only a keyboard and a screen reader (issue 19's "done when").

Drives the real window with nothing but key presses (xdotool, through the X
server, as a keyboard would) and listens to it only over AT-SPI, as Orca
does: after every key, the control that has focus must have a role and a
name (what Orca would speak). With that alone it goes Home, creates a pair,
logs a meeting with shared notes and writes a note; then the CLI reads the
data folder and checks that all three were saved. Run by tests/a11y/run.sh
after atspi_check.py, in the same session, against the same app.

    keyboard_journey.py CLI_BINARY DATA_DIR
Exits 1 and lists what is wrong, 0 when all holds.
"""

import json
import os
import subprocess
import sys
import time

import pyatspi

from atspi_check import NAMED_ROLES, app, find, focused, walk

CLI, DATA = sys.argv[1], sys.argv[2]
PARTNER = "Ana Keyboard"
MEETING_NOTES = "Walked through the first review together"
NOTE = "Ask about the gate failure on the next call"
heard = []  # what a screen reader would have said, one focus at a time


SHOT = os.environ.get("TRELLIS_A11Y_SHOT", "/tmp/trellis-keyboard-journey.png")


def fail(message):
    print("keyboard journey failed:", message)
    subprocess.run(["import", "-window", "root", SHOT], capture_output=True)
    print("the screen then:", SHOT)
    print("focus went through:")
    for line in heard[-25:]:
        print("  -", line)
    sys.exit(1)


def window():
    ids = subprocess.run(
        ["xdotool", "search", "--sync", "--onlyvisible", "--name", "Trellis"], capture_output=True, text=True, check=True
    ).stdout.split()
    if not ids:
        fail("no Trellis window on the display")
    return ids[0]


def key(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "15", text], check=True)


def describe(node):
    return f"{node.getRoleName()} “{(node.name or '').strip()}”" if node is not None else "nothing"


def focus_now(root):
    try:
        return focused(root)
    except Exception:  # the tree changed while we read it
        return None


def settle(root, before, timeout=3.0):
    """The focused node once focus has moved off `before` (or the same if it did not)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        now = focus_now(root)
        if now is not None and (before is None or not _same(now, before)):
            return now
        time.sleep(0.05)
    return focus_now(root)


def _same(a, b):
    try:
        return a.getRole() == b.getRole() and a.name == b.name and a.getIndexInParent() == b.getIndexInParent() and a.parent == b.parent
    except Exception:
        return False


def hear(node):
    """Record what a screen reader says; a named role with no name is a failure."""
    heard.append(describe(node))
    if node is not None and node.getRole() in NAMED_ROLES and not (node.name or "").strip():
        labelled = any(r.getRelationType() == pyatspi.RELATION_LABELLED_BY for r in node.getRelationSet())
        if not labelled:
            fail(f"focus reached a {NAMED_ROLES[node.getRole()]} with no name")


def is_named(node, role, name):
    """`node` is a `role` called `name` (a field's name may go on with its hint: "Shared notes Optional")."""
    if node is None or node.getRole() != role:
        return False
    spoken = (node.name or "").strip()
    return spoken == name or spoken.startswith(name + " ")


def press_until(root, keys, role, name, limit=60):
    """Press `keys` until focus is on a `role` named `name`; fail after `limit` presses."""
    current = focus_now(root)
    if is_named(current, role, name):
        return current
    for _ in range(limit):
        key(*keys)
        current = settle(root, current)
        hear(current)
        if is_named(current, role, name):
            return current
    fail(f"{limit} presses of {'+'.join(keys)} never reached the {NAMED_ROLES.get(role, 'control')} “{name}”")


def wait_for(what, check, timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            found = check()
        except Exception:  # a node went away while we read the tree: look again
            found = None
        if found:
            return found
        time.sleep(0.1)
    fail(f"timed out waiting for {what}")


def heading_focused(root, name):
    n = focus_now(root)
    return n is not None and n.getRole() == pyatspi.ROLE_HEADING and (n.name or "").strip() == name


def open_tab(root, name):
    """Reach the pair's tab list with Shift+Tab, then move along it with the arrow keys (ARIA tabs)."""
    current = focus_now(root)
    if current is None or current.getRole() != pyatspi.ROLE_PAGE_TAB:
        for _ in range(60):
            key("shift+Tab")
            current = settle(root, current)
            hear(current)
            if current is not None and current.getRole() == pyatspi.ROLE_PAGE_TAB:
                break
        else:
            fail("Shift+Tab never reached the pair's tabs")
    press_until(root, ["Right"], pyatspi.ROLE_PAGE_TAB, name, limit=8)
    wait_for(f"the tab {name} selected", lambda: (
        (n := find(root, pyatspi.ROLE_PAGE_TAB, name)) is not None and n.getState().contains(pyatspi.STATE_SELECTED)
    ))


def cli(*args):
    out = subprocess.run([CLI, "--json", "--data-dir", DATA, *args], capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"trellis {' '.join(args)}: {out.stderr.strip()}")
    return json.loads(out.stdout)


def main():
    root = wait_for("the Trellis window on the accessibility bus", app, timeout=60)
    win = window()
    subprocess.run(["xdotool", "windowfocus", "--sync", win], check=True)
    subprocess.run(["xdotool", "mousemove", "--window", win, "5", "5"], check=True)

    # Home, from wherever the window is.
    press_until(root, ["Tab"], pyatspi.ROLE_LINK, "Home")
    key("Return")
    wait_for("focus on Home's heading", lambda: heading_focused(root, "Home"))
    hear(focus_now(root))

    # A new pair: the dialog, a name, the button that creates it.
    press_until(root, ["Tab"], pyatspi.ROLE_PUSH_BUTTON, "New pair")
    key("Return")
    wait_for("the New pair dialog", lambda: find(root, pyatspi.ROLE_DIALOG, "New pair"))
    wait_for("focus inside the dialog", lambda: focus_now(root) is not None and focus_now(root).name != "New pair")
    hear(focus_now(root))
    # A radio group is one Tab stop; the arrow keys move (and choose) inside it.
    press_until(root, ["Tab"], pyatspi.ROLE_RADIO_BUTTON, "Mentor")
    press_until(root, ["Right"], pyatspi.ROLE_RADIO_BUTTON, "Mentee", limit=3)
    wait_for("Mentee chosen", lambda: (
        (n := find(root, pyatspi.ROLE_RADIO_BUTTON, "Mentee")) is not None and n.getState().contains(pyatspi.STATE_CHECKED)
    ))
    press_until(root, ["Tab"], pyatspi.ROLE_ENTRY, "Partner name")
    type_text(PARTNER)
    press_until(root, ["Tab"], pyatspi.ROLE_PUSH_BUTTON, "Create pair")
    key("Return")
    wait_for("the dialog to close", lambda: find(root, pyatspi.ROLE_DIALOG, "New pair") is None)
    wait_for(f"focus on the heading “{PARTNER}”", lambda: heading_focused(root, PARTNER))
    hear(focus_now(root))

    # A meeting, with shared notes.
    open_tab(root, "Meetings")
    press_until(root, ["Tab"], pyatspi.ROLE_PUSH_BUTTON, "Log meeting")
    key("Return")
    wait_for("the Log meeting dialog", lambda: find(root, pyatspi.ROLE_DIALOG, "Log meeting"))
    press_until(root, ["Tab"], pyatspi.ROLE_ENTRY, "Shared notes")
    type_text(MEETING_NOTES)
    press_until(root, ["Tab"], pyatspi.ROLE_PUSH_BUTTON, "Save meeting")
    key("Return")
    wait_for("the Log meeting dialog to close", lambda: find(root, pyatspi.ROLE_DIALOG, "Log meeting") is None)

    # A note.
    open_tab(root, "Notes")
    press_until(root, ["Tab"], pyatspi.ROLE_PUSH_BUTTON, "Add note")
    key("Return")
    wait_for("the Add note dialog", lambda: find(root, pyatspi.ROLE_DIALOG, "Add note"))
    press_until(root, ["Tab"], pyatspi.ROLE_ENTRY, "Note")
    type_text(NOTE)
    press_until(root, ["Tab"], pyatspi.ROLE_PUSH_BUTTON, "Save note")
    key("Return")
    wait_for("the Add note dialog to close", lambda: find(root, pyatspi.ROLE_DIALOG, "Add note") is None)

    # What the data folder now holds.
    pair = next((p for p in cli("pair", "list") if p.get("partnerName") == PARTNER), None)
    if pair is None:
        fail(f"no pair with {PARTNER} in the data folder")
    meetings = json.dumps(cli("meeting", "list", "--pair", pair["id"]))
    if MEETING_NOTES not in meetings:
        fail(f"the meeting's shared notes are not in the data folder: {meetings[:300]}")
    notes = json.dumps(cli("note", "list", "--pair", pair["id"]))
    if NOTE not in notes:
        fail(f"the note is not in the data folder: {notes[:300]}")
    print(f"keyboard journey: a pair, a meeting and a note, by keyboard alone, through {len(heard)} named stops")


main()
