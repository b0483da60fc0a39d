/** Rule documentation of the environment-parity (ENV-*) and secrets-at-rest (ATREST-*) checks. Data only. */
import type { RuleDoc } from '../types.js';

export const ENV_RULES: RuleDoc[] = [
  {
    id: 'ENV-001',
    title: 'The same secret is used in more than one environment',
    severity: 'high',
    category: 'environment',
    remediation:
      "Give every environment its own credential (rotate the shared one), and keep each in that environment's secret store.",
    docs: `Finds a password, token or key whose value is the same in two or more environments (for example dev and prod
sharing a database password). Environments are found from paths (\`inventories/prod/\`, \`group_vars/production.yml\`,
\`.env.staging\`, \`values-prod.yaml\`, \`params.prod.json\`, \`appsettings.Production.json\`…) or named in
\`.hookguard.yaml\` (\`environments: {dev: [globs], prod: [globs]}\`).

A value counts as a secret when a secret rule finds it or its key is credential-named (password, secret, token,
api_key, private_key…) and its value is a literal — in an environment file a default such as \`changeme\` or
\`password\` is a real password, whatever its entropy. A password inside a URL or connection string
(\`redis://:pw@redis.dev…\`, \`Password=…;\` in \`ConnectionStrings\`) is compared by that password alone, since the
hosts differ. References to secret stores (\`!vault\`, \`ENC[…]\`, Vault lookups, \`{{resolve:…}}\`), Jinja
expressions and placeholders never count. Values are compared by a keyed hash (HMAC-SHA-256 with a random key made
for each run) in memory: the value is never printed, not even masked, and the report names only the other places.

Why: a secret shared with dev is only as safe as the least protected environment — laptops, CI logs, test databases.
When dev leaks, prod is open.

Example (fails): \`inventories/dev/group_vars/all.yml\` and \`inventories/prod/group_vars/all.yml\` both set
\`db_password\` to the same literal.

Fix: generate a distinct credential per environment, rotate the one that was shared, and keep them in a store
(Ansible Vault, SOPS, Vault, Secrets Manager).`,
  },
  {
    id: 'ENV-002',
    title: 'A security setting differs between environments',
    severity: 'medium',
    category: 'environment',
    remediation:
      'Make the setting the same in every environment (secure everywhere), or list the key in environments.expectDifferent with a comment why.',
    docs: `Compares files that play the same role in different environments key by key and reports a security-relevant
setting whose value differs: TLS/certificate verification (\`validate_certs\`, \`verify_ssl\`, \`sslmode\`…), SSL/TLS on
or off and minimum TLS versions, debug and verbose flags, allowed hosts and CIDRs, ports, authentication on/off, CSRF
protection, secure cookies, encryption flags and KMS keys, password policy, host key checking and audit log levels.
Settings are classified by their whole key path, the same way in every format: \`server: ssl: enabled:\` in YAML,
\`server.ssl.enabled\` in \`.properties\` and \`SERVER_SSL_ENABLED\` in a dotenv file are one setting. Security meaning
wins over the built-in list of keys expected to differ (\`tls_min_version\` is a security setting, not a "version").
Values that cannot be known (Jinja, \`\${VAR}\`, store references) are not compared. Booleans compare by meaning
(\`yes\` = \`true\`).

Where the values have an order — booleans by the setting's meaning (\`validate_certs: false\`, \`debug: true\` are
weaker), \`sslmode\`, TLS/SSL versions (1.0 is weaker than 1.2), CIDRs and host lists open to the world (\`0.0.0.0/0\`,
\`*\`), minimum password lengths — the finding is raised only on the environments holding the weaker value, at
**high** severity when that environment is production (\`prod\`, \`production\`, \`live\`, \`eu-prod\`…) and medium
otherwise; the secure environments get nothing, the fix names the environment to change and \`hookguard env\` marks
its column \`WEAKER\`. Where the values have no order (ports, KMS keys), every environment's file gets the finding
(medium) and the message names each value. Values of credential-named keys are never shown.

Why: "configured identically but with different passwords" — staging with \`validate_certs: false\` is how a
man-in-the-middle gets a foothold, and it is the setting that slips into prod with the next copy-paste.

Example (fails): \`validate_certs: true\` in dev and prod, \`validate_certs: false\` in staging.

Fix: use the secure value everywhere. When a difference is intended, add the key to
\`environments.expectDifferent\` in \`.hookguard.yaml\`.`,
  },
  {
    id: 'ENV-003',
    title: 'A setting is present in some environments and missing in others',
    severity: 'low',
    category: 'environment',
    remediation:
      'Add the key to every environment (or remove it everywhere) so the environments stay configured alike.',
    docs: `Reports a key that files of the same role define in some environments and not in others (structural drift).
It is reported where the key is present, naming the environments that lack it.

Keys that are expected to differ are not drift (unless they are security settings): by default hostnames, hosts, URLs/endpoints, addresses, domains, IPs,
instance sizes/types/classes, counts, replicas, capacities, names, ids, ARNs, regions, zones, tags, descriptions,
versions and image tags; extend the list with \`environments.expectDifferent: [globs of keys]\` (matched against the
dotted key, e.g. \`*.replicas\`, \`feature_flags.*\`).

Why: a setting that exists only in dev (a new timeout, a feature toggle) is untested elsewhere, and one that exists
only in prod is a difference nobody reviewed.

Fix: add the key to the environments that lack it, or remove it where it is not wanted.`,
  },
  {
    id: 'ENV-004',
    title: 'A weak or default password is set in production',
    severity: 'high',
    category: 'environment',
    remediation:
      'Generate a strong, unique password for production, rotate the default one wherever it was deployed, and keep it in a secret store.',
    docs: `Finds a credential-named key (password, secret, token…) in a production environment file whose value is a
default or weak password — \`changeme\`, \`password\`, \`admin\`, \`root\`, \`123456\`, \`letmein\`… — or a URL or
connection string whose password is one. Production is an environment named \`prod\`, \`production\` or \`live\`, or one
qualified by a region (\`eu-prod\`, \`prod-us\`). Elsewhere such values are reported as secrets (ENV-001 when
environments share them) but not as weak.

Why: default passwords are the first ones tried — by scanners on the internet and by anyone who has read the
framework's documentation. A placeholder that was never replaced is a real password once it is deployed.

Example (fails): \`.env.production\` holds \`ADMIN_PASSWORD=password\`.

Fix: set a generated password in production through the secret store, rotate the default wherever it is live.`,
  },
  {
    id: 'ENV-005',
    title: 'A secret is passed as plaintext in a CloudFormation parameter file',
    severity: 'high',
    category: 'environment',
    remediation:
      'Do not pass the secret as a parameter value: reference it in the template with {{resolve:secretsmanager:NAME:SecretString:KEY}} or {{resolve:ssm-secure:NAME}} (an SSM SecureString), or let CloudFormation create it (AWS::SecretsManager::Secret GenerateSecretString, RDS ManageMasterUserPassword); then rotate the committed value.',
    docs: `Reads CloudFormation parameter files — the \`[{"ParameterKey": …, "ParameterValue": …}]\` list that
\`aws cloudformation deploy/create-stack --parameters file://…\` takes, and the \`{"Parameters": {…}}\` template
configuration files of CodePipeline — found by environment (\`params.prod.json\`, \`parameters/prod.json\`…) and reports
a parameter with a literal value whose name is credential-named (\`DBPassword\`, \`ApiToken\`…) or that a template of
the repository declares \`NoEcho: true\`. Both shapes are compared alike by the other ENV rules (the \`Parameters.\`
prefix is not part of the key).

Why: \`NoEcho\` hides the value in the console and API, but a parameter file in the repository gives it to everyone
who can read the repository, and to every clone and CI cache.

Example (fails): \`params.prod.json\` holds \`{"ParameterKey": "DBPassword", "ParameterValue": "…"}\`.

Fix: remove the parameter from the file and resolve the secret at deploy time:
\`MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\`, or an SSM SecureString
parameter (\`{{resolve:ssm-secure:/prod/db/password}}\`), or a generated secret; rotate the committed value.`,
  },
  {
    id: 'ATREST-001',
    title: 'A git-crypt path was stored in plaintext',
    severity: 'critical',
    category: 'at-rest',
    remediation:
      'Unstage the file, run `git-crypt unlock` (install git-crypt first), re-add it and check `git-crypt status`; if it was pushed, rotate every secret in it and rewrite history.',
    docs: `\`.gitattributes\` declares the path encrypted (\`filter=git-crypt\`), but the blob being committed or pushed is
plaintext: it does not start with git-crypt's header (the bytes \`\\0GITCRYPT\\0\`). This is what happens on a machine
where git-crypt is not installed or the repository is not unlocked: git finds no filter and silently stores the
plaintext.

Checked on staged blobs (pre-commit), on every pushed commit (pre-push), on pull request ranges (\`--diff\`) and over
history, where the finding names the commit that first stored the plaintext. A scan of files on disk does not check
it (an unlocked work tree holds plaintext by design).

Why: everyone with read access to the repository — and every clone, fork and CI cache — gets the secrets.

Fix: \`git rm --cached FILE\`, install and unlock git-crypt (\`git-crypt unlock\`), \`git add FILE\`, confirm with
\`git-crypt status -e\`. If the plaintext was pushed, rotate the secrets and remove the blob from history.`,
  },
  {
    id: 'ATREST-002',
    title: 'A SOPS-governed value is not encrypted',
    severity: 'high',
    category: 'at-rest',
    remediation:
      'Encrypt the file with sops (`sops --encrypt --in-place FILE`, or edit it with `sops FILE`) before committing.',
    docs: `A file covered by a \`.sops.yaml\` creation rule (its \`path_regex\` matches the file) or carrying SOPS metadata
(\`sops:\` with \`mac\`/\`version\`) holds a value that is not \`ENC[…]\` where the rules say it must be encrypted.
\`encrypted_regex\`, \`unencrypted_regex\`, \`encrypted_suffix\` and \`unencrypted_suffix\` (default \`_unencrypted\`) are
honoured, from the file's own metadata first, then from the creation rule. YAML, JSON, dotenv and INI files are read.

Why: a value added by hand to an encrypted file, or a file decrypted in place and committed, is plaintext in the
repository while everyone believes it is encrypted.

Example (fails): \`.sops.yaml\` has \`path_regex: secrets/.*\\.yaml$\` and \`secrets/prod.yaml\` holds
\`db_password: Sup3rPlain1\`.

Fix: \`sops --encrypt --in-place FILE\` (or edit through \`sops FILE\`), and rotate the value if it was pushed.`,
  },
  {
    id: 'ATREST-003',
    title: 'An Ansible Vault file is not encrypted',
    severity: 'high',
    category: 'at-rest',
    remediation:
      'Encrypt it with `ansible-vault encrypt FILE` (or vault single values with `ansible-vault encrypt_string`).',
    docs: `A file that by name or place is an Ansible Vault file — \`vault.yml\`, \`*.vault.yml\`, \`group_vars/*/vault*\`,
\`host_vars/*/vault*\`, \`vars/vault*.yml\` — or a file that is vaulted whole in another environment (the same
path with the environment part taken out, e.g. \`group_vars/prod/secrets.yml\` vaulted and \`group_vars/dev/secrets.yml\`
not) does not start with the \`$ANSIBLE_VAULT\` header and holds plaintext values. Values encrypted one by one (\`!vault |\`), Jinja expressions and empty values are fine. A \`vault.yml\` outside
Ansible's variable folders counts only when it looks like Ansible variables (not a HashiCorp Vault or Helm config).

Why: the convention (a \`vars.yml\` that references \`vault_*\` variables from an encrypted \`vault.yml\`) only protects
anything when the vault file really is encrypted; one \`ansible-vault decrypt\` followed by \`git commit -a\` publishes it.

Fix: \`ansible-vault encrypt FILE\`, then rotate the values if the plaintext was pushed.`,
  },
  {
    id: 'ATREST-004',
    title: 'A PKCS#12 key store opens with a default password or none',
    severity: 'high',
    category: 'at-rest',
    remediation:
      'Treat the private key as exposed: revoke the certificate or delete the service-account key, issue a new one, keep it out of the repository (a secret store, a CI secret file), and protect any PKCS#12 file you must keep with a real password.',
    docs: `A \`.p12\` / \`.pfx\` file is a private key with its certificate, encrypted with a password — but this one opens
with a password everyone knows: \`notasecret\` (every Google Cloud service-account .p12 key), \`changeit\` (Java's
default), \`password\`, the empty password, or none at all (no integrity password and its key stored unencrypted).
hookguard reads the file's MAC as RFC 7292 describes (no OpenSSL needed) and tries those passwords only. A binary
file has no line: the finding names the file (line 1). In test folders it is reported at low (TLS libraries ship
test key stores).

Checked on files on disk, staged files, every pushed commit, pull request ranges and history; files up to 256 KiB.

Why: the key store's password is its only protection; a published one protects nothing.

Fix: revoke or delete the key and issue a new one; load key stores from a secret store at run time.`,
  },
];
