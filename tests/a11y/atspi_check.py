#!/usr/bin/python3
"""The real window as a screen reader meets it (issue 19).

Reads Trellis's accessibility tree over AT-SPI (the bus Orca listens on) with
pyatspi, and acts through it as Orca does (each control's AT-SPI action):
every button, link, field and tab on Home, on a pair's tabs and in the Add
goal dialog has a role and a name; opening a pair from a Home card moves
focus to the pair's heading. Run by tests/a11y/run.sh inside a D-Bus session
with the accessibility bus up and the app started on a sample data dir.

    atspi_check.py PARTNER_NAME
Exits 1 and lists what is wrong, 0 when all holds.
"""

import sys
import time

import pyatspi

PARTNER = sys.argv[1] if len(sys.argv) > 1 else "Sam Rivera (sample)"
NAMED_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON: "button",
    pyatspi.ROLE_TOGGLE_BUTTON: "toggle button",
    pyatspi.ROLE_LINK: "link",
    pyatspi.ROLE_ENTRY: "field",
    pyatspi.ROLE_PASSWORD_TEXT: "field",
    pyatspi.ROLE_SPIN_BUTTON: "field",
    pyatspi.ROLE_COMBO_BOX: "select",
    pyatspi.ROLE_CHECK_BOX: "checkbox",
    pyatspi.ROLE_RADIO_BUTTON: "radio button",
    pyatspi.ROLE_PAGE_TAB: "tab",
    pyatspi.ROLE_DIALOG: "dialog",
}
problems = []


def wait(what, find, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = find()
        if found:
            return found
        time.sleep(0.25)
    problems.append(f"timed out waiting for {what}")
    report()


def report():
    if problems:
        print("accessibility tree problems:")
        for p in problems:
            print(f"  - {p}")
        sys.exit(1)
    print("accessibility tree: every control named; opening a pair moves focus to its heading")
    sys.exit(0)


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and "trellis" in (a.name or "").lower():
            return a
    return None


def walk(node, out):
    """Every node under `node` (GTK's own containers above the page are not all 'showing')."""
    if node is None:
        return out
    try:
        out.append(node)
        for i in range(node.childCount):
            walk(node.getChildAtIndex(i), out)
    except Exception:  # a node gone while we walked: the screen changed under us
        pass
    return out


def find(root, role, name):
    for n in walk(root, []):
        if n.getRole() == role and (n.name or "").strip() == name:
            return n
    return None


def find_containing(root, role, text):
    for n in walk(root, []):
        if n.getRole() == role and text in (n.name or ""):
            return n
    return None


def check_names(root, screen):
    unnamed = []
    for n in walk(root, []):
        kind = NAMED_ROLES.get(n.getRole())
        if kind and n.getState().contains(pyatspi.STATE_SHOWING) and not (n.name or "").strip():
            # A field may take its name from a label relation rather than `name`.
            labelled = any(
                r.getRelationType() == pyatspi.RELATION_LABELLED_BY for r in n.getRelationSet()
            )
            if not labelled:
                unnamed.append(kind)
    if unnamed:
        problems.append(f"{screen}: {len(unnamed)} control(s) without a name: {', '.join(sorted(set(unnamed)))}")


def act(node, what):
    try:
        action = node.queryAction()
    except NotImplementedError:
        problems.append(f"{what} offers no action to assistive technology")
        report()
    action.doAction(0)


def focused(root):
    """The focused node inside the page (the web view itself, a GTK widget, always has focus)."""
    doc = next((n for n in walk(root, []) if n.getRole() == pyatspi.ROLE_DOCUMENT_WEB), None)
    for n in walk(doc, [])[1:]:
        if n.getState().contains(pyatspi.STATE_FOCUSED):
            return n
    return None


def focus_on_heading(root, name):
    n = focused(root)
    return n if n is not None and n.getRole() == pyatspi.ROLE_HEADING and (n.name or "").strip() == name else None


def main():
    root = wait("the Trellis window on the accessibility bus", app, timeout=60)
    wait("Home", lambda: find(root, pyatspi.ROLE_HEADING, "Home"))
    check_names(root, "Home")

    link = wait(f"the Home card link to {PARTNER}", lambda: [
        n for n in walk(root, [])
        if n.getRole() == pyatspi.ROLE_LINK and PARTNER in (n.name or "")
        and n.parent is not None and n.parent.getRole() == pyatspi.ROLE_HEADING
    ])[0]
    act(link, "the pair's link")
    heading = wait("the pair's heading", lambda: find(root, pyatspi.ROLE_HEADING, PARTNER))
    end = time.monotonic() + 10
    while time.monotonic() < end and not focus_on_heading(root, PARTNER):
        time.sleep(0.25)
    if not focus_on_heading(root, PARTNER):
        got = focused(root)
        problems.append(
            f"opening the pair left focus on {got.getRoleName() if got else 'nothing in the page'} "
            f"'{got.name if got else ''}', not on the heading '{heading.name}'"
        )

    for tab in ["Overview", "Goals", "Meetings", "Notes", "Graduation", "Check-in"]:
        node = wait(f"the tab {tab}", lambda t=tab: find(root, pyatspi.ROLE_PAGE_TAB, t))
        act(node, f"the tab {tab}")
        wait(f"the tab {tab} selected", lambda t=tab: (
            (n := find(root, pyatspi.ROLE_PAGE_TAB, t)) is not None
            and n.getState().contains(pyatspi.STATE_SELECTED)
        ))
        time.sleep(0.5)
        check_names(root, f"pair, {tab}")
        if tab == "Goals":
            add = wait("Add goal", lambda: find(root, pyatspi.ROLE_PUSH_BUTTON, "Add goal"))
            act(add, "Add goal")
            dialog = wait("the Add goal dialog", lambda: find(root, pyatspi.ROLE_DIALOG, "Add goal"))
            check_names(dialog, "Add goal dialog")
            title = wait("the Title field in the dialog", lambda: find(dialog, pyatspi.ROLE_ENTRY, "Title"))
            if not title.getState().contains(pyatspi.STATE_FOCUSED):
                problems.append("the Add goal dialog did not put focus in its Title field")
            cancel = find(dialog, pyatspi.ROLE_PUSH_BUTTON, "Cancel")
            act(cancel, "Cancel")
            wait("the dialog to close", lambda: find(root, pyatspi.ROLE_DIALOG, "Add goal") is None)
    report()


if __name__ == "__main__":
    main()
