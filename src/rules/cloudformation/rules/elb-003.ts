import type { CfnRule } from '../rule.js';
import { doc, findVal, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-003',
    'Load balancer access logging is off',
    'low',
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    doc({
      what: 'An application/network load balancer without the `access_logs.s3.enabled: "true"` attribute in `LoadBalancerAttributes`, or a classic load balancer without `AccessLoggingPolicy.Enabled: true`. Gateway load balancers are skipped.',
      why: 'Load balancer logs record every request with client IP, path and response; without them, abuse and attacks against the service cannot be investigated.',
      example: `Alb:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Subnets: [!Ref SubnetA, !Ref SubnetB]`,
      fix: 'Enable access logs to an S3 bucket.',
      fixed: `  Properties:
    Subnets: [!Ref SubnetA, !Ref SubnetB]
    LoadBalancerAttributes:
      - Key: access_logs.s3.enabled
        Value: 'true'
      - Key: access_logs.s3.bucket
        Value: !Ref LogBucket`,
      refs: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html'],
    }),
    'Enable access logs (access_logs.s3.enabled / AccessLoggingPolicy).',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      if (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
        const n = t.at(r.props, 'AccessLoggingPolicy.Enabled');
        if (!findVal(t.values(n), (v) => String(v.value).toLowerCase() === 'true'))
          ctx.report(r, n ?? t.get(r.props, 'AccessLoggingPolicy'), `${r.id} has no access logging`);
        continue;
      }
      if (findVal(t.values(t.get(r.props, 'Type')), (v) => v.value === 'gateway')) continue;
      const attrs = t.items(t.get(r.props, 'LoadBalancerAttributes'));
      const entry = attrs.find((a) => findVal(t.values(t.get(a, 'Key')), (v) => v.value === 'access_logs.s3.enabled'));
      const valNode = entry ? t.get(entry, 'Value') : undefined;
      const vals = t.values(valNode);
      if (vals.some((v) => v.value !== 'true' && v.value !== true && typeof v.value !== 'symbol') || !entry)
        ctx.report(r, valNode ?? t.get(r.props, 'LoadBalancerAttributes'), `${r.id} has no access logging`);
    }
  },
};
export default rule;
