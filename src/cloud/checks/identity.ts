/** Authentication, trust and least privilege: who can get in, and what they can do once in. */
import type { CloudCheck, CloudResource, Emit } from '../model.js';
import {
  conditionEntries,
  grants,
  isAccountRoot,
  principalAccount,
  principals,
  restricts,
  statements,
  wildcardActions,
  wildcardResource,
} from '../policy.js';
import { asNum, asStr, get, isKnown, items, present, scalars, getSet } from '../values.js';
import { equalsAny, forbidTrue, propCheck, requireTrue, strProp } from './factory.js';

export const cognitoMfa = propCheck({
  code: 'cognito-mfa-off',
  kinds: ['AWS::Cognito::UserPool'],
  description: 'user pool without MFA',
  path: 'MfaConfiguration',
  bad: equalsAny('OFF'),
  message: (r) => `${r.name} turns MFA off`,
  absent: (r) => `${r.name} does not set MfaConfiguration (it defaults to OFF)`,
});

export const cognitoUnauthenticated = forbidTrue({
  code: 'cognito-unauthenticated',
  kinds: ['AWS::Cognito::IdentityPool'],
  description: 'identity pool hands out credentials to unauthenticated users',
  path: 'AllowUnauthenticatedIdentities',
  trueMessage: (r) => `${r.name} gives AWS credentials to unauthenticated identities`,
});

const TRUST_KEYS = [
  'sts:externalid',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:principalarn',
];

/** Trust policies: another account (or its root) trusted without ExternalId/MFA; trust statements allowing `*`. */
export const trustPolicy: CloudCheck = {
  name: 'trust-policy',
  kinds: ['AWS::IAM::Role'],
  codes: {
    'trust-cross-account': 'another account is trusted without an ExternalId or MFA condition',
    'trust-all-actions': 'the trust policy allows every action',
  },
  run(r, emit) {
    for (const s of statements(get(r.props, 'AssumeRolePolicyDocument'))) {
      if (!s.allow) continue;
      // A guard is judged by its value: `sts:ExternalId: ""`, `aws:MultiFactorAuthPresent: "false"` or a negated
      // operator (`StringNotEquals`) lets the other account in as freely as no condition at all.
      const guarded = conditionEntries(s).some(
        (e) => TRUST_KEYS.includes(e.key) && !/not(?:equals|like)/.test(e.op) && restricts(e),
      );
      if (!guarded)
        for (const p of principals(s.principal)) {
          if (p.type !== 'AWS' || !isKnown(p.value)) continue;
          const v = asStr(p.value) ?? '';
          if (!principalAccount(v)) continue;
          emit({
            code: 'trust-cross-account',
            resource: r,
            at: p.value.at,
            message: isAccountRoot(v)
              ? `${r.name} trusts every principal of account ${principalAccount(v)} (its root) without an ExternalId or MFA condition`
              : `${r.name} trusts ${v} without an ExternalId or MFA condition`,
            why: p.value.why,
            detail: principalAccount(v),
          });
        }
      // Allow + NotAction in a trust policy allows every action but the listed ones.
      if (s.notAction)
        emit({
          code: 'trust-all-actions',
          resource: r,
          at: s.notAction,
          message: `${r.name} trust policy uses Allow with NotAction instead of sts:AssumeRole`,
        });
      for (const a of wildcardActions(s))
        if (asStr(a) === '*' || asStr(a)?.toLowerCase() === 'sts:*')
          emit({
            code: 'trust-all-actions',
            resource: r,
            at: a.at,
            message: `${r.name} trust policy allows ${asStr(a)} instead of sts:AssumeRole`,
            why: a.why,
          });
    }
  },
};

export const loginProfileReset: CloudCheck = {
  name: 'login-profile-reset',
  kinds: ['AWS::IAM::User'],
  codes: { 'login-profile-reset': 'console password need not be changed at first sign-in' },
  run(r, emit) {
    const lp = get(r.props, 'LoginProfile');
    if (!lp || !present(lp)) return;
    const reset = get(lp, 'PasswordResetRequired');
    const s = scalars(reset).find(isKnown);
    if (!reset)
      emit({
        code: 'login-profile-reset',
        resource: r,
        at: lp,
        message: `${r.name} has a console password that need not be changed at first sign-in`,
      });
    else if (s && String(s.value).toLowerCase() === 'false')
      emit({
        code: 'login-profile-reset',
        resource: r,
        at: s.at,
        message: `${r.name} sets PasswordResetRequired to false`,
        why: s.why,
      });
  },
};

const IAM_AUTH_ENGINES = /^(?:mysql|postgres|mariadb|aurora|aurora-mysql|aurora-postgresql)$/;

export const rdsIamAuth = requireTrue({
  code: 'rds-iam-auth-off',
  kinds: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  description: 'IAM database authentication is off',
  path: 'EnableIAMDatabaseAuthentication',
  // Instances of an Aurora cluster take the cluster's setting; other engines do not support it.
  when: (r) =>
    IAM_AUTH_ENGINES.test(strProp(r, 'Engine') ?? '') &&
    !(r.kind === 'AWS::RDS::DBInstance' && getSet(r.props, 'DBClusterIdentifier') !== undefined),
  absentMessage: (r) => `${r.name} does not enable IAM database authentication`,
  falseMessage: (r) => `${r.name} turns IAM database authentication off`,
});

export const neptuneIamAuth = requireTrue({
  code: 'neptune-iam-auth-off',
  kinds: ['AWS::Neptune::DBCluster'],
  description: 'Neptune IAM authentication is off',
  path: 'IamAuthEnabled',
  absentMessage: (r) => `${r.name} does not enable IAM authentication`,
  falseMessage: (r) => `${r.name} turns IAM authentication off`,
});

export const configKeyAge: CloudCheck = {
  name: 'config-key-age',
  kinds: ['AWS::Config::ConfigRule'],
  codes: { 'config-key-age': 'access keys may be older than 90 days' },
  run(r, emit) {
    const id = strProp(r, 'Source.SourceIdentifier');
    if (id !== 'access_keys_rotated') return;
    for (const s of scalars(get(r.props, 'InputParameters.maxAccessKeyAge'))) {
      const n = asNum(s.value);
      if (n !== undefined && n > 90)
        emit({
          code: 'config-key-age',
          resource: r,
          at: s.at,
          message: `${r.name} accepts access keys up to ${n} days old (more than 90)`,
          why: s.why,
        });
    }
  },
};

export const codestarPrivate = requireTrue({
  code: 'codestar-public-repo',
  kinds: ['AWS::CodeStar::GitHubRepository'],
  description: 'repository is created public',
  path: 'IsPrivate',
  absentMessage: (r) => `${r.name} does not set IsPrivate, so the GitHub repository is public`,
  falseMessage: (r) => `${r.name} creates a public GitHub repository`,
});

export const IDENTITY_KINDS = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
];

/** Identity policy documents of an IAM resource (standalone policies and inline `Policies`). */
export function identityDocs(r: CloudResource) {
  if (/Policy$/.test(r.kind)) {
    const d = get(r.props, 'PolicyDocument');
    return d ? [d] : [];
  }
  return items(get(r.props, 'Policies')).flatMap((p) => {
    const d = get(p, 'PolicyDocument');
    return d ? [d] : [];
  });
}

export const assumeAnyRole: CloudCheck = {
  name: 'assume-any-role',
  kinds: IDENTITY_KINDS,
  codes: { 'assume-any-role': 'sts:AssumeRole on every role' },
  run(r: CloudResource, emit: Emit) {
    for (const d of identityDocs(r))
      for (const s of statements(d)) {
        const star = wildcardResource(s);
        if (!star) continue;
        const a = grants(s, 'sts:AssumeRole');
        // `Action: *` is CFN-IAM-001's; here only grants that name sts.
        if (a && a.value !== 'NotAction' && asStr(a) !== '*')
          emit({
            code: 'assume-any-role',
            resource: r,
            at: a.at,
            message: `${r.name} may assume any role (${asStr(a)} on "*")`,
            why: a.why ?? star.why,
          });
      }
  },
};

export const iotWildcard: CloudCheck = {
  name: 'iot-wildcard',
  kinds: ['AWS::IoT::Policy'],
  codes: { 'iot-wildcard': 'IoT policy allows every action or every resource' },
  run(r, emit) {
    for (const s of statements(get(r.props, 'PolicyDocument'))) {
      if (!s.allow) continue;
      const a = wildcardActions(s).find((x) => asStr(x) === '*' || asStr(x)?.toLowerCase() === 'iot:*');
      const res = wildcardResource(s);
      if (a || res)
        emit({
          code: 'iot-wildcard',
          resource: r,
          at: (a ?? res)!.at,
          message: a
            ? `${r.name} allows ${asStr(a)} to every device that gets it`
            : `${r.name} allows its actions on every IoT resource ("*")`,
          why: (a ?? res)!.why,
        });
    }
  },
};

export const batchPrivileged = forbidTrue({
  code: 'batch-privileged',
  kinds: ['AWS::Batch::JobDefinition'],
  description: 'Batch container runs privileged',
  path: 'ContainerProperties.Privileged',
  trueMessage: (r) => `${r.name} runs its container privileged (root on the host)`,
});

/** Permissions attached to an IAM user directly: inline `Policies`, a UserPolicy, a Policy attached to `Users`. */
export const iamUserInlinePolicy: CloudCheck = {
  name: 'iam-user-inline-policy',
  kinds: ['AWS::IAM::User', 'AWS::IAM::UserPolicy', 'AWS::IAM::Policy'],
  codes: { 'iam-user-inline-policy': 'an inline policy on a user' },
  run(r, emit) {
    if (r.kind === 'AWS::IAM::User') {
      const p = get(r.props, 'Policies');
      if (p && items(p).length)
        emit({ code: 'iam-user-inline-policy', resource: r, at: p, message: `${r.name} has inline policies` });
    } else if (r.kind === 'AWS::IAM::UserPolicy')
      emit({
        code: 'iam-user-inline-policy',
        resource: r,
        at: get(r.props, 'UserName'),
        message: `${r.name} is an inline policy on a user`,
      });
    else {
      const u = get(r.props, 'Users');
      if (u && items(u).length)
        emit({
          code: 'iam-user-inline-policy',
          resource: r,
          at: u,
          message: `${r.name} attaches a policy directly to users`,
        });
    }
  },
};
