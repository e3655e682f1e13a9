#!/usr/bin/env python3
"""The example site's tables as a screen reader gets them from Chromium on Linux: through
AT-SPI, the accessibility bus Orca reads, from Chromium (not headless) on a virtual X display.
For every data cell, the header cells Chromium gives it: its column headers and row headers.

At 1280 px every data cell must have a column header and, in a table with row headers, one
in every row-header column (group, subgroup). At 320 px, where the theme stacks the rows, a
table without merged cells must be read exactly as at 1280 px. Chromium reads the cells of a
stacked table as they stand in their rows, without their rowspan and colspan, so the theme
leaves out the column headers of a table with merged cells there: each of its cells must be
read after its label, which must name the cell's column headers at 1280 px.

Usage: platform_tables_test.py --site OUTPUT_DIR --chromium /usr/bin/chromium
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import gi
from static_server import serve

gi.require_version("Atspi", "2.0")
Atspi = None  # imported once the accessibility bus runs: it connects to the bus it finds then

PAGES = [
    "/plans/gangshan-2018-service-plan/",
    "/en/plans/gangshan-2018-service-plan/",
    "/plans/central-recycling-plant-2021-service-plan/",
    "/plans/xinyi-2014-service-quality-plan/",
    "/services/household-transcript/",
    "/en/services/household-transcript/",
]
DESKTOP, PHONE = 1280, 320


def start_session(work):
    """A virtual display, a D-Bus session and the accessibility bus; their environment."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x1000x24",
                             "-nolisten", "tcp"], pass_fds=[write], stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as announced:  # Xvfb stops if it cannot write the whole line
        display = announced.readline().strip()
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    env = dict(os.environ, DISPLAY=":" + display, ACCESSIBILITY_ENABLED="1",
               DBUS_SESSION_BUS_ADDRESS=bus.stdout.readline().strip(), XDG_RUNTIME_DIR=work)
    atspi = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ.update(env)
    time.sleep(2)  # the launcher announces the bus on the display and the session
    global Atspi
    from gi.repository import Atspi
    return [atspi, bus, xvfb]


def text_of(node):
    """What a screen reader reads of a node: its text, with the text of the objects in it
    (such as a cell's label drawn by CSS) in their places."""
    if "Text" not in node.get_interfaces():
        return (node.get_name() or "").strip()
    text = Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))
    parts = text.split("\ufffc")  # an object embedded in the text, one per child in order
    children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
    return "".join(part + (text_of(children[i]) if i < len(children) and i < len(parts) - 1 else "")
                   for i, part in enumerate(parts)).strip()


def tables_of(app):
    """The tables of the application's page: for each, whether it has merged cells, and its
    data cells in document order as (text, column headers, row headers)."""
    tables = []

    def walk(node, table):
        try:
            role = node.get_role()
        except gi.repository.GLib.Error:  # a node gone meanwhile
            return
        if role == Atspi.Role.TABLE:
            table = {"merged": False, "cells": []}
            tables.append(table)
        elif table is not None and role in (Atspi.Role.TABLE_CELL, Atspi.Role.ROW_HEADER,
                                            Atspi.Role.COLUMN_HEADER):
            table["merged"] |= (Atspi.TableCell.get_row_span(node) > 1
                                or Atspi.TableCell.get_column_span(node) > 1)
            if role == Atspi.Role.TABLE_CELL:
                table["cells"].append((
                    text_of(node),
                    [text_of(head) for head in Atspi.TableCell.get_column_header_cells(node)],
                    [text_of(head) for head in Atspi.TableCell.get_row_header_cells(node)]))
            return
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            if child is not None:
                walk(child, table)

    walk(app, None)
    return tables


def read_page(chromium, url, width, work):
    """The tables of `url` in a Chromium window `width` px wide, once the page has loaded."""
    profile = tempfile.mkdtemp(dir=work)
    browser = subprocess.Popen(
        [chromium, "--no-sandbox", "--disable-gpu", "--no-first-run", "--force-renderer-accessibility",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--window-size={width},900", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # The page has loaded when two readings a second apart agree and hold a table.
        previous, deadline = None, time.time() + 90
        while time.time() < deadline:
            time.sleep(1)
            desktop = Atspi.get_desktop(0)
            apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
            tables = [t for app in apps if app and "hromium" in (app.get_name() or "")
                      for t in tables_of(app)]
            if tables and tables == previous:
                return tables
            previous = tables
        return None
    finally:
        browser.terminate()
        browser.wait()


def check(url, desktop, phone):
    failures = []
    if len(desktop) != len(phone):
        failures.append(f"{url}: {len(desktop)} tables at {DESKTOP} px, {len(phone)} at {PHONE} px")
    for number, (wide, narrow) in enumerate(zip(desktop, phone), 1):
        where = f"{url} table {number}"
        row_levels = max((len(rows) for _, _, rows in wide["cells"]), default=0)
        for text, columns, rows in wide["cells"]:
            if not columns:
                failures.append(f"{where}: '{text[:30]}' has no column header at {DESKTOP} px")
            if len(rows) < row_levels:
                failures.append(f"{where}: '{text[:30]}' has row headers {rows} at {DESKTOP} "
                                f"px, not one of each of {row_levels} levels")
        if len(wide["cells"]) != len(narrow["cells"]):
            failures.append(f"{where}: {len(wide['cells'])} cells at {DESKTOP} px, "
                            f"{len(narrow['cells'])} at {PHONE} px")
        for (text, columns, rows), (phone_text, phone_columns, _) in zip(wide["cells"],
                                                                           narrow["cells"]):
            if not wide["merged"]:
                if (phone_text, phone_columns) != (text, columns):
                    failures.append(f"{where}: '{text[:30]}' is read as '{phone_text[:30]}' "
                                    f"under {phone_columns} at {PHONE} px, not under {columns}")
                continue
            # Stacked, a table with merged cells has no column headers: its cells are read
            # with their labels.
            label = " › ".join(columns)
            if phone_columns or phone_text.replace(label, "", 1).strip() != text:
                failures.append(f"{where}: '{text[:30]}' is read as '{phone_text[:40]}' under "
                                f"{phone_columns} at {PHONE} px, not after its label '{label}'")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--chromium", required=True)
    options = parser.parse_args()
    failures, cells = [], 0
    with tempfile.TemporaryDirectory() as work:
        processes = start_session(work)
        server = serve(options.site)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            for path in PAGES:
                desktop = read_page(options.chromium, base + path, DESKTOP, work)
                phone = read_page(options.chromium, base + path, PHONE, work)
                if not desktop or not phone:
                    failures.append(f"{path}: no table read through AT-SPI")
                    continue
                cells += sum(len(table["cells"]) for table in desktop)
                failures += check(path, desktop, phone)
        finally:
            server.shutdown()
            for process in processes:
                process.terminate()
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(PAGES)} pages, {cells} cells read: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
