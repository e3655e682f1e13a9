#!/usr/bin/env python3
"""Decodes every QR code kiosk writes, as a phone would read it.

Builds tests/fixtures/basic-site (which has a Chinese slug) three times — with plain URLs, with
short links, and for a preview at another address (--base-url) — and for every page decodes
qr.png, and qr.svg rasterised by rsvg-convert, with zbarimg. Each must hold the URL printed
beside the code on the page: the page's canonical URL below the site's address, or its short
link, whose redirect page must lead to the canonical URL.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile


def decode(image):
    result = subprocess.run(["zbarimg", "--quiet", "--raw", image], capture_output=True,
                            text=True)
    return result.stdout.strip()


def check_site(kiosk, site, out, short_links, base_url):
    arguments = [] if base_url == SITE_YAML_BASE_URL else [f"--base-url={base_url}"]
    subprocess.run([kiosk, "build", site, "-o", out, "-q", *arguments], check=True)
    failures, checked = [], 0
    for folder, _, files in os.walk(out):
        if "qr.png" not in files:
            continue
        page = open(os.path.join(folder, "index.html"), encoding="utf-8").read()
        printed = re.search(r'<p class="qr-url"><a href="([^"]+)"', page)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page)
        if not printed or not canonical:
            failures.append(f"{folder}: no URL printed beside the QR code")
            continue
        expected = html.unescape(printed.group(1))
        if not expected.startswith(base_url):
            failures.append(f"{folder}: QR URL {expected} is not below {base_url}")
        if not short_links and expected != html.unescape(canonical.group(1)):
            failures.append(f"{folder}: QR URL {expected} is not the canonical URL")
        if short_links:
            code = re.fullmatch(re.escape(base_url) + r"s/([^/]+)/", expected)
            redirect = os.path.join(out, "s", code.group(1), "index.html") if code else ""
            if not code or not os.path.exists(redirect):
                failures.append(f"{folder}: {expected} is not a short link kiosk wrote")
            elif html.unescape(canonical.group(1)) not in open(redirect, encoding="utf-8").read():
                failures.append(f"{redirect}: does not lead to {canonical.group(1)}")
        svg_png = os.path.join(folder, "qr-from-svg.png")
        subprocess.run(["rsvg-convert", "-w", "400", os.path.join(folder, "qr.svg"), "-o",
                        svg_png], check=True)
        for image in (os.path.join(folder, "qr.png"), svg_png):
            found = decode(image)
            checked += 1
            if found != expected:
                failures.append(f"{image}: decoded {found!r}, expected {expected!r}")
    if checked < 20:
        failures.append(f"{out}: only {checked} QR codes found")
    return failures, checked


SITE_YAML_BASE_URL = "https://www.example.gov.tw/office/"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--fixture", required=True)
    options = parser.parse_args()
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as work:
        runs = [("plain", False, SITE_YAML_BASE_URL), ("short", True, SITE_YAML_BASE_URL),
                ("preview", False, "https://preview.example.gov.tw/pr-7/")]
        for name, short_links, base_url in runs:
            site = os.path.join(work, f"site-{name}")
            shutil.copytree(options.fixture, site)
            if short_links:
                with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as config:
                    config.write("qr:\n  short_urls: true\n")
            found, count = check_site(options.kiosk, site, os.path.join(work, f"out-{name}"),
                                      short_links, base_url)
            failures += found
            checked += count
    for failure in failures:
        print("FAIL:", failure)
    print(f"{checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
