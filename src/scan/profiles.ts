/**
 * Profiles (as cfn_nag has them): a named set of rules and team policies to apply, chosen per path or for the whole
 * run. `rules:` is an allow list over the infrastructure families (CloudFormation, Ansible, team policies); `deny:`
 * drops any rule, secrets included. Entries are rule ids, globs (`CFN-S3-*`, `ACME-*`) or family names
 * (`cloudformation`, `policy`), as in `owners:`.
 *
 * A profile decides which rules *apply* to a file: a finding of a rule outside it is not a finding at all (not an
 * exception, not suppressed). A profile's deny list is recorded as "rule off" exceptions by the config loader, so the
 * Action asks an owner when a pull request adds one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type Finding } from '../types.js';
import { ruleMatches } from '../owners/index.js';
import { globRegex } from '../env/roles.js';
import type { Config, Profile } from '../config/load.js';

/** The families an allow list governs: the rest (secrets, environments, at rest, access) stay on unless denied. */
const ALLOW_LIST_FAMILIES = new Set(['cloudformation', 'ansible', 'policy']);

/** A run's profile from the command line: `--profile NAME`, `--profile-path FILE`, `--deny-list-path FILE`. */
export interface ProfileArgs {
  profile?: string | undefined;
  profilePath?: string | undefined;
  denyListPath?: string | undefined;
}

/** Rule ids from a file, one per line (cfn_nag's profile and deny-list files); `#` starts a comment. */
export function readRuleList(file: string, flag: string, cwd: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`${flag} ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const ids = text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/[\s,]+/));
  if (!ids.length) throw new UsageError(`${flag} ${file}: names no rule (one rule id or glob per line)`);
  return ids;
}

/**
 * The filter a run applies: undefined when no profile is in play (the common case costs nothing). The command line's
 * profile applies to every file; otherwise the first configured profile whose `paths` match the file.
 */
export function profileFilter(
  config: Config,
  args: ProfileArgs & { cwd: string },
): ((f: Finding) => boolean) | undefined {
  let forAll: Profile | undefined;
  if (args.profile) {
    forAll = config.profiles?.find((p) => p.name === args.profile);
    if (!forAll)
      throw new UsageError(
        `--profile ${args.profile}: no such profile in the config (${config.profiles?.map((p) => p.name).join(', ') || 'none defined under profiles:'})`,
      );
  }
  if (args.profilePath || args.denyListPath) {
    forAll = {
      name: forAll?.name ?? 'command line',
      ...(args.profilePath
        ? { rules: readRuleList(args.profilePath, '--profile-path', args.cwd) }
        : forAll?.rules
          ? { rules: forAll.rules }
          : {}),
      deny: [
        ...(forAll?.deny ?? []),
        ...(args.denyListPath ? readRuleList(args.denyListPath, '--deny-list-path', args.cwd) : []),
      ],
    };
  }
  const byPath = forAll ? [] : (config.profiles ?? []).filter((p) => p.paths?.length);
  if (!forAll && !byPath.length) return undefined;
  const matchers = byPath.map((p) => ({ p, res: p.paths!.map((g) => globRegex(g)) }));
  const applies = (p: Profile, f: Finding): boolean => {
    const sel = { ruleId: f.ruleId, category: f.category };
    if (p.deny?.some((d) => ruleMatches(d, sel))) return false;
    if (p.rules && ALLOW_LIST_FAMILIES.has(f.category)) return p.rules.some((r) => ruleMatches(r, sel));
    return true;
  };
  return (f) => {
    if (forAll) return applies(forAll, f);
    if (!f.file) return true;
    const m = matchers.find((x) => x.res.some((re) => re.test(f.file)));
    return m ? applies(m.p, f) : true;
  };
}
