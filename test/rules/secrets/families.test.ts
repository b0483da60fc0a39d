/**
 * Issue 11's families: every fake credential that scripts/fakes.mjs generates (one generator per provider or
 * structured family, values random at test time) is reported at medium or above by the built-in catalog, and the
 * family's generator is named in SECRET_FAMILIES or counts as a provider token.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { FAKE_SECRETS, SECRET_FAMILIES, familyOf, rand, B64 } from '../../../scripts/fakes.mjs';
import { ROOT } from '../../helpers.js';

const set = compileRuleSet(await readPatternDir(path.join(ROOT, 'patterns')));
const reported = (text: string) =>
  detectSecrets(text, set).filter((h) => h.severity !== 'info' && h.severity !== 'low');
const blocking = (text: string) =>
  detectSecrets(text, set).filter((h) => h.severity === 'high' || h.severity === 'critical');

describe('fake credentials of every family', () => {
  it('names only generators that exist in SECRET_FAMILIES', () => {
    for (const names of Object.values(SECRET_FAMILIES))
      for (const n of names) expect(Object.keys(FAKE_SECRETS), n).toContain(n);
    expect(familyOf('bcrypt')).toBe('password hashes');
    expect(familyOf('mapbox')).toBe('provider tokens');
  });
  // Ten fresh fakes each; a generator may now and then draw a value a filter rightly doubts (a random string that
  // reads as words), so 8 of 10 must be reported (the bench measures the exact rate over many more).
  it.each(Object.keys(FAKE_SECRETS).map((k) => [k]))('%s is reported', (name) => {
    let found = 0;
    for (let i = 0; i < 10; i++) {
      const line = FAKE_SECRETS[name]!();
      const hits = reported(line);
      if (hits.length) found++;
      // The reported span is the secret itself, inside the line.
      for (const h of hits) expect(line.slice(h.start, h.end)).toBe(h.secret);
    }
    expect(found, `${name}: ${found} of 10 reported`).toBeGreaterThanOrEqual(8);
  });
});

describe('look-alikes of the new families do not block', () => {
  const cases: [string, string][] = [
    ['regex replacement', 's = s.replace(/(\\w+)-(\\w+)/, "$1$2")'],
    ['crypt prefixes in prose', '# $6$ is SHA-512 crypt, $5$ SHA-256 crypt, $1$ MD5 crypt'],
    ['IPv6 listener', 'tcp6  0  0 :::22  :::*  LISTEN'],
    ['connection string reference', '"Server=db;User Id=app;Password=${DB_PASSWORD};"'],
    ['curl with env credentials', 'curl -u "$USER:$TOKEN" https://api.example.com/items'],
    ['mysql password prompt', 'mysql -u root -p shop < dump.sql'],
    ['password from stdin', 'echo "$TOKEN" | docker login -u ci --password-stdin ghcr.io'],
    ['argparse option', 'parser.add_argument("--password", help="database password")'],
    ['header from variable', "headers = {'X-Auth-Token': token}"],
    ['header from env', "'x-api-key': process.env.API_KEY,"],
    ['public env url', 'VITE_API_URL=https://api.example.com/v1'],
    ['WireGuard public key', `PublicKey = ${rand(B64, 42)}Q=`],
    ['Facebook app id', 'FACEBOOK_APP_ID=1234567890123456'],
    ['AWS docs secret under a camelCase name', 'secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'],
    ['secretAccessKey from the environment', 'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,'],
  ];
  it.each(cases)('%s', (_name, text) => {
    expect(blocking(text).map((h) => h.rule.p.id)).toEqual([]);
  });
});
