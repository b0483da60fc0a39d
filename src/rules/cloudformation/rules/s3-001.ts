import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal, getSet } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-001',
    'S3 bucket encryption is configured without a KMS key',
    'low',
    ['AWS::S3::Bucket'],
    doc({
      what: 'A bucket whose `BucketEncryption` rule sets `SSEAlgorithm: AES256` (S3-managed keys), or sets `aws:kms` without naming a customer managed key, or has a rule without `ServerSideEncryptionByDefault`. Buckets without `BucketEncryption` are encrypted with SSE-S3 by default and are not reported.',
      why: 'With S3-managed keys, anyone who can read the object can decrypt it: there is no key policy to separate "read the bucket" from "decrypt the data", and no CloudTrail record of key use.',
      example: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: AES256`,
      fix: 'Use `aws:kms` (or `aws:kms:dsse`) with a customer managed key, and enable `BucketKeyEnabled` to keep KMS costs down.',
      fixed: `        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms
            KMSMasterKeyID: !Ref DataKey
          BucketKeyEnabled: true`,
      refs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
    }),
    'Use SSEAlgorithm aws:kms with a customer managed key.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const cfg = t.at(r.props, 'BucketEncryption.ServerSideEncryptionConfiguration');
      if (!cfg) continue;
      for (const item of t.items(cfg)) {
        const def = t.get(item, 'ServerSideEncryptionByDefault');
        if (!def) {
          ctx.report(r, item, `${r.id} has an encryption rule without ServerSideEncryptionByDefault`);
          continue;
        }
        const algNode = t.get(def, 'SSEAlgorithm');
        const aes = findVal(t.values(algNode), (v) => strVal(v) === 'AES256');
        if (aes) {
          ctx.report(r, algNode, `${r.id} uses S3-managed keys (AES256) rather than a KMS key`, { why: aes.why });
          continue;
        }
        const kms = findVal(t.values(algNode), (v) => (strVal(v) ?? '').startsWith('aws:kms'));
        if (kms && getSet(t, def, 'KMSMasterKeyID') === undefined)
          ctx.report(r, algNode, `${r.id} uses the AWS managed aws/s3 key rather than a customer managed key`, {
            why: kms.why,
          });
      }
    }
  },
};
export default rule;
