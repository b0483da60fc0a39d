/**
 * Why an IaC rule has no automatic fix (issue 27: every rule's doc says whether it has one, and why not if not). Read
 * by the rule docs (scripts/gen-docs.mjs) and `hookguard explain`; the hook never loads it.
 */

const GROUPS: Array<{ ids: string[]; why: string }> = [
  {
    ids: [
      'CFN-CRED-001',
      'CFN-CRED-002',
      'CFN-CRED-003',
      'CFN-CRED-005',
      'CFN-CRED-006',
      'CFN-CRED-007',
      'CFN-CRED-008',
      'CFN-CRED-009',
      'CFN-CRED-010',
      'CFN-CRED-011',
      'CFN-CRED-012',
    ],
    why: "a credential written in the repository is leaked already: rotate it, then reference a secret store (ManageMasterUserPassword, {{resolve:secretsmanager:…}}); rewriting the line would hide the leak, not undo it, and the store is the team's choice",
  },
  {
    ids: ['CFN-IAM-001', 'CFN-IAM-002', 'CFN-IAM-003', 'CFN-IAM-004', 'CFN-IOT-001', 'ANS-AWS-003'],
    why: 'which actions and resources a policy needs is the team’s decision: a narrower policy guessed by a tool breaks what uses it or stays too broad',
  },
  {
    ids: [
      'CFN-S3-004',
      'CFN-SQS-001',
      'CFN-SNS-001',
      'CFN-KMS-001',
      'CFN-ECR-001',
      'CFN-LAMBDA-001',
      'CFN-LAMBDA-003',
      'ANS-AWS-007',
    ],
    why: 'which principals and conditions a resource policy needs is the team’s decision; removing or narrowing a statement by guess breaks the callers it serves',
  },
  {
    ids: [
      'CFN-SG-003',
      'CFN-SG-004',
      'CFN-SG-005',
      'CFN-NACL-001',
      'CFN-NACL-002',
      'CFN-RDS-004',
      'CFN-GAMELIFT-001',
      'CFN-EKS-001',
    ],
    why: 'an all-ports, all-protocols or wide-range opening has to be split into the ports really used, and which network may reach them is the team’s decision',
  },

  {
    ids: ['CFN-EC-002', 'CFN-WS-001', 'CFN-DAX-001'],
    why: 'turning encryption on replaces the resource (its data is lost or must be migrated): a migration, not an edit',
  },
];

const ONE: Record<string, string> = {
  'CFN-EC-003':
    'Multi-AZ on a replication group also needs automatic failover and a replica in another zone (the deployment fails without them): a change of the group’s shape, not one setting',
  'CFN-SG-008':
    'a rule’s description says who needs it and why: only the team can write that, and a placeholder would only silence the check',
  'CFN-NACL-003':
    'which of the overlapping entries is meant, and which rule numbers to use, is a network design decision that spans several entries',
  'CFN-LAMBDA-005':
    'a dead-letter target needs a queue or topic and send permission on the function’s role (Lambda refuses the function without it): a change across resources',
  'CFN-LAMBDA-004':
    'active tracing needs X-Ray write permission on the function’s role (Lambda refuses the function without it): a change across resources',
  'CFN-NEPTUNE-001':
    'with IAM authentication on, every client must sign its requests: turning it on breaks clients until they do',
  'ANS-AWS-034':
    'moving a policy from a user to a group (or a role) changes who holds it: which group, and who else is in it, is the team’s decision',
  'CFN-CF-002':
    'https-only to the origin works only where the origin serves HTTPS with a valid certificate: the team must know it does',
  'CFN-TPL-001': 'which of the two values of a key is meant is the author’s decision',
  'CFN-APIGW-007':
    'a web ACL and its association are new resources, with rules and a default action the team chooses; one ACL usually serves several stages',
  'CFN-ELB-006':
    'a web ACL and its association are new resources, with rules and a default action the team chooses; one ACL usually serves several load balancers',
  'CFN-ES-005':
    'a domain cannot move from a public endpoint into a VPC: a new domain in subnets and security groups the team chooses, and the data migrated',
  'ANS-AWS-035':
    'a domain cannot move into a VPC in place, and which KMS key (with a key policy that lets OpenSearch use it) is the team’s decision',
  'CFN-RDS-010':
    'which subnets are private is a network design decision across resources (subnets, route tables), not a property of the subnet group',
  'ANS-AZ-021':
    'the administrator is a person or group of the team’s directory (its name and object id): only the team can name it',
  'ANS-AWS-037':
    'a subnet group is a separate resource of private subnets the team chooses, and moving a cache into it recreates the cache',
  'CFN-PROP-001':
    'the finding names the closest real property, but whether it is the one meant is the author’s decision',
};

const DEFAULT = "the right value is the team's decision or the change is not local; apply the fix above by hand";

/** Why the rule has no automatic fix (a sentence without its final full stop). */
export function noFixReason(id: string): string {
  return ONE[id] ?? GROUPS.find((g) => g.ids.includes(id))?.why ?? DEFAULT;
}

/** The rules with a reason of their own (not the default), for the tests. */
export const NO_FIX_IDS: readonly string[] = [...Object.keys(ONE), ...GROUPS.flatMap((g) => g.ids)];
