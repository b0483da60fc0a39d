import type { CfnRule } from '../rule.js';
import { doc, meta, requireTrue } from '../util.js';

const rule: CfnRule = requireTrue({
  meta: meta(
    'CFN-EFS-001',
    'EFS file system is not encrypted',
    'high',
    ['AWS::EFS::FileSystem'],
    doc({
      what: 'An `AWS::EFS::FileSystem` without `Encrypted: true`.',
      why: 'File system data at rest is unprotected if the underlying storage is ever exposed; encryption can only be chosen at creation.',
      example: `Files:
  Type: AWS::EFS::FileSystem
  Properties:
    PerformanceMode: generalPurpose`,
      fix: 'Set `Encrypted: true` (optionally with `KmsKeyId`).',
      refs: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
    }),
    'Set Encrypted: true.',
  ),
  prop: 'Encrypted',
  absentMessage: (r) => `${r.id} does not set Encrypted (it defaults to off)`,
  falseMessage: (r) => `${r.id} sets Encrypted to false`,
});
export default rule;
