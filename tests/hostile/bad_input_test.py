#!/usr/bin/env python3
"""Hostile and unlucky input, run through the kiosk program as a user runs it: symbolic links
out of the site, YAML alias bombs, deep nesting, huge tags, output folders in the wrong
place, a locked output folder, two builds at once, a full disk, kill -9 in the middle of a
build, posters written over links, FIFOs and devices.

Each case asserts the exit status, the file (and line) in the message, that nothing crashed
or hung, and that the previous output is byte for byte as it was, or made whole where the
message says so."""
import argparse
import fcntl
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT = 120  # seconds: a case that takes longer hangs
MEMORY = 4 << 30  # bytes of address space: a case that needs more runs away


def tree(folder):
    """Every file below a folder by relative path, with a hash of its bytes."""
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return files


def limit_resources():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


# AddressSanitizer maps terabytes of shadow memory: a sanitized kiosk is held to the memory
# limit by its own option instead.
SANITIZED = False


def run(kiosk, arguments, cwd):
    """Runs kiosk; (status, stderr + stdout). A crash or a hang is a failure of its own."""
    environment = dict(os.environ)
    if SANITIZED:
        environment["ASAN_OPTIONS"] = (environment.get("ASAN_OPTIONS", "") +
                                       f":hard_rss_limit_mb={MEMORY >> 20}").lstrip(":")
    try:
        done = subprocess.run([kiosk, *arguments], cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT, env=environment,
                              preexec_fn=None if SANITIZED else limit_resources)
    except subprocess.TimeoutExpired:
        return None, f"no answer after {TIMEOUT} s"
    if done.returncode < 0:
        return None, f"killed by {signal.Signals(-done.returncode).name}\n{done.stderr}"
    return done.returncode, done.stderr + done.stdout


def nested_aliases():
    """Nine lists of nine aliases of the list before: 9^9 values from a few hundred bytes."""
    yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        yaml += f"{level}: &{level} [" + ", ".join(["*" + previous] * 9) + "]\n"
    return yaml


def page(body, front_matter="title: 測試"):
    return f"---\n{front_matter}\n---\n{body}\n"


def html_page(head="", body=""):
    return ('<!DOCTYPE html>\n<html lang="zh-Hant-TW"><head><meta charset="utf-8">'
            f"<title>測試</title>{head}</head>\n<body><main>{body}</main></body></html>\n")


class Suite:
    def __init__(self, kiosk, fixture, work):
        self.kiosk, self.work = kiosk, work
        self.base = os.path.join(work, "base")
        shutil.copytree(fixture, self.base)
        status, output = run(kiosk, ["build", ".", "-o", "output"], self.base)
        if status != 0:
            sys.exit(f"the fixture does not build: {output}")
        self.before = tree(os.path.join(self.base, "output"))
        self.failures, self.cases = [], 0

    def site(self, name):
        """A copy of the built site, its output and build log included."""
        path = os.path.join(self.work, name)
        shutil.copytree(self.base, path, symlinks=True)
        return path

    def fail(self, name, problem):
        self.failures.append(f"{name}: {problem}")

    def expect(self, name, status, output, want_status, message):
        if status is None:
            self.fail(name, output)
            return False
        if status != want_status:
            self.fail(name, f"exit status {status}, not {want_status}:\n{output}")
            return False
        if message and not re.search(message, output, re.MULTILINE):
            self.fail(name, f"no message matching /{message}/ in:\n{output}")
            return False
        return True

    def build_error(self, name, change, message, arguments=("build", ".", "-o", "output")):
        """A build of the changed site fails with `message`; the output stays as it was."""
        self.cases += 1
        site = self.site(name)
        change(site)
        status, output = run(self.kiosk, list(arguments), site)
        if self.expect(name, status, output, 1, message):
            if tree(os.path.join(site, "output")) != self.before:
                self.fail(name, "the previous output changed")
            if "nothing was written (the previous output is unchanged)" not in output:
                self.fail(name, f"the summary does not say the output is unchanged:\n{output}")

    def build_ok(self, name, change):
        """Input that used to crash kiosk and is fine: the build succeeds."""
        self.cases += 1
        site = self.site(name)
        change(site)
        status, output = run(self.kiosk, ["build", ".", "-o", "output"], site)
        self.expect(name, status, output, 0, None)

    def check_error(self, name, html, message):
        """kiosk check on a page built to hurt it: an error at its place, no crash or hang."""
        self.cases += 1
        folder = os.path.join(self.work, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "page.html"), "w") as f:
            f.write(html)
        status, output = run(self.kiosk, ["check", "page.html"], folder)
        self.expect(name, status, output, 1, message)


def write(site, path, text):
    full = os.path.join(site, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


def link(site, target, path):
    full = os.path.join(site, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    os.symlink(target, full)


def edit(site):
    write(site, "content/faq/id-card.en.md", page("A changed answer.", "title: ID card, changed"))


def symlinks_and_places(suite):
    suite.build_error("a static file linked to /etc/passwd",
                      lambda s: link(s, "/etc/passwd", "static/passwd.txt"),
                      r"^static/passwd\.txt: error: the symbolic link leads outside the site")
    suite.build_error("a static folder linked to /etc, deep down",
                      lambda s: link(s, "/etc", "static/a/b/etc"),
                      r"^static/a/b/etc: error: the symbolic link leads outside the site")
    suite.build_error("a page linked to a file elsewhere",
                      lambda s: link(s, "/etc/hostname", "content/about/x.en.md"),
                      r"^content/about/x\.en\.md: error: the symbolic link leads outside")
    suite.build_error("a theme file linked out",
                      lambda s: link(s, "/etc/passwd", "themes/default/static/css/site.css"),
                      r"^themes/default/static/css/site\.css: error: the symbolic link leads out")
    suite.build_error("site.yaml linked out", lambda s: (os.remove(os.path.join(s, "site.yaml")),
                                                        link(s, "/etc/passwd", "site.yaml")),
                      r"^site\.yaml: error: the symbolic link leads outside")
    suite.build_error("published.txt linked out",
                      lambda s: (os.remove(os.path.join(s, "published.txt")),
                                 link(s, "/etc/passwd", "published.txt")),
                      r"^published\.txt: error: the symbolic link leads outside")
    suite.build_error("a loop of links", lambda s: link(s, "loop", "static/loop"),
                      r"^static/loop: error: the symbolic links here lead in a loop")
    suite.build_error("a link back into its own folder", lambda s: link(s, "..", "static/up"),
                      r"^static/up: error: the symbolic links here lead in a loop")
    suite.build_error("-o inside content/", lambda s: None,
                      r"^content/out: error: the output folder is inside content/",
                      ("build", ".", "-o", "content/out"))
    suite.build_error("-o inside static/", lambda s: None,
                      r"^static/out: error: the output folder is inside static/",
                      ("build", ".", "-o", "static/out"))
    suite.build_error("a content folder named with a backslash",
                      lambda s: write(s, "content/a\\b/p.en.md", page("x")),
                      r"^content/a\\b/p\.en\.md: error: the folder name 'a\\b' cannot be part")
    suite.build_error("a static file named with a backslash",
                      lambda s: write(s, "static/a\\b.txt", "x"),
                      r"^static/a\\b\.txt: error: the file's name holds '\\'")


def yaml_bombs(suite):
    bomb = nested_aliases()
    suite.build_error("an alias bomb in front matter",
                      lambda s: write(s, "content/bomb.en.md", page("x", "title: x\n" + bomb)),
                      r"^content/bomb\.en\.md:7:\d+: error: the aliases \(\*name\) of this YAML")

    def in_site_yaml(site):
        with open(os.path.join(site, "site.yaml"), "a") as f:
            f.write(bomb)
    suite.build_error("an alias bomb in site.yaml", in_site_yaml,
                      r"^site\.yaml:\d+:\d+: error: the aliases \(\*name\) of this YAML")
    suite.build_error("an alias bomb in interface strings",
                      lambda s: write(s, "themes/default/i18n/en.yaml", bomb),
                      r"^themes/default/i18n/en\.yaml:5:\d+: error: the aliases \(\*name\)")


def deep_and_long(suite):
    suite.build_error("10,000 nested quotes",
                      lambda s: write(s, "content/deep.en.md", page(">" * 10000 + " x")),
                      r"^content/deep\.en\.md:4:101: error: .* nested more than 100 deep")
    suite.build_error("3,000 nested lists",
                      lambda s: write(s, "content/deep.en.md",
                                      page("".join("  " * i + "- x\n" for i in range(3000)))),
                      r"^content/deep\.en\.md:53:\d+: error: .* nested more than 100 deep")
    suite.build_error("5,000 nested emphasis",
                      lambda s: write(s, "content/deep.en.md",
                                      page("*a " * 5000 + "x" + " b*" * 5000)),
                      r"^content/deep\.en\.md:4:\d+: error: .* nested more than 100 deep")
    suite.build_error("an invalid 50,000-character heading id",
                      lambda s: write(s, "content/long.en.md",
                                      page("## t {#1" + "a" * 50000 + "}")),
                      r"^content/long\.en\.md:4:1: error: the heading id '\{#1a+…\}' is not valid")
    suite.build_ok("a valid 50,000-character heading id",
                   lambda s: write(s, "content/long.en.md", page("## t {#" + "a" * 50000 + "}")))
    # The picture is there: a missing one is an error of its own.
    suite.build_ok("a 30,000-character alt text",
                   lambda s: (write(s, "content/x.png", "not looked into"),
                              write(s, "content/long.en.md",
                                    page("![" + "a" * 30000 + "](x.png)"))))

    def long_base_url(site):
        path = os.path.join(site, "site.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(re.sub(r"^base_url: .*$", "base_url: https://example.gov.tw/" + "a" * 100000 +
                           "?x", text, flags=re.MULTILINE))
    suite.build_error("a 100,000-character base_url", long_base_url,
                      r"^site\.yaml:1:11: error: base_url 'https://example\.gov\.tw/a+…' is not")


def checker(suite):
    suite.check_error("100,000 nested <div>",
                      html_page(body="<div>" * 100000 + "x" + "</div>" * 100000),
                      r"^page\.html:3:\d+: error: elements are nested more than 1,000 deep")
    suite.check_error("50,000 nested <g> in an SVG",
                      html_page(body="<svg>" + "<g>" * 50000 + "</g>" * 50000 + "</svg>"),
                      r"^page\.html:3:\d+: error: elements are nested more than 1,000 deep")
    suite.check_error(":is( nested 20,000 deep",
                      html_page(head="<style>" + ":is(" * 20000 + "a" + ")" * 20000 +
                                "{color:red}</style>"),
                      r"^page\.html:2:\d+: error: the stylesheet nests .* more than 32 deep")
    suite.check_error("100,000 attributes on one element",
                      html_page(body="<div " + " ".join(f'data-a{i}="v"' for i in range(100000)) +
                                ">x</div>"),
                      r"^page\.html:3:\d+: error: the element has more than 1,000 attributes")
    suite.check_error("aria-labelledby naming 100,000 missing ids",
                      html_page(body='<button aria-labelledby="' +
                                " ".join(f"id{i}" for i in range(100000)) + '">x</button>'),
                      r"99,900 more findings of this check on this page are not listed")


def concurrency_and_faults(suite):
    kiosk = suite.kiosk

    # Another build holds the output folder's lock.
    suite.cases += 1
    site = suite.site("a build while another holds the lock")
    with open(os.path.join(site, ".output.kiosk-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        edit(site)
        status, output = run(kiosk, ["build", ".", "-o", "output"], site)
        suite.expect("locked", status, output, 1,
                     rf"^output: error: another kiosk build \(process {os.getpid()}\) is writing")
    if tree(os.path.join(site, "output")) != suite.before:
        suite.fail("locked", "the previous output changed")

    # Two builds at once: one waits for nothing and fails clearly, or they do not overlap;
    # either way the output ends whole.
    suite.cases += 1
    site = suite.site("two builds at once")
    edit(site)
    builds = [subprocess.Popen([kiosk, "build", ".", "-o", "output", "--clean"], cwd=site,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
              for _ in range(2)]
    results = [(b.wait(timeout=TIMEOUT), b.stdout.read()) for b in builds]
    clean = suite.site("two builds at once, clean")
    edit(clean)
    shutil.rmtree(os.path.join(clean, "output"))
    run(kiosk, ["build", ".", "-o", "output", "--clean"], clean)
    if not any(status == 0 for status, _ in results):
        suite.fail("two builds", f"neither succeeded: {results}")
    for status, output in results:
        if status != 0 and "another kiosk build" not in output:
            suite.fail("two builds", f"a failure that is not the lock's: {output}")
    if tree(os.path.join(site, "output")) != tree(os.path.join(clean, "output")):
        suite.fail("two builds", "the output is not a clean build's")

    # kill -9 at any moment of a full build: the output folder is always there, the old one
    # or the new one, whole.
    clean_tree = tree(os.path.join(clean, "output"))
    for delay in (0.02, 0.05, 0.1, 0.2, 0.3, 0.5):
        suite.cases += 1
        name = f"kill -9 after {delay} s"
        site = suite.site(name)
        edit(site)
        build = subprocess.Popen([kiosk, "build", ".", "-o", "output", "--clean"], cwd=site,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        build.kill()
        build.wait()
        after = tree(os.path.join(site, "output")) if os.path.isdir(os.path.join(site, "output")) \
            else None
        if after not in (suite.before, clean_tree):
            suite.fail(name, "the output folder is missing or neither the old nor the new one")
        status, output = run(kiosk, ["build", ".", "-o", "output"], site)
        if status != 0 or tree(os.path.join(site, "output")) != clean_tree:
            suite.fail(name, f"the next build did not make the output whole: {output}")

    # What a kill -9 between the two renames of a swap leaves where the file system cannot
    # exchange folders: the next build puts the old output back, then replaces it.
    suite.cases += 1
    site = suite.site("stopped between the two renames")
    os.rename(os.path.join(site, "output"), os.path.join(site, ".output.kiosk-old"))
    edit(site)
    status, output = run(kiosk, ["build", ".", "-o", "output"], site)
    if suite.expect("between renames", status, output, 0, None):
        if tree(os.path.join(site, "output")) != clean_tree:
            suite.fail("between renames", "the output is not a clean build's")
        if os.path.exists(os.path.join(site, ".output.kiosk-old")):
            suite.fail("between renames", "the old output is left behind")


def full_disk(suite):
    """An incremental build into a nearly full file system (a small tmpfs, when the machine
    lets this test mount one)."""
    kiosk = suite.kiosk
    site = suite.site("a full disk")
    disk = os.path.join(suite.work, "disk")
    os.makedirs(disk)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk],
                      capture_output=True).returncode != 0:
        print("bad input: skipped the full disk (cannot mount a tmpfs here)")
        return
    try:
        suite.cases += 1
        out = os.path.join(disk, "output")
        status, output = run(kiosk, ["build", ".", "-o", out], site)
        if not suite.expect("full disk, first build", status, output, 0, None):
            return
        before = tree(out)
        stat = os.statvfs(disk)
        with open(os.path.join(disk, "filler"), "wb") as f:
            f.write(b"\0" * max(0, stat.f_bavail * stat.f_frsize - 24 * 1024))
        edit(site)
        write(site, "content/faq/new.en.md", page("A new page. " * 500, "title: New"))
        status, output = run(kiosk, ["build", ".", "-o", out], site)
        if suite.expect("full disk", status, output, 1,
                        r"error: cannot write the file — check free disk space"):
            if "nothing was written (the previous output is unchanged)" in output and \
                    tree(out) != before:
                suite.fail("full disk", "it says the output is unchanged, and it changed")
            if tree(out) != before:
                suite.fail("full disk", "the previous output changed")
        os.remove(os.path.join(disk, "filler"))
        status, output = run(kiosk, ["build", ".", "-o", out], site)
        if suite.expect("full disk, space freed", status, output, 0, None):
            clean = suite.site("a full disk, clean")
            edit(clean)
            write(clean, "content/faq/new.en.md", page("A new page. " * 500, "title: New"))
            run(kiosk, ["build", ".", "-o", "clean-output", "--clean"], clean)
            if tree(out) != tree(os.path.join(clean, "clean-output")):
                suite.fail("full disk, space freed", "the output is not a clean build's")
    finally:
        subprocess.run(["umount", disk])


def posters(suite):
    kiosk = suite.kiosk
    folder = os.path.join(suite.work, "posters")
    os.makedirs(folder)
    with open(os.path.join(folder, "victim.txt"), "w") as f:
        f.write("keep")
    os.symlink(os.path.join(folder, "victim.txt"), os.path.join(folder, "link.pdf"))
    os.mkfifo(os.path.join(folder, "fifo.pdf"))
    cases = [("link.pdf", r"link\.pdf: error: -o names a symbolic link"),
             ("fifo.pdf", r"fifo\.pdf: error: -o names a device, FIFO or socket")]
    if os.geteuid() == 0:
        os.mknod(os.path.join(folder, "null.pdf"), 0o666 | 0o020000, os.makedev(1, 3))
        cases.append(("null.pdf", r"null\.pdf: error: -o names a device, FIFO or socket"))
    published = os.path.join(suite.base, "published.txt")
    with open(published) as f:
        counted = f.read()
    for name, message in cases:
        suite.cases += 1
        target = os.path.join(folder, name)
        status, output = run(kiosk, ["poster", suite.base, "--section", "faq", "-o", target],
                             folder)
        suite.expect(f"poster -o {name}", status, output, 1, message)
    with open(os.path.join(folder, "victim.txt")) as f:
        if f.read() != "keep":
            suite.fail("poster -o link.pdf", "the file the link leads to was written")
    with open(published) as f:
        if f.read() != counted:
            suite.fail("poster -o", "posters refused were counted in published.txt")
    for name, _ in cases:
        if os.path.isfile(os.path.join(folder, name)) and not os.path.islink(
                os.path.join(folder, name)):
            suite.fail(f"poster -o {name}", "replaced by a regular file")


def new_pages(suite):
    """kiosk new writes nothing through a section folder linked out of the site."""
    site = suite.site("new-pages")
    elsewhere = os.path.join(suite.work, "elsewhere-faq")
    shutil.move(os.path.join(site, "content/faq"), elsewhere)
    link(site, elsewhere, "content/faq")

    def made(folder):
        return tree(folder), sorted(root for root, _, _ in os.walk(folder))

    before = made(elsewhere)
    for arguments, message in [
            (["new", "faq", "parking"],
             r"^content/faq/parking\.en\.md: error: the symbolic link leads outside"),
            (["new", "faq", "parking", "--section", "faq/lots/north"],
             r"^content/faq/lots/north/_index\.en\.md: error: the symbolic link leads outside")]:
        suite.cases += 1
        status, output = run(suite.kiosk, arguments, site)
        suite.expect(" ".join(arguments), status, output, 1, message)
    if made(elsewhere) != before:
        suite.fail("kiosk new", "a file or folder was made outside the site")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--fixture", required=True)
    parser.add_argument("--sanitized", action="store_true",
                        help="kiosk is built with AddressSanitizer")
    options = parser.parse_args()
    global SANITIZED
    SANITIZED = options.sanitized
    kiosk = os.path.abspath(options.kiosk)
    with tempfile.TemporaryDirectory() as work:
        suite = Suite(kiosk, options.fixture, work)
        for group in (symlinks_and_places, yaml_bombs, deep_and_long, checker,
                      concurrency_and_faults, full_disk, posters, new_pages):
            group(suite)
        for failure in suite.failures:
            print("FAIL", failure, file=sys.stderr)
        print(f"bad input: {suite.cases} cases, {len(suite.failures)} failures")
        return 1 if suite.failures else 0


if __name__ == "__main__":
    sys.exit(main())
