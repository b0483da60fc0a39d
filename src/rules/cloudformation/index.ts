/**
 * CloudFormation rule family. Rules live one per file under ./rules/ and are registered explicitly in RULES below
 * (like ESLint's registry); a test checks that every file there is listed here.
 */
import type { Node } from 'yaml';
import type { ExtraRules, IacFamily, IacFinding, IacLintResult } from '../iac.js';
import { compareText, SEVERITY_RANK } from '../../types.js';
import {
  parseTemplate,
  type CfnTemplate,
  type Gate,
  type GivenValue,
  type Resource,
} from '../../parse/cloudformation.js';
import type { Anchor, CfnContext, CfnRule, ReportExtra } from './rule.js';
import { readSuppressions, type Suppression } from './suppress.js';
import { resourcesOfTypes } from './cloud.js';
import { looksLikeCloudFormation, looksLikeStackTask } from './detect.js';
import { lintStackTasks, stackTaskRelated, stackTaskRelatedIn } from './stack-tasks.js';
import {
  lintParameterFile,
  mayBeParameterFileOf,
  mayBeTemplate,
  nestedStackFindings,
  nestedTemplatePaths,
  paramFileFindings,
  parameterDirs,
  readParameterFile,
  templateCandidates,
  templateDirs,
} from './environments.js';
// RULES-BEGIN (explicit registry: one line per file in ./rules/)
import apigw001 from './rules/apigw-001.js';
import apigw002 from './rules/apigw-002.js';
import apigw003 from './rules/apigw-003.js';
import apigw004 from './rules/apigw-004.js';
import apigw005 from './rules/apigw-005.js';
import apigw006 from './rules/apigw-006.js';
import apigw007 from './rules/apigw-007.js';
import backup001 from './rules/backup-001.js';
import batch001 from './rules/batch-001.js';
import cf001 from './rules/cf-001.js';
import cf002 from './rules/cf-002.js';
import cf003 from './rules/cf-003.js';
import cf004 from './rules/cf-004.js';
import cf005 from './rules/cf-005.js';
import codebuild001 from './rules/codebuild-001.js';
import codestar001 from './rules/codestar-001.js';
import cognito001 from './rules/cognito-001.js';
import cognito002 from './rules/cognito-002.js';
import config001 from './rules/config-001.js';
import config002 from './rules/config-002.js';
import cred001 from './rules/cred-001.js';
import cred002 from './rules/cred-002.js';
import cred003 from './rules/cred-003.js';
import cred004 from './rules/cred-004.js';
import cred005 from './rules/cred-005.js';
import cred006 from './rules/cred-006.js';
import cred007 from './rules/cred-007.js';
import cred008 from './rules/cred-008.js';
import cred009 from './rules/cred-009.js';
import cred010 from './rules/cred-010.js';
import cred011 from './rules/cred-011.js';
import cred012 from './rules/cred-012.js';
import dax001 from './rules/dax-001.js';
import ddb001 from './rules/ddb-001.js';
import ddb002 from './rules/ddb-002.js';
import dlm001 from './rules/dlm-001.js';
import dms001 from './rules/dms-001.js';
import docdb001 from './rules/docdb-001.js';
import docdb002 from './rules/docdb-002.js';
import ec001 from './rules/ec-001.js';
import ec002 from './rules/ec-002.js';
import ec003 from './rules/ec-003.js';
import ec004 from './rules/ec-004.js';
import ec2001 from './rules/ec2-001.js';
import ec2002 from './rules/ec2-002.js';
import ec2003 from './rules/ec2-003.js';
import ec2004 from './rules/ec2-004.js';
import ec2005 from './rules/ec2-005.js';
import ec2006 from './rules/ec2-006.js';
import ec2007 from './rules/ec2-007.js';
import ec2008 from './rules/ec2-008.js';
import ec2009 from './rules/ec2-009.js';
import ecr001 from './rules/ecr-001.js';
import ecr002 from './rules/ecr-002.js';
import ecr003 from './rules/ecr-003.js';
import ecs001 from './rules/ecs-001.js';
import ecs002 from './rules/ecs-002.js';
import efs001 from './rules/efs-001.js';
import eks001 from './rules/eks-001.js';
import eks002 from './rules/eks-002.js';
import elb001 from './rules/elb-001.js';
import elb002 from './rules/elb-002.js';
import elb003 from './rules/elb-003.js';
import elb004 from './rules/elb-004.js';
import elb005 from './rules/elb-005.js';
import elb006 from './rules/elb-006.js';
import emr001 from './rules/emr-001.js';
import emr002 from './rules/emr-002.js';
import emr003 from './rules/emr-003.js';
import es001 from './rules/es-001.js';
import es002 from './rules/es-002.js';
import es003 from './rules/es-003.js';
import es004 from './rules/es-004.js';
import es005 from './rules/es-005.js';
import firehose001 from './rules/firehose-001.js';
import gamelift001 from './rules/gamelift-001.js';
import guardduty001 from './rules/guardduty-001.js';
import iam001 from './rules/iam-001.js';
import iam002 from './rules/iam-002.js';
import iam003 from './rules/iam-003.js';
import iam004 from './rules/iam-004.js';
import iam005 from './rules/iam-005.js';
import iam006 from './rules/iam-006.js';
import iam007 from './rules/iam-007.js';
import iam008 from './rules/iam-008.js';
import iam009 from './rules/iam-009.js';
import iam010 from './rules/iam-010.js';
import iam011 from './rules/iam-011.js';
import iam012 from './rules/iam-012.js';
import iam013 from './rules/iam-013.js';
import iam014 from './rules/iam-014.js';
import iot001 from './rules/iot-001.js';
import kendra001 from './rules/kendra-001.js';
import kin001 from './rules/kin-001.js';
import kms001 from './rules/kms-001.js';
import kms002 from './rules/kms-002.js';
import kms003 from './rules/kms-003.js';
import lambda001 from './rules/lambda-001.js';
import lambda002 from './rules/lambda-002.js';
import lambda003 from './rules/lambda-003.js';
import lambda004 from './rules/lambda-004.js';
import lambda005 from './rules/lambda-005.js';
import lambda006 from './rules/lambda-006.js';
import log001 from './rules/log-001.js';
import log002 from './rules/log-002.js';
import log003 from './rules/log-003.js';
import log004 from './rules/log-004.js';
import log005 from './rules/log-005.js';
import log006 from './rules/log-006.js';
import log007 from './rules/log-007.js';
import mq001 from './rules/mq-001.js';
import mq002 from './rules/mq-002.js';
import mq003 from './rules/mq-003.js';
import msk001 from './rules/msk-001.js';
import msk002 from './rules/msk-002.js';
import msk003 from './rules/msk-003.js';
import nacl001 from './rules/nacl-001.js';
import nacl002 from './rules/nacl-002.js';
import nacl003 from './rules/nacl-003.js';
import neptune001 from './rules/neptune-001.js';
import prop001 from './rules/prop-001.js';
import rds001 from './rules/rds-001.js';
import rds002 from './rules/rds-002.js';
import rds003 from './rules/rds-003.js';
import rds004 from './rules/rds-004.js';
import rds005 from './rules/rds-005.js';
import rds006 from './rules/rds-006.js';
import rds007 from './rules/rds-007.js';
import rds008 from './rules/rds-008.js';
import rds009 from './rules/rds-009.js';
import rds010 from './rules/rds-010.js';
import redshift001 from './rules/redshift-001.js';
import redshift002 from './rules/redshift-002.js';
import redshift003 from './rules/redshift-003.js';
import redshift004 from './rules/redshift-004.js';
import route53001 from './rules/route53-001.js';
import s3001 from './rules/s3-001.js';
import s3002 from './rules/s3-002.js';
import s3003 from './rules/s3-003.js';
import s3004 from './rules/s3-004.js';
import s3005 from './rules/s3-005.js';
import s3006 from './rules/s3-006.js';
import s3007 from './rules/s3-007.js';
import s3008 from './rules/s3-008.js';
import sg001 from './rules/sg-001.js';
import sg002 from './rules/sg-002.js';
import sg003 from './rules/sg-003.js';
import sg004 from './rules/sg-004.js';
import sg005 from './rules/sg-005.js';
import sg006 from './rules/sg-006.js';
import sg007 from './rules/sg-007.js';
import sg008 from './rules/sg-008.js';
import sm001 from './rules/sm-001.js';
import sm002 from './rules/sm-002.js';
import sns001 from './rules/sns-001.js';
import sns002 from './rules/sns-002.js';
import sqs001 from './rules/sqs-001.js';
import sqs002 from './rules/sqs-002.js';
import stack001 from './rules/stack-001.js';
import tpl001 from './rules/tpl-001.js';
import vpc001 from './rules/vpc-001.js';
import waf001 from './rules/waf-001.js';
import ws001 from './rules/ws-001.js';
export const RULES: readonly CfnRule[] = [
  apigw001,
  apigw002,
  apigw003,
  apigw004,
  apigw005,
  apigw006,
  apigw007,
  backup001,
  batch001,
  cf001,
  cf002,
  cf003,
  cf004,
  cf005,
  codebuild001,
  codestar001,
  cognito001,
  cognito002,
  config001,
  config002,
  cred001,
  cred002,
  cred003,
  cred004,
  cred005,
  cred006,
  cred007,
  cred008,
  cred009,
  cred010,
  cred011,
  cred012,
  dax001,
  ddb001,
  ddb002,
  dlm001,
  dms001,
  docdb001,
  docdb002,
  ec001,
  ec002,
  ec003,
  ec004,
  ec2001,
  ec2002,
  ec2003,
  ec2004,
  ec2005,
  ec2006,
  ec2007,
  ec2008,
  ec2009,
  ecr001,
  ecr002,
  ecr003,
  ecs001,
  ecs002,
  efs001,
  eks001,
  eks002,
  elb001,
  elb002,
  elb003,
  elb004,
  elb005,
  elb006,
  emr001,
  emr002,
  emr003,
  es001,
  es002,
  es003,
  es004,
  es005,
  firehose001,
  gamelift001,
  guardduty001,
  iam001,
  iam002,
  iam003,
  iam004,
  iam005,
  iam006,
  iam007,
  iam008,
  iam009,
  iam010,
  iam011,
  iam012,
  iam013,
  iam014,
  iot001,
  kendra001,
  kin001,
  kms001,
  kms002,
  kms003,
  lambda001,
  lambda002,
  lambda003,
  lambda004,
  lambda005,
  lambda006,
  log001,
  log002,
  log003,
  log004,
  log005,
  log006,
  log007,
  mq001,
  mq002,
  mq003,
  msk001,
  msk002,
  msk003,
  nacl001,
  nacl002,
  nacl003,
  neptune001,
  prop001,
  rds001,
  rds002,
  rds003,
  rds004,
  rds005,
  rds006,
  rds007,
  rds008,
  rds009,
  rds010,
  redshift001,
  redshift002,
  redshift003,
  redshift004,
  route53001,
  s3001,
  s3002,
  s3003,
  s3004,
  s3005,
  s3006,
  s3007,
  s3008,
  sg001,
  sg002,
  sg003,
  sg004,
  sg005,
  sg006,
  sg007,
  sg008,
  sm001,
  sm002,
  sns001,
  sns002,
  sqs001,
  sqs002,
  stack001,
  tpl001,
  vpc001,
  waf001,
  ws001,
];
// RULES-END
export type { CfnRule };
export { readParameterFile };

const KNOWN_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));

/** Where to put a finding: the property key and its same-line value, the value itself for secrets. */
function locate(t: CfnTemplate, a: Anchor, node: Node | undefined, secret: boolean) {
  const fallback = t.pos(a.keyNode) ?? { line: a.scope[0], column: 1, endLine: a.scope[0], endColumn: 1 };
  if (!node) return fallback;
  const vp = t.pos(node);
  if (!vp) return fallback;
  if (secret) {
    // Mask only the characters of the value, not its quotes.
    const quoted = (node as { type?: string }).type;
    if ((quoted === 'QUOTE_DOUBLE' || quoted === 'QUOTE_SINGLE') && vp.line === vp.endLine)
      return {
        line: vp.line,
        column: vp.column + 1,
        endLine: vp.endLine,
        endColumn: Math.max(vp.column + 1, vp.endColumn - 1),
      };
    return vp;
  }
  const key = t.keyOf(node);
  const kp = key ? t.pos(key) : undefined;
  if (!kp) return vp;
  if (vp.line === kp.line && vp.endLine === kp.line)
    return { line: kp.line, column: kp.column, endLine: vp.endLine, endColumn: vp.endColumn };
  return kp;
}

/** ` — only when HasPublicAccess is true, which the parameter defaults leave off`. */
function gateNote(g: Gate, given: boolean): string {
  return g.state === 'off'
    ? ` (only when ${g.condition} is ${String(g.when)}, which the parameter ${given ? 'values' : 'defaults'} leave off)`
    : ` (only when ${g.condition} is ${String(g.when)}, which depends on parameters without defaults)`;
}

/**
 * `given`: parameter values of one deployment (an environment's parameter file, a nested stack's parameters), used in
 * place of the defaults.
 */
export function lintTemplate(
  content: string,
  rules: readonly CfnRule[] = RULES,
  given?: ReadonlyMap<string, GivenValue>,
): IacLintResult {
  const parsed = parseTemplate(content, given);
  if (!parsed.matched) return { matched: false, findings: [], errors: [] };
  const errors = [...parsed.errors];
  if (!parsed.templates.length || parsed.errors.some((e) => e.message.startsWith('invalid YAML')))
    return { matched: true, findings: [], errors };
  const findings: IacFinding[] = [];
  // A stream of several templates (`---`): each is linted on its own; positions are the file's.
  for (const t of parsed.templates) lintOne(t, rules, findings, errors);
  // One finding per rule and location.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = `${f.ruleId}\0${f.path}\0${f.line}\0${f.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId));
  return { matched: true, findings: unique, errors };
}

function lintOne(t: CfnTemplate, rules: readonly CfnRule[], findings: IacFinding[], errors: IacLintResult['errors']) {
  // Team policies (rules beyond the registry) may be named in a resource's suppressions too.
  const known =
    rules.length > RULES.length || rules.some((r) => !KNOWN_IDS.has(r.meta.id))
      ? new Set([...KNOWN_IDS, ...rules.map((r) => r.meta.id)])
      : KNOWN_IDS;
  const suppressions = new Map<Anchor, Map<string, Suppression>>();
  const suppressionsOf = (a: Anchor) => {
    let s = suppressions.get(a);
    if (!s) {
      s = readSuppressions(t, a, known, (line, message) => errors.push({ ...(line ? { line } : {}), message }));
      suppressions.set(a, s);
    }
    return s;
  };
  // Read every resource's suppressions up front, so reasonless/unknown ones are reported even when nothing fires.
  for (const r of t.resources) suppressionsOf(r);

  for (const rule of rules) {
    const types = rule.meta.resources;
    const resources = types.length ? resourcesOfTypes(t, types) : t.resources;
    // A rule about some resource types has nothing to say about a template without any of them.
    if (types.length && !resources.length) continue;
    const ctx: CfnContext = {
      t,
      resources,
      report(a: Anchor, node: Node | undefined, message: string, extra: ReportExtra = {}) {
        const secret = extra.secret === true && node !== undefined;
        const pos = locate(t, a, node, secret);
        const why = extra.why;
        let severity = extra.severity ?? rule.meta.severity;
        let text = why && !message.includes(why) ? `${message} (${why})` : message;
        // Deployed only under a condition the parameter defaults leave off (or cannot decide, for an `!If` branch):
        // at most low, naming the condition.
        const gate = t.gateOf(node) ?? (t.resource(a.id) === a ? t.resourceGate(a as Resource) : undefined);
        if (gate) {
          if (SEVERITY_RANK[severity] > SEVERITY_RANK.low) severity = 'low';
          text += gateNote(gate, t.given !== undefined);
        }
        const f: IacFinding = {
          ruleId: rule.meta.id,
          severity,
          message: text,
          path: node && t.pathOf(node) ? t.pathOf(node) : a.path,
          scope: a.scope,
          ...pos,
          ...(secret ? { secret: true } : {}),
          ...(why ? { why } : {}),
        };
        // A property-level finding also points at its resource (or output/parameter) key.
        const kp = t.pos(a.keyNode);
        if (kp && kp.line !== pos.line)
          f.related = [{ ...kp, message: a.path.startsWith('Resources.') ? `resource ${a.id}` : a.id }];
        // And at the other values it concerns (the ports a world-open rule opens), where they are on another line.
        for (const r of extra.related ?? []) {
          const rp = t.pos(r.node);
          if (rp && rp.line !== pos.line && !f.related?.some((x) => x.line === rp.line))
            (f.related ??= []).push({ ...rp, message: r.message });
        }
        const sup = suppressionsOf(a).get(rule.meta.id);
        if (sup) f.suppressed = { by: 'metadata', reason: sup.reason };
        findings.push(f);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      // A rule bug must not stop the other rules; the message is ours, never template text.
      errors.push({ message: `rule ${rule.meta.id} failed: ${e instanceof Error ? e.name : 'error'}` });
    }
  }
}

/**
 * A template, or a parameter file judged through the templates it belongs to (./environments.ts). `parameters`: a
 * parameter file given for a one-off evaluation (`scan --parameters FILE`), used in place of the defaults.
 */
export function lintFile(
  path: string,
  content: string,
  related: ReadonlyMap<string, string | undefined> | undefined,
  rules: readonly CfnRule[],
  opts: { parameters?: { path: string; text: string }; templates?: string[] } = {},
): IacLintResult {
  const { parameters } = opts;
  const lint = (text: string, given?: ReadonlyMap<string, GivenValue>) => lintTemplate(text, rules, given);
  if (!looksLikeCloudFormation(path, content))
    return looksLikeStackTask(content)
      ? lintStackTasks(path, content, related ?? new Map(), lint)
      : lintParameterFile(path, content, related ?? new Map(), lint, opts.templates);
  let given: Map<string, GivenValue> | undefined;
  if (parameters) {
    const entries = readParameterFile(parameters.text) ?? [];
    given = new Map(
      entries.map((e) => [e.name, { value: e.value, why: `${e.name} = ${e.value ?? '?'} from ${parameters.path}` }]),
    );
  }
  const res = lintTemplate(content, rules, given);
  if (related?.size && !given) {
    const t = parseTemplate(content).templates;
    if (t.length === 1) {
      res.findings.push(...nestedStackFindings(path, t[0]!, related, lint));
      res.findings.sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId));
    }
  }
  return res;
}

export const family: IacFamily = {
  category: 'cloudformation',
  rules: RULES.map((r) => r.meta),
  related(path: string, content: string) {
    if (looksLikeCloudFormation(path, content)) return nestedTemplatePaths(path, content);
    return looksLikeStackTask(content) ? stackTaskRelated(path, content) : templateCandidates(path);
  },
  relatedIn: {
    dirs: (path, content) =>
      looksLikeCloudFormation(path, content)
        ? []
        : looksLikeStackTask(content)
          ? stackTaskRelatedIn.dirs(path, content)
          : templateDirs(path),
    keep: (p) => mayBeTemplate(p) || stackTaskRelatedIn.keep(p),
  },
  environments: {
    // A template that declares parameters (a parameter file can only set declared ones).
    wants: (path, content) => /^\s*"?Parameters"?\s*:/m.test(content) && looksLikeCloudFormation(path, content),
    dirs: parameterDirs,
    keep: mayBeParameterFileOf,
    lint(templatePath, content, params, extraFor) {
      const related = new Map([[templatePath, content]]);
      const out: Array<{ file: string; text: string; finding: IacFinding; templateScope: [number, number] }> = [];
      for (const p of params) {
        // The config's mapping decides alone: a file it maps to other templates is not this one's.
        if (p.mapped.length && !p.mapped.includes(templatePath)) continue;
        const more = extraFor?.(p.path)?.rules as readonly CfnRule[] | undefined;
        const rules = more?.length ? [...RULES, ...more] : RULES;
        const lint = (text: string, given?: ReadonlyMap<string, GivenValue>) => lintTemplate(text, rules, given);
        const found = paramFileFindings(p.path, p.text, related, lint, p.mapped.length ? [templatePath] : []);
        for (const x of found ?? []) if (x.template === templatePath) out.push({ file: p.path, text: p.text, ...x });
      }
      return out;
    },
  },
  lint(path: string, content: string, related, extra?: ExtraRules, opts = {}) {
    if (!extra?.rules.length) return lintFile(path, content, related, RULES, opts);
    const more = extra.rules as readonly CfnRule[];
    return lintFile(path, content, related, extra.only ? more : [...RULES, ...more], opts);
  },
};
