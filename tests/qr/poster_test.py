#!/usr/bin/env python3
"""QR posters as a printer gets them: the PDF's pages and paper size, and every QR code
read back by zbarimg from the pages rendered to PNG by pdftoppm; and the site's
published.txt counting the posters printed of each address."""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

BASE = "https://www.example.gov.tw/office/"
CASES = [
    # (arguments, paper size in points, expected QR URLs in page order)
    (["--department", "civil"], (595.28, 841.89), [BASE + "faq/id-card/"]),
    (["--page", "content/news/志工招募.zh-TW.md", "faq/id-card.en.md"], (595.28, 841.89),
     [BASE + "news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/", BASE + "en/faq/id-card/"]),
    (["--section", "news", "--size", "A3"], (841.89, 1190.55),
     [BASE + "news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/"]),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--fixture", required=True)
    options = parser.parse_args()
    failures, checks = [], 0
    printed = collections.Counter()
    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site")  # posters are counted in the site folder
        shutil.copytree(options.fixture, site)
        for number, (arguments, size, urls) in enumerate(CASES):
            pdf = os.path.join(work, f"posters-{number}.pdf")
            run = subprocess.run([options.kiosk, "poster", site, *arguments, "-o", pdf],
                                 capture_output=True, text=True)
            checks += 1
            if run.returncode != 0:
                failures.append(f"{arguments}: exit {run.returncode}: {run.stderr}")
                continue
            printed.update("/" + urllib.parse.unquote(url[len(BASE):]) for url in urls)
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
            checks += 2
            if pages != len(urls):
                failures.append(f"{arguments}: {pages} pages, expected {len(urls)}")
            if abs(width - size[0]) > 1 or abs(height - size[1]) > 1:
                failures.append(f"{arguments}: page size {width} x {height}, expected {size}")
            prefix = os.path.join(work, f"page-{number}")
            subprocess.run(["pdftoppm", "-png", "-r", "100", pdf, prefix], check=True)
            images = sorted(f for f in os.listdir(work) if f.startswith(f"page-{number}-"))
            for image, url in zip(images, urls):
                checks += 1
                found = subprocess.run(["zbarimg", "--quiet", "--raw", os.path.join(work, image)],
                                       capture_output=True, text=True).stdout.strip()
                if found != url:
                    failures.append(f"{arguments} {image}: decoded {found!r}, expected {url!r}")
        with open(os.path.join(site, "published.txt"), encoding="utf-8") as record:
            counted = {line.split()[0]: int(line.split("posters=")[1])
                       for line in record if line.startswith("/") and "posters=" in line}
        checks += 1
        if counted != dict(printed):
            failures.append(f"published.txt counts {counted}, expected {dict(printed)}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
