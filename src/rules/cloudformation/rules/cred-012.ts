import type { Node } from 'yaml';
import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cfnValue } from '../../../cloud/adapters/cloudformation.js';
import { asStr, isKnown, scalars } from '../../../cloud/values.js';

/** Keys of an authentication entry that hold a secret (`basic`: password; `S3`: secretKey). */
const SECRET_KEYS = ['password', 'secretKey'];

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-012',
    'CloudFormation::Authentication metadata holds a password or secret key',
    'critical',
    [],
    doc({
      what: 'A resource whose `Metadata` has an `AWS::CloudFormation::Authentication` entry with a literal `password` (type `basic`) or `secretKey` (type `S3`), or one supplied by a parameter Default. A `!Ref` to a parameter without Default and dynamic references are not reported; `roleName` needs no secret at all. The secret of an `AWS::IAM::AccessKey` the template creates (`secretKey: !GetAtt Keys.SecretAccessKey`) is reported at high: the key is long-lived and the metadata is readable by anyone who can describe the stack.',
      why: 'cfn-init uses these credentials to download files and sources. Written in the template they are in version control and readable by anyone who can read the stack (`GetTemplate`) or the instance metadata.',
      example: `Web:
  Type: AWS::EC2::Instance
  Metadata:
    AWS::CloudFormation::Authentication:
      Downloads:
        type: basic
        username: deploy
        password: Sup3rSecretPassw0rd!
        uris: ['https://artifacts.example.com/']`,
      fix: 'For S3 use `type: S3` with `roleName` (the instance role); for basic authentication take the password from a NoEcho parameter or a Secrets Manager dynamic reference.',
      fixed: `    AWS::CloudFormation::Authentication:
      Artifacts:
        type: S3
        buckets: [my-artifacts]
        roleName: !Ref InstanceRole`,
      refs: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-authentication.html'],
    }),
    'Use roleName for S3 downloads, or a NoEcho parameter / Secrets Manager reference for passwords.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const auth = t.get(r.metadata, 'AWS::CloudFormation::Authentication');
      for (const entry of t.entries(auth)) {
        for (const key of SECRET_KEYS) {
          const node = t.get(entry.value, key);
          if (!node) continue;
          // The secret of an access key this stack creates (`!GetAtt Keys.SecretAccessKey`): not in the repository,
          // but a long-lived key in the metadata, readable by anyone who can describe the stack.
          const key0 = [...t.references(node)]
            .map((id) => t.resource(id))
            .find((x) => x?.type === 'AWS::IAM::AccessKey');
          if (key0) {
            ctx.report(
              r,
              node,
              `${r.id} puts the secret of access key ${key0.id} into authentication ${entry.key}: a long-lived key in metadata that anyone who can describe the stack reads`,
              { severity: 'high' },
            );
            continue;
          }
          for (const s of scalars(cfnValue(t, node))) {
            if (!isKnown(s) || !(asStr(s) ?? '').length) continue;
            ctx.report(r, s.at.loc.node as Node, `${r.id} has a literal ${key} in authentication ${entry.key}`, {
              why: s.why,
              secret: !s.why,
            });
          }
        }
      }
    }
  },
};
export default rule;
