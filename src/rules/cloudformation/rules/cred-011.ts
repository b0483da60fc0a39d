import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { SECRET_PROPS, secretProps } from '../../../cloud/checks/secrets.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-011',
    'Secret property reads a plain-text SSM parameter',
    'medium',
    Object.keys(SECRET_PROPS),
    doc({
      what: 'A password, token or key property (those of CFN-CRED-006, and the `LoginProfile.Password` of an IAM user) set with a `{{resolve:ssm:…}}` dynamic reference. Only `{{resolve:ssm-secure:…}}` (a SecureString parameter) and `{{resolve:secretsmanager:…}}` keep the value encrypted.',
      why: 'A plain `String` SSM parameter is stored unencrypted and readable by anyone with `ssm:GetParameter` on it (often granted broadly for configuration); it is not audited or rotated like a secret.',
      example: `Db:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    MasterUsername: app
    MasterUserPassword: '{{resolve:ssm:/prod/db/password}}'`,
      fix: 'Store the value as a SecureString and use `{{resolve:ssm-secure:…}}`, or keep it in Secrets Manager.',
      fixed: `    MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'`,
      refs: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html'],
    }),
    'Use {{resolve:ssm-secure:…}} or {{resolve:secretsmanager:…}} for secrets.',
  ),
  check: cloudCheck(secretProps, ['secret-ssm-plaintext']),
};
export default rule;
