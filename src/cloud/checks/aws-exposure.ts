/**
 * Who can reach or use an AWS resource: resource policies open to anyone, instances with public addresses or outside
 * a VPC, AMIs shared with everyone, public Redshift clusters, CORS wildcards, APIs without an authorizer, and the
 * account's sign-in hygiene (password policy, long-lived access keys, role assumption without MFA).
 */
import type { CloudCheck, CloudResource, CValue, Emit } from '../model.js';
import { actionNames, publicStatements, statements, wildcardActions, wildcardPrincipal } from '../policy.js';
import { asBool, asNum, asStr, get, isKnown, items, scalars, getSet } from '../values.js';
import { forbidTrue, nearest, propCheck } from './factory.js';

/** Where each kind keeps its resource policy. */
export const RESOURCE_POLICY_PROP: Readonly<Record<string, string>> = {
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::ECR::Repository': 'RepositoryPolicyText',
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SES::IdentityPolicy': 'Policy',
};

const WHAT: Readonly<Record<string, string>> = {
  'AWS::SQS::QueuePolicy': 'queue policy',
  'AWS::SNS::TopicPolicy': 'topic policy',
  'AWS::S3::BucketPolicy': 'bucket policy',
  'AWS::ECR::Repository': 'repository policy',
  'AWS::KMS::Key': 'key policy',
  'AWS::SES::IdentityPolicy': 'sending authorization policy',
};

/**
 * Resource policies (queues, topics, repositories, keys, SES identities) that let any principal in without a
 * condition, or allow every action of the service to a wildcard principal; Lambda permissions for any principal.
 */
export const resourcePolicyOpen: CloudCheck = {
  name: 'resource-policy-open',
  kinds: [...Object.keys(RESOURCE_POLICY_PROP), 'AWS::Lambda::Permission'],
  codes: {
    'policy-public': 'a resource policy allows any principal without a condition',
    'policy-all-actions': 'a resource policy allows every action to a wildcard principal',
    'lambda-public': 'a Lambda permission for any principal',
  },
  run(r: CloudResource, emit: Emit) {
    if (r.kind === 'AWS::Lambda::Permission') {
      for (const s of scalars(get(r.props, 'Principal')))
        if (isKnown(s) && asStr(s) === '*' && !getSet(r.props, 'SourceArn') && !getSet(r.props, 'SourceAccount'))
          emit({
            code: 'lambda-public',
            resource: r,
            at: s.at,
            message: `${r.name} lets any principal ("*") invoke the function, with no SourceArn or SourceAccount`,
            why: s.why,
          });
      return;
    }
    const prop = RESOURCE_POLICY_PROP[r.kind]!;
    const doc = get(r.props, prop);
    const what = WHAT[r.kind]!;
    const reported = new Set<CValue>();
    for (const p of publicStatements(doc)) {
      reported.add(p.at.at);
      emit({
        code: 'policy-public',
        resource: r,
        at: p.at.at,
        message: p.client
          ? `${r.name} ${what} allows any principal ("*") with only a ${p.client} condition, which the caller chooses`
          : `${r.name} ${what} allows any principal ("*") without a condition`,
        why: p.at.why,
        detail: p.s.sid,
      });
    }
    for (const s of statements(doc)) {
      if (!s.allow) continue;
      const star = wildcardPrincipal(s);
      if (!star) continue;
      for (const a of wildcardActions(s)) {
        const name = asStr(a) ?? '';
        if (name !== '*' && !name.endsWith(':*')) continue;
        emit({
          code: 'policy-all-actions',
          resource: r,
          at: a.at,
          message: `${r.name} ${what} allows ${name} to any principal`,
          why: a.why,
          detail: actionNames(s).join(','),
        });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------- instances, images

const isDefaultGroup = (s: string) => s.trim().toLowerCase() === 'default';

export const ec2InstanceExposure: CloudCheck = {
  name: 'ec2-instance-exposure',
  kinds: ['AWS::EC2::Instance'],
  codes: {
    'instance-public-ip': 'the instance gets a public IP address',
    'instance-no-vpc': 'the instance is launched without a subnet (default VPC or EC2-Classic)',
    'instance-default-sg': 'the instance uses the default security group',
  },
  run(r, emit) {
    for (const ni of items(get(r.props, 'NetworkInterfaces')))
      for (const s of scalars(get(ni, 'AssociatePublicIpAddress')))
        if (asBool(s.value) === true)
          emit({
            code: 'instance-public-ip',
            resource: r,
            at: s.at,
            message: `${r.name} gets a public IP address`,
            why: s.why,
          });
    const launchTemplate = get(r.props, 'LaunchTemplate');
    const subnet = get(r.props, 'SubnetId') ?? items(get(r.props, 'NetworkInterfaces')).find((n) => get(n, 'SubnetId'));
    if (!subnet && !launchTemplate && !r.partial)
      emit({
        code: 'instance-no-vpc',
        resource: r,
        message: `${r.name} names no subnet, so it starts in the default VPC (or EC2-Classic)`,
        severity: 'low',
      });
    for (const k of ['SecurityGroups', 'SecurityGroupIds'])
      for (const s of scalars(get(r.props, k)))
        if (isKnown(s) && isDefaultGroup(asStr(s) ?? ''))
          emit({
            code: 'instance-default-sg',
            resource: r,
            at: s.at,
            message: `${r.name} uses the default security group, which every other default-group member can reach`,
            why: s.why,
          });
  },
};

export const amiPublic: CloudCheck = {
  name: 'ami-public',
  kinds: ['AWS::EC2::Image'],
  codes: { 'ami-public': 'the image can be launched by every AWS account' },
  run(r, emit) {
    for (const s of scalars(get(r.props, 'LaunchPermissions.GroupNames')))
      if (isKnown(s) && asStr(s)?.toLowerCase() === 'all')
        emit({
          code: 'ami-public',
          resource: r,
          at: s.at,
          message: `${r.name} is shared with every AWS account (launch permission group "all")`,
          why: s.why,
        });
  },
};

export const redshiftPublic = forbidTrue({
  code: 'redshift-public',
  kinds: ['AWS::Redshift::Cluster'],
  description: 'the cluster is publicly accessible',
  path: 'PubliclyAccessible',
  trueMessage: (r) => `${r.name} is publicly accessible`,
});

// ---------------------------------------------------------------------------------------------- S3 CORS

export const s3CorsWildcard: CloudCheck = {
  name: 's3-cors-wildcard',
  kinds: ['AWS::S3::Bucket'],
  codes: { 's3-cors-wildcard': 'CORS allows any origin or any method' },
  run(r, emit) {
    for (const rule of items(get(r.props, 'CorsConfiguration.CorsRules')))
      for (const k of ['AllowedOrigins', 'AllowedMethods']) {
        const hit = scalars(get(rule, k)).find((s) => isKnown(s) && asStr(s)?.trim() === '*');
        if (hit)
          emit({
            code: 's3-cors-wildcard',
            resource: r,
            at: hit.at,
            message: `${r.name} CORS rule allows ${k === 'AllowedOrigins' ? 'any origin' : 'any method'} ("*")`,
            why: hit.why,
          });
      }
  },
};

// ---------------------------------------------------------------------------------------------- API Gateway

/** Is there any authorizer or security requirement in an OpenAPI/Swagger body? */
function hasAuth(body: CValue): boolean {
  if (get(body, 'securityDefinitions') || get(body, 'components.securitySchemes') || get(body, 'security')) return true;
  for (const path of options(get(body, 'paths')))
    if (path.t === 'map')
      for (const ops of path.entries.values())
        if (ops.t === 'map')
          for (const op of ops.entries.values())
            if (op.t === 'map' && (op.entries.has('security') || op.entries.has('x-amazon-apigateway-auth')))
              return true;
  return false;
}

function options(v: CValue | undefined): CValue[] {
  return v ? (v.t === 'alt' ? v.options : [v]) : [];
}

export const apiBodyAuthorizer: CloudCheck = {
  name: 'api-body-authorizer',
  kinds: ['AWS::ApiGateway::RestApi'],
  codes: { 'api-no-authorizer': 'the API definition has no authorizer or security requirement' },
  run(r, emit) {
    const body = get(r.props, 'Body');
    if (!body || body.t !== 'map' || !get(body, 'paths')) return;
    if (hasAuth(body)) return;
    emit({
      code: 'api-no-authorizer',
      resource: r,
      at: body,
      message: `${r.name} defines its API with no authorizer and no security requirement: every method is open`,
    });
  },
};

// ---------------------------------------------------------------------------------------------- account sign-in

/** CIS AWS Foundations 1.8–1.9 and the IAM guidance. */
export const passwordPolicyWeak: CloudCheck = {
  name: 'password-policy-weak',
  kinds: ['AWS::IAM::AccountPasswordPolicy'],
  codes: { 'password-policy-weak': 'the account password policy is weak' },
  run(r, emit) {
    const num = (p: string) => scalars(get(r.props, p)).find(isKnown);
    const missing: string[] = [];
    const report = (at: CValue | undefined, message: string) =>
      emit({ code: 'password-policy-weak', resource: r, at, message: `${r.name}: ${message}` });
    const len = num('MinimumPasswordLength');
    if (!len) missing.push('no minimum length (the default is 8)');
    else if ((asNum(len.value) ?? 99) < 14) report(len.at, `minimum password length ${String(len.value)} is below 14`);
    const age = num('MaxPasswordAge');
    if (!age) missing.push('no maximum age (passwords never expire)');
    else if ((asNum(age.value) ?? 0) === 0 || (asNum(age.value) ?? 0) > 90)
      report(age.at, `maximum password age ${String(age.value)} is not between 1 and 90 days`);
    const reuse = num('PasswordReusePrevention');
    if (!reuse) missing.push('no reuse prevention');
    else if ((asNum(reuse.value) ?? 24) < 24)
      report(reuse.at, `only the last ${String(reuse.value)} passwords cannot be reused (24 recommended)`);
    const change = get(r.props, 'AllowUsersToChangePassword');
    const f = scalars(change).find((s) => asBool(s.value) === false);
    if (!change) missing.push('users may not change their own password (allow_pw_change not set)');
    else if (f) report(f.at, 'users cannot change their own password');
    if (missing.length) report(undefined, missing.join(', '));
  },
};

export const accessKeyActive: CloudCheck = {
  name: 'access-key-active',
  kinds: ['AWS::IAM::AccessKey'],
  codes: { 'access-key-active': 'a long-lived IAM user access key is created active' },
  run(r, emit) {
    const st = get(r.props, 'Status');
    const s = scalars(st).find(isKnown);
    if (st && !s) return;
    if (!st || (s && asStr(s) === 'Active'))
      emit({
        code: 'access-key-active',
        resource: r,
        at: s?.at ?? nearest(r, 'Status'),
        message: `${r.name} creates an active long-lived access key for an IAM user; prefer roles and temporary credentials`,
      });
  },
};

export const assumeRoleMfa: CloudCheck = {
  name: 'assume-role-mfa',
  kinds: ['AWS::STS::AssumeRole'],
  codes: { 'assume-role-no-mfa': 'a role is assumed without MFA' },
  run(r, emit) {
    // MFA takes both: the device (SerialNumber) and the current code (TokenCode); a serial alone is refused or,
    // where the trust policy does not require MFA, ignored.
    const serial = getSet(r.props, 'SerialNumber');
    if (serial && getSet(r.props, 'TokenCode')) return;
    emit({
      code: 'assume-role-no-mfa',
      resource: r,
      ...(serial ? { at: serial } : {}),
      message: serial
        ? `${r.name} names an MFA device (mfa_serial_number) but passes no mfa_token, so no MFA code is presented`
        : `${r.name} assumes a role without MFA (no mfa_serial_number / mfa_token)`,
    });
  },
};

/**
 * An instance (or launch template/configuration) placed in the VPC's `default` security group by name: that group is
 * shared by everything launched without a group, and its rules let all of its members reach each other.
 */
export const ec2DefaultSecurityGroup: CloudCheck = {
  name: 'ec2-default-security-group',
  kinds: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
  codes: { 'ec2-default-sg': 'the instance is in the default security group' },
  run(r, emit) {
    const base = r.kind === 'AWS::EC2::LaunchTemplate' ? get(r.props, 'LaunchTemplateData') : r.props;
    for (const s of scalars(get(base, 'SecurityGroups')))
      if (isKnown(s) && asStr(s)?.toLowerCase() === 'default')
        emit({
          code: 'ec2-default-sg',
          resource: r,
          at: s.at,
          message: `${r.name} is placed in the VPC's default security group`,
          why: s.why,
        });
  },
};

/**
 * An ElastiCache cluster or replication group without a subnet group: it is created in the default subnet group of
 * the default VPC (or, in the oldest accounts, outside any VPC), not in the application's private subnets.
 */
export const elasticacheSubnetGroup = propCheck({
  code: 'elasticache-no-subnet-group',
  kinds: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup'],
  description: 'the cache is not placed in a subnet group of your VPC',
  path: 'CacheSubnetGroupName',
  // A replica group built on an existing cluster takes that cluster's placement.
  when: (r) => get(r.props, 'PrimaryClusterId') === undefined,
  bad: () => false,
  message: (r) => `${r.name} has no CacheSubnetGroupName`,
  absent: (r) => `${r.name} sets no CacheSubnetGroupName, so it is created in the default VPC's default subnet group`,
});

// ---------------------------------------------------------------------------------------------- OpenSearch

/** A domain without `VPCOptions.SubnetIds` gets a public endpoint (only its access policy guards it). */
export const opensearchOutsideVpc: CloudCheck = {
  name: 'opensearch-outside-vpc',
  kinds: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  codes: { 'opensearch-outside-vpc': 'the domain has a public endpoint (no VPC subnets)' },
  run(r, emit) {
    if (r.partial || getSet(r.props, 'VPCOptions.SubnetIds')) return;
    emit({
      code: 'opensearch-outside-vpc',
      resource: r,
      at: get(r.props, 'VPCOptions'),
      message: `${r.name} is not placed in a VPC (no VPCOptions.SubnetIds), so its endpoint is public`,
    });
  },
};
