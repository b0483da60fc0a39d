import type { CfnRule } from '../rule.js';
import type { Severity } from '../../../types.js';
import { doc, findVal, meta, strVal } from '../util.js';

const ADMIN = /(?:^|:policy\/)AdministratorAccess$/;
/** Managed policies that are administrator access in all but name: IAMFullAccess can grant itself anything. */
const ELEVATED: ReadonlyArray<[RegExp, string, Severity]> = [
  [/(?:^|:policy\/)IAMFullAccess$/, 'IAMFullAccess (which can grant itself any permission)', 'high'],
  [/(?:^|:policy\/)PowerUserAccess$/, 'PowerUserAccess (every service but IAM)', 'medium'],
];

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-008',
    'AdministratorAccess (or IAMFullAccess, PowerUserAccess) managed policy is attached',
    'high',
    [
      'AWS::IAM::Role',
      'AWS::IAM::User',
      'AWS::IAM::Group',
      'AWS::Serverless::Function',
      'AWS::Serverless::StateMachine',
    ],
    doc({
      what: "The AWS managed policy `arn:aws:iam::aws:policy/AdministratorAccess` in `ManagedPolicyArns` (literal, `!Sub` with `${AWS::Partition}`, or a parameter Default), or `AdministratorAccess` in a SAM function's `Policies`. `IAMFullAccess` is reported too (high: it can attach AdministratorAccess to itself), and `PowerUserAccess` (medium: every service except IAM).",
      why: 'Full administrator access for a workload or user means any compromise of it is a compromise of the whole account.',
      example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument: { Statement: [] }
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/AdministratorAccess`,
      fix: 'Attach a policy with only the permissions the workload needs.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
    }),
    'Replace AdministratorAccess with a least-privilege policy.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const sam = r.type.startsWith('AWS::Serverless::');
      for (const prop of sam ? ['Policies', 'ManagedPolicyArns'] : ['ManagedPolicyArns']) {
        for (const item of ctx.t.items(ctx.t.get(r.props, prop))) {
          const v = findVal(ctx.t.values(item), (x) => ADMIN.test(strVal(x) ?? ''));
          const sub = ctx.t.subTemplate(item);
          if (v || (sub && ADMIN.test(sub))) {
            ctx.report(r, item, `${r.id} attaches the AdministratorAccess managed policy`, { why: v?.why });
            continue;
          }
          for (const [re, name, severity] of ELEVATED) {
            const e = findVal(ctx.t.values(item), (x) => re.test(strVal(x) ?? ''));
            if (e || (sub && re.test(sub)))
              ctx.report(r, item, `${r.id} attaches the ${name} managed policy`, { why: e?.why, severity });
          }
        }
      }
    }
  },
};
export default rule;
