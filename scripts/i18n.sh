#!/usr/bin/env bash
# Babel workflow for the portal's UI texts (msgids are Danish, the source language).
#   scripts/i18n.sh extract   collect msgids from code and templates into translations/messages.pot
#   scripts/i18n.sh update    extract, then merge into every language's messages.po (keeps translations)
#   scripts/i18n.sh compile   build the .mo files the portal reads (setup does this)
#   scripts/i18n.sh init LANG start a catalog for a new language
#   scripts/i18n.sh status    how much of each catalog is translated
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
POT=translations/messages.pot
LANGS="en ar uk fa so ti"

extract() {
  "$PY" -m babel.messages.frontend extract -F babel.cfg -k _l -k lazy_gettext -k N_ \
    --no-location --sort-output -o "$POT" . >/dev/null 2>&1
}

case "${1:-}" in
  extract) extract ;;
  update)
    extract
    for lang in $LANGS; do
      if [ -f "translations/$lang/LC_MESSAGES/messages.po" ]; then
        "$PY" -m babel.messages.frontend update -i "$POT" -d translations -l "$lang" \
          --no-fuzzy-matching >/dev/null 2>&1
      else
        "$PY" -m babel.messages.frontend init -i "$POT" -d translations -l "$lang" >/dev/null 2>&1
      fi
    done
    ;;
  compile) "$PY" -m babel.messages.frontend compile -d translations --statistics 2>&1 | grep -v '^$' || true ;;
  init) "$PY" -m babel.messages.frontend init -i "$POT" -d translations -l "${2:?language code}" ;;
  status) "$PY" -m babel.messages.frontend compile -d translations --statistics 2>&1 ;;
  *) echo "usage: $0 extract|update|compile|init LANG|status" >&2; exit 2 ;;
esac
