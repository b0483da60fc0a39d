/**
 * Per-resource suppressions read from resource Metadata:
 *   Metadata: { hookguard: { suppress: [ { rule: CFN-SG-001, reason: "…" } ] } }
 *   Metadata: { cfn_nag: { rules_to_suppress: [ { id: W2, reason: "…" } ] } }   (teams migrating from cfn_nag)
 * cfn_nag ids are mapped to ours through CFN_NAG_MAP; ids with no counterpart are ignored.
 * A suppression without a reason still applies, but is reported in `errors` (a warning, never silent).
 */
import type { CfnTemplate } from '../../parse/cloudformation.js';
import type { Anchor } from './rule.js';

/**
 * cfn_nag rule id → hookguard rule ids it corresponds to. Only ids whose meaning matches one of ours are listed;
 * every other cfn_nag id is ignored (it suppresses nothing here).
 */
export const CFN_NAG_MAP: Readonly<Record<string, readonly string[]>> = {
  // security groups
  W2: ['CFN-SG-001', 'CFN-SG-002', 'CFN-SG-003', 'CFN-SG-004', 'CFN-SG-006'], // cidr open to world on ingress
  W5: ['CFN-SG-005'], // cidr open to world on egress
  W40: ['CFN-SG-005'], // egress with IpProtocol -1
  W42: ['CFN-SG-003'], // ingress with IpProtocol -1
  W27: ['CFN-SG-004'], // ingress port range instead of a single port
  W33: ['CFN-EC2-002'], // subnet MapPublicIpOnLaunch
  W60: ['CFN-VPC-001'], // VPC without flow log
  // IAM
  F2: ['CFN-IAM-006'], // role trust policy: * action / wildcard
  F3: ['CFN-IAM-001', 'CFN-IAM-002'], // role permissions policy: * action
  F4: ['CFN-IAM-001', 'CFN-IAM-002'], // policy: * action
  F5: ['CFN-IAM-001', 'CFN-IAM-002'], // managed policy: * action
  W11: ['CFN-IAM-002'], // role: * resource
  W12: ['CFN-IAM-002'], // policy: * resource
  W13: ['CFN-IAM-002'], // managed policy: * resource
  F6: ['CFN-IAM-009'], // role trust policy Allow + NotPrincipal
  W14: ['CFN-IAM-003'], // role Allow + NotAction
  W15: ['CFN-IAM-003'], // role Allow + NotAction (trust policy)
  W16: ['CFN-IAM-003'], // policy Allow + NotAction
  W17: ['CFN-IAM-003'], // managed policy Allow + NotAction
  W21: ['CFN-IAM-004'], // role Allow + NotResource
  W22: ['CFN-IAM-004'], // policy Allow + NotResource
  W23: ['CFN-IAM-004'], // managed policy Allow + NotResource
  F38: ['CFN-IAM-005'], // role: PassRole on *
  F39: ['CFN-IAM-005'], // policy: PassRole on *
  F40: ['CFN-IAM-005'], // managed policy: PassRole on *
  F10: ['CFN-IAM-007'], // inline policy on a user
  F43: ['CFN-IAM-007'], // inline policy on a user (managed variant)
  // resource policies
  F15: ['CFN-S3-004'], // bucket policy * action
  F16: ['CFN-S3-004'], // bucket policy * principal
  F18: ['CFN-SNS-001'], // topic policy * principal
  F20: ['CFN-SQS-001'], // queue policy * action
  F21: ['CFN-SQS-001'], // queue policy * principal
  F13: ['CFN-LAMBDA-001'], // lambda permission * principal
  F76: ['CFN-KMS-001'], // key policy * principal without condition
  // public access, encryption, logging
  F14: ['CFN-S3-002'], // bucket PublicReadWrite ACL
  W31: ['CFN-S3-002'], // bucket PublicRead ACL
  W35: ['CFN-S3-005'], // bucket access logging
  W41: ['CFN-S3-001'], // bucket encryption
  F22: ['CFN-RDS-003'], // RDS publicly accessible
  F23: ['CFN-CRED-006'], // RDS master password literal
  F24: ['CFN-CRED-006'], // RDS master password literal (Default)
  F26: ['CFN-RDS-002'], // DBCluster StorageEncrypted
  F27: ['CFN-RDS-001'], // DBInstance StorageEncrypted
  F1: ['CFN-EC2-006'], // EBS volume encryption
  F19: ['CFN-KMS-002'], // KMS key rotation
  F32: ['CFN-EFS-001'], // EFS encryption
  F33: ['CFN-EC-001'], // ElastiCache at-rest encryption
  F51: ['CFN-CRED-003'], // IAM user login profile password
  W26: ['CFN-ELB-003'], // classic ELB access logging
  W52: ['CFN-ELB-003'], // ELBv2 access logging
  W56: ['CFN-ELB-001'], // ELBv2 listener not HTTPS
  W10: ['CFN-CF-004'], // CloudFront access logging
  W47: ['CFN-SNS-002'], // SNS KmsMasterKeyId
  W48: ['CFN-SQS-002'], // SQS KmsMasterKeyId
  W49: ['CFN-KIN-001'], // Kinesis StreamEncryption
  W84: ['CFN-LOG-003'], // log group KmsKeyId
  W86: ['CFN-LOG-005'], // log group RetentionInDays
};

export interface Suppression {
  reason: string;
  /** The line of the suppression entry (for warnings). */
  line: number | undefined;
}

/** rule id → suppression, for one anchor (resource). */
export function readSuppressions(
  t: CfnTemplate,
  a: Anchor,
  knownIds: ReadonlySet<string>,
  warn: (line: number | undefined, message: string) => void,
): Map<string, Suppression> {
  const out = new Map<string, Suppression>();
  if (!a.metadata) return out;
  const add = (ids: readonly string[], reason: string | undefined, line: number | undefined, label: string) => {
    if (!reason) warn(line, `resource ${a.id}: suppression of ${label} has no reason (add reason: "…")`);
    for (const id of ids) if (!out.has(id)) out.set(id, { reason: reason || '(no reason given)', line });
  };
  for (const entry of t.items(t.at(a.metadata, 'hookguard.suppress'))) {
    const idVal = t.single(t.get(entry, 'rule') ?? t.get(entry, 'id'));
    const id = idVal && typeof idVal.value === 'string' ? idVal.value.trim().toUpperCase() : undefined;
    const line = t.line(entry);
    if (!id) {
      warn(line, `resource ${a.id}: hookguard suppression without a rule id is ignored`);
      continue;
    }
    if (!knownIds.has(id)) {
      warn(line, `resource ${a.id}: hookguard suppression names unknown rule ${id}`);
      continue;
    }
    add([id], reasonOf(t, entry), line, id);
  }
  for (const entry of t.items(t.at(a.metadata, 'cfn_nag.rules_to_suppress'))) {
    const idVal = t.single(t.get(entry, 'id'));
    const nag =
      idVal && (typeof idVal.value === 'string' || typeof idVal.value === 'number') ? String(idVal.value) : '';
    const mapped = CFN_NAG_MAP[nag.trim().toUpperCase()];
    if (!mapped) continue;
    add(mapped, reasonOf(t, entry), t.line(entry), `cfn_nag ${nag}`);
  }
  return out;
}

function reasonOf(t: CfnTemplate, entry: import('yaml').Node): string | undefined {
  const v = t.single(t.get(entry, 'reason'));
  return v && typeof v.value === 'string' && v.value.trim() ? v.value.trim() : undefined;
}
