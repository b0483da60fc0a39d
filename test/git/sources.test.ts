// The whole text a commit scan reads for a file (IaC, spanning secret rules) is that file's blob in that commit, also
// when the blobs of several files are asked of git at once.
import { afterAll, describe, expect, it } from 'vitest';
import { logSource, type Sink } from '../../src/git/sources.js';
import type { Target } from '../../src/types.js';
import { cleanup, Repo } from '../helpers.js';

afterAll(cleanup);

describe('commit scans read whole files', () => {
  it('gives each file of each commit its own blob, binary and too-large ones skipped, others not read', async () => {
    const repo = Repo.init();
    const shas: string[] = [];
    for (let c = 0; c < 3; c++) {
      const files: Record<string, string> = {};
      for (let i = 0; i < 40; i++) {
        // Different sizes, so a blob given to the wrong file shows.
        files[`conf/c${i}.yaml`] = `name: c${i}\nround: ${c}\n` + 'x: 1\n'.repeat((i * 7 + c) % 23);
        files[`src/s${i}.js`] = `export const s${i} = ${c};\n`;
      }
      files['conf/big.yaml'] = `round: ${c}\n` + 'y: 2\n'.repeat(2000);
      repo.write('conf/blob.json', Buffer.from([0x7b, 0, 1, 2, c]));
      if (c === 2) {
        delete files['conf/c3.yaml'];
        repo.git('rm', '-q', 'conf/c3.yaml');
      }
      shas.push(repo.commit(`round ${c}`, files));
    }
    const targets: Target[] = [];
    const skipped: string[] = [];
    const sink: Sink = {
      target: (t) => {
        targets.push(t);
        return Promise.resolve();
      },
      skip: (kind, p) => skipped.push(`${kind} ${p}`),
      error: () => {},
    };
    const wants = (p: string) => p.endsWith('.yaml') || p.endsWith('.json');
    await logSource(repo.dir, ['--all'], sink, { wantsContent: wants, maxContentBytes: 4096 });
    const yaml = targets.filter((t) => t.path.endsWith('.yaml') && t.path !== 'conf/big.yaml');
    expect(yaml).toHaveLength(40 * 3 - 1);
    for (const t of targets) {
      const at = t.commit!.sha;
      expect(shas).toContain(at);
      if (wants(t.path) && t.path !== 'conf/big.yaml')
        expect(t.content, `${t.path} at ${at}`).toBe(repo.git('show', `${at}:${t.path}`) + '\n');
      else expect(t.content).toBeUndefined();
    }
    expect(skipped.filter((s) => s === 'large conf/big.yaml')).toHaveLength(3);
    expect(skipped.filter((s) => s === 'binary conf/blob.json')).toHaveLength(3);
  });
});
