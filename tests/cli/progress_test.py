#!/usr/bin/env python3
"""The progress line of a long build and check, as a user sees it on a terminal.

Makes a site of a few thousand pages (tests/fixtures/basic-site and generated notices) and
builds and checks it on a pseudo-terminal, where one line must say the step and the pages
done of the total, redrawn in place and cleared before the summary; then in a pipe and with
-q, where it must not appear at all.
"""
import argparse
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import time

PAGES = 2400  # so that kiosk check runs past 1.5 s on a fast machine too (1.1 s at 1,200)
# "\rkiosk: render pages, 120 of 2500 (4%)"
PROGRESS = re.compile(r"\rkiosk: ([a-z ]+), (\d+) of (\d+) \((\d+)%\)")
# Any line drawn: a step with or without its count, and the spaces over a longer one.
DRAWN = re.compile(r"\rkiosk: [a-z ]+(, \d+ of \d+ \(\d+%\))? *(?=\r)")


def make_site(fixture, site):
    shutil.copytree(fixture, site)
    notices = os.path.join(site, "content", "notices")
    os.makedirs(notices)
    for language, title in (("zh-TW", "公告"), ("en", "Notices")):
        with open(os.path.join(notices, f"_index.{language}.md"), "w", encoding="utf-8") as index:
            index.write(f"---\ntitle: {title}\n---\n")
    for n in range(PAGES):
        with open(os.path.join(notices, f"notice-{n:04}.zh-TW.md"), "w",
                  encoding="utf-8") as page:
            page.write(f"---\ntitle: 第 {n} 號公告\ndate: 2026-11-02\ndepartment: civil\n---\n"
                       f"## 說明\n\n本所第 {n} 號公告，請民眾留意。\n")


def terminal_environment():
    environment = dict(os.environ, TERM="xterm")
    environment.pop("CI", None)  # CI runners set it, and kiosk then shows no progress
    return environment


def run_on_terminal(arguments, output_to_terminal=True):
    """Runs a command with a pseudo-terminal as its standard error, and its standard output
    unless the output goes to /dev/null (as a report sent to a file)."""
    started = time.monotonic()
    pid, terminal = pty.fork()
    if pid == 0:
        if not output_to_terminal:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execve(arguments[0], arguments, terminal_environment())
    output = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the program has ended and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(), time.monotonic() - started


def run_in_pipe(arguments):
    run = subprocess.run(arguments, capture_output=True, text=True, env=terminal_environment())
    return run.returncode, run.stdout + run.stderr


def expect_progress(name, output, seconds, steps, failures):
    if seconds < 1.5:
        failures.append(f"{name}: took {seconds:.1f} s, too little to show progress; "
                        f"make PAGES larger")
        return
    found = PROGRESS.findall(output)
    if not found:
        failures.append(f"{name}: no progress line on the terminal:\n{output[:2000]}")
        return
    for step in steps:
        counts = [(int(done), int(total)) for shown, done, total, _ in found if shown == step]
        if not counts:
            failures.append(f"{name}: no progress of '{step}' in {sorted(set(s[0] for s in found))}")
        elif any(done > total or total < PAGES for done, total in counts):
            failures.append(f"{name}: '{step}' counts {counts[:5]} are not pages done of all")
    # The line drawn last is overwritten with spaces before anything else is printed.
    last = list(DRAWN.finditer(output))[-1]
    if not re.match(r"\r +\r", output[last.end():]):
        failures.append(f"{name}: the progress line is not cleared: "
                        f"{output[last.start():last.end() + 200]!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--fixture", required=True)
    options = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site")
        make_site(options.fixture, site)
        build = [options.kiosk, "build", site, "-j1", "--clean"]

        status, output, seconds = run_on_terminal(build)
        if status != 0:
            failures.append(f"build on a terminal exited with {status}:\n{output[-2000:]}")
        expect_progress("build", output, seconds, ["render pages"], failures)
        if "kiosk: built" not in output:
            failures.append(f"build on a terminal: no summary:\n{output[-2000:]}")

        status, output = run_in_pipe(build)
        if status != 0 or "\r" in output or "render pages," in output:
            failures.append(f"build in a pipe: status {status}, progress shown:\n{output[:500]}")

        status, output, _ = run_on_terminal(build + ["-q"])
        if status != 0 or "\r" in output.replace("\r\n", "\n"):
            failures.append(f"build -q on a terminal: status {status}, output {output[:500]!r}")

        check = [options.kiosk, "check", os.path.join(site, "output")]
        status, output, seconds = run_on_terminal(check, output_to_terminal=False)
        if status != 0:
            failures.append(f"check on a terminal exited with {status}:\n{output[-2000:]}")
        expect_progress("check", output, seconds, ["check pages"], failures)

        status, output = run_in_pipe(check)
        if "\r" in output or "check pages," in output:
            failures.append(f"check in a pipe: progress shown:\n{output[:500]}")

    for failure in failures:
        print("FAIL:", failure)
    print("progress: " + ("failed" if failures else "shown on a terminal, absent in a pipe"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
