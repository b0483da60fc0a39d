// The examine stage of a scan (src/scan/examine.ts) with the real engine and rules, fed targets directly: what a
// source writes to the sink is examined, counted and collected (no git, no CLI).
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOptions, loadRulesAndConfig, type LoadedRules } from '../../src/scan/index.js';
import { Examiner, type ExamineSettings } from '../../src/scan/examine.js';
import type { ScanRequest, Target } from '../../src/types.js';
import { fakeGithubToken } from '../../scripts/fakes.mjs';

let root: string;
let loaded: LoadedRules;
beforeAll(async () => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'hg-examine-')));
  loaded = await loadRulesAndConfig(root, undefined, root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function examiner(kind: ScanRequest['kind'], ignored: (p: string) => boolean = () => false): Examiner {
  const request = (kind === 'paths' ? { kind, paths: [] } : { kind }) as ScanRequest;
  const settings: ExamineSettings = {
    root,
    kind,
    engine: engineOptions(request, root, loaded, false),
    patterns: loaded.patterns,
    config: loaded.config,
    workersAsked: 0,
    verbose: false,
  };
  return new Examiner(settings, ignored);
}

function target(p: string, text: string, commit?: string): Target {
  return {
    path: p,
    chunks: [{ text, startLine: 1 }],
    bytes: text.length,
    ...(commit ? { commit: { sha: commit } } : {}),
  };
}

describe('Examiner', () => {
  it('examines each target as it comes (outside the staged mode), counting files and bytes', async () => {
    const ex = examiner('paths');
    const token = fakeGithubToken();
    await ex.sink.target(target('a.js', `const t = "${token}";\n`));
    await ex.sink.target(target('b.js', 'const x = 1;\n'));
    expect(ex.out.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['github-pat', 'a.js', 1]]);
    expect(ex.out.findings[0]!.match).not.toContain(token.slice(4));
    expect(ex.out.progress.files).toBe(2);
    expect(ex.out.progress.bytes).toBe(`const t = "${token}";\n`.length + 'const x = 1;\n'.length);
  });

  it('staged: holds targets until the batch is flushed, then examines them; ignored paths never count', async () => {
    const ex = examiner('staged', (p) => p.startsWith('vendor/'));
    await ex.sink.target(target('a.js', `const t = "${fakeGithubToken()}";\n`));
    await ex.sink.target(target('vendor/b.js', `const t = "${fakeGithubToken()}";\n`));
    expect([ex.out.findings.length, ex.out.progress.files]).toEqual([0, 0]);
    await ex.flushBatch(true);
    expect(ex.out.findings.map((f) => f.file)).toEqual(['a.js']);
    expect(ex.out.progress.files).toBe(1);
  });

  it('records the stream order of commits, skips and errors as the sink receives them', async () => {
    const ex = examiner('history');
    ex.sink.commit!({ sha: 'c2' });
    ex.sink.commit!({ sha: 'c1' });
    ex.sink.skip('binary', 'x.png');
    ex.sink.skip('binary', 'y.png');
    ex.sink.error({ file: 'z', message: 'unreadable' });
    await ex.sink.target(target('a.js', `const t = "${fakeGithubToken()}";\n`, 'c1'));
    expect([...ex.out.commitSeq]).toEqual([
      ['c2', 0],
      ['c1', 1],
    ]);
    expect(ex.out.progress.commitsDone).toBe(2);
    expect(ex.out.skipped).toEqual({ binary: 2, large: 0, other: 0 });
    expect(ex.out.errors).toEqual([{ file: 'z', message: 'unreadable' }]);
    expect(ex.out.findings.map((f) => f.commit)).toEqual(['c1']);
  });

  it('starts the snapshot checks only for a file that needs them (an environment file), then finishes them', async () => {
    const ex = examiner('paths');
    await ex.sink.target(target('a.js', 'const x = 1;\n'));
    expect(ex.snapshot.active).toBe(false);
    expect(await ex.snapshot.finish()).toBeUndefined();
    await ex.sink.target({ ...target('config/prod.env', 'A=1\n'), content: 'A=1\n' });
    expect(ex.snapshot.active).toBe(true);
    const out = await ex.snapshot.finish();
    expect(out?.findings).toEqual([]);
  });
});
