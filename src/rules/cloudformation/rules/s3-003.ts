import type { CfnRule } from '../rule.js';
import { boolProp, doc, meta } from '../util.js';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-003',
    'S3 public access block is turned off',
    'medium',
    ['AWS::S3::Bucket'],
    doc({
      what: `A bucket whose \`PublicAccessBlockConfiguration\` sets any of ${FLAGS.map((f) => `\`${f}\``).join(', ')} to false, or leaves one of them out of the block (a flag left out defaults to false). (Since April 2023 new buckets block public access by default; a template has to turn it off explicitly.)`,
      why: 'The public access block is the guard rail that keeps a mistaken ACL or bucket policy from publishing the bucket.',
      example: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    PublicAccessBlockConfiguration:
      BlockPublicAcls: false
      BlockPublicPolicy: true
      IgnorePublicAcls: true
      RestrictPublicBuckets: true`,
      fix: 'Set all four flags to true. For a deliberately public website bucket, prefer CloudFront with origin access control; otherwise suppress with a reason.',
      refs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
    }),
    'Set all four PublicAccessBlockConfiguration flags to true.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const pab = t.get(r.props, 'PublicAccessBlockConfiguration');
      if (!pab) continue;
      const missing: string[] = [];
      for (const f of FLAGS) {
        const n = t.get(pab, f);
        const b = boolProp(t, n);
        if (b.falseVal) ctx.report(r, n, `${r.id} sets ${f} to false`, { why: b.falseVal.why });
        else if (b.absent) missing.push(f);
      }
      // A flag left out of the block defaults to false (the new-bucket default applies only with no block at all).
      if (missing.length && t.intrinsic(pab) === undefined)
        ctx.report(
          r,
          pab,
          `${r.id} leaves ${missing.join(', ')} out of PublicAccessBlockConfiguration (left out means false)`,
        );
    }
  },
};
export default rule;
