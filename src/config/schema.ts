/**
 * The JSON Schema of `.hookguard.yaml` (draft-07, for editors: the YAML language server, SchemaStore). The validator in
 * load.ts takes its list of top-level keys from here, so a key cannot exist in one and not the other; a test feeds the
 * same valid and invalid configs (the README's examples among them) to both and checks that they agree.
 * scripts/gen-docs.mjs writes it to schema/hookguard.schema.json (checked fresh in CI).
 */
const SEVERITY = { enum: ['critical', 'high', 'medium', 'low', 'info'] };
const STRINGS = { type: 'array', items: { type: 'string' } };
const OWNER = {
  type: 'string',
  pattern: '^(@[A-Za-z0-9][\\w.-]*(/[\\w.-]+)?|[^@\\s]+@[^@\\s]+\\.[^@\\s]+)$',
  description: '@user, @org/team or an e-mail address',
};

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/hookguard/hookguard/blob/main/schema/hookguard.schema.json',
  title: 'hookguard configuration (.hookguard.yaml)',
  description: 'Settings for hookguard, the security checks in your git workflow. See the README, "Configuration".',
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The schema of this file (for editors); ignored by hookguard.' },
    failOn: {
      description: 'The lowest severity that blocks (exit 1). Default high.',
      enum: ['critical', 'high', 'medium', 'low', 'none'],
    },
    ignore: { ...STRINGS, description: 'Paths never scanned, in gitignore syntax, relative to the repository root.' },
    rules: {
      type: 'object',
      description: 'Turn a rule off, or change its severity: RULE_ID: off | critical | high | medium | low | info.',
      additionalProperties: { anyOf: [{ enum: ['off', false] }, SEVERITY] },
    },
    allow: { ...STRINGS, description: 'Regular expressions of values that are never secrets.' },
    patterns: {
      type: 'array',
      description: 'Custom secret rules, in the format of the built-in patterns/*.yaml.',
      items: {
        type: 'object',
        required: ['id', 'title', 'severity', 'regex'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          title: { type: 'string' },
          severity: SEVERITY,
          keywords: STRINGS,
          regex: { type: 'string' },
          secretGroup: { type: 'integer', minimum: 0 },
          entropy: { type: 'number', minimum: 0 },
          validate: { type: 'string' },
          remediation: { type: 'string' },
          examples: {
            type: 'object',
            properties: { match: STRINGS, nomatch: STRINGS },
            additionalProperties: false,
          },
        },
      },
    },
    baseline: { type: 'string', description: 'Path of the baseline file (default .hookguard-baseline.json).' },
    owners: {
      type: 'array',
      description: 'Who owns a finding, by path and rule; the last matching entry wins (else CODEOWNERS).',
      items: {
        type: 'object',
        required: ['owners'],
        additionalProperties: false,
        properties: { paths: STRINGS, rules: STRINGS, owners: { type: 'array', items: OWNER } },
      },
    },
    escalation: {
      type: 'object',
      description: 'Whom to call when a finding blocks, and the document that says how.',
      additionalProperties: false,
      minProperties: 1,
      properties: { contact: { type: 'string', minLength: 1 }, doc: { type: 'string', minLength: 1 } },
    },
    revoked: {
      type: 'object',
      description: 'Access that should be gone: users and SSH keys (SHA256 fingerprints or public keys).',
      additionalProperties: false,
      properties: { users: STRINGS, keys: STRINGS },
    },
    providers: {
      type: 'array',
      description:
        'Commands (argv, no shell) whose output lines are prohibited values or patterns (regular expressions); a failing one is reported and skipped.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'command'],
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          command: { type: 'array', items: { type: 'string' }, minItems: 1 },
          timeout: { type: 'number', exclusiveMinimum: 0, description: 'Seconds (default 5).' },
          output: { enum: ['values', 'patterns'], description: 'What each output line is (default patterns).' },
        },
      },
    },
    ownCredentials: {
      description:
        'Your own credentials, found by exact value: true/false, or enabled (default: in hooks, not in CI), files and env (more files and environment variables holding them).',
      anyOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: { enabled: { type: 'boolean' }, files: STRINGS, env: STRINGS },
        },
      ],
    },
    environments: {
      type: 'object',
      description: 'Environment names mapped to the globs of their files; expectDifferent lists keys that may differ.',
      propertyNames: { pattern: '^[A-Za-z][\\w-]*$' },
      additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    },
    exceptions: {
      description:
        'Exceptions a pull request adds (baseline entries, hookguard:allow, rules off or lowered): require-owner-approval (the Action fails until an owner approves, the default) or report (listed only). Read from the base branch.',
      enum: ['require-owner-approval', 'report'],
    },
    policies: {
      type: 'array',
      description:
        'The team\'s own policies (as in policies/*.yaml): id, title, severity, description, owners, scope, resource/module/host, where, condition, examples. See the README, "Your own policies".',
      items: {
        type: 'object',
        required: ['id', 'title', 'severity', 'description', 'condition', 'examples'],
        properties: {
          id: { type: 'string', pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$' },
          title: { type: 'string' },
          severity: { enum: ['critical', 'high', 'medium', 'low'] },
          description: { type: 'string', description: 'Markdown: why; it becomes the text of the standard.' },
          owners: { type: 'array', items: OWNER },
          service: { type: 'string' },
          remediation: { type: 'string' },
          scope: {
            type: 'object',
            additionalProperties: false,
            properties: { paths: STRINGS, environments: STRINGS },
          },
          resource: { anyOf: [{ type: 'string' }, STRINGS] },
          resources: STRINGS,
          module: { anyOf: [{ type: 'string' }, STRINGS] },
          modules: STRINGS,
          host: { enum: ['sshd', 'sysctl', 'packages'] },
          where: {},
          condition: {},
          examples: {
            type: 'object',
            additionalProperties: false,
            properties: { fail: { type: 'array' }, pass: { type: 'array' } },
          },
        },
      },
    },
    parameterFiles: {
      type: 'object',
      description:
        'CloudFormation parameter files mapped to the template they deploy: {glob of parameter files: template path}. Each file is judged in its template with its values (as files named params/prod.json beside a template are).',
      additionalProperties: { type: 'string', minLength: 1 },
    },
    policyPaths: {
      ...STRINGS,
      description: 'Where policy files are (folders, files or globs from the repository root). Default policies/.',
    },
    profiles: {
      type: 'object',
      description:
        'Named sets of rules and team policies (as cfn_nag profiles): {name: {rules, deny, paths}}. Applied to the files under paths, or to every file with --profile NAME.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          rules: {
            ...STRINGS,
            description:
              'Allow list: only these CloudFormation, Ansible and policy rules apply (ids, globs such as CFN-S3-*, or family names). Secrets and the other families stay on.',
          },
          deny: { ...STRINGS, description: 'These rules never apply (ids, globs or family names; any family).' },
          paths: {
            ...STRINGS,
            description: 'Globs of the files the profile applies to (first matching profile wins).',
          },
        },
      },
    },
    hookErrors: {
      description:
        'When a hook cannot run the check (hookguard or node not found): warn (say so and let the commit through) or block.',
      enum: ['warn', 'block'],
    },
  },
} as const;

/** The top-level keys of `.hookguard.yaml` (without `$schema`, which is accepted and ignored). */
export const CONFIG_KEYS: string[] = Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== '$schema');
