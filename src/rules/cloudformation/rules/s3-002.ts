import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const PUBLIC = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-002',
    'S3 bucket has a public canned ACL',
    'high',
    ['AWS::S3::Bucket'],
    doc({
      what: 'A bucket whose `AccessControl` is `PublicRead`, `PublicReadWrite` (critical) or `AuthenticatedRead` (any AWS account).',
      why: 'Public buckets are the most common source of large data leaks; PublicReadWrite also lets anyone store (and make you pay for) arbitrary content.',
      example: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    AccessControl: PublicRead`,
      fix: 'Remove `AccessControl` (ACLs are disabled by default with `BucketOwnerEnforced`). To serve public content, use CloudFront with origin access control.',
      refs: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
      ],
    }),
    'Remove the public ACL; serve public content through CloudFront with OAC.',
  ),
  check(ctx) {
    for (const r of ctx.resources) {
      const n = ctx.t.get(r.props, 'AccessControl');
      const v = findVal(ctx.t.values(n), (x) => PUBLIC.has(strVal(x) ?? ''));
      if (v)
        ctx.report(r, n, `${r.id} has the ${strVal(v)} ACL`, {
          why: v.why,
          ...(strVal(v) === 'PublicReadWrite' ? { severity: 'critical' as const } : {}),
        });
    }
  },
};
export default rule;
