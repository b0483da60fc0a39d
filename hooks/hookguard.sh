#!/bin/sh
# hookguard hook runner (installed by "hookguard init"; "hookguard uninstall" removes it).
# Usage: hookguard.sh pre-commit | hookguard.sh pre-merge-commit | hookguard.sh pre-push REMOTE URL
# Skip once with HOOKGUARD=0. Point HOOKGUARD_BIN at a hookguard executable to override the lookup below.
# GUI git clients often run hooks without node_modules/.bin (or even node) on PATH, so the binary is resolved here.
hookguard_run() {
  [ "${HOOKGUARD:-}" = "0" ] && return 0
  if [ -n "${HOOKGUARD_BIN:-}" ]; then
    "$HOOKGUARD_BIN" "$@"
    return $?
  fi
  # No command substitution on the common path: each one is a fork, and forks are most of a shell's cost. git runs a
  # hook at the top of the working tree, which holds .git (a folder, or a file in a linked worktree); run by hand
  # anywhere else, the hook asks git.
  if [ -e .git ]; then hg_top=$PWD; else hg_top=$(git rev-parse --show-toplevel 2>/dev/null) || hg_top=.; fi
  hg_cli=
  if [ -f "$hg_top/node_modules/hookguard/bin/hookguard.cjs" ]; then
    hg_cli=$hg_top/node_modules/hookguard/bin/hookguard.cjs
  else
    # The main worktree (a linked worktree has no node_modules until npm install runs there; in the main worktree,
    # where .git is a folder, that is the top already looked at) and this script's folder.
    hg_main=
    if [ ! -d "$hg_top/.git" ]; then
      hg_common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || hg_common=
      case "$hg_common" in */.git) hg_main=${hg_common%/.git} ;; esac
    fi
    case "$0" in */*) hg_here=${0%/*}/.. ;; *) hg_here=.. ;; esac
    for c in "$hg_main/node_modules/hookguard/bin/hookguard.cjs" "$hg_here/node_modules/hookguard/bin/hookguard.cjs" \
      "__HOOKGUARD_CLI__"; do
      if [ -n "$c" ] && [ -f "$c" ]; then hg_cli=$c; break; fi
    done
  fi
  if [ -z "$hg_cli" ]; then
    if [ -x "$hg_top/node_modules/.bin/hookguard" ]; then "$hg_top/node_modules/.bin/hookguard" "$@"; return $?; fi
    if command -v hookguard >/dev/null 2>&1; then hookguard "$@"; return $?; fi
    hg_where="node_modules and PATH"
    # (Run from the package itself, as lefthook does, the placeholder below was never filled in.)
    case "__HOOKGUARD_CLI__" in '' | __HOOKGUARD*) ;; *) hg_where="node_modules, PATH and __HOOKGUARD_CLI__" ;; esac
    hg_fix="install it"
    if [ -f "$hg_top/package.json" ] && grep -q '"hookguard"' "$hg_top/package.json" 2>/dev/null; then
      if [ -f "$hg_top/pnpm-lock.yaml" ]; then hg_fix="run: pnpm install"
      elif [ -f "$hg_top/yarn.lock" ]; then hg_fix="run: yarn install"
      else hg_fix="run: npm install"; fi
      hg_fix="hookguard is in package.json but not installed here; $hg_fix"
    fi
    echo "hookguard: cannot find hookguard (looked in $hg_where); $hg_fix, set HOOKGUARD_BIN, or skip once with HOOKGUARD=0" >&2
    return 1
  fi
  # node: the first on PATH (searched here, as `command -v` would, without a fork), then the usual places.
  hg_node=
  hg_ifs=$IFS
  IFS=:
  case $- in *f*) hg_glob= ;; *) hg_glob=1; set -f ;; esac
  for d in $PATH; do
    if [ -n "$d" ] && [ -f "$d/node" ] && [ -x "$d/node" ]; then hg_node=$d/node; break; fi
  done
  [ -n "$hg_glob" ] && set +f
  IFS=$hg_ifs
  if [ -z "$hg_node" ]; then
    for n in "__HOOKGUARD_NODE__" /usr/local/bin/node /opt/homebrew/bin/node /usr/bin/node "$HOME/.volta/bin/node"; do
      if [ -n "$n" ] && [ -x "$n" ]; then hg_node=$n; break; fi
    done
  fi
  if [ -z "$hg_node" ]; then
    for n in "$HOME"/.nvm/versions/node/*/bin/node "$HOME"/.local/share/fnm/aliases/default/bin/node; do
      if [ -x "$n" ]; then hg_node=$n; fi
    done
  fi
  if [ -z "$hg_node" ]; then
    echo "hookguard: cannot find node (looked in PATH, /usr/local/bin, /usr/bin, Homebrew, nvm, volta and fnm); set HOOKGUARD_BIN, or skip once with HOOKGUARD=0" >&2
    return 1
  fi
  # The staged check: git's diff on a pipe into hookguard, both started at once (lib/staged.sh, from the same package
  # as the CLI; an older package without it gets the plain command).
  hg_pkg=${hg_cli%/bin/hookguard.cjs}
  if [ $# = 2 ] && [ "$1" = scan ] && [ "$2" = --staged ] && [ "$hg_pkg" != "$hg_cli" ] && [ -f "$hg_pkg/lib/staged.sh" ]; then
    . "$hg_pkg/lib/staged.sh"
    hookguard_staged "$hg_node" "$hg_cli"
    return $?
  fi
  "$hg_node" "$hg_cli" "$@"
}

# husky sets core.hooksPath=.husky/_ (relative) on every npm install; a linked worktree has no .husky/_ (it is
# gitignored), so git would run no hook there. The main worktree's .husky/_ by its absolute path works everywhere.
hookguard_worktrees() {
  # In the main worktree, a look at .git/config first (no fork): only a config with the relative value (or one that
  # includes another file) needs git's answer; the absolute path set below, or none, does not.
  if [ -d .git ] && [ -f .git/config ]; then
    hg_cfg=
    while IFS= read -r hg_l || [ -n "$hg_l" ]; do
      case $hg_l in *[=\ \"].husky/_ | *[=\ \"].husky/_[\ \"\;#]* | *include*) hg_cfg=1; break ;; esac
    done < .git/config
    [ -n "$hg_cfg" ] || return 0
  fi
  [ "$(git config --local --get core.hooksPath 2>/dev/null)" = ".husky/_" ] || return 0
  hg_common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || return 0
  case "$hg_common" in */.git) ;; *) return 0 ;; esac
  [ -f "${hg_common%/.git}/.husky/_/h" ] && git config --local core.hooksPath "${hg_common%/.git}/.husky/_"
  return 0
}

case "${1:-}" in
  pre-commit | pre-merge-commit) hookguard_worktrees; shift; hookguard_run scan --staged ;;
  pre-push) hookguard_worktrees; shift; hookguard_run scan --pre-push "$@" ;;
  *) echo "hookguard: unknown hook \"${1:-}\" (expected pre-commit, pre-merge-commit or pre-push)" >&2; exit 2 ;;
esac
