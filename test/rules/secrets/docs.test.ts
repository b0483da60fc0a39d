/** Issue 10: every secret rule's doc says what it matches (format, context, checks), why it matters and how to rotate. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPatternDir } from '../../../src/rules/secrets/load.js';
import { secretRuleDocText, secretShapes, sentenceTitle, whatItMatches } from '../../../src/rules/secrets/docs.js';
import { ROOT } from '../../helpers.js';

const patterns = await readPatternDir(path.join(ROOT, 'patterns'));
const byId = (id: string) => patterns.find((p) => p.id === id)!;

describe('secret rule docs', () => {
  it.each(patterns.map((p) => [p.id, p] as const))('%s says what, why and how to rotate', (_id, p) => {
    const doc = secretRuleDocText(p);
    expect(doc).toMatch(/What it matches:/);
    expect(doc).toMatch(/Context: /);
    expect(doc).toMatch(/\nWhy: \S/);
    expect(doc).toContain(`Fix: ${p.remediation}`);
    expect(doc).not.toMatch(/Detects .* in committed text\.$/m);
    // No brand name mangled by lower-casing its first letter ("aWS", "gitHub", "iBM Cloud", "lDAP", "jFrog").
    expect(doc).not.toMatch(/\b(?:aWS|gitHub|gitLab|iBM|lDAP|jFrog|sSH|aPI|nPM)\b/);
  });

  it('reads the format of most secrets out of their regex', () => {
    const described = patterns.filter((p) => secretShapes(p).length > 0).length;
    expect(described / patterns.length).toBeGreaterThan(0.9);
    expect(whatItMatches(byId('github-pat'))).toMatch(/Format: `ghp_`, then 36 letters and digits\./);
    expect(whatItMatches(byId('github-pat'))).toMatch(/recognised by its own prefix/);
    expect(whatItMatches(byId('github-pat'))).toMatch(/CRC-32 checksum/);
  });

  it('names the context a context rule needs (an AWS secret key needs an aws…secret name)', () => {
    const aws = whatItMatches(byId('aws-secret-access-key'));
    expect(aws).toMatch(/Format: 40 base64 characters\./);
    expect(aws).toMatch(/name shaped like `aws…\(secret\|private\)`/);
    expect(aws).toMatch(/allow list/);
    expect(whatItMatches(byId('postgres-connection-url'))).toMatch(
      /password part of a `scheme:\/\/user:password@host` URL/,
    );
  });

  it('keeps brand casing in sentences and lower-cases common words', () => {
    expect(sentenceTitle('AWS secret access key')).toBe('AWS secret access key');
    expect(sentenceTitle('GitHub personal access token')).toBe('GitHub personal access token');
    expect(sentenceTitle('IBM Cloud API key')).toBe('IBM Cloud API key');
    expect(sentenceTitle('Password in a .netrc / _netrc file')).toBe('password in a .netrc / _netrc file');
    expect(secretRuleDocText(byId('ldap-bind-password'))).toMatch(/^Finds LDAP bind password in committed text/);
  });

  it('explains why per family and falls back to the general reason', () => {
    expect(secretRuleDocText(byId('stripe-secret-key'))).toMatch(/Why: Payment keys move money/);
    expect(secretRuleDocText({ ...byId('stripe-secret-key'), source: '.hookguard.yaml' })).toMatch(
      /Why: A hard-coded password or secret is readable by everyone.*\n[\s\S]*Defined in: \.hookguard\.yaml/,
    );
  });
});
