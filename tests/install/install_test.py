#!/usr/bin/env python3
"""kiosk installed, as a user gets it: by `cmake --install` and as a .deb.

Installs the build into a temporary prefix and runs `kiosk build`, `kiosk poster` and
`kiosk serve` from another folder, also through a symbolic link on PATH; reads the man page
(it must render without warnings and document every option the commands' help lists) and
tries the bash completion. Then makes the .deb with CPack and checks its Depends and contents, and runs
`kiosk poster` from the package's unpacked files.
"""
import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

# "  -o, --output OUT_DIR   where…" and "      --drafts   include…" in a command's help.
OPTION = re.compile(r"^  (?:-[a-zA-Z], |    )(--[a-z0-9-]+)", re.MULTILINE)
COMMAND = re.compile(r"^  kiosk ([a-z][a-z-]*) ", re.MULTILINE)


def run(arguments, **options):
    return subprocess.run(arguments, capture_output=True, text=True, **options)


def expect_site_and_posters(kiosk, fixture, work, name, failures, env=None):
    """Builds and prints posters of a copy of the fixture from a folder of its own."""
    site = os.path.join(work, f"site-{name}")
    shutil.copytree(fixture, site)
    elsewhere = os.path.join(work, f"elsewhere-{name}")
    os.makedirs(elsewhere)
    built = run([kiosk, "build", site, "-q"], cwd=elsewhere, env=env)
    if built.returncode != 0 or not os.path.exists(os.path.join(site, "output", "index.html")):
        failures.append(f"{name}: kiosk build failed ({built.returncode}): {built.stderr}")
    printed = run([kiosk, "poster", site, "--department", "civil", "-o", "posters.pdf"],
                  cwd=elsewhere, env=env)
    pdf = os.path.join(elsewhere, "posters.pdf")
    if printed.returncode != 0 or not open(pdf, "rb").read(5) == b"%PDF-":
        failures.append(f"{name}: kiosk poster failed ({printed.returncode}): {printed.stderr}")
    expect_serve(kiosk, site, name, failures, env)


def expect_serve(kiosk, site, name, failures, env):
    """Serves the site until its home page is fetched: kiosk-http.so is found."""
    server = subprocess.Popen([kiosk, "serve", site, "--port", "0", "-j", "2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = ""
    try:
        for line in server.stdout:
            output += line
            address = re.search(r"at (http://127\.0\.0\.1:\d+/\S*) \(Ctrl-C to stop\)", line)
            if address:
                with urllib.request.urlopen(address.group(1), timeout=60) as home:
                    if home.status != 200:
                        failures.append(f"{name}: kiosk serve answered {home.status}")
                break
        else:
            failures.append(f"{name}: kiosk serve ended: {output}")
    except OSError as error:
        failures.append(f"{name}: kiosk serve: {error}: {output}")
    finally:
        server.terminate()
        server.wait(timeout=60)


def expect_man_page(kiosk, man_page, failures):
    source = gzip.open(man_page, "rt", encoding="utf-8").read()
    if shutil.which("groff") and shutil.which("preconv"):
        encoded = run(["preconv"], input=source).stdout
        rendered = run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=encoded)
        if rendered.returncode != 0 or rendered.stderr:
            failures.append(f"{man_page}: groff warns: {rendered.stderr[:1000]}")
    for command in COMMAND.findall(run([kiosk, "--help"]).stdout):
        if f".SS kiosk {command}" not in source:
            failures.append(f"kiosk {command} has no section in packaging/kiosk.1.scd")
        for option in OPTION.findall(run([kiosk, command, "--help"]).stdout):
            if f"\\fB{option}\\fR" not in source and option != "--help":
                failures.append(f"kiosk {command} {option} is not in packaging/kiosk.1.scd: "
                                "document it there")


def expect_completion(kiosk, script, work, failures):
    """Completes command lines as bash would, the cursor at the end of each."""
    os.makedirs(os.path.join(work, "completion", "public"))
    open(os.path.join(work, "completion", "notes.txt"), "w").close()
    cases = {
        "kiosk bu": "build",
        "kiosk help po": "poster",
        "kiosk build --strict": "--strict-translations",
        "kiosk poster --size ": "A4 A3",
        "kiosk check --level=": "A AA AAA",
        "kiosk check --format j": "json",
        "kiosk build -o ": "public",
        "kiosk build -j ": "",
    }
    for line, expected in cases.items():
        # Split as bash does, at spaces and around '='.
        words = line.replace("=", " = ").split() + ([""] if line.endswith(" ") else [])
        words[0] = kiosk
        program = (f"source {script}; compopt() {{ :; }}; "
                   f"COMP_LINE='{line}'; COMP_POINT={len(line)}; "
                   f"COMP_WORDS=({' '.join(repr(word) for word in words)}); "
                   f"COMP_CWORD={len(words) - 1}; _kiosk; echo \"${{COMPREPLY[*]}}\"")
        completed = run(["bash", "-c", program], cwd=os.path.join(work, "completion"))
        if completed.stdout.strip() != expected:
            failures.append(f"completion of '{line}': {completed.stdout.strip()!r}, expected "
                            f"{expected!r} {completed.stderr}")


def expect_deb(build_dir, fixture, work, failures):
    packages = os.path.join(work, "packages")
    made = run(["cpack", "--config", os.path.join(build_dir, "CPackConfig.cmake"), "-B",
                packages])
    debs = [name for name in os.listdir(packages) if name.endswith(".deb")] if os.path.isdir(
        packages) else []
    if made.returncode != 0 or len(debs) != 1:
        failures.append(f"cpack made {debs}: {made.stdout[-1000:]} {made.stderr[-1000:]}")
        return
    deb = os.path.join(packages, debs[0])
    if not re.fullmatch(r"kiosk_\d+\.\d+\.\d+_amd64\.deb", debs[0]):
        failures.append(f"the package is named {debs[0]}, not kiosk_<version>_amd64.deb")
    depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
    for package in ["libc6", "libstdc++6", "libcmark-gfm0", "libcmark-gfm-extensions0",
                    "libtidy5deb1", "libqrencode4", "libyaml-0-2", "libxxhash0", "zlib1g",
                    "libjemalloc2", "libpangocairo-1.0-0", "libcairo2", "libcpp-httplib0.11",
                    "fonts-noto-cjk"]:
        if not re.search(rf"(^|, ){re.escape(package)}", depends):
            failures.append(f"{debs[0]}: Depends lacks {package}: {depends}")
    contents = run(["dpkg-deb", "-c", deb]).stdout
    for path in ["./usr/bin/kiosk", "./usr/lib/kiosk/kiosk-poster.so",
                 "./usr/lib/kiosk/kiosk-http.so",
                 "./usr/share/man/man1/kiosk.1.gz",
                 "./usr/share/bash-completion/completions/kiosk",
                 "./usr/share/doc/kiosk/README.md"]:
        if not re.search(rf" {re.escape(path)}$", contents, re.MULTILINE):
            failures.append(f"{debs[0]} lacks {path}:\n{contents}")
    unpacked = os.path.join(work, "unpacked")
    run(["dpkg-deb", "-x", deb, unpacked])
    expect_site_and_posters(os.path.join(unpacked, "usr", "bin", "kiosk"), fixture, work, "deb",
                            failures)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--fixture", required=True)
    options = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as work:
        prefix = os.path.join(work, "prefix")
        installed = run(["cmake", "--install", options.build_dir, "--prefix", prefix])
        if installed.returncode != 0:
            failures.append(f"cmake --install failed: {installed.stderr}")
        kiosk = os.path.join(prefix, "bin", "kiosk")
        expect_site_and_posters(kiosk, options.fixture, work, "prefix", failures)

        # Found on PATH through a link, as /usr/local/bin/kiosk -> /opt/kiosk/bin/kiosk.
        links = os.path.join(work, "links")
        os.makedirs(links)
        os.symlink(kiosk, os.path.join(links, "kiosk"))
        path = dict(os.environ, PATH=links + os.pathsep + os.environ["PATH"])
        expect_site_and_posters("kiosk", options.fixture, work, "link", failures, env=path)

        expect_man_page(kiosk, os.path.join(prefix, "share", "man", "man1", "kiosk.1.gz"),
                        failures)
        expect_completion(kiosk,
                          os.path.join(prefix, "share", "bash-completion", "completions", "kiosk"),
                          work, failures)
        if shutil.which("cpack") and shutil.which("dpkg-shlibdeps"):
            expect_deb(options.build_dir, options.fixture, work, failures)
        else:
            failures.append("cpack or dpkg-shlibdeps (dpkg-dev) is missing: no .deb made")
    for failure in failures:
        print("FAIL:", failure)
    print("install: " + ("failed" if failures else "prefix, PATH link, man page, completion, .deb"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
