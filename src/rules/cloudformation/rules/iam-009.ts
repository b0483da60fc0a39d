import type { CfnRule } from '../rule.js';
import { doc, meta, statements } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-IAM-009',
    'IAM role trust policy uses Allow with NotPrincipal',
    'high',
    ['AWS::IAM::Role'],
    doc({
      what: 'A role whose `AssumeRolePolicyDocument` has an `Allow` statement with `NotPrincipal`.',
      why: '`Allow` + `NotPrincipal` trusts every principal except the listed ones — effectively anyone.',
      example: `Role:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          NotPrincipal: { AWS: arn:aws:iam::123456789012:root }
          Action: sts:AssumeRole`,
      fix: 'Use `Principal` with the principals that may assume the role.',
      refs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html'],
    }),
    'Use Principal with explicit trusted principals instead of Allow + NotPrincipal.',
  ),
  check(ctx) {
    for (const r of ctx.resources)
      for (const s of statements(ctx.t, ctx.t.get(r.props, 'AssumeRolePolicyDocument')))
        if (s.allow && s.notPrincipalNode)
          ctx.report(r, s.notPrincipalNode, `${r.id} trust policy uses Allow with NotPrincipal`);
  },
};
export default rule;
