import type { CfnRule } from '../rule.js';
import { options, scalars } from '../../../cloud/values.js';
import { doc, meta, statements } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-006',
    'S3 bucket policy does not deny plain-HTTP requests',
    'medium',
    ['AWS::S3::BucketPolicy'],
    doc({
      what: 'An `AWS::S3::BucketPolicy` with no `Deny` statement conditioned on `aws:SecureTransport` being false. Only buckets that have a policy in the template are checked.',
      why: 'S3 accepts plain HTTP unless a policy refuses it; requests and data then travel unencrypted and can be read or altered in transit.',
      example: `BucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref Bucket
    PolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { AWS: !GetAtt Role.Arn }
          Action: s3:GetObject
          Resource: !Sub '\${Bucket.Arn}/*'`,
      fix: 'Add a statement denying every action when `aws:SecureTransport` is false.',
      fixed: `        - Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
          Condition:
            Bool: { aws:SecureTransport: false }`,
      refs: ['https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5'],
    }),
    'Add a Deny statement for aws:SecureTransport = false.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const d = t.get(r.props, 'PolicyDocument');
      if (!d) continue;
      const ok = statements(t, d).some((s) => {
        if (!s.deny) return false;
        for (const op of options(s.cloud.condition))
          for (const c of op.t === 'map' ? [...op.entries.values()] : [])
            for (const m of options(c))
              if (m.t === 'map')
                for (const [k, v] of m.entries)
                  if (k.toLowerCase() === 'aws:securetransport')
                    return scalars(v).some((x) => String(x.value).toLowerCase() === 'false');
        return false;
      });
      if (!ok) ctx.report(r, d, `${r.id} does not deny requests over plain HTTP (aws:SecureTransport)`);
    }
  },
};
export default rule;
