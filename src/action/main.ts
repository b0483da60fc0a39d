/**
 * The GitHub Action: event → range → scan → check run (annotations in batches of 50) → one review with inline
 * comments → job summary, outputs and SARIF. Each GitHub API step degrades: on a read-only token (fork pull
 * requests) or any API error the findings go out as workflow-command annotations plus the job summary, and the
 * run says once why. run() never throws: it reports "::error::hookguard: <message>" and sets the exit code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { atLeast, SEVERITIES, type FailOn, type Finding, type RuleDoc } from '../types.js';
import { git } from '../git/run.js';
import { githubReport } from '../report/github.js';
import { textReport } from '../report/text.js';
import type { ReportContext } from '../report/context.js';
import { Api, ApiError, toApiError } from './api.js';
import {
  annotationsFor,
  checkTitle,
  failing,
  ruleNotes,
  severityText,
  summaryMarkdown,
  type SummaryInput,
  type RuleNotes,
} from './format.js';
import { MODES, planScan, type Mode, type Plan } from './plan.js';
import { reviewPullRequest, type FixFor } from './review.js';
import { suggestionFor } from './suggest.js';
import {
  EXCEPTION_MODES,
  exceptionsMarkdown,
  judgeApproval,
  prExceptions,
  type Approval,
  type ExceptionMode,
  type PrException,
} from './exceptions.js';
import {
  ActionInputError,
  appendSummary,
  command,
  defaultRunner,
  getBooleanInput,
  getInput,
  group,
  info,
  readEvent,
  repository,
  setOutput,
  type Runner,
} from './runner.js';

declare const __HOOKGUARD_VERSION__: string | undefined;
const VERSION = typeof __HOOKGUARD_VERSION__ === 'string' ? __HOOKGUARD_VERSION__ : '0.0.0-dev';

export const CHECK_NAME = 'hookguard';
export const BATCH = 50;
export const MAX_ANNOTATIONS = 1000;
const FAIL_ON: readonly FailOn[] = [...SEVERITIES.filter((s) => s !== 'info'), 'none'] as FailOn[];

export async function run(runner: Runner = defaultRunner()): Promise<number> {
  let code: number;
  try {
    code = await action(runner);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    command(runner, 'error', `hookguard: ${msg}`);
    if (/(^|,)\s*hookguard/.test(runner.env.DEBUG ?? '') && e instanceof Error && e.stack)
      info(runner, `hookguard:debug ${e.stack}`);
    code = 1;
  }
  process.exitCode = code;
  return code;
}

interface Inputs {
  token: string;
  failOn?: FailOn;
  config?: string;
  baseline?: string;
  comments: boolean;
  sarifFile?: string;
  /** `report-html`: where to write the HTML audit report (for actions/upload-artifact). */
  reportHtml?: string;
  mode: Mode;
  paths: string[];
  /** Input `exceptions`, when given (else the base branch's config, else require-owner-approval). */
  exceptions?: ExceptionMode;
}

function readInputs(r: Runner): Inputs {
  const failOn = getInput(r, 'fail-on').toLowerCase();
  if (failOn && !FAIL_ON.includes(failOn as FailOn))
    throw new ActionInputError(`input "fail-on" must be one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  const mode = (getInput(r, 'mode').toLowerCase() || 'auto') as Mode;
  if (!MODES.includes(mode))
    throw new ActionInputError(`input "mode" must be one of ${MODES.join(', ')}, got "${mode}"`);
  const exceptions = getInput(r, 'exceptions').toLowerCase();
  if (exceptions && !EXCEPTION_MODES.includes(exceptions as ExceptionMode))
    throw new ActionInputError(`input "exceptions" must be one of ${EXCEPTION_MODES.join(', ')}, got "${exceptions}"`);
  const opt = (name: string) => getInput(r, name) || undefined;
  return {
    token: getInput(r, 'github-token') || r.env.GITHUB_TOKEN || '',
    ...(failOn ? { failOn: failOn as FailOn } : {}),
    ...(opt('config') ? { config: opt('config') } : {}),
    ...(opt('baseline') ? { baseline: opt('baseline') } : {}),
    comments: getBooleanInput(r, 'comments', true),
    ...(opt('sarif-file') ? { sarifFile: opt('sarif-file') } : {}),
    ...(opt('report-html') ? { reportHtml: opt('report-html') } : {}),
    mode,
    ...(exceptions ? { exceptions: exceptions as ExceptionMode } : {}),
    paths: getInput(r, 'path')
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

function explain(e: ApiError, fork: boolean, checkDone: boolean): string {
  const base = `hookguard could not use the GitHub API (${e.message})`;
  const instead = checkDone
    ? 'Findings are in the check run and the job summary instead of inline comments.'
    : 'Findings are reported as workflow annotations and in the job summary instead.';
  if (e.forbidden)
    return `${base}: the token is read-only or lacks "checks: write" / "pull-requests: write"${fork ? ' (pull requests from forks always get a read-only token)' : ''}. ${instead}`;
  return `${base}. ${instead}`;
}

/**
 * Where a finding from a commit of the range is at the head commit: `git blame --porcelain` maps each head line to
 * the commit and original line it came from, so a secret whose line later moved is still commented in the right
 * place, and one that was removed (or rewritten) is not commented on unrelated text. IaC findings point at the
 * resource as it is at head already.
 */
function headLocator(root: string, head: string): (f: Finding) => Promise<number | undefined> {
  const files = new Map<string, Promise<Map<string, number>>>();
  const blame = async (file: string) => {
    const r = await git(root, ['blame', '--porcelain', head, '--', file]);
    const map = new Map<string, number>();
    if (r.code !== 0) return map;
    for (const m of r.stdout.toString('utf8').matchAll(/^([0-9a-f]{40,64}) (\d+) (\d+)/gm))
      map.set(`${m[1]}:${m[2]}`, Number(m[3]));
    return map;
  };
  return async (f) => {
    if (f.category !== 'secret' || !f.commit) return f.line;
    let p = files.get(f.file);
    if (!p) files.set(f.file, (p = blame(f.file)));
    return (await p).get(`${f.commit}:${f.line}`);
  };
}

/**
 * The automatic fix of a fixable IaC finding, on the file as it is at the head commit: what `hookguard fix` would write
 * for that finding alone, offered only when, as `hookguard fix` checks, the rule family run again finds one finding of
 * that rule fewer and nothing new at or above fail-on (a new lower one, such as "encrypted, but not with your KMS
 * key", is the team's next decision, not a reason to withhold the fix).
 */
function headFixer(root: string, head: string, failOn: FailOn): FixFor {
  return async (f, line) => {
    if (f.category !== 'cloudformation' && f.category !== 'ansible') return undefined;
    const { FIXES, hasFix } = await import('../fix/registry.js');
    if (!hasFix(f.ruleId, f.file)) return undefined;
    const blob = await git(root, ['show', `${head}:${f.file}`]);
    if (blob.code !== 0) return undefined;
    const text = blob.stdout.toString('utf8');
    const { applyFixes } = await import('../fix/index.js');
    const out = applyFixes(text, [{ ruleId: f.ruleId, line }], f.category);
    if (!out.applied.length) return undefined;
    const family =
      f.category === 'cloudformation'
        ? (await import('../rules/cloudformation/index.js')).family
        : (await import('../rules/ansible/index.js')).family;
    const before = family.lint(f.file, text).findings;
    const after = family.lint(f.file, out.text).findings;
    const count = (l: typeof before, id: string) => l.filter((x) => x.ruleId === id).length;
    if (count(after, f.ruleId) >= count(before, f.ruleId)) return undefined;
    if (after.some((x) => atLeast(x.severity, failOn) && count(after, x.ruleId) > count(before, x.ruleId)))
      return undefined;
    const suggestion = suggestionFor(text, out.text, line);
    return suggestion && { suggestion, what: `sets ${FIXES[f.ruleId]!.what}` };
  };
}

async function action(r: Runner): Promise<number> {
  const inputs = readInputs(r);
  const cwd = r.env.GITHUB_WORKSPACE || process.cwd();
  const eventName = r.env.GITHUB_EVENT_NAME ?? '';
  const event = readEvent(r);
  const log = (l: string) => info(r, l);

  const plan = await planScan({
    mode: inputs.mode,
    paths: inputs.paths,
    eventName,
    event,
    cwd,
    ...(r.env.GITHUB_SHA ? { githubSha: r.env.GITHUB_SHA } : {}),
    log,
  });
  log(`hookguard ${VERSION}: scanning ${plan.scope}`);
  for (const n of plan.notes) log(`hookguard: ${n}`);

  // GitHub API: available until the first failure, which is explained once.
  let { api, fallback } = connect(r, inputs.token, log);
  if (fallback) command(r, 'warning', fallback);
  const fail = (e: unknown, what: string) => {
    const err = toApiError(e, what);
    if (!fallback) {
      fallback = explain(err, Boolean(plan.pr?.fork), checkDone);
      command(r, 'warning', fallback);
    }
    api = undefined;
  };

  let checkId: number | undefined;
  let checkDone = false;
  if (api && plan.headSha)
    try {
      checkId = await api.createCheckRun(plan.headSha, CHECK_NAME);
    } catch (e) {
      fail(e, 'creating the check run');
    }

  if (!plan.request) {
    if (api && checkId !== undefined)
      await completeEmpty(api, checkId, plan.notes).catch((e: unknown) => fail(e, 'completing the check run'));
    return nothingToScan(r, plan.notes);
  }

  const { scan } = await import('../scan/index.js');
  let outcome;
  try {
    outcome = await scan(plan.request, {
      cwd,
      ...(inputs.config ? { config: inputs.config } : {}),
      ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
      ...(inputs.failOn ? { failOn: inputs.failOn } : {}),
    });
  } catch (e) {
    if (api && checkId !== undefined) await completeFailed(api, checkId, e as Error);
    throw e;
  }
  const { result, failOn } = outcome;
  const failingCount = failing(result, failOn).length;

  // Exceptions the pull request grants itself, and whether an owner approved them.
  const ex = plan.pr
    ? await exceptionsStage(r, {
        root: outcome.root,
        pr: plan.pr,
        result,
        inputs,
        cwd,
        api,
        fail,
      })
    : undefined;
  const needsApproval = Boolean(ex && ex.mode === 'require-owner-approval' && ex.approval.pending.length);
  const ctx: ReportContext = { toolVersion: VERSION, failOn, color: false, rules: [], scope: plan.scope };

  // The log: the text report (masked, like every report).
  const end = group(r, `hookguard report: ${checkTitle(result, failOn)}`);
  r.stdout(textReport(result, ctx));
  end();

  const { sarifFile, reportHtml } = await writeReportFiles(inputs, outcome, ctx, cwd, log);

  // 1. Check run with every finding as an annotation, 50 per request.
  let capped = 0;
  if (api && checkId !== undefined) {
    const all = await annotationsAtHead(outcome.root, plan.headSha, result, failOn);
    const annotations = all.slice(0, MAX_ANNOTATIONS);
    capped = all.length - annotations.length;
    const title = needsApproval
      ? `Needs owner approval: ${ex!.approval.pending.length} exception${ex!.approval.pending.length === 1 ? '' : 's'} added by this pull request; ${checkTitle(result, failOn)}`
      : checkTitle(result, failOn);
    const summary = [checkSummary(plan.scope, result, failOn, capped), ex?.markdown].filter(Boolean).join('\n\n');
    try {
      await postCheckRun(
        api,
        checkId,
        { title, summary, annotations },
        failingCount || needsApproval ? 'failure' : 'success',
      );
      checkDone = true;
    } catch (e) {
      fail(e, 'updating the check run');
    }
  }

  // 2. One review with inline comments (pull requests only): only findings that block; the others are in the check
  // run's annotations and the summary. The comment's "why" and fixed snippet come from the rule's docs.
  let where: Map<string, string> | undefined;
  let reviewLine: string | undefined;
  const blockingFindings = failing(result, failOn);
  if (api && plan.pr && inputs.comments) {
    try {
      ({ where, reviewLine } = await postReview(api, plan.pr, outcome, blockingFindings, inputs.config, cwd, failOn));
      log(`hookguard: ${reviewLine ?? 'review: nothing to comment on'}`);
    } catch (e) {
      fail(e, 'posting review comments');
    }
  }

  // 2b. Review requests: the owners of blocking findings, and of exceptions still waiting for an owner's approval.
  let reviewersLine: string | undefined;
  if (api && plan.pr && (blockingFindings.length || ex?.approval.pending.length)) {
    reviewersLine = await requestOwnerReviews(api, plan.pr, ownersToAsk(blockingFindings, ex), ownersWhoApproved(ex));
    if (reviewersLine) log(`hookguard: ${reviewersLine}`);
  }

  // 4. Fallback: workflow-command annotations when the check run could not carry them.
  if (!checkDone) r.stdout(githubReport(result, ctx));

  // 3. Job summary.
  await writeSummary(r, outcome, plan, {
    ...(where ? { where } : {}),
    ...(reviewLine ? { review: reviewLine } : {}),
    ...(reviewersLine ? { reviewers: reviewersLine } : {}),
    ...(fallback ? { fallback } : {}),
    ...(capped ? { annotationsCapped: capped } : {}),
    ...(sarifFile ? { sarifFile } : {}),
    ...(reportHtml ? { reportHtml } : {}),
    ...(ex?.markdown ? { exceptions: ex.markdown } : {}),
  });

  return finish(r, outcome, { sarifFile, reportHtml, ex, needsApproval, failingCount });
}

type ScanOutcome = Awaited<ReturnType<(typeof import('../scan/index.js'))['scan']>>;

/** The report files the inputs ask for: SARIF (for upload-sarif) and the HTML audit report (for upload-artifact). */
async function writeReportFiles(
  inputs: Inputs,
  outcome: ScanOutcome,
  ctx: ReportContext,
  cwd: string,
  log: (l: string) => void,
): Promise<{ sarifFile?: string; reportHtml?: string }> {
  const { result } = outcome;
  // SARIF for github/codeql-action/upload-sarif.
  let sarifFile: string | undefined;
  if (inputs.sarifFile) {
    const { loadRulesAndConfig, iacRuleDocs, secretRuleDoc } = await import('../scan/index.js');
    const { patterns, policies } = await loadRulesAndConfig(outcome.root, inputs.config, cwd);
    const rules: RuleDoc[] = [...patterns.map(secretRuleDoc), ...(await iacRuleDocs(policies))];
    const { sarifReport } = await import('../report/sarif.js');
    const abs = path.resolve(cwd, inputs.sarifFile);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, sarifReport(result, { ...ctx, rules }));
    sarifFile = inputs.sarifFile;
    log(`hookguard: wrote SARIF to ${sarifFile}`);
  }

  // The HTML audit report (scheduled audits): a file for actions/upload-artifact; the summary links the run's artifacts.
  let reportHtml: string | undefined;
  if (inputs.reportHtml) {
    const { publicReport } = await import('../report/json.js');
    const { renderReport } = await import('../report/render.js');
    const abs = path.resolve(cwd, inputs.reportHtml);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(
      abs,
      renderReport('html', publicReport(result, ctx), {
        scope: ctx.scope ?? '',
        ...(outcome.parity?.table.roles.length ? { parity: outcome.parity.table } : {}),
      }),
    );
    reportHtml = inputs.reportHtml;
    log(`hookguard: wrote the HTML audit report to ${reportHtml}`);
  }
  return { ...(sarifFile ? { sarifFile } : {}), ...(reportHtml ? { reportHtml } : {}) };
}

/**
 * The check run's annotations. They belong to the head commit: a secret found in an earlier commit of the range is
 * placed where its line is at head (git blame), and one that a later commit removed stays on the line where it was
 * added, saying so (it was still pushed, and still fails the run).
 */
async function annotationsAtHead(
  root: string,
  headSha: string | undefined,
  result: ScanOutcome['result'],
  failOn: FailOn,
): Promise<ReturnType<typeof annotationsFor>> {
  const locate = headSha ? headLocator(root, headSha) : undefined;
  const atHead = async (fs: Finding[]) =>
    Promise.all(
      fs.map(async (f) => {
        if (!locate || f.category !== 'secret' || !f.commit || f.commit === headSha) return f;
        const line = await locate(f);
        if (line === undefined)
          return {
            ...f,
            message: `${f.message} Added in commit ${f.commit.slice(0, 12)}; no longer at this line at the head commit.`,
          };
        return line === f.line ? f : { ...f, line, endLine: line };
      }),
    );
  const all = annotationsFor({ ...result, findings: await atHead(result.findings) }, failOn);
  return all;
}

/**
 * One review with inline comments (pull requests only): only findings that block; the others are in the check run's
 * annotations and the summary. The comment's "why" and fixed snippet come from the rule's docs. Returns where each
 * finding was shown, and the review's line for the summary.
 */
async function postReview(
  api: Api,
  pr: NonNullable<Plan['pr']>,
  outcome: ScanOutcome,
  blockingFindings: Finding[],
  config: string | undefined,
  cwd: string,
  failOn: FailOn,
): Promise<{ where: Map<string, string>; reviewLine: string | undefined }> {
  const { loadRulesAndConfig, iacRuleDocs, secretRuleDoc } = await import('../scan/index.js');
  const { patterns, policies } = await loadRulesAndConfig(outcome.root, config, cwd);
  const docs = new Map<string, RuleNotes>();
  const wanted = new Set(blockingFindings.map((f) => f.ruleId));
  for (const d of [...patterns.filter((p) => wanted.has(p.id)).map(secretRuleDoc), ...(await iacRuleDocs(policies))])
    if (wanted.has(d.id)) docs.set(d.id, ruleNotes(d.docs));
  const rv = await reviewPullRequest(
    api,
    pr,
    blockingFindings,
    [...outcome.result.findings, ...outcome.result.existing],
    headLocator(outcome.root, pr.head),
    (id) => docs.get(id) ?? {},
    headFixer(outcome.root, pr.head, failOn),
  );
  const where = rv.where;
  for (const f of outcome.result.findings)
    if (!where.has(f.fingerprint)) where.set(f.fingerprint, 'check run annotation (below fail-on)');
  const parts = [
    rv.posted && `${rv.posted} new inline comment${rv.posted === 1 ? '' : 's'}`,
    rv.alreadyThere && `${rv.alreadyThere} already commented`,
    rv.reopened && `${rv.reopened} reopened`,
    rv.resolved && `${rv.resolved} earlier comment${rv.resolved === 1 ? '' : 's'} marked resolved`,
  ].filter(Boolean);
  const reviewLine = parts.length ? `Review: ${parts.join(', ')}.` : undefined;
  return { where, reviewLine };
}

/** The Action's outputs and closing lines; the exit code (1 when findings block or exceptions wait for an owner). */
function finish(
  r: Runner,
  outcome: ScanOutcome,
  o: {
    sarifFile: string | undefined;
    reportHtml: string | undefined;
    ex: ExceptionsOutcome | undefined;
    needsApproval: boolean;
    failingCount: number;
  },
): number {
  const { result, failOn } = outcome;
  const { sarifFile, reportHtml, ex, needsApproval, failingCount } = o;
  const log = (l: string) => info(r, l);
  const total = result.findings.length + result.existing.length;
  setOutput(r, 'findings', String(total));
  setOutput(r, 'blocking', String(failingCount));
  setOutput(r, 'sarif-file', sarifFile ?? '');
  setOutput(r, 'report-html', reportHtml ?? '');
  setOutput(r, 'exceptions', String(ex?.list.length ?? 0));

  if (needsApproval)
    command(
      r,
      'error',
      `hookguard: this pull request adds ${ex!.list.length} exception${ex!.list.length === 1 ? '' : 's'} to the checks (${ex!.approval.pending.length} not approved): needs owner approval. An owner (${[...new Set(ex!.approval.pending.flatMap((e) => e.owners))].join(', ') || 'any reviewer'}) must approve the pull request; see the job summary.`,
    );
  if (outcome.exitCode === 1)
    command(
      r,
      'error',
      `hookguard: ${failingCount} finding${failingCount === 1 ? '' : 's'} at or above "${failOn}" (${severityText(failing(result, failOn))}). Rotate any exposed secret: removing it in a later commit leaves it in the history.`,
    );
  else if (!needsApproval) log(`hookguard: passed (${checkTitle(result, failOn)}).`);
  return needsApproval ? 1 : outcome.exitCode;
}

/** Complete the check run of a run whose scan failed (a failure to say so is left unsaid: the run's error is said). */
function completeFailed(api: Api, checkId: number, e: Error): Promise<void> {
  return api
    .updateCheckRun(checkId, {
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'hookguard could not scan', summary: e.message },
    })
    .catch(() => undefined);
}

/** Complete the check run of a run with nothing to scan. */
function completeEmpty(api: Api, checkId: number, notes: string[]): Promise<void> {
  return api.updateCheckRun(checkId, {
    status: 'completed',
    conclusion: 'success',
    output: { title: 'Nothing to scan', summary: notes.join('\n') || 'Nothing to scan.' },
  });
}

/** The summary and outputs of a run with nothing to scan. */
function nothingToScan(r: Runner, notes: string[]): number {
  appendSummary(r, `## hookguard: nothing to scan\n\n${notes.join('\n\n')}\n`);
  setOutput(r, 'findings', '0');
  setOutput(r, 'blocking', '0');
  setOutput(r, 'sarif-file', '');
  return 0;
}

/** The GitHub API client, or why there is none (said once, and findings then go out as workflow annotations). */
function connect(
  r: Runner,
  token: string | undefined,
  log: (l: string) => void,
): { api: Api | undefined; fallback: string | undefined } {
  const repo = repository(r);
  if (!token)
    return {
      api: undefined,
      fallback: 'No github-token: findings are reported as workflow annotations and in the job summary.',
    };
  if (!repo)
    return { api: undefined, fallback: 'GITHUB_REPOSITORY is not set: findings are reported as workflow annotations.' };
  const api = new Api(repo, {
    token,
    baseUrl: r.env.GITHUB_API_URL || 'https://api.github.com',
    userAgent: `hookguard-action/${VERSION}`,
    log,
    ...(r.env.HOOKGUARD_MAX_RATE_WAIT_MS ? { maxWaitMs: Number(r.env.HOOKGUARD_MAX_RATE_WAIT_MS) } : {}),
  });
  return { api, fallback: undefined };
}

/** The check run's output, its annotations BATCH per request; the last request completes it. */
async function postCheckRun(
  api: Api,
  checkId: number,
  o: { title: string; summary: string; annotations: ReturnType<typeof annotationsFor> },
  conclusion: 'failure' | 'success',
): Promise<void> {
  const batches = Math.max(1, Math.ceil(o.annotations.length / BATCH));
  for (let i = 0; i < batches; i++) {
    const last = i === batches - 1;
    await api.updateCheckRun(checkId, {
      ...(last ? { status: 'completed' as const, conclusion } : {}),
      output: { title: o.title, summary: o.summary, annotations: o.annotations.slice(i * BATCH, (i + 1) * BATCH) },
    });
  }
}

/** Whom to ask for a review: the owners of blocking findings, and of exceptions still waiting for an owner. */
function ownersToAsk(blockingFindings: Finding[], ex: ExceptionsOutcome | undefined): string[] {
  return [
    ...blockingFindings.flatMap((f) => f.owners ?? []),
    ...(ex?.mode === 'require-owner-approval' ? ex.approval.pending.flatMap((e) => e.owners) : []),
  ];
}

function ownersWhoApproved(ex: ExceptionsOutcome | undefined): Set<string> {
  return new Set(ex?.approval.approvers.map((a) => a.toLowerCase()) ?? []);
}

/**
 * The job summary: the findings and what the run did with them, the exceptions the pull request adds, and, when the
 * range touched environment files, their differences.
 */
async function writeSummary(
  r: Runner,
  outcome: ScanOutcome,
  plan: Plan,
  o: Pick<
    SummaryInput,
    'where' | 'review' | 'reviewers' | 'fallback' | 'annotationsCapped' | 'sarifFile' | 'reportHtml'
  > & { exceptions?: string },
): Promise<void> {
  const { exceptions, reportHtml, ...shown } = o;
  appendSummary(
    r,
    summaryMarkdown({
      result: outcome.result,
      failOn: outcome.failOn,
      scope: plan.scope,
      notes: plan.notes,
      ...shown,
      ...(reportHtml
        ? {
            reportHtml,
            ...(r.env.GITHUB_RUN_ID
              ? {
                  artifactsUrl: `${r.env.GITHUB_SERVER_URL || 'https://github.com'}/${r.env.GITHUB_REPOSITORY ?? ''}/actions/runs/${r.env.GITHUB_RUN_ID}#artifacts`,
                }
              : {}),
          }
        : {}),
    }),
  );
  if (exceptions) appendSummary(r, exceptions);
  if (outcome.parity?.table.roles.length) {
    const { tableMarkdown } = await import('../env/table.js');
    appendSummary(
      r,
      tableMarkdown(outcome.parity, { heading: '## hookguard: environment parity', onlyDifferences: true }),
    );
  }
}

interface ExceptionsOutcome {
  list: PrException[];
  mode: ExceptionMode;
  approval: Approval;
  markdown: string;
}

async function exceptionsStage(
  r: Runner,
  o: {
    root: string;
    pr: NonNullable<Awaited<ReturnType<typeof planScan>>['pr']>;
    result: import('../types.js').ScanResult;
    inputs: Inputs;
    cwd: string;
    api: Api | undefined;
    fail: (e: unknown, what: string) => void;
  },
): Promise<ExceptionsOutcome> {
  const { loadRulesAndConfig, iacRuleDocs, secretRuleDoc } = await import('../scan/index.js');
  const { patterns, policies } = await loadRulesAndConfig(o.root, o.inputs.config, o.cwd);
  const rules = new Map<
    string,
    { severity: import('../types.js').Severity; category: import('../types.js').Category }
  >();
  for (const d of [...patterns.map(secretRuleDoc), ...(await iacRuleDocs(policies))])
    rules.set(d.id.toLowerCase(), { severity: d.severity, category: d.category });
  const configFile = o.inputs.config
    ? path.relative(o.root, path.resolve(o.cwd, o.inputs.config)).split(path.sep).join('/')
    : undefined;
  const baselineFile = o.inputs.baseline
    ? path.relative(o.root, path.resolve(o.cwd, o.inputs.baseline)).split(path.sep).join('/')
    : undefined;
  const rep = await prExceptions({
    root: o.root,
    base: o.pr.base,
    head: o.pr.head,
    result: o.result,
    rules,
    ...(configFile ? { configFile } : {}),
    ...(baselineFile ? { baselineFile } : {}),
  });
  const mode = o.inputs.exceptions ?? rep.configMode ?? 'require-owner-approval';
  let note: string | undefined;
  let reviews: Array<{ login: string; state: string; commitId?: string }> = [];
  const api = o.api;
  if (rep.exceptions.length && mode === 'require-owner-approval') {
    if (api)
      try {
        reviews = await api.listReviews(o.pr.number);
      } catch (e) {
        o.fail(e, 'listing the pull request reviews');
        note = 'The reviews could not be read, so no approval could be counted.';
      }
    else note = 'Without GitHub API access the reviews cannot be read, so no approval could be counted.';
  }
  const approval = await judgeApproval(rep.exceptions, reviews, o.pr.head, o.pr.author, (org, team, login) =>
    api ? api.isTeamMember(org, team, login) : Promise.resolve(false),
  );
  if (rep.exceptions.length)
    info(
      r,
      `hookguard: the pull request adds ${rep.exceptions.length} exception(s); ${mode === 'report' ? 'reported only' : `${approval.pending.length} need an owner's approval`}`,
    );
  return {
    list: rep.exceptions,
    mode,
    approval,
    markdown: exceptionsMarkdown(rep.exceptions, { mode, approval, ...(note ? { note } : {}) }),
  };
}

/**
 * Ask the owners for a review. GitHub answers 422 for the whole request when one user is not a collaborator (or a
 * team is unknown) and does not say which: then each one is asked on its own, so the others are still asked, and
 * the refused ones are named.
 */
async function requestOwnerReviews(
  api: Api,
  pr: { number: number; author?: string },
  owners: string[],
  skip: ReadonlySet<string>,
): Promise<string | undefined> {
  const users = new Set<string>();
  const teams = new Set<string>();
  for (const o of owners) {
    const m = /^@([^/\s]+)(?:\/(.+))?$/.exec(o);
    if (!m) continue; // an e-mail address cannot be asked for a review
    if (m[2]) teams.add(m[2]);
    else if (m[1]!.toLowerCase() !== pr.author?.toLowerCase() && !skip.has(m[1]!.toLowerCase())) users.add(m[1]!);
  }
  if (!users.size && !teams.size) return undefined;
  const u = [...users].sort();
  const t = [...teams].sort();
  const name = (x: { user?: string; team?: string }) => (x.user ? `@${x.user}` : `team ${x.team}`);
  const all: Array<{ user?: string; team?: string }> = [...u.map((user) => ({ user })), ...t.map((team) => ({ team }))];
  const who = all.map(name).join(', ');
  try {
    await api.requestReviewers(pr.number, u, t);
    return `Review requested from the owners: ${who}.`;
  } catch (e) {
    const err = toApiError(e, 'requesting reviews');
    if (err.status !== 422) return `Could not request reviews from ${who} (${err.message}).`;
    if (all.length === 1)
      return `Could not request reviews from ${who}: GitHub refused (${err.message}). Reviews can only be requested from collaborators and teams of this repository; check the owners in .hookguard.yaml or CODEOWNERS.`;
  }
  const asked: string[] = [];
  const refused: string[] = [];
  const other: string[] = [];
  for (const x of all) {
    try {
      await api.requestReviewers(pr.number, x.user ? [x.user] : [], x.team ? [x.team] : []);
      asked.push(name(x));
    } catch (e) {
      const err = toApiError(e, 'requesting reviews');
      (err.status === 422 ? refused : other).push(name(x));
    }
  }
  return [
    asked.length ? `Review requested from the owners: ${asked.join(', ')}.` : '',
    refused.length
      ? `Could not request reviews from ${refused.join(', ')}: GitHub refused them (not a collaborator or not a team of this repository); check the owners in .hookguard.yaml or CODEOWNERS.`
      : '',
    other.length ? `Could not request reviews from ${other.join(', ')} (GitHub API error).` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function checkSummary(scope: string, r: import('../types.js').ScanResult, failOn: FailOn, capped: number): string {
  const rows = SEVERITIES.map(
    (s) =>
      [
        s,
        r.findings.filter((f) => f.severity === s).length,
        r.existing.filter((f) => f.severity === s).length,
      ] as const,
  ).filter(([, a, b]) => a || b);
  return [
    `Scanned ${scope} (fail-on \`${failOn}\`).`,
    '',
    ...(rows.length
      ? [
          '| Severity | New | Existing (not blocking) |',
          '|---|---:|---:|',
          ...rows.map(([s, a, b]) => `| ${s} | ${a} | ${b} |`),
        ]
      : ['No findings.']),
    ...(r.suppressed.length ? ['', `${r.suppressed.length} suppressed (inline, baseline or config).`] : []),
    ...(capped
      ? ['', `${capped} more findings were not annotated (limit ${MAX_ANNOTATIONS}); see the job summary or SARIF.`]
      : []),
  ].join('\n');
}
