import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { metadataOptionsPath } from './ec2-004.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-EC2-005',
    'Launch template does not require IMDSv2',
    'low',
    ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
    doc({
      what: 'A launch template or launch configuration that does not set `MetadataOptions.HttpTokens` at all. Whether IMDSv1 is then allowed depends on the AMI and account defaults; an explicit `optional` is reported by CFN-EC2-004.',
      why: 'Relying on defaults means a different AMI or account silently re-enables IMDSv1, exposing role credentials to SSRF.',
      example: `Lt:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      ImageId: ami-12345678`,
      fix: 'Set `MetadataOptions: { HttpTokens: required }` explicitly.',
      refs: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html'],
    }),
    'Set MetadataOptions.HttpTokens: required explicitly.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const opts = metadataOptionsPath(r.type);
      if (ctx.t.at(r.props, `${opts}.HttpTokens`) !== undefined) continue;
      const near =
        ctx.t.at(r.props, opts) ??
        (r.type === 'AWS::EC2::LaunchTemplate' ? ctx.t.get(r.props, 'LaunchTemplateData') : undefined);
      ctx.report(r, near, `${r.id} does not set MetadataOptions.HttpTokens to required`);
    }
  },
};
export default rule;
