import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-REDSHIFT-003',
    'Redshift parameter group does not require SSL',
    'medium',
    ['AWS::Redshift::ClusterParameterGroup'],
    doc({
      what: 'An `AWS::Redshift::ClusterParameterGroup` whose `Parameters` set `require_ssl` to `false`.',
      why: 'Clients may then connect without TLS, sending credentials and query results in clear text.',
      example: `Params:
  Type: AWS::Redshift::ClusterParameterGroup
  Properties:
    Description: dw
    ParameterGroupFamily: redshift-1.0
    Parameters:
      - ParameterName: require_ssl
        ParameterValue: 'false'`,
      fix: 'Set `require_ssl` to `true`.',
      refs: ['https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html'],
    }),
    'Set require_ssl to true.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources)
      for (const p of t.items(t.get(r.props, 'Parameters'))) {
        if (!findVal(t.values(t.get(p, 'ParameterName')), (v) => strVal(v)?.toLowerCase() === 'require_ssl')) continue;
        const n = t.get(p, 'ParameterValue');
        const v = findVal(t.values(n), (x) => ['false', '0', 'off'].includes(String(x.value).toLowerCase()));
        if (v) ctx.report(r, n, `${r.id} lets clients connect without SSL (require_ssl false)`, { why: v.why });
      }
  },
};
export default rule;
