/** The pattern files as stored must hold no live-looking provider credential (GitHub push protection, dogfood): every
 * provider token example is split with ‹›, so as stored only context rules (a password next to a keyword, a URL with a
 * password, a bare private-key header) can see anything in them — never a token format, never a whole private key. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, readPatternDir } from '../../../src/rules/secrets/load.js';
import { detectSecrets } from '../../../src/rules/secrets/detect.js';
import { ROOT } from '../../helpers.js';

const CONTEXT_RULES =
  /^generic|password|connection-url|connection-password|basic-auth|credentials|django-secret-key|env-value/;

describe('stored pattern files', async () => {
  const set = compileRuleSet(await readPatternDir(path.join(ROOT, 'patterns')));
  for (const f of readdirSync(path.join(ROOT, 'patterns')).filter((n) => n.endsWith('.yaml'))) {
    it(`${f} holds no provider credential as stored`, () => {
      const raw = readFileSync(path.join(ROOT, 'patterns', f), 'utf8');
      const hits = detectSecrets(raw, set)
        .filter((h) => !CONTEXT_RULES.test(h.rule.p.id) && h.severity !== 'info' && h.severity !== 'low')
        .map((h) => `${h.rule.p.id} at offset ${h.start}`);
      expect(hits.filter((h) => !h.startsWith('private-key'))).toEqual([]);
      // A private-key header may stand in an example as stored, but never a key with its body.
      const keys = detectSecrets(raw, set).filter((h) => h.rule.p.id === 'private-key');
      for (const k of keys) expect(k.secret).not.toMatch(/[A-Za-z0-9+/=]{40}/);
    });
  }
});
