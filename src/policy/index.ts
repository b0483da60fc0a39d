/**
 * `hookguard policy`: gathers what the policy document shows — the config, the rules, ownership, the baseline, the
 * enforcement points set up in the repository, revoked access, environments, encryption at rest, and the exceptions
 * a full scan finds in effect — and renders it (./render.ts). Everything comes from the tracked files as the index
 * holds them: an untracked scratch file or an unstaged edit is not the policy. Reads; never writes (the CLI does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SEVERITY_RANK, type RuleDoc } from '../types.js';
import { scan, iacRuleDocs, secretRuleDoc, loadRulesAndConfig } from '../scan/index.js';
import { loadOwnership } from '../scan/owners.js';
import { repoRoot } from '../git/repo.js';
import { ownersFor } from '../owners/index.js';
import { DEFAULT_BASELINE } from '../suppress/baseline.js';
import { CONFIG_NAMES } from '../config/load.js';
import { findEnforcement, type TrackedFiles } from './enforcement.js';
import { policyFiles } from '../policies/load.js';
import { renderPolicy, type BaselineShown, type Exception, type Family, type PolicyData } from './render.js';

export const DOCS_BASE = 'https://github.com/hookguard/hookguard/blob/main/docs/rules';

export interface PolicyOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  config?: string;
  baseline?: string;
  toolVersion: string;
}

const NO_REASON = /no reason given|without a reason/i;

/** The tracked files as the index holds them; outside a repository, the files on disk. */
async function trackedFiles(root: string, inRepo: boolean): Promise<TrackedFiles> {
  if (inRepo) {
    const { listSnapshot, grepSnapshot, readTexts } = await import('../git/snapshot.js');
    const { readTreeText } = await import('../git/related.js');
    const listed = await listSnapshot(root, { kind: 'index' });
    const paths = listed.map((f) => f.path);
    const sha = new Map(listed.map((f) => [f.path, f.sha]));
    return {
      paths,
      // Small files through the shared reader; a larger one (a big baseline) read on its own, up to 64 MiB.
      read: async (rel) => {
        const small = await readTreeText(root, '', rel);
        if (small !== undefined || !sha.has(rel)) return small;
        const b = (await readTexts(root, [{ path: rel, sha: sha.get(rel)! }], 64 * 1024 * 1024)).get(rel);
        return b?.kind === 'text' ? b.text : undefined;
      },
      grep: async (needle) => (await grepSnapshot(root, { kind: 'index' }, [needle], ['.'])).map((f) => f.path),
    };
  }
  const paths: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) paths.push(r);
    }
  };
  walk('');
  const read = (rel: string) => {
    try {
      return Promise.resolve<string | undefined>(readFileSync(path.join(root, rel), 'utf8'));
    } catch {
      return Promise.resolve<string | undefined>(undefined);
    }
  };
  return { paths: paths.sort(), read };
}

/** The tracked texts of the config and of the baseline it names (or the default one). */
async function trackedSettings(files: TrackedFiles): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const names = [...CONFIG_NAMES, DEFAULT_BASELINE];
  let policyPaths: string[] | undefined;
  for (const n of CONFIG_NAMES) {
    const text = files.paths.includes(n) ? await files.read(n) : undefined;
    if (text === undefined) continue;
    try {
      const c = parse(text) as { baseline?: unknown; policyPaths?: unknown } | null;
      if (typeof c?.baseline === 'string') names.push(c.baseline.replace(/^\.\//, ''));
      const pp = c?.policyPaths;
      if (pp !== undefined) policyPaths = (Array.isArray(pp) ? pp : [pp]).filter((x) => typeof x === 'string');
    } catch {
      /* the scan reports a config that does not parse */
    }
    break;
  }
  // The team's policy files as staged, so an untracked or unstaged policy is not part of the document.
  names.push(...policyFiles('.', policyPaths, files.paths));
  for (const n of names) {
    const text = files.paths.includes(n) ? await files.read(n) : undefined;
    if (text !== undefined) out.set(n, text);
  }
  return out;
}

/** A revoked key as the document shows it: a fingerprint whole, a public key by its type, end and comment. */
function shortKey(k: string): string {
  const m = /^(\S+)\s+([A-Za-z0-9+/=]{20,})(?:\s+(.*))?$/.exec(k.trim());
  return m ? `${m[1]} …${m[2]!.slice(-12)}${m[3] ? ` ${m[3]}` : ''}` : k.trim();
}

/** Encryption at rest the tracked files declare: git-crypt patterns, SOPS creation rules, Ansible Vault files. */
async function declaredAtRest(files: TrackedFiles): Promise<PolicyData['atRest']> {
  const out: PolicyData['atRest'] = { gitCrypt: [], sops: [], vault: [] };
  for (const p of files.paths) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '';
    if (name === '.gitattributes') {
      for (const line of ((await files.read(p)) ?? '').split('\n')) {
        const t = line.trim();
        if (!t || t.startsWith('#') || !/\bfilter=git-crypt\b/.test(t)) continue;
        out.gitCrypt.push({ file: p, pattern: `${dir}${t.split(/\s+/)[0]!}` });
      }
    } else if (name === '.sops.yaml' || name === '.sops.yml') {
      let doc: unknown;
      try {
        doc = parse((await files.read(p)) ?? '');
      } catch {
        continue;
      }
      const rules = (doc as { creation_rules?: unknown } | null)?.creation_rules;
      for (const r of Array.isArray(rules) ? (rules as Array<Record<string, unknown>>) : []) {
        if (typeof r !== 'object' || r === null) continue;
        const keys = ['kms', 'age', 'pgp', 'gcp_kms', 'azure_keyvault', 'hc_vault_transit_uri', 'key_groups'].filter(
          (k) => r[k] !== undefined && r[k] !== '',
        );
        out.sops.push({ file: p, ...(typeof r.path_regex === 'string' ? { pathRegex: r.path_regex } : {}), keys });
      }
    }
  }
  const vaultish = files.grep
    ? await files.grep('$ANSIBLE_VAULT;')
    : files.paths.filter((p) => /\.(?:ya?ml|json|ini|cfg|j2|txt)$|(?:^|\/)[^./]+$|vault/i.test(p));
  for (const p of vaultish.sort()) {
    const text = await files.read(p);
    if (!text) continue;
    if (text.startsWith('$ANSIBLE_VAULT;')) out.vault.push({ file: p, whole: true });
    else if (/!vault\s*\|/.test(text) && text.includes('$ANSIBLE_VAULT;')) out.vault.push({ file: p, whole: false });
  }
  return out;
}

export async function buildPolicy(o: PolicyOptions): Promise<string> {
  const inRepo = await repoRoot(o.cwd, o.env);
  const root = inRepo ?? o.cwd;
  const files = await trackedFiles(root, inRepo !== undefined);
  // The config and the baseline as committed (staged): an untracked or unstaged one is not the policy.
  const tracked = inRepo ? await trackedSettings(files) : undefined;
  // A full scan of the tracked files as staged: which inline allows and Metadata suppressions are in effect, and
  // which match nothing.
  const outcome = await scan(
    { kind: 'paths', paths: [root], ...(inRepo ? { index: true } : {}) },
    {
      cwd: o.cwd,
      ...(o.env ? { env: o.env } : {}),
      ...(o.config ? { config: o.config } : {}),
      ...(o.baseline ? { baseline: o.baseline } : {}),
      ...(tracked ? { tracked } : {}),
      failOn: 'none',
    },
  );
  const { config, result } = outcome;
  const { patterns, policies } = await loadRulesAndConfig(root, o.config, o.cwd, tracked);
  const docs: RuleDoc[] = [...patterns.map(secretRuleDoc), ...(await iacRuleDocs(policies))];
  const byLower = new Map(docs.map((d) => [d.id.toLowerCase(), d]));

  const families = ruleFamilies(docs, config.rules, byLower);

  const own = await loadOwnership(root, config, inRepo !== undefined, o.env);

  const inline = inlineExceptions(result.suppressed);

  const baseline = await committedBaseline(
    o,
    root,
    config.baseline,
    inRepo !== undefined,
    files,
    (ruleId, file) => {
      const d = byLower.get(ruleId.toLowerCase());
      const owners =
        own.ownership && file && d ? ownersFor(own.ownership, { ruleId: d.id, category: d.category, file }) : [];
      return { ...(d ? { severity: d.severity } : {}), owners };
    },
    result.staleBaseline.length,
  );

  const unused = [...result.findings, ...result.existing]
    .filter((f) => f.ruleId === 'HG-UNUSED-001')
    .map((f) => ({ where: `${f.file}:${f.line}`, message: f.message }));

  const configExceptions = configExceptionsOf(config.exceptions ?? [], byLower);

  const failOn = config.failOn ?? 'high';
  const doc = config.escalation?.doc;
  const escalationDocMissing =
    doc !== undefined && !/^[a-z][a-z0-9+.-]*:\/\//i.test(doc) && !files.paths.includes(doc.replace(/^\.?\//, ''));
  const r = config.revoked;
  const e = config.environments;
  const data: PolicyData = {
    toolVersion: o.toolVersion,
    ...(config.file ? { configFile: path.relative(root, config.file).split(path.sep).join('/') } : {}),
    failOn,
    enforcement: await findEnforcement(files, failOn, config.exceptionApproval),
    families: [...families.values()],
    docsBase: DOCS_BASE,
    ...(own.ownership ? { owners: own.ownership } : {}),
    ...(config.escalation ? { escalation: config.escalation } : {}),
    ...(escalationDocMissing ? { escalationDocMissing } : {}),
    ...(r
      ? {
          revoked: {
            users: r.users.map((name, i) => ({ name, ...(r.why?.users[i] ? { reason: r.why.users[i] } : {}) })),
            keys: r.keys.map((key, i) => ({
              key: shortKey(key),
              ...(r.why?.keys[i] ? { reason: r.why.keys[i] } : {}),
            })),
          },
        }
      : {}),
    ...(e
      ? {
          environments: {
            envs: [...e.envs],
            expectDifferent: e.expectDifferent.map((glob, i) => ({
              glob,
              ...(e.why?.[i] ? { reason: e.why[i] } : {}),
            })),
          },
        }
      : {}),
    atRest: await declaredAtRest(files),
    inline,
    ...(baseline ? { baseline } : {}),
    config: configExceptions,
    unused,
  };
  // The team's own policies, as the standard they define (src/policies renders it).
  const standard = policies ? `\n${(await import('../policies/docs.js')).renderStandard(policies.policies)}` : '';
  return renderPolicy(data) + standard;
}

type Config = Awaited<ReturnType<typeof scan>>['config'];

/** Rules per family (category), with the ones the config turns off or gives another severity. */
function ruleFamilies(docs: RuleDoc[], settings: Config['rules'], byLower: Map<string, RuleDoc>): Map<string, Family> {
  const families = new Map<string, Family>();
  for (const d of docs) {
    const f = families.get(d.category) ?? { category: d.category, total: 0, off: [], changed: [] };
    f.total++;
    families.set(d.category, f);
  }
  for (const [id, setting] of [...settings].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const d = byLower.get(id);
    if (!d) continue;
    const f = families.get(d.category)!;
    if (setting === 'off') f.off.push(d.id);
    else if (setting !== d.severity) f.changed.push([d.id, `${d.severity} → ${setting}`]);
  }

  return families;
}

/** The inline allows and resource Metadata suppressions in effect, once per place and rule. */
function inlineExceptions(suppressed: Awaited<ReturnType<typeof scan>>['result']['suppressed']): Exception[] {
  const seen = new Set<string>();
  const inline: Exception[] = [];
  for (const s of suppressed) {
    if (s.by !== 'inline' && s.by !== 'metadata') continue;
    const what = `${s.file}:${s.line}`;
    const key = `${what}\0${s.ruleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inline.push({
      kind: s.by === 'inline' ? 'inline allow' : 'resource Metadata',
      what,
      ruleId: s.ruleId,
      ...(NO_REASON.test(s.reason) ? {} : { reason: s.reason }),
    });
  }

  return inline;
}

/**
 * The committed baseline (the index's; a named one outside the repository, from the disk), each entry with its
 * severity and owners (`about` answers for a rule id and file).
 */
async function committedBaseline(
  o: PolicyOptions,
  root: string,
  fromConfig: string | undefined,
  inRepo: boolean,
  files: TrackedFiles,
  about: (ruleId: string, file: string | undefined) => { severity?: string; owners: string[] },
  stale: number,
): Promise<PolicyData['baseline']> {
  let baseline: PolicyData['baseline'];
  const bfile = o.baseline
    ? path.resolve(o.cwd, o.baseline)
    : fromConfig
      ? path.resolve(root, fromConfig)
      : path.join(root, DEFAULT_BASELINE);
  const brel = path.relative(root, bfile).split(path.sep).join('/');
  const btext =
    inRepo && !brel.startsWith('../')
      ? await files.read(brel)
      : existsSync(bfile)
        ? readFileSync(bfile, 'utf8')
        : undefined;
  if (btext !== undefined && btext.trim()) {
    const raw = JSON.parse(btext) as {
      createdAt?: string;
      findings?: Array<Record<string, unknown>>;
    };
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
    baseline = {
      file: brel,
      entries: (raw.findings ?? []).map((e): BaselineShown => {
        const ruleId = String(e.ruleId ?? 'unknown');
        const file = str(e.file);
        const known = about(ruleId, file);
        const severity = str(e.severity) ?? known.severity;
        const owners = known.owners;
        return {
          ruleId,
          ...(file ? { file } : {}),
          ...(severity ? { severity } : {}),
          ...(owners.length ? { owners } : {}),
          ...(str(e.date) ? { date: str(e.date)!.slice(0, 10) } : {}),
          ...(str(e.reason) ? { reason: str(e.reason)! } : {}),
          ...(str(e.expires) ? { expires: str(e.expires)!.slice(0, 10) } : {}),
        };
      }),
      ...(typeof raw.createdAt === 'string' ? { createdAt: raw.createdAt } : {}),
      stale,
    };
  }
  return baseline;
}

/** The config's exceptions; a severity change counts only when it lowers the rule. */
function configExceptionsOf(exceptions: NonNullable<Config['exceptions']>, byLower: Map<string, RuleDoc>): Exception[] {
  const configExceptions: Exception[] = [];
  for (const e of exceptions) {
    if (e.kind === 'severity lowered') {
      const d = byLower.get(e.what.toLowerCase());
      if (!d || !e.severity || SEVERITY_RANK[e.severity] >= SEVERITY_RANK[d.severity]) continue;
      configExceptions.push({
        kind: e.kind,
        what: `${d.id}: ${d.severity} → ${e.severity}`,
        ...(e.reason ? { reason: e.reason } : {}),
      });
    } else configExceptions.push({ kind: e.kind, what: e.what, ...(e.reason ? { reason: e.reason } : {}) });
  }

  return configExceptions;
}
