#!/bin/sh
# hookguard hook runner (installed by "hookguard init"; "hookguard uninstall" removes it).
# Usage: hookguard.sh pre-commit | hookguard.sh pre-push REMOTE URL
# Skip once with HOOKGUARD=0. Point HOOKGUARD_BIN at a hookguard executable to override the lookup below.
# GUI git clients often run hooks without node_modules/.bin (or even node) on PATH, so the binary is resolved here.
hookguard_run() {
  [ "${HOOKGUARD:-}" = "0" ] && return 0
  hg_top=$(git rev-parse --show-toplevel 2>/dev/null) || hg_top=.
  if [ -n "${HOOKGUARD_BIN:-}" ]; then
    "$HOOKGUARD_BIN" "$@"
    return $?
  fi
  hg_cli=
  for c in "$hg_top/node_modules/hookguard/bin/hookguard.cjs" "__HOOKGUARD_CLI__"; do
    if [ -f "$c" ]; then hg_cli=$c; break; fi
  done
  if [ -z "$hg_cli" ]; then
    if [ -x "$hg_top/node_modules/.bin/hookguard" ]; then "$hg_top/node_modules/.bin/hookguard" "$@"; return $?; fi
    if command -v hookguard >/dev/null 2>&1; then hookguard "$@"; return $?; fi
    echo "hookguard: cannot find hookguard (looked in node_modules, PATH and \"__HOOKGUARD_CLI__\"); run npm install, set HOOKGUARD_BIN, or skip once with HOOKGUARD=0" >&2
    return 1
  fi
  hg_node=
  for n in "$(command -v node 2>/dev/null)" "__HOOKGUARD_NODE__" /usr/local/bin/node /opt/homebrew/bin/node /usr/bin/node "$HOME/.volta/bin/node"; do
    if [ -n "$n" ] && [ -x "$n" ]; then hg_node=$n; break; fi
  done
  if [ -z "$hg_node" ]; then
    for n in "$HOME"/.nvm/versions/node/*/bin/node "$HOME"/.local/share/fnm/aliases/default/bin/node; do
      if [ -x "$n" ]; then hg_node=$n; fi
    done
  fi
  if [ -z "$hg_node" ]; then
    echo "hookguard: cannot find node (looked in PATH, \"__HOOKGUARD_NODE__\", /usr/local/bin, Homebrew, nvm, volta, fnm); set HOOKGUARD_BIN, or skip once with HOOKGUARD=0" >&2
    return 1
  fi
  "$hg_node" "$hg_cli" "$@"
}

case "${1:-}" in
  pre-commit) shift; hookguard_run scan --staged ;;
  pre-push) shift; hookguard_run scan --pre-push "$@" ;;
  *) echo "hookguard: unknown hook \"${1:-}\" (expected pre-commit or pre-push)" >&2; exit 2 ;;
esac
