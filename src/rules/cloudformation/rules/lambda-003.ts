import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { lambdaPermissionScope } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LAMBDA-003',
    'Lambda permission grants more than invoke, or for any source',
    'medium',
    ['AWS::Lambda::Permission'],
    doc({
      what: `An \`AWS::Lambda::Permission\` whose \`Action\` is anything but \`lambda:InvokeFunction\`/\`lambda:InvokeFunctionUrl\` (such as \`lambda:*\`), or whose \`SourceArn\` contains a wildcard.`,
      why: `A resource policy that grants \`lambda:*\` lets the principal change the function's code or configuration; a wildcard source lets any bucket, topic or rule matching the pattern (including other accounts' ones) invoke it.`,
      example: `Perm:
  Type: AWS::Lambda::Permission
  Properties:
    Action: lambda:*
    FunctionName: !Ref Fn
    Principal: s3.amazonaws.com
    SourceArn: arn:aws:s3:::*`,
      fix: `Grant \`lambda:InvokeFunction\` only, with the exact \`SourceArn\` (and \`SourceAccount\`).`,
      refs: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html'],
    }),
    'Grant lambda:InvokeFunction only, with an exact SourceArn.',
  ),
  check: cloudCheck(lambdaPermissionScope, ['lambda-permission-scope']),
};
export default rule;
