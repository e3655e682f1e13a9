#!/usr/bin/env python3
"""How the time of `kiosk check` grows with a page's size, for the pages that used to take it
minutes: one mistake repeated (aria-labelledby naming ids that do not exist, images without
alt), elements with hundreds of attributes, nesting near the limit, one very long tag.
Each kind at four sizes, each doubling the last; the best of three runs. Near-linear time
shows as a steady time per megabyte down each column.

    python3 bench/check_scaling.py build/kiosk
"""
import os
import subprocess
import sys
import tempfile
import time

HEAD = ('<!DOCTYPE html>\n<html lang="zh-Hant-TW"><head><meta charset="utf-8">'
        "<title>規模</title></head>\n<body><main>")
TAIL = "</main></body></html>\n"


def missing_ids(n):
    ids = " ".join(f"missing{i}" for i in range(n))
    return f'<button type="button" aria-labelledby="{ids}">送出</button>'


def images_without_alt(n):
    return "".join(f'<p><img src="/images/{i}.png"></p>\n' for i in range(n // 10))


def many_attributes(n):
    element = "<div " + " ".join(f'data-a{i}="值"' for i in range(900)) + ">格</div>\n"
    return element * max(1, n // 9000)


def deep_nesting(n):
    block = "<div>" * 990 + "文字" + "</div>" * 990 + "\n"
    return block * max(1, n // 10000)


def long_tag(n):
    return '<a href="#top" title="' + "很長的標題 " * n + '">回到頂端</a>'


KINDS = [("aria-labelledby, missing ids", missing_ids, 25000),
         ("images without alt", images_without_alt, 25000),
         ("900 attributes per element", many_attributes, 25000),
         ("990 nested <div> per block", deep_nesting, 25000),
         ("one tag, growing", long_tag, 25000)]


def best_time(kiosk, path):
    best = None
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([kiosk, "check", "-q", path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    kiosk = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/kiosk")
    print("| page | size | seconds | seconds per MB |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as work:
        for name, make, n in KINDS:
            for scale in (1, 2, 4, 8):
                path = os.path.join(work, "page.html")
                with open(path, "w") as f:
                    f.write(HEAD + make(n * scale) + TAIL)
                size = os.path.getsize(path) / 1e6
                seconds = best_time(kiosk, path)
                print(f"| {name} | {size:.2f} MB | {seconds:.2f} | {seconds / size:.2f} |",
                      flush=True)


if __name__ == "__main__":
    main()
