import { atArg, isFalse, isTrue, known, pairsOf, strings, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { argValue } from '../../../cloud/adapters/ansible-values.js';
import { publicStatements } from '../../../cloud/policy.js';

const PUBLIC_ACL = /^(?:public-read|public-read-write|authenticated-read)$/;
const BLOCKS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-002',
    title: 'S3 bucket or object made public',
    severity: 'high',
    category: 'ansible',
    modules: ['s3_bucket', 's3_object', 'aws_s3'],
    docs: doc({
      what: 'Flags s3_bucket with public-access blocks turned off (`public_access: {block_public_acls: false…}`, `delete_public_access: yes`), a public `acl`, or a bucket `policy` allowing `Principal: "*"` without a condition that restricts (one on `aws:Referer` alone does not: the client sends it); and s3_object/aws_s3 uploads with `permission: public-read`/`public-read-write`.',
      why: 'Public buckets are the most common source of cloud data leaks; the objects are readable (or writable) by anyone on the internet.',
      bad: '- amazon.aws.s3_object:\n    bucket: reports\n    object: q3.pdf\n    src: q3.pdf\n    mode: put\n    permission: public-read',
      good: '- amazon.aws.s3_object:\n    bucket: reports\n    object: q3.pdf\n    src: q3.pdf\n    mode: put\n    permission: private',
      refs: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
        'CIS AWS Foundations 2.1.4',
      ],
    }),
    remediation:
      'Keep the bucket private with all four public-access blocks; share through CloudFront or presigned URLs.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['s3_bucket'])) {
      for (const b of pairsOf(ctx, t.args.get('public_access')?.node))
        if (BLOCKS.includes(b.key) && isFalse(b))
          ctx.report({
            at: b.keyPos,
            scope: t.scope,
            path: `${t.path}.${t.module}.public_access.${b.key}`,
            message: `s3_bucket public_access.${b.key} is false.`,
          });
      const del = t.args.get('delete_public_access');
      if (isTrue(del)) atArg(ctx, t, del!, "s3_bucket deletes the bucket's public access block.");
      const acl = t.args.get('acl');
      if (acl && PUBLIC_ACL.test(known(acl) ?? ''))
        atArg(ctx, t, acl, `s3_bucket acl ${known(acl)} makes the bucket public.`);
      const pol = t.args.get('policy');
      // The shared policy analyser: a condition counts only when it restricts (not one on aws:Referer alone).
      const open = pol ? publicStatements(argValue(t, pol, { pos: (n) => ctx.pos(n) }))[0] : undefined;
      if (open)
        atArg(
          ctx,
          t,
          pol!,
          open.client
            ? `s3_bucket policy allows Principal "*" with only a ${open.client} condition, which the caller chooses.`
            : 's3_bucket policy allows Principal "*" without a condition.',
        );
    }
    for (const t of ctx.tasksFor(['s3_object', 'aws_s3'])) {
      const p = t.args.get('permission');
      if (p && strings(p.value).some((s) => PUBLIC_ACL.test(s.trim())))
        atArg(ctx, t, p, `${t.module} uploads the object with a public ACL.`);
    }
  },
};
export default rule;
