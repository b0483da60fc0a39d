/**
 * Every rule's documentation for the commands that list or explain rules (rules, explain, the SARIF report): the
 * built-in rules, and the repository's own (custom patterns, team policies).
 */
import type { RuleDoc } from '../types.js';
import type { Io } from './shared.js';

/** Built-in rules plus the given custom patterns and team policies. */
export async function allRuleDocs(
  patterns: import('../rules/secrets/types.js').SecretPattern[],
  policies?: import('../policies/types.js').PolicyBundle,
): Promise<RuleDoc[]> {
  const { iacRuleDocs, secretRuleDoc } = await import('../scan/index.js');
  return [...patterns.map(secretRuleDoc), ...(await iacRuleDocs(policies))];
}

/**
 * Every rule's doc: the built-in ones and the repository's custom secret patterns (config `patterns:`), which are
 * rules like any other (their findings point to `hookguard explain ID`). A config that does not load is said on
 * stderr and the built-in rules are listed.
 */
export async function ruleDocsHere(io: Io, config?: string): Promise<{ docs: RuleDoc[]; custom: Map<string, string> }> {
  const { loadBuiltinPatterns } = await import('../rules/secrets/load.js');
  let patterns = await loadBuiltinPatterns();
  let policies: import('../policies/types.js').PolicyBundle | undefined;
  const custom = new Map<string, string>();
  try {
    const { loadRulesAndConfig } = await import('../scan/index.js');
    const { repoRoot } = await import('../git/repo.js');
    const root = (await repoRoot(io.cwd, io.env)) ?? io.cwd;
    const loaded = await loadRulesAndConfig(root, config, io.cwd);
    for (const p of loaded.config.patterns) custom.set(p.id, p.source ?? '.hookguard.yaml');
    for (const p of loaded.policies?.policies ?? []) custom.set(p.id, p.file);
    patterns = loaded.patterns;
    policies = loaded.policies;
  } catch (e) {
    if (config) throw e;
    io.stderr(
      `hookguard: the config was not read, custom patterns and team policies are not listed: ${(e as Error).message}\n`,
    );
  }
  return { docs: await allRuleDocs(patterns, policies), custom };
}
