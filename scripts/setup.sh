#!/usr/bin/env bash
# Set up everything Jobvej needs on a Debian machine: system packages, the portal's virtual
# environment, the design system assets, compiled translations and (unless --portal-only)
# the assistant's own virtual environment. Safe to run again: finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORTAL_ONLY=0
WITH_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --portal-only) PORTAL_ONLY=1 ;;
    --with-browser) WITH_BROWSER=1 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# 1. System packages (Debian). Installed when run as root; otherwise the command is printed.
PKGS="python3 python3-venv python3-dev build-essential nodejs npm git curl"
[ "$PORTAL_ONLY" = 1 ] || PKGS="$PKGS libfreetype-dev libqhull-dev pkg-config"
[ "$WITH_BROWSER" = 1 ] && PKGS="$PKGS chromium fonts-noto-core fonts-noto-ui-core"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# A Python 3.11 that is not Debian's (pyenv, /usr/local) counts as present.
if command -v python3 >/dev/null && python3 -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  missing=$(echo "$missing" | sed -E 's/ python3( |$)/ /; s/ python3-venv( |$)/ /; s/ python3-dev( |$)/ /')
fi
command -v node >/dev/null && command -v npm >/dev/null && missing=$(echo "$missing" | sed -E 's/ nodejs( |$)/ /; s/ npm( |$)/ /')
missing=$(echo "$missing" | xargs || true)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing Debian packages: $missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "Jobvej needs these Debian packages. Run:"
    echo "  sudo apt-get update && sudo apt-get install -y $missing"
    exit 1
  fi
fi

# Test tools: Debian's docker-compose validates docker-compose.yml (no Docker engine is
# installed or needed: --no-install-recommends leaves docker.io out).
if [ "$WITH_BROWSER" = 1 ] && ! command -v docker-compose >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing docker-compose (validates docker-compose.yml in the tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  else
    echo "The tests need docker-compose: sudo apt-get install -y --no-install-recommends docker-compose"
    exit 1
  fi
fi

# 2. The portal's virtual environment.
stamp=.venv/.jobvej-stamp
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "Creating the portal's virtual environment (.venv)"
  python3 -m venv .venv
  .venv/bin/pip install -qq --upgrade pip
  .venv/bin/pip install -qq -e ".[dev]"
  echo "$want" > "$stamp"
fi
if [ "$WITH_BROWSER" = 1 ] && ! .venv/bin/python -c 'import playwright, axe_playwright_python' 2>/dev/null; then
  say "Installing browser-test libraries (Playwright drives Debian's Chromium)"
  .venv/bin/pip install -qq -e ".[dev,browser]"
fi

# 3. DKFDS, the Danish common design system, served from the portal (no CDN).
if [ ! -f portal/static/vendor/dkfds/css/dkfds-borgerdk.min.css ] || [ package-lock.json -nt portal/static/vendor/dkfds ]; then
  say "Installing the design system (dkfds) from npm"
  npm ci --no-audit --no-fund --loglevel=error
  rm -rf portal/static/vendor/dkfds
  mkdir -p portal/static/vendor
  cp -r node_modules/dkfds/dist portal/static/vendor/dkfds
  rm -rf portal/static/vendor/dkfds/scss
fi

# 3b. Fonts for Arabic script (ar, fa) and Ethiopic (ti), also served locally
#     (static/css/fonts.css declares them with unicode-range).
FONTS=portal/static/vendor/fonts
if [ ! -f "$FONTS/noto-sans-ethiopic-ethiopic-wght-normal.woff2" ] || [ package-lock.json -nt "$FONTS" ]; then
  say "Installing fonts for Arabic and Tigrinya script from npm"
  [ -d node_modules/@fontsource-variable/noto-sans-ethiopic ] || npm ci --no-audit --no-fund --loglevel=error
  rm -rf "$FONTS"
  mkdir -p "$FONTS"
  cp node_modules/@fontsource-variable/noto-sans-arabic/files/noto-sans-arabic-arabic-wght-normal.woff2 \
     node_modules/@fontsource-variable/noto-sans-arabic/LICENSE "$FONTS/"
  mv "$FONTS/LICENSE" "$FONTS/LICENSE-noto-sans-arabic"
  cp node_modules/@fontsource-variable/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-wght-normal.woff2 "$FONTS/"
  cp node_modules/@fontsource-variable/noto-sans-ethiopic/LICENSE "$FONTS/LICENSE-noto-sans-ethiopic"
fi

# 4. Compiled translations.
say "Compiling translations"
bash scripts/i18n.sh compile >/dev/null

# 5. The assistant's own virtual environment (Rasa 3.6 needs its own pins).
if [ "$PORTAL_ONLY" = 0 ]; then
  bash scripts/bot.sh setup
fi
say "Setup done"
