#!/usr/bin/env python3
"""The build gate against the whole-page check, on every page of several sites.

The gate leaves out of its parse what no rule reads (the inline QR code's path data and the
JSON-LD). `kiosk build --verify-gate` checks every page both ways and fails, naming the page,
where the findings (code, line, column, Markdown or template line, message) or the links
differ. This runs it on:

- the example site (content/ of this repository);
- a benchmark site (bench/make_site.py);
- each of the checker's fixture pages, wrapped in the theme as a FAQ page's template, with
  the JSON-LD and the QR code written into it, and a failing image right after each on the
  same line;
- broken theme overrides and content: the QR code inside a comment, twice, or in an
  attribute; the JSON-LD in the body, or escaped into an attribute; FAQ text with '<', '&'
  and "--".

Each build may fail on the page's own findings; none may report that the two checks differ,
or crash."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIFFER = "differ from those of the whole page"


def build(kiosk, site, out):
    """Builds with --verify-gate; (exit status, output)."""
    done = subprocess.run([kiosk, "build", site, "-o", out, "--clean", "-q", "--verify-gate"],
                          capture_output=True, text=True, timeout=1200)
    return done.returncode, done.stderr + done.stdout


def wrap_fixture(html):
    """A checker fixture page as a FAQ template: the JSON-LD in its head, the QR code at the
    start of its body, each followed on its line by an image without alt text."""
    head = re.search(r"<head[^>]*>", html, re.I)
    if head:
        html = (html[:head.end()] + '<script type="application/ld+json">{{{page.json_ld}}}'
                "</script><meta name=x>" + html[head.end():])
    body = re.search(r"<body[^>]*>", html, re.I)
    qr = '{{{page.qr.svg}}}<img src="/after-qr.png"> '
    if body:
        html = html[:body.end()] + qr + html[body.end():]
    else:
        html += qr
    return html


# Theme overrides that put kiosk's data where the gate must not take it for what it is.
OVERRIDES = {
    "qr-in-a-comment": ("templates/partials/qr.mustache",
                        "{{#page.qr}}<!-- {{{svg}}} --><p>QR</p>{{/page.qr}}\n"),
    "qr-twice": ("templates/partials/qr.mustache",
                 '{{#page.qr}}<div class="qr">{{{svg}}}<img src="/x.png">{{{svg}}}'
                 "<img src=/y.png></div>{{/page.qr}}\n"),
    "qr-in-an-attribute": ("templates/partials/qr.mustache",
                           '{{#page.qr}}<p title="{{svg}}">{{{svg}}}</p>{{/page.qr}}\n'),
    "json-ld-in-the-body": ("templates/partials/qr.mustache",
                            '{{#page.json_ld}}<script type="application/ld+json">'
                            "{{{page.json_ld}}}</script><img src=/z.png>{{/page.json_ld}}\n"
                            '<p title="{{page.json_ld}}">{{{page.json_ld}}}</p>\n'),
}

# FAQ text that JSON-LD carries as it is: the gate must then read it.
AWKWARD_FAQ = """---
title: "Tags <b> & -- dashes"
---

## Is 1 < 2 && 3 > 2 -- really?

Yes <i>really</i> & truly -- as written.

## Another question?

Answer.
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()
    kiosk = os.path.abspath(args.kiosk)
    fixture = os.path.join(args.repo, "tests", "fixtures", "basic-site")
    failures = []
    scratch = tempfile.mkdtemp()

    def site_from_fixture(name):
        """A copy of the basic fixture site whose FAQ section is of type faq, for JSON-LD."""
        site = os.path.join(scratch, name)
        shutil.copytree(fixture, site)
        for language in ("en", "zh-TW"):
            index = os.path.join(site, "content", "faq", f"_index.{language}.md")
            with open(index, encoding="utf-8") as f:
                text = f.read()
            with open(index, "w", encoding="utf-8") as f:
                f.write(text.replace("---\n", "---\ntype: faq\n", 1))
        return site

    def expect(name, site, out, clean=True):
        status, output = build(kiosk, site, out)
        if DIFFER in output or status not in (0, 1) or (clean and status != 0):
            failures.append(f"{name}: exit status {status}\n{output[-4000:]}")
        print(f"{name}: exit status {status}")

    try:
        # The example site, copied so that its build log stays out of the repository.
        example = os.path.join(scratch, "example")
        shutil.copytree(args.repo, example, ignore=shutil.ignore_patterns(
            ".git", "build*", "output", ".kiosk", "node_modules", "bench", "tests", "fuzz"))
        expect("example site", example, os.path.join(scratch, "example-out"))

        bench = os.path.join(scratch, "bench")
        subprocess.run([sys.executable, os.path.join(args.repo, "bench", "make_site.py"), "60",
                        bench], check=True, capture_output=True)
        expect("benchmark site", bench, os.path.join(scratch, "bench-out"))

        fixtures = os.path.join(args.repo, "tests", "check", "fixtures")
        for name in sorted(os.listdir(fixtures)):
            if not name.endswith(".html"):
                continue
            with open(os.path.join(fixtures, name), encoding="utf-8") as f:
                html = f.read()
            site = site_from_fixture("fixture-" + name)
            templates = os.path.join(site, "themes", "default", "templates")
            os.makedirs(templates)
            for template in ("faq.mustache", "page.mustache"):
                with open(os.path.join(templates, template), "w", encoding="utf-8") as f:
                    f.write(wrap_fixture(html))
            expect("fixture " + name, site, site + "-out", clean=False)

        for name, (path, text) in OVERRIDES.items():
            site = site_from_fixture("override-" + name)
            target = os.path.join(site, "themes", "default", path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(site, "content", "faq", "awkward.en.md"), "w",
                      encoding="utf-8") as f:
                f.write(AWKWARD_FAQ)
            expect("override " + name, site, site + "-out", clean=False)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if failures:
        print("\n\n".join(failures))
        sys.exit(1)
    print("the gate found what the whole-page check found, on every page")


if __name__ == "__main__":
    main()
