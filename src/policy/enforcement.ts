/**
 * Where the repository sets hookguard up, and at what threshold each place blocks: husky hooks, committed native hook
 * scripts, lefthook, the pre-commit framework, the GitHub Action (its inputs and triggers) and `hookguard scan` run by
 * a workflow. Read from the repository's tracked files (what every clone and CI get), never from one developer's
 * `.git/hooks` or global `core.hooksPath`: those are named as per-clone set-ups that `hookguard doctor` checks.
 */
import { parse } from 'yaml';
import { SEVERITIES, type FailOn } from '../types.js';

const FAIL_ON: readonly string[] = [...SEVERITIES.filter((s) => s !== 'info'), 'none'];

/** One place that runs hookguard, as the repository configures it. */
export interface EnforcementPoint {
  /** The git hook (pre-commit, pre-merge-commit, pre-push, commit-msg) or `pull requests`, `pushes`, `schedule`… */
  stage: string;
  /** husky, lefthook, pre-commit framework, native hook script, GitHub Action, CI command. */
  via: string;
  /** The file that sets it up. */
  file: string;
  /** A workflow's job. */
  job?: string;
  /** What blocks: findings at or above this (none: reports only). */
  threshold: FailOn;
  /** Where the threshold comes from. */
  thresholdFrom: string;
  notes: string[];
}

export interface TrackedFiles {
  /** Every tracked path. */
  paths: string[];
  read(rel: string): Promise<string | undefined>;
  /** Paths whose text contains `needle` (git grep on the index), when available. */
  grep?(needle: string): Promise<string[]>;
}

export const HOOK_STAGES = ['pre-commit', 'pre-merge-commit', 'pre-push', 'commit-msg'] as const;

/** `--fail-on X` (or `--fail-on=X`) in a command line. */
function failOnIn(cmd: string): FailOn | undefined {
  const m = /--fail-on(?:=|\s+)["']?([a-z]+)/.exec(cmd);
  return m && FAIL_ON.includes(m[1]!) ? (m[1] as FailOn) : undefined;
}

/** The config's own threshold, read from a config file's text (the Action's `config:` input may name another). */
export function failOnOf(text: string | undefined): FailOn | undefined {
  if (!text) return undefined;
  try {
    const v = (parse(text) as { failOn?: unknown } | null)?.failOn;
    return typeof v === 'string' && FAIL_ON.includes(v) ? (v as FailOn) : undefined;
  } catch {
    return undefined;
  }
}

function yamlOf(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strs = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Whether a hook manager's command runs hookguard's check for `stage`. */
function hookguardCommand(cmd: string, stage: string): boolean {
  if (!/hookguard/.test(cmd)) return false;
  if (/hookguard\.sh\s+([\w-]+)/.test(cmd)) return /hookguard\.sh\s+([\w-]+)/.exec(cmd)![1] === stage;
  if (/scan\s+[^|;&]*--pre-push/.test(cmd)) return stage === 'pre-push';
  if (/scan\s+[^|;&]*--commit-msg/.test(cmd)) return stage === 'commit-msg';
  if (/scan\s+[^|;&]*--staged/.test(cmd)) return stage === 'pre-commit' || stage === 'pre-merge-commit';
  return true;
}

export async function findEnforcement(
  files: TrackedFiles,
  configFailOn: FailOn,
  configExceptions: 'require-owner-approval' | 'report' = 'require-owner-approval',
): Promise<EnforcementPoint[]> {
  const out: EnforcementPoint[] = [];
  const fromConfig = (cmd: string): Pick<EnforcementPoint, 'threshold' | 'thresholdFrom'> => {
    const f = failOnIn(cmd);
    return f
      ? { threshold: f, thresholdFrom: '`--fail-on` in the command' }
      : { threshold: configFailOn, thresholdFrom: 'the config' };
  };
  const tracked = new Set(files.paths);

  // husky (.husky/HOOK) and committed native hook scripts (a folder core.hooksPath points at: .githooks/HOOK…).
  for (const p of files.paths) {
    const m = /^(?:(.*)\/)?(pre-commit|pre-merge-commit|pre-push|commit-msg)$/.exec(p);
    if (!m) continue;
    if (m[1] === '.husky/_') continue; // husky's own generated stubs
    const text = await files.read(p);
    if (!text || !/hookguard/.test(text)) continue;
    const husky = m[1] === '.husky';
    const line = text.split('\n').find((l) => /hookguard/.test(l) && !/^\s*#/.test(l)) ?? '';
    out.push({
      stage: m[2]!,
      via: husky ? 'husky' : 'native hook script',
      file: p,
      ...fromConfig(line),
      notes: husky ? [] : ['each clone points `core.hooksPath` at this folder'],
    });
  }

  // lefthook: HOOK: commands/jobs/scripts whose run calls hookguard.
  for (const f of ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml']) {
    if (!tracked.has(f)) continue;
    const doc = yamlOf(await files.read(f));
    if (!isObj(doc)) continue;
    for (const stage of HOOK_STAGES) {
      const h = doc[stage];
      if (!isObj(h)) continue;
      const runs: string[] = [];
      for (const group of ['commands', 'scripts'])
        if (isObj(h[group]))
          for (const c of Object.values(h[group])) if (isObj(c)) runs.push(...strs(c.run ?? c.runner));
      if (Array.isArray(h.jobs)) for (const j of h.jobs) if (isObj(j)) runs.push(...strs(j.run));
      const run = runs.find((r) => hookguardCommand(r, stage));
      if (run !== undefined) out.push({ stage, via: 'lefthook', file: f, ...fromConfig(run), notes: [] });
    }
  }

  // The pre-commit framework: hooks hookguard (every stage it is installed for) and hookguard-commit-msg.
  if (tracked.has('.pre-commit-config.yaml')) {
    const doc = yamlOf(await files.read('.pre-commit-config.yaml'));
    if (isObj(doc)) {
      const installed = strs(doc.default_install_hook_types);
      const types = installed.length ? installed : ['pre-commit'];
      for (const repo of Array.isArray(doc.repos) ? doc.repos : []) {
        if (!isObj(repo) || !Array.isArray(repo.hooks)) continue;
        for (const h of repo.hooks) {
          if (!isObj(h) || typeof h.id !== 'string') continue;
          const entry = typeof h.entry === 'string' ? h.entry : '';
          const ours =
            /hookguard/i.test(String(repo.repo ?? '')) || (String(repo.repo) === 'local' && /hookguard/.test(entry));
          if (!ours) continue;
          const args = strs(h.args).join(' ');
          const stages = strs(h.stages).map((s) => ({ commit: 'pre-commit', push: 'pre-push' })[s] ?? s);
          const forStages =
            h.id === 'hookguard-commit-msg' ? ['commit-msg'] : stages.length ? stages : [...HOOK_STAGES];
          for (const stage of forStages)
            if (
              (HOOK_STAGES as readonly string[]).includes(stage) &&
              (stage !== 'commit-msg' || h.id !== 'hookguard') &&
              types.includes(stage)
            )
              out.push({
                stage,
                via: 'pre-commit framework',
                file: '.pre-commit-config.yaml',
                ...fromConfig(`${entry} ${args}`),
                notes: [],
              });
        }
      }
    }
  }

  // GitHub workflows: the Action (its inputs) and `hookguard scan` run as a command.
  for (const p of files.paths.filter((x) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(x)).sort()) {
    const text = await files.read(p);
    if (!text || !/hookguard/i.test(text)) continue;
    const doc = yamlOf(text);
    if (!isObj(doc)) continue;
    const on = doc.on ?? doc.true; // YAML 1.1 readers turn a bare `on` into true
    const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? strs(on) : isObj(on) ? Object.keys(on) : [];
    const jobs = isObj(doc.jobs) ? doc.jobs : {};
    for (const [jobName, job] of Object.entries(jobs)) {
      if (!isObj(job) || !Array.isArray(job.steps)) continue;
      const jobContinues = job['continue-on-error'] === true;
      for (const step of job.steps) {
        if (!isObj(step)) continue;
        const uses = typeof step.uses === 'string' ? step.uses : '';
        const run = typeof step.run === 'string' ? step.run : '';
        const reportsOnly = jobContinues || step['continue-on-error'] === true;
        if (/(?:^|\/)hookguard(?:@|$|\/)/i.test(uses)) {
          const { threshold, thresholdFrom, notes } = await actionStep(step, files, configFailOn, configExceptions);
          if (reportsOnly) notes.push('`continue-on-error: true`: a failing check does not fail the workflow');
          out.push({
            stage: triggers.length ? triggers.join(', ') : 'workflow',
            via: 'GitHub Action',
            file: p,
            job: jobName,
            threshold,
            thresholdFrom,
            notes,
          });
        } else if (/hookguard\s+scan\b/.test(run)) {
          const line = run.split('\n').find((l) => /hookguard\s+scan\b/.test(l)) ?? run;
          out.push({
            stage: triggers.length ? triggers.join(', ') : 'workflow',
            via: 'CI command',
            file: p,
            job: jobName,
            ...fromConfig(line),
            notes: reportsOnly ? ['`continue-on-error: true`: a failing check does not fail the workflow'] : [],
          });
        }
      }
    }
  }
  return out;
}

/** The threshold a step that uses the hookguard Action blocks at, and what its inputs change (its notes). */
async function actionStep(
  step: Record<string, unknown>,
  files: TrackedFiles,
  configFailOn: FailOn,
  configExceptions: 'require-owner-approval' | 'report',
): Promise<{ threshold: FailOn; thresholdFrom: string; notes: string[] }> {
  const w = isObj(step.with) ? step.with : {};
  const input = (k: string) => (typeof w[k] === 'string' || typeof w[k] === 'boolean' ? String(w[k]) : '');
  const notes: string[] = [];
  let threshold: FailOn = configFailOn;
  let thresholdFrom = 'the config';
  const fo = input('fail-on');
  if (FAIL_ON.includes(fo)) {
    threshold = fo as FailOn;
    thresholdFrom = 'input `fail-on`';
  } else if (fo) notes.push(`input \`fail-on: ${fo}\` is not a threshold (the check then fails to run)`);
  else if (input('config')) {
    const other = failOnOf(await files.read(input('config').replace(/^\.\//, '')));
    threshold = other ?? 'high';
    thresholdFrom = `${input('config')} (input \`config\`)`;
  }
  if (input('mode') && input('mode') !== 'auto') notes.push(`mode \`${input('mode')}\``);
  notes.push(
    `exceptions a pull request adds: ${
      (input('exceptions') || configExceptions) === 'report'
        ? `reported only (${input('exceptions') ? 'input' : 'config'} \`exceptions: report\`)`
        : 'fail the check until an owner approves'
    }`,
  );
  if (input('comments') === 'false') notes.push('no inline review comments');
  if (input('sarif-file')) notes.push(`SARIF to \`${input('sarif-file')}\``);
  if (input('report-html')) notes.push(`HTML audit report \`${input('report-html')}\``);
  if (input('baseline')) notes.push(`baseline \`${input('baseline')}\``);
  return { threshold, thresholdFrom, notes };
}
