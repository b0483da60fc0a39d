/**
 * The rules with an automatic fix (`hookguard fix`), as data: small enough for the hook to name the fix command without
 * loading the fixer (src/fix/index.ts) or the YAML parser.
 */
export type Value = boolean | string | number | { [k: string]: Value };

/** What a rule's fix does, declared as data. */
export type FixSpec =
  | { kind: 'cfn-set'; key: string; value: Value; what: string }
  | { kind: 'ans-set'; key: string; value: Value; what: string; when?: (current: unknown) => boolean }
  | { kind: 'ans-task'; key: string; value: Value; what: string };

const PAB: Value = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

/** The rules with an automatic fix, and the fix. */
export const FIXES: Record<string, FixSpec> = {
  'CFN-RDS-001': { kind: 'cfn-set', key: 'StorageEncrypted', value: true, what: 'StorageEncrypted: true' },
  'CFN-RDS-002': { kind: 'cfn-set', key: 'StorageEncrypted', value: true, what: 'StorageEncrypted: true' },
  'CFN-RDS-003': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-DOCDB-001': { kind: 'cfn-set', key: 'StorageEncrypted', value: true, what: 'StorageEncrypted: true' },
  'CFN-EC2-006': { kind: 'cfn-set', key: 'Encrypted', value: true, what: 'Encrypted: true' },
  'CFN-EFS-001': { kind: 'cfn-set', key: 'Encrypted', value: true, what: 'Encrypted: true' },
  'CFN-REDSHIFT-001': { kind: 'cfn-set', key: 'Encrypted', value: true, what: 'Encrypted: true' },
  'CFN-REDSHIFT-002': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-DMS-001': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-MQ-001': { kind: 'cfn-set', key: 'PubliclyAccessible', value: false, what: 'PubliclyAccessible: false' },
  'CFN-LOG-001': {
    kind: 'cfn-set',
    key: 'EnableLogFileValidation',
    value: true,
    what: 'EnableLogFileValidation: true',
  },
  'CFN-DDB-002': {
    kind: 'cfn-set',
    key: 'PointInTimeRecoverySpecification',
    value: { PointInTimeRecoveryEnabled: true },
    what: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true',
  },
  'CFN-S3-003': {
    kind: 'cfn-set',
    key: 'PublicAccessBlockConfiguration',
    value: PAB,
    what: 'PublicAccessBlockConfiguration with its four settings true',
  },
  'CFN-SQS-002': { kind: 'cfn-set', key: 'SqsManagedSseEnabled', value: true, what: 'SqsManagedSseEnabled: true' },
  'CFN-ES-003': {
    kind: 'cfn-set',
    key: 'NodeToNodeEncryptionOptions',
    value: { Enabled: true },
    what: 'NodeToNodeEncryptionOptions.Enabled: true',
  },
  'ANS-TLS-001': {
    kind: 'ans-set',
    key: 'validate_certs',
    value: true,
    what: 'validate_certs: true',
  },
  'ANS-PKG-005': {
    kind: 'ans-set',
    key: 'state',
    value: 'present',
    what: 'state: present',
    when: (v) => v === 'latest',
  },
  'ANS-SECRET-006': { kind: 'ans-task', key: 'no_log', value: true, what: 'no_log: true on the task' },
  'ANS-EXEC-003': { kind: 'ans-task', key: 'no_log', value: true, what: 'no_log: true on the task' },
};

export function hasFix(ruleId: string): boolean {
  return Object.prototype.hasOwnProperty.call(FIXES, ruleId);
}
