/** Rule docs of the certificate family (the check is in ./index.ts). */
import type { RuleDoc } from '../../types.js';

export const cert001: RuleDoc = {
  id: 'CERT-001',
  title: 'Certificate with an RSA key shorter than 2048 bits',
  severity: 'medium',
  category: 'certificate',
  remediation:
    'Issue a new certificate for a new key of at least 2048 bits (RSA 3072, or ECDSA P-256), deploy it, then revoke the old one and remove it.',
  docs: `## What it checks
A PEM certificate (\`-----BEGIN CERTIFICATE-----\`) in any file whose text hookguard reads — \`.crt\`, \`.cer\`,
\`.cert\`, \`.pem\` files, and certificates embedded in YAML or JSON (a Kubernetes secret's \`tls.crt\`, a
CloudFormation or Ansible value) — whose public key is RSA with a modulus under 2048 bits. Each certificate of a
bundle is judged on its own and reported at its \`BEGIN\` line, naming its subject and key size. EC and Ed25519 keys,
RSA keys of 2048 bits or more, and blocks that do not parse are not reported.

## Why it matters
RSA keys under 2048 bits are below every current baseline (NIST SP 800-131A disallows them for signatures since
2014; browsers and the CA/Browser Forum refuse them): a 1024-bit key is within reach of a well-funded attacker, and
once it is factored, whoever holds it can impersonate the server or sign as the issuing CA. Such a certificate in a
repository is usually a trust anchor or a server certificate that clients still accept.

## Example
\`certs/legacy-api.crt\` holds a self-signed certificate made with \`openssl req -x509 -newkey rsa:1024 …\`.

## Fix
Generate a new key (\`openssl req -x509 -newkey rsa:3072 …\`, or \`-newkey ec -pkeyopt ec_paramgen_curve:P-256\`),
have the certificate issued for it, deploy it, and revoke the old certificate.

## References
- https://csrc.nist.gov/pubs/sp/800/131/a/r2/final
- https://cabforum.org/working-groups/server/baseline-requirements/requirements/`,
};
