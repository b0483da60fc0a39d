import type { CfnRule } from '../rule.js';
import { doc, meta, wafAssociated } from '../util.js';
import { UNKNOWN } from '../../../parse/cloudformation.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-006',
    'Internet-facing application load balancer has no WAF web ACL',
    'low',
    ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
    doc({
      what: 'An `AWS::ElasticLoadBalancingV2::LoadBalancer` of `Type: application` (the default) and `Scheme: internet-facing` (the default) that no `AWS::WAFv2::WebACLAssociation` (or classic `AWS::WAFRegional::WebACLAssociation`) of the template names in its `ResourceArn`. Internal load balancers, network and gateway load balancers (which cannot take a web ACL), an unknown scheme or type, and associations whose target is created elsewhere are not reported. Hygiene: never blocking.',
      why: 'An internet-facing ALB hands every request to the targets behind it. AWS WAF is where requests are filtered first: rate limits per client, managed rules against injection and known bad inputs, IP and country blocks. Without a web ACL there is nowhere to add them when an attack starts, except in every application.',
      example: `Alb:
  Type: AWS::ElasticLoadBalancingV2::LoadBalancer
  Properties:
    Scheme: internet-facing
    Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
    SecurityGroups: [sg-0123456789abcdef0]`,
      fix: 'Create an `AWS::WAFv2::WebACL` with `Scope: REGIONAL` and an `AWS::WAFv2::WebACLAssociation` with `ResourceArn: !Ref Alb` (the Ref of a load balancer is its ARN) and `WebACLArn: !GetAtt AppAcl.Arn`.',
      fixed: `AlbAcl:
  Type: AWS::WAFv2::WebACLAssociation
  Properties:
    ResourceArn: !Ref Alb
    WebACLArn: arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/app/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
      refs: [
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-waf',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-wafv2-webaclassociation.html',
      ],
    }),
    'Associate an AWS WAF web ACL (Scope REGIONAL) with the load balancer (AWS::WAFv2::WebACLAssociation).',
  ),
  check(ctx) {
    const t = ctx.t;
    const covered = wafAssociated(t);
    /** Every possible value of an enum property (absent → its default); undefined when one cannot be known. */
    const values = (r: (typeof ctx.resources)[number], prop: string, dflt: string): string[] | undefined => {
      const n = t.propOf(r, prop);
      if (!n) return [dflt];
      const vs = t.values(n);
      if (vs.some((v) => v.value === UNKNOWN)) return undefined;
      return vs.map((v) => (v.value === null || v.value === '' ? dflt : String(v.value).toLowerCase()));
    };
    for (const r of ctx.resources) {
      const type = values(r, 'Type', 'application');
      const scheme = values(r, 'Scheme', 'internet-facing');
      if (!type?.includes('application') || !scheme?.includes('internet-facing')) continue;
      if (covered.has(r.id)) continue;
      ctx.report(
        r,
        t.propOf(r, 'Scheme'),
        `${r.id} is internet-facing with no WAF web ACL associated (no WebACLAssociation in this template names it)`,
      );
    }
  },
};
export default rule;
