import type { CfnRule } from '../rule.js';
import { doc, meta, requireProp } from '../util.js';

const rule: CfnRule = requireProp({
  meta: meta(
    'CFN-BACKUP-001',
    'Backup vault does not use a customer managed KMS key',
    'low',
    ['AWS::Backup::BackupVault'],
    doc({
      what: 'An `AWS::Backup::BackupVault` without `EncryptionKeyArn`.',
      why: 'Backups are encrypted with the AWS managed `aws/backup` key, whose policy you cannot restrict; a customer managed key lets you separate who can restore from who can administer backups.',
      example: `Vault:
  Type: AWS::Backup::BackupVault
  Properties:
    BackupVaultName: prod`,
      fix: 'Set `EncryptionKeyArn` to a customer managed key.',
      refs: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html'],
    }),
    'Set EncryptionKeyArn on the vault.',
  ),
  prop: 'EncryptionKeyArn',
  message: (r) => `${r.id} has no EncryptionKeyArn`,
});
export default rule;
