import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-CRED-009',
    'Secrets Manager secret has no rotation schedule',
    'low',
    ['AWS::SecretsManager::Secret'],
    doc({
      what: 'An `AWS::SecretsManager::Secret` that no `AWS::SecretsManager::RotationSchedule` in the same template refers to (through `SecretId: !Ref Secret`).',
      why: 'Secrets that never rotate stay valid forever after a leak; rotation limits the window an exposed credential is useful.',
      example: `DbSecret:
  Type: AWS::SecretsManager::Secret
  Properties:
    GenerateSecretString: { PasswordLength: 32 }`,
      fix: 'Add a rotation schedule (for RDS, `HostedRotationLambda`), or suppress with a reason for secrets that cannot rotate (third-party API keys).',
      fixed: `DbSecretRotation:
  Type: AWS::SecretsManager::RotationSchedule
  Properties:
    SecretId: !Ref DbSecret
    HostedRotationLambda: { RotationType: PostgreSQLSingleUser }
    RotationRules: { AutomaticallyAfterDays: 30 }`,
      refs: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
    }),
    'Rotate it on a schedule: add an AWS::SecretsManager::RotationSchedule with SecretId: !Ref the secret and RotationRules (AutomaticallyAfterDays: 30) — HostedRotationLambda for RDS, Redshift and DocumentDB, your own RotationLambdaARN otherwise.',
  ),
  check(ctx) {
    const t = ctx.t;
    const rotated = new Set<string>();
    for (const r of t.resources)
      if (r.type === 'AWS::SecretsManager::RotationSchedule')
        for (const id of t.references(t.get(r.props, 'SecretId'))) rotated.add(id);
    for (const r of ctx.resources)
      if (!rotated.has(r.id)) ctx.report(r, undefined, `${r.id} has no RotationSchedule in this template`);
  },
};
export default rule;
