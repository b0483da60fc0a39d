import type { CfnRule } from '../rule.js';
import { doc, meta, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-SG-008',
    'Security group rule has no description',
    'low',
    ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
    doc({
      what: 'An ingress or egress rule (inline in `SecurityGroupIngress`/`SecurityGroupEgress`, or an `AWS::EC2::SecurityGroupIngress`/`Egress` resource) without `Description`. Hygiene: never blocking.',
      why: 'A rule without a description cannot be reviewed: nobody knows later why a port is open or whether it is still needed, so rules accumulate.',
      example: `Web:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: web
    SecurityGroupIngress:
      - IpProtocol: tcp
        FromPort: 443
        ToPort: 443
        CidrIp: 10.0.0.0/8`,
      fix: 'Add `Description` to each rule: who needs it and why.',
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    }),
    'Describe each rule (Description).',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      if (r.type !== 'AWS::EC2::SecurityGroup') {
        if (!getSet(t, r.props, 'Description')) ctx.report(r, undefined, `${r.id} has no Description`);
        continue;
      }
      for (const prop of ['SecurityGroupIngress', 'SecurityGroupEgress'])
        for (const rule of t.items(t.get(r.props, prop)))
          if (!getSet(t, rule, 'Description'))
            ctx.report(
              r,
              rule,
              `${r.id} has an ${prop === 'SecurityGroupIngress' ? 'ingress' : 'egress'} rule without Description`,
            );
    }
  },
};
export default rule;
