import type { CfnRule } from '../rule.js';
import { boolProp, doc, meta, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-STACK-001',
    'Nested stack has no notifications, or a StackSet deletes stacks with the account',
    'low',
    ['AWS::CloudFormation::Stack', 'AWS::CloudFormation::StackSet'],
    doc({
      what: 'An `AWS::CloudFormation::Stack` without `NotificationARNs`; an `AWS::CloudFormation::StackSet` whose `AutoDeployment` sets `RetainStacksOnAccountRemoval: false` (or leaves it out: the default is false). Hygiene: never blocking.',
      why: 'Without notifications, failed or unexpected stack changes go unnoticed. A StackSet that deletes its stacks when an account leaves the organisation also deletes the guardrails (trails, roles, config rules) it deployed there.',
      example: `Baseline:
  Type: AWS::CloudFormation::StackSet
  Properties:
    StackSetName: baseline
    PermissionModel: SERVICE_MANAGED
    AutoDeployment:
      Enabled: true`,
      fix: 'Set `NotificationARNs` on nested stacks; set `RetainStacksOnAccountRemoval: true` on StackSets that deploy guardrails.',
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stackset.html',
      ],
    }),
    'Add NotificationARNs; retain StackSet stacks on account removal.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      if (r.type === 'AWS::CloudFormation::Stack') {
        if (!getSet(t, r.props, 'NotificationARNs')) ctx.report(r, undefined, `${r.id} has no NotificationARNs`);
        continue;
      }
      const auto = t.get(r.props, 'AutoDeployment');
      if (!auto) continue;
      const n = t.get(auto, 'RetainStacksOnAccountRemoval');
      const b = boolProp(t, n);
      if (b.absent && boolProp(t, t.get(auto, 'Enabled')).trueVal)
        ctx.report(
          r,
          auto,
          `${r.id} deletes its stacks when an account leaves (RetainStacksOnAccountRemoval defaults to false)`,
        );
      else if (b.falseVal)
        ctx.report(r, n, `${r.id} deletes its stacks when an account leaves`, { why: b.falseVal.why });
    }
  },
};
export default rule;
