/** SARIF rule help is cut at a sentence (or a word, marked with an ellipsis), never mid-word (issue 29). */
import { describe, expect, it } from 'vitest';
import { cutAtSentence } from '../../src/report/sarif.js';
import { iacRuleDocs, secretRuleDoc } from '../../src/scan/index.js';
import { loadBuiltinPatterns } from '../../src/rules/secrets/load.js';

describe('cutAtSentence', () => {
  it('keeps short text, cuts long text after a sentence, else at a word with an ellipsis', () => {
    expect(cutAtSentence('One. Two.', 600)).toBe('One. Two.');
    const long = 'First sentence is here. ' + 'word '.repeat(200);
    expect(cutAtSentence(long, 60)).toBe('First sentence is here.');
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
    const cut = cutAtSentence(words, 30);
    expect(cut.endsWith('…')).toBe(true);
    expect(words.startsWith(cut.slice(0, -1))).toBe(true);
    expect(words.split(' ')).toContain(cut.slice(0, -1).split(' ').pop());
  });

  it("every rule's first paragraph, as SARIF shows it, ends at a sentence or an ellipsis", async () => {
    const docs = [...(await loadBuiltinPatterns()).map(secretRuleDoc), ...(await iacRuleDocs())];
    expect(docs.length).toBeGreaterThan(500);
    for (const d of docs) {
      const first = d.docs.split(/\n\s*\n/)[0]!.trim();
      const shown = cutAtSentence(first, 600);
      if (shown !== first) expect(shown, d.id).toMatch(/[.!?…]$/);
    }
  });
});
