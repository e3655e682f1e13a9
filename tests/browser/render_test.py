#!/usr/bin/env python3
"""Renders the example site in headless Chromium, as a reader's browser would.

Builds the site into a temporary folder, serves it on localhost, then for the home page and
a content page in both languages: checks the DOM Chromium built (language, landmarks, the
stylesheet applied) and writes screenshots at desktop and phone widths to
build/screenshots/ for people to look at.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

from static_server import serve

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]
PAGES = {
    "home-zh": ("/", "zh-Hant-TW"),
    "home-en": ("/en/", "en"),
    "faq-zh": ("/faq/household-registration/", "zh-Hant-TW"),
    "faq-en": ("/en/faq/household-registration/", "en"),
    "chinese-slug": ("/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/", "zh-Hant-TW"),
    "sop-zh": ("/services/household-transcript/", "zh-Hant-TW"),
    "sop-en": ("/en/services/household-transcript/", "en"),
    "plan-zh": ("/plans/gangshan-2018-service-plan/", "zh-Hant-TW"),
    "plan-en": ("/en/plans/gangshan-2018-service-plan/", "en"),
    "department-en": ("/en/departments/civil/", "en"),
}
# An SOP printed from the browser must fit A4 with nothing cut off.
PRINTED = "/services/household-transcript/"
A4_POINTS = (595.28, 841.89)
SIZES = {"desktop": "1280,900", "phone": "390,844", "narrow-phone": "320,568"}


def chromium(binary, profile, *args):
    return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def check_print(binary, work, url, site):
    """Prints a service page to PDF: A4 pages, and every fact of the page in the text."""
    pdf = os.path.join(work, "printed.pdf")
    chromium(binary, os.path.join(work, "profile-print"), "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", url)
    if not os.path.exists(pdf):
        return [f"{url}: Chromium printed no PDF"]
    failures = []
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts", info)
    if not size or abs(float(size.group(1)) - A4_POINTS[0]) > 1 or \
            abs(float(size.group(2)) - A4_POINTS[1]) > 1:
        failures.append(f"{url}: printed page is not A4: {size.group(0) if size else info}")
    # Text cut off at the right edge would be missing from what the page shows: compare the
    # printed text with the page's own facts (every cell of the documents table, every step).
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", pdf, "-"],
                                              capture_output=True, text=True).stdout)
    source = open(os.path.join(site, "content", "services", "household-transcript.zh-TW.md"),
                  encoding="utf-8").read()
    facts = re.findall(r"^\s+(?:- )?(?:name|note|what): (.+)$", source, re.M)
    missing = [fact for fact in facts if re.sub(r"\s+", "", fact) not in text]
    if not facts or missing:
        failures.append(f"{url}: printed PDF lacks {missing or 'every fact'}")
    shot = os.path.join(os.getcwd(), "screenshots", "sop-printed")
    subprocess.run(["pdftoppm", "-png", "-r", "50", pdf, shot])
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--screenshots", default=os.path.join(os.getcwd(), "screenshots"))
    options = parser.parse_args()

    failures = []
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, "site")
        subprocess.run([options.kiosk, "build", options.site, "-o", out, "-q"], check=True)
        server = serve(out)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        os.makedirs(options.screenshots, exist_ok=True)
        for name, (path, lang) in PAGES.items():
            profile = os.path.join(work, "profile-" + name)
            dom = chromium(options.chromium, profile, "--dump-dom", base + path).stdout
            checks = {
                f'<html lang="{lang}">': f'<html lang="{lang}"' in dom,
                "a main landmark": "<main" in dom,
                "the skip link first": re.search(r"<body[^>]*>\s*<a class=\"skip-link\"", dom),
                "the language switcher": 'class="language-switcher"' in dom,
            }
            for what, ok in checks.items():
                if not ok:
                    failures.append(f"{path}: expected {what}")
            for size_name, size in SIZES.items():
                shot = os.path.join(options.screenshots, f"{name}-{size_name}.png")
                chromium(options.chromium, profile, f"--window-size={size}",
                         f"--screenshot={shot}", base + path)
                if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
                    failures.append(f"{path}: no screenshot at {size_name} width")
        failures += check_print(options.chromium, work, base + PRINTED, options.site)
        server.shutdown()

    for failure in failures:
        print("FAIL:", failure)
    total = len(PAGES) * (4 + len(SIZES)) + 3
    print(f"{total - len(failures)} passed, {len(failures)} failed")
    print(f"screenshots: {options.screenshots}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
