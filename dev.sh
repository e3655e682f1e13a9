#!/usr/bin/env bash
# Sets up a fresh Debian machine for kiosk and runs it.
#   ./dev.sh site   install what is missing, build kiosk, generate the example site into output/
#   ./dev.sh test   install what is missing, build kiosk, run every test
#   ./dev.sh sanitize  install what is missing, build kiosk with AddressSanitizer and
#                   UndefinedBehaviorSanitizer (build-sanitize/), run the tests there and each
#                   fuzz target for KIOSK_FUZZ_SECONDS (default 30)
#   ./dev.sh deb    install what is missing, build kiosk for release, package it as
#                   build-deb/kiosk_<version>_<arch>.deb for this system
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES=(g++ cmake ninja-build pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
  libqrencode-dev libtidy-dev libkainjow-mustache-dev libyaml-dev libgtest-dev
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libxxhash-dev zlib1g-dev libjemalloc-dev
  libcli11-dev scdoc libzip-dev libxml2-dev libcpp-httplib-dev)
# dpkg-dev and file: CPack's dependency list for the .deb (dpkg-shlibdeps).
PACKAGE_PACKAGES=(dpkg-dev file)
TEST_PACKAGES=(python3 chromium poppler-utils zbar-tools librsvg2-bin libxml2-utils
  xvfb dbus-daemon at-spi2-core python3-gi gir1.2-atspi-2.0 "${PACKAGE_PACKAGES[@]}")
# clang and its runtimes (ASan, UBSan, libFuzzer): the sanitized build and the fuzz targets.
SANITIZE_PACKAGES=(clang libclang-rt-14-dev)

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build
}

case "${1:-}" in
  site)
    install_missing "${BUILD_PACKAGES[@]}"
    build
    ./build/kiosk build . -o output
    ;;
  test)
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    # Node.js for the axe-core browser test: Debian's, unless the machine has one already.
    command -v npm >/dev/null || install_missing nodejs npm
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
    build
    ./build/kiosk build . -o output
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    ;;
  sanitize)
    # The tests under AddressSanitizer and UndefinedBehaviorSanitizer, and a short run of every
    # fuzz target (fuzz/run.sh). The browser, schema and install tests check what the release
    # build wrote, and are not run here.
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${SANITIZE_PACKAGES[@]}"
    CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DKIOSK_SANITIZE=ON >/dev/null
    cmake --build build-sanitize
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
      ctest --test-dir build-sanitize --output-on-failure -j "$(nproc)" -E '^(browser|xml|install)\.'
    fuzz/run.sh -t "${KIOSK_FUZZ_SECONDS:-30}"
    ;;
  deb)
    install_missing "${BUILD_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
    cmake -S . -B build-deb -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSK_BUILD_TESTS=OFF \
      ${KIOSK_PACKAGE_MAINTAINER:+"-DKIOSK_PACKAGE_MAINTAINER=$KIOSK_PACKAGE_MAINTAINER"} >/dev/null
    cmake --build build-deb
    (cd build-deb && cpack >/dev/null)
    ls build-deb/kiosk_*.deb
    ;;
  *)
    echo "usage: ./dev.sh site | ./dev.sh test | ./dev.sh sanitize | ./dev.sh deb" >&2
    exit 2
    ;;
esac
