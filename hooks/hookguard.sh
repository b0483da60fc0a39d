#!/bin/sh
# hookguard hook runner (installed by "hookguard init"; "hookguard uninstall" removes it).
# Usage: hookguard.sh pre-commit | pre-merge-commit | pre-push REMOTE URL | pre-push-keep REMOTE URL
#        | commit-msg FILE | post-checkout PREV NEW FLAG
# pre-push-keep is pre-push for a hook file with more commands after this one (.husky/pre-push): git's ref lines are
# kept in a file whose name is printed, so the hook file can give the same bytes to the commands that follow.
# Skip once with HOOKGUARD=0. Point HOOKGUARD_BIN at a hookguard executable to override the lookup below.
# Where the check cannot run (no hookguard, no node) the hook says so on stderr every time and lets the commit through;
# HOOKGUARD_ON_ERROR=block, `git config hookguard.onError block` or `hookErrors: block` in .hookguard.yaml stop it.
# HOOKGUARD_PROBE=1 prints the node and hookguard this hook would run, and exits (hookguard doctor uses it).
# GUI git clients often run hooks without node_modules/.bin (or even node) on PATH, so the binary is resolved here.

# The check could not run: say so on stderr (one line), then pass, or block where configured. $1: what is wrong.
hookguard_cannot() {
  hg_mode=${HOOKGUARD_ON_ERROR:-}
  [ -n "$hg_mode" ] || hg_mode=$(git config --get hookguard.onError 2>/dev/null) || hg_mode=
  if [ -z "$hg_mode" ] && [ -f "$hg_top/.hookguard.yaml" ]; then
    while IFS= read -r hg_l || [ -n "$hg_l" ]; do
      case $hg_l in hookErrors:*block*) hg_mode=block; break ;; hookErrors:*) hg_mode=warn; break ;; esac
    done <"$hg_top/.hookguard.yaml"
  fi
  if [ "$hg_mode" = block ]; then
    echo "hookguard: NOT CHECKED, so stopped (hookErrors: block): $1" >&2
    return 1
  fi
  echo "hookguard: WARNING: this was NOT checked for secrets: $1" >&2
  return 0
}

hookguard_run() {
  [ "${HOOKGUARD:-}" = "0" ] && return 0
  if [ -n "${HOOKGUARD_BIN:-}" ]; then
    if [ -n "${HOOKGUARD_PROBE:-}" ]; then echo "node=" "cli=$HOOKGUARD_BIN"; exit 0; fi
    "$HOOKGUARD_BIN" "$@"
    return $?
  fi
  # No command substitution on the common path: each one is a fork, and forks are most of a shell's cost. git runs a
  # hook at the top of the working tree, which holds .git (a folder, or a file in a linked worktree); run by hand
  # anywhere else, the hook asks git.
  if [ -e .git ]; then hg_top=$PWD; else hg_top=$(git rev-parse --show-toplevel 2>/dev/null) || hg_top=.; fi
  # A package in a subfolder (a monorepo's frontend/): "hookguard init" records it here.
  hg_sub="__HOOKGUARD_PACKAGE__"
  case "$hg_sub" in __HOOKGUARD*) hg_sub= ;; ?*) hg_sub=/$hg_sub ;; esac
  hg_cli=
  if [ -f "$hg_top$hg_sub/node_modules/hookguard/bin/hookguard.cjs" ]; then
    hg_cli=$hg_top$hg_sub/node_modules/hookguard/bin/hookguard.cjs
  else
    # The main worktree (a linked worktree has no node_modules until npm install runs there; in the main worktree,
    # where .git is a folder, that is the top already looked at) and this script's folder.
    hg_main=
    if [ ! -d "$hg_top/.git" ]; then
      hg_common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || hg_common=
      case "$hg_common" in */.git) hg_main=${hg_common%/.git}$hg_sub ;; esac
    fi
    case "$0" in */*) hg_here=${0%/*}/..$hg_sub ;; *) hg_here=..$hg_sub ;; esac
    for c in "$hg_main/node_modules/hookguard/bin/hookguard.cjs" "$hg_here/node_modules/hookguard/bin/hookguard.cjs" \
      "__HOOKGUARD_CLI__"; do
      if [ -n "$c" ] && [ -f "$c" ]; then hg_cli=$c; break; fi
    done
  fi
  if [ -z "$hg_cli" ]; then
    for c in "$hg_top$hg_sub/node_modules/.bin/hookguard" "$hg_top/node_modules/.bin/hookguard"; do
      if [ -x "$c" ]; then
        if [ -n "${HOOKGUARD_PROBE:-}" ]; then echo "node=" "cli=$c"; exit 0; fi
        "$c" "$@"
        return $?
      fi
    done
    if command -v hookguard >/dev/null 2>&1; then
      if [ -n "${HOOKGUARD_PROBE:-}" ]; then echo "node=" "cli=hookguard"; exit 0; fi
      hookguard "$@"
      return $?
    fi
    if [ -n "${HOOKGUARD_PROBE:-}" ]; then echo "node=" "cli="; exit 0; fi
    hg_where="node_modules and PATH"
    hg_fix="install it (npm install -D hookguard), or use the pre-commit framework (see the README)"
    # (Run from the package itself, as lefthook does, the placeholder below was never filled in.)
    case "__HOOKGUARD_CLI__" in
      '' | __HOOKGUARD*) ;;
      *)
        hg_where="node_modules, PATH and __HOOKGUARD_CLI__ (where init found it; gone since)"
        hg_fix="rerun: npx hookguard init"
        ;;
    esac
    if [ -f "$hg_top$hg_sub/package.json" ] && grep -q '"hookguard"' "$hg_top$hg_sub/package.json" 2>/dev/null; then
      if [ -f "$hg_top$hg_sub/pnpm-lock.yaml" ] || [ -f "$hg_top/pnpm-lock.yaml" ]; then hg_fix="run: pnpm install"
      elif [ -f "$hg_top$hg_sub/yarn.lock" ] || [ -f "$hg_top/yarn.lock" ]; then hg_fix="run: yarn install"
      else hg_fix="run: npm install"; fi
      [ -z "$hg_sub" ] || hg_fix="$hg_fix in ${hg_sub#/}"
      hg_fix="hookguard is in package.json but not installed here; $hg_fix"
    fi
    hookguard_cannot "cannot find hookguard (looked in $hg_where); $hg_fix, or set HOOKGUARD_BIN"
    return $?
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
  if [ -n "${HOOKGUARD_PROBE:-}" ]; then echo "node=$hg_node" "cli=$hg_cli"; exit 0; fi
  if [ -z "$hg_node" ]; then
    hookguard_cannot "cannot find node (looked in PATH, /usr/local/bin, /usr/bin, Homebrew, nvm, volta and fnm); put node on PATH or set HOOKGUARD_BIN"
    return $?
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

# pre-push with git's ref lines kept for the commands after this one: they go to a private file first; the check reads
# that file, and on success its name goes to stdout (the report goes to stderr), for the hook file to read it again.
hookguard_push_keep() {
  if [ "${HOOKGUARD:-}" = "0" ]; then return 0; fi
  hg_in=
  if command -v mktemp >/dev/null 2>&1; then hg_in=$(mktemp "${TMPDIR:-/tmp}/hookguard-push.XXXXXX" 2>/dev/null) || hg_in=; fi
  if [ -z "$hg_in" ]; then
    hg_n=0
    while [ $hg_n -lt 100 ]; do
      hg_in=${TMPDIR:-/tmp}/hookguard-push.$$.$hg_n
      (umask 077; set -C; : >"$hg_in") 2>/dev/null && break
      hg_n=$((hg_n + 1)); hg_in=
    done
  fi
  if [ -z "$hg_in" ]; then
    # No private file to be had: check what is pushed all the same; the commands after this one get no input.
    echo "hookguard: cannot create a temporary file in ${TMPDIR:-/tmp}; the commands after hookguard in this pre-push hook get no ref lines" >&2
    hookguard_run scan --pre-push "$@" >&2
    return $?
  fi
  cat >"$hg_in"
  hookguard_run scan --pre-push "$@" <"$hg_in" >&2
  hg_rc=$?
  if [ $hg_rc != 0 ]; then rm -f "$hg_in"; return $hg_rc; fi
  echo "$hg_in"
  return 0
}

# A new linked worktree (git runs post-checkout there, with an all-zero previous head) has no .husky/_ (husky keeps it
# out of git), so with husky's relative core.hooksPath git would run no hook in it: lay it out from the main worktree's.
hookguard_post_checkout() {
  case "${1:-}" in '' | *[!0]*) return 0 ;; esac
  # (husky 9 keeps h and a stub per hook there; husky 8, husky.sh)
  if [ -f .husky/_/h ] || [ -f .husky/_/husky.sh ]; then return 0; fi
  case "$0" in */*) hg_src=${0%/*}/_ ;; *) hg_src=_ ;; esac
  [ -f "$hg_src/h" ] || [ -f "$hg_src/husky.sh" ] || return 0
  [ -e .git ] || return 0
  mkdir -p .husky/_ 2>/dev/null && cp "$hg_src"/* "$hg_src"/.gitignore .husky/_/ 2>/dev/null &&
    echo "hookguard: hooks set up in this worktree (.husky/_, as npm install would)" >&2
  return 0
}

# hookguard before version 0.2 set core.hooksPath to the main worktree's .husky/_ by its absolute path, which stops
# every hook when the repository moves. Back to husky's relative path (a look at .git/config first: no fork).
hookguard_relative() {
  [ -d .git ] && [ -f .git/config ] || return 0
  hg_abs=
  while IFS= read -r hg_l || [ -n "$hg_l" ]; do
    case $hg_l in *[Hh]ooks[Pp]ath*=*/.husky/_ | *[Hh]ooks[Pp]ath*=*/.husky/_\"*) hg_abs=1; break ;; esac
  done <.git/config
  [ -n "$hg_abs" ] || return 0
  case "$(git config --local --get core.hooksPath 2>/dev/null)" in
    /*/.husky/_) git config --local core.hooksPath .husky/_ ;;
  esac
  return 0
}

case "${1:-}" in
  pre-commit | pre-merge-commit) hookguard_relative; shift; hookguard_run scan --staged ;;
  pre-push) hookguard_relative; shift; hookguard_run scan --pre-push "$@" ;;
  pre-push-keep) hookguard_relative; shift; hookguard_push_keep "$@" ;;
  commit-msg) shift; hookguard_run scan --commit-msg "$@" ;;
  post-checkout) shift; hookguard_post_checkout "$@" ;;
  *) echo "hookguard: unknown hook \"${1:-}\" (expected pre-commit, pre-merge-commit, pre-push, commit-msg or post-checkout)" >&2; exit 2 ;;
esac
