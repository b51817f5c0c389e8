#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing v8scope needs. Idempotent: it only calls apt-get
# when something is missing. Runs as root (CI, containers) or through sudo.
#   scripts/setup.sh          everything: the CLI, the viewer, the tests and the package checks
#   scripts/setup.sh --cli    only what building the CLI needs (scripts/demo.sh)
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  rapidjson-dev zlib1g-dev libfmt-dev libcli11-dev
)
if [ "${1:-}" != --cli ]; then
  packages+=(
    catch2
    # bench/micro's per-step microbenchmarks (Google Benchmark)
    libbenchmark-dev
    # the desktop viewer (Qt6 Widgets, Charts, Concurrent, Svg, Test) and its offscreen/Xvfb tests and screenshots
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libgl-dev xvfb xauth fonts-dejavu-core
    # the package test (tests/packaging): cpack's dpkg-shlibdeps, lintian and the desktop-file validators
    dpkg-dev lintian desktop-file-utils appstream shared-mime-info man-db
  )
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "setup: all ${1:+CLI }build and test packages are installed"
