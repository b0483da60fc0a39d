/**
 * `hookguard <command> --help`: one entry per command, with its options and examples. A new command adds its entry
 * here; the test in test/e2e/help.test.ts checks that every command named in `hookguard --help` has one.
 */

const SCAN_OPTIONS = `Options:
  --format FORMAT                   text (default), json, sarif, github, html (an audit report), markdown,
                                    junit, gitlab-secrets, gitlab-sast or codequality
  --output FILE, -o FILE            write the report to FILE (atomically) instead of stdout
  --fail-on critical|high|medium|low|none
                                    exit 1 when a finding reaches this severity (default high, or failOn in config)
  --config FILE, -c FILE            config file (default .hookguard.yaml at the repository root)
  --baseline FILE                   baseline file (default: baseline in config, else .hookguard-baseline.json
                                    when present)
  --no-baseline                     apply no baseline (same as --baseline /dev/null)
  --profile NAME                    apply one profile of the config's profiles: to every file
  --parameters FILE                 evaluate CloudFormation templates with this parameter file's values
  --profile-path FILE               only these CloudFormation/Ansible/policy rules (ids or globs, one per line)
  --deny-list-path FILE             never these rules (ids or globs, one per line)
  --no-color                        plain output (also NO_COLOR=1, and whenever stdout is not a terminal)
  --help                            this text`;

export const COMMAND_HELP: Record<string, string> = {
  init: `Usage: hookguard init [--force] [--package DIR] | hookguard init --global [--force]

Install the pre-commit, pre-merge-commit and pre-push hooks in this repository, then say whether protection is on
(as hookguard doctor does).
- With a package.json: husky (the project's husky 8 or 9; husky 9 when there is none). hookguard and husky go to
  devDependencies, "prepare" runs husky, and hookguard's line goes first in .husky/pre-commit, .husky/pre-merge-commit
  and .husky/pre-push (your commands stay, and still get git's input); .husky/post-checkout sets up new worktrees.
  Commit package.json, the lockfile and .husky/ so the team gets the hooks on npm install. If hookguard is not
  installed yet, init says the exact command to run.
- A package in a subfolder (the only package.json is frontend/package.json): husky as its docs say for that case —
  .husky at the repository root, "prepare": "cd .. && husky" in the package.
- Without one: native hooks in .git/hooks; an existing hook is kept as <name>.pre-hookguard and still runs after ours.
  Run through npx, hookguard first copies itself out of npx's temporary cache (~/.local/share/hookguard/VERSION).
Running it again changes nothing. "hookguard uninstall" removes exactly what it added.

Options:
  --force         a core.hooksPath owned by another tool (lefthook, pre-commit, a global path) is never changed; with
                  --force, hookguard installs into that directory, chaining the hooks that are there
  --package DIR   the package (folder with package.json) that carries hookguard and husky, in a monorepo
  --global        every repository of yours, existing and new: a global core.hooksPath to hookguard's hooks
                  (~/.config/hookguard/hooks), which then run each repository's own .git/hooks; a repository whose
                  hook manager sets its own core.hooksPath (husky, lefthook) keeps its own hooks (doctor says so)
  --help          this text

Examples:
  npx hookguard init
  npx hookguard init --package frontend
  HOOKGUARD=0 git commit -m "…"    # skip the check once
`,
  fix: `Usage: hookguard fix [PATH...] [--staged] [--rule ID[,ID]...] [--dry-run]

Apply the safe, local CloudFormation and Ansible fixes (set a flag, add a missing block, replace a value) to the files
a scan finds them in — the same as hookguard scan --fix. Each edit touches only the lines it sets or adds: comments,
order, quoting and !Ref/!Sub forms stay. A value that comes from elsewhere (a !Ref, a {{ variable }}) is the team's
decision and is left alone, with the reason. After fixing, the files are scanned again: a fix that would not clear its
finding, or would bring a new one, is put back. Secrets are never rewritten (removing a leaked value does not un-leak
it): their findings get the rotation steps. Running it twice changes nothing the second time. Exit 0: nothing
blocking is left; 1: findings remain; 2: an error. hookguard explain RULE_ID says whether a rule has a fix.

Options:
  --staged         fix the staged files and stage the fix again (only files whose working tree equals the index:
                   unstaged work is never mixed into the commit)
  --rule ID        only these rules (repeat, or a comma-separated list)
  --dry-run        print the unified diff; change nothing
  --config FILE    config file (default .hookguard.yaml at the repository root)
  --help           this text

Examples:
  hookguard fix infra/ --dry-run
  hookguard fix --staged
  hookguard fix --rule CFN-S3-003 templates/
`,
  report: `Usage: hookguard report FILE.json [--format FORMAT] [--output FILE]

Render a saved JSON report (hookguard scan --format json --output FILE) in another format, e.g. the HTML audit report
of a scheduled history scan. FILE - reads standard input.

Options:
  --format FORMAT        html (default: one self-contained file with charts, owners, exceptions and every finding,
                         values masked), markdown, junit, gitlab-secrets, gitlab-sast or codequality
  --output FILE, -o FILE write it to FILE (atomically) instead of stdout
  --help                 this text

Examples:
  hookguard scan --history --format json --output audit.json
  hookguard report audit.json --output audit.html
  hookguard report audit.json --format markdown
`,
  doctor: `Usage: hookguard doctor [--format text|json]

Is protection on in this clone? For each hook (pre-commit, pre-merge-commit, pre-push): where git looks
(core.hooksPath), whether the file is there and executable, who owns it (husky, lefthook, the pre-commit framework,
hookguard's native hook, a global hooks path) and whether it calls hookguard; and which node and hookguard the hook
would run (the hook's own runner answers). Exit 0 when protection is on; 1 when a hook that the repository's committed
set-up expects is not active (or nothing sets hookguard up), with the one command that fixes it; 2 outside a git
repository.

Options:
  --format text|json   the report's format (default text)
  --help               this text

Examples:
  npx hookguard doctor
`,
  uninstall: `Usage: hookguard uninstall [--global]

Remove hookguard's hooks and restore what was there before init: chained native hooks come back, hookguard's lines
leave the .husky hooks (files that only held them are removed), and in package.json the devDependencies and "prepare"
that init added are taken out again (husky stays if it was there before). Works in any clone, from the committed files.

Options:
  --global  remove the hooks of init --global and put the previous global core.hooksPath back exactly
  --help    this text

Examples:
  npx hookguard uninstall
  npx hookguard uninstall --global
`,
  scan: `Usage: hookguard scan [PATH...] | --staged | --pre-push [REMOTE [URL]] | --history [--since REV] | --diff BASE..HEAD
       | --commit-msg FILE | --untracked [PATH...] | - [--stdin-filename NAME]

Find secrets and insecure CloudFormation/Ansible. Exit 0: nothing at or above --fail-on; 1: findings that block;
2: a usage, config or git error.

Modes:
  PATH...                 files on disk (default .), honouring .gitignore and config ignores
  --staged                the index (what the next commit holds): only the lines you add block; during a merge, only
                          lines that are on neither parent (the merge's own resolution)
  --pre-push [REMOTE [URL]]
                          every commit being pushed, from the lines git gives a pre-push hook on stdin; by hand, use
                          --diff @{u}..HEAD instead
  --pre-commit-framework  as the pre-commit framework's hook (.pre-commit-hooks.yaml): --pre-push at its pre-push
                          stage (PRE_COMMIT_TO_REF or PRE_COMMIT_REMOTE_NAME set), else --staged
  --history [--since REV] every commit's added lines (all refs unless --since)
  --diff BASE..HEAD       every commit in a range (what the GitHub Action runs)
  --untracked [PATH...]   the repository's tracked and untracked files as git lists them (git ls-files --cached
                          --others --exclude-standard): a tracked file that .gitignore matches is scanned too
  -                       content from stdin (--stdin-filename NAME: the path it is reported as, which also decides
                          which rules apply, e.g. template.yaml or .env)
  --commit-msg FILE       the message of the commit being made (what the commit-msg hook runs with git's "$1");
                          git's comment lines and everything below a scissors line are not part of it

Commit messages are scanned too: --commit-msg, and every commit's message in --pre-push, --history and --diff. A
finding there has no file ("file": null, "in": "message" in JSON) and names its commit.

Every mode runs the secret, CloudFormation and Ansible rules with the same rule ids and fingerprints. Secrets block
on added lines (in a push: in every commit); CloudFormation/Ansible findings block where the change touches the
resource or task (in a push: only if still present at the pushed tip; in --history/--diff: reported once, at the
commit that introduced them). A file that could not be read in full (over a size bound, a line cut short) blocks
--staged and --pre-push; a file that does not parse (malformed YAML/JSON) is listed under "Files with problems", its
lines are still checked for secrets, and it does not block by itself.

${SCAN_OPTIONS}

Examples:
  hookguard scan                          # the working tree
  hookguard scan infra/ deploy.yml --format json
  hookguard scan --staged                 # what the pre-commit hook runs
  hookguard scan --diff @{u}..HEAD        # the commits you are about to push
  hookguard scan --diff origin/main..HEAD --format sarif --output hookguard.sarif
  hookguard scan --history --since v1.0.0 --fail-on medium
  hookguard scan --commit-msg .git/COMMIT_EDITMSG
  git show HEAD:config/prod.env | hookguard scan - --stdin-filename config/prod.env
`,
  baseline: `Usage: hookguard baseline [PATH... | --staged | --history | --diff BASE..HEAD] [options]

Merge the current findings' fingerprints (never the secrets) into the baseline file, so they stop blocking while new
ones still block. Entries follow renamed files and moved lines. Commit the file so the team shares it. Takes the same
modes as "hookguard scan".

Options:
  --output FILE, -o FILE    where to write (default: --baseline, else baseline in config, else
                            .hookguard-baseline.json); missing folders are created
  --reason TEXT             why the new entries are accepted (shown in pull requests and the policy)
  --expires YYYY-MM-DD      until when they are accepted
  --replace                 start over instead of merging with the existing file
  --prune                   only drop entries that no longer match; adds nothing (needs a full scan: files, or
                            --history; each entry is judged by a scan of the kind that wrote it)
  --resolve                 a baseline git left with conflict markers becomes the union of both sides
  --config FILE, -c FILE    config file (default .hookguard.yaml at the repository root)
  --help                    this text

Each entry is one line, sorted, with the kind of scan that wrote it; the file has no timestamp, so two branches that
accept different findings merge cleanly, and a conflict is settled with --resolve (never --replace).

Examples:
  hookguard baseline --reason "test fixtures, revoked" --expires 2026-12-31
  hookguard baseline --history
  hookguard baseline --prune              # after fixing accepted findings
  hookguard baseline --resolve            # after a merge conflict in the baseline
  hookguard baseline infra/ --output infra/.hookguard-baseline.json
`,
  rules: `Usage: hookguard rules [--format text|json] [--config FILE]

List every rule: id, severity, category and title. The custom secret patterns of the config (\`patterns:\` in
.hookguard.yaml) are rules too: listed with "(custom, FILE)" (json: "source").

Options:
  --format text|json   output format (default text)
  --config FILE        the config whose custom patterns to list (default .hookguard.yaml at the repository root)
  --help               this text

Examples:
  hookguard rules
  hookguard rules --format json
  hookguard rules | grep CFN-S3
`,
  explain: `Usage: hookguard explain RULE_ID [--config FILE]

Print a rule's documentation: what it checks, why it matters, an example, the fix and references (the same text as
docs/rules/RULE_ID.md). Rule ids are matched without regard to case. A custom secret pattern of the config is
explained from its own fields (what it matches, its remediation, where it is defined).

Options:
  --config FILE   the config whose custom patterns to include (default .hookguard.yaml at the repository root)
  --help    this text

Examples:
  hookguard explain CFN-SG-001
  hookguard explain github-pat
`,
  env: `Usage: hookguard env [PATH] [--format text|json|markdown] [--config FILE] [--output FILE]

Compare the files that play the same role in different environments (inventories/prod/…, group_vars/production.yml,
.env.staging, values-prod.yaml, params.prod.json…, or the config's \`environments\` globs) key by key and print the
parity table: same / differs / missing / secret / shared secret per environment; WEAKER marks the environment that
holds the weaker value of a security setting, and keys in \`expectDifferent\` show "differs (expected)". A
CloudFormation parameter value that opens something in its template names the findings it causes (→ CFN-SG-001).
Values of secrets are never shown.
The table is information (exit 0); \`hookguard scan\` reports ENV-* findings. Unparsable files are listed, the rest is
compared.

Options:
  --format text|json|markdown   table format (default text; markdown for a PR comment or a wiki page)
  --config FILE                 config file (default .hookguard.yaml at the repository root)
  --output FILE                 write the table to FILE (atomically) instead of stdout
  --help                        this text

Examples:
  hookguard env
  hookguard env deploy/ --format markdown --output parity.md
`,
  policy: `Usage: hookguard policy [--output FILE] [--check FILE] [--config FILE] [--baseline FILE]

Write the security policy hookguard enforces as Markdown: where it runs (husky, lefthook, the pre-commit framework,
committed hook scripts, the Action and hookguard commands in .github/workflows) and the threshold each place blocks
at, the rule families, owners and escalation, revoked users and keys, environments and the keys expected to differ,
declared encryption at rest (git-crypt, SOPS, Ansible Vault), and every accepted exception (inline allows, resource
Metadata suppressions, baseline entries — each high or critical one listed —, config ignores and rules turned off or
lowered), with the ones that lack a reason and the unused ones listed separately. It is built from the tracked files
as the index holds them (untracked files and unstaged edits are not the policy), and is deterministic: commit it,
and let CI check it.

Options:
  --output FILE, -o FILE   write the document to FILE (atomically) instead of stdout
  --check FILE             compare with FILE: exit 0 when it is current, 1 when it is stale or missing (the diff
                           that regenerating would make is printed)
  --config FILE            config file (default .hookguard.yaml at the repository root)
  --baseline FILE          baseline file (default .hookguard-baseline.json when present)
  --help                   this text

Examples:
  npx hookguard policy --output SECURITY-POLICY.md
  npx hookguard policy --check SECURITY-POLICY.md    # in CI: fails when the committed copy is stale
`,
};

/** The help of `command`, or undefined when it has none. */
export function commandHelp(command: string): string | undefined {
  return Object.hasOwn(COMMAND_HELP, command) ? COMMAND_HELP[command] : undefined;
}

/** Whether argv asks for help (`--help` or `-h` before a `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
