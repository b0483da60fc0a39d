/** OWN-001: one of your own credentials, found by its exact value (read from your local credential files). */
import type { RuleDoc } from '../../types.js';

export const OWN_ID = 'OWN-001';

export const ownRule: RuleDoc = {
  id: OWN_ID,
  title: 'Your own credential',
  severity: 'critical',
  category: 'secret',
  remediation:
    'Take it out, and rotate it if it was shared anywhere (it is a live credential of yours: the file it came from is named in the finding).',
  docs: `## What it checks
The exact value of one of your own credentials, as the tools on this machine keep them: \`~/.aws/credentials\` (or
\`AWS_SHARED_CREDENTIALS_FILE\`), \`~/.npmrc\` (\`_authToken\`, \`_auth\`), \`~/.docker/config.json\` (\`auths\`),
\`~/.config/gh/hosts.yml\`, \`~/.netrc\`, \`~/.pypirc\`, \`~/.git-credentials\`, kubeconfig tokens and client keys, plus the
files and environment variables named in \`ownCredentials\` in the config. The value is found as it is and in its
usual encodings: base64 (alone or as \`user:password\`), base64url and URL-encoded (as in a URL).

On by default in the hooks (pre-commit, pre-push, commit-msg); off in CI and in other scans unless
\`ownCredentials: { enabled: true }\` is set. The values are read when the scan starts, kept in memory only, and never
printed, stored or cached: the finding names the file (and profile or host) they came from.

## Why it matters
Patterns find credentials with a recognisable shape. Many have none (an npm token of an internal registry, a docker
password, a kubeconfig token); by value, yours are found whatever their shape.

## Example
A value copied from \`~/.aws/credentials\` into a script:
\`\`\`sh
export SECRET="(the value of aws_secret_access_key in your profile prod)"
\`\`\`

## Fix
Remove it; read it at run time (the profile, an environment variable, a secrets manager). If it was committed or
pushed, rotate it.`,
};
