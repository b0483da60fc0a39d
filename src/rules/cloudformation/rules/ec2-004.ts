import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

export function metadataOptionsPath(type: string): string {
  return type === 'AWS::EC2::LaunchTemplate' ? 'LaunchTemplateData.MetadataOptions' : 'MetadataOptions';
}

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-004',
    'Instance metadata service allows IMDSv1',
    'high',
    ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance'],
    doc({
      what: '`MetadataOptions.HttpTokens: optional` on a launch template (`LaunchTemplateData.MetadataOptions`), a launch configuration or an instance. (A launch template that does not set HttpTokens at all is reported by CFN-EC2-005.)',
      why: "IMDSv1 answers unauthenticated GET requests, so any server-side request forgery in the application can read the instance role's credentials — the root cause of several large breaches.",
      example: `Lt:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      MetadataOptions:
        HttpTokens: optional`,
      fix: 'Set `HttpTokens: required` (IMDSv2 only).',
      fixed: `      MetadataOptions:
        HttpTokens: required
        HttpPutResponseHopLimit: 1`,
      refs: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html'],
    }),
    'Set MetadataOptions.HttpTokens: required.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const n = ctx.t.at(r.props, `${metadataOptionsPath(r.type)}.HttpTokens`);
      const v = findVal(ctx.t.values(n), (x) => strVal(x)?.toLowerCase() === 'optional');
      if (v) ctx.report(r, n, `${r.id} allows IMDSv1 (HttpTokens: optional)`, { why: v.why });
    }
  },
};
export default rule;
