// The files of UNSAFE_PENDING (eslint.config.js), where some no-unsafe-* rules are still off, linted with those rules
// on: exits 1 when one no longer needs its entry (then it leaves the list: the list only shrinks). npm run lint runs it.
//   node scripts/check-unsafe-pending.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { UNSAFE_PENDING } from '../eslint.config.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const files = Object.keys(UNSAFE_PENDING);
const problems = [];
if (files.length) {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: files.map((f) => ({
      files: [f],
      rules: Object.fromEntries(UNSAFE_PENDING[f].map((r) => [r, 'error'])),
    })),
  });
  for (const result of await eslint.lintFiles(files)) {
    const file = path.relative(root, result.filePath).split(path.sep).join('/');
    for (const rule of UNSAFE_PENDING[file]) {
      const n = result.messages.filter((m) => m.ruleId === rule).length;
      console.log(`${String(n).padStart(4)}  ${file}  ${rule}`);
      if (n === 0) problems.push(`${file} passes ${rule} now: remove it from UNSAFE_PENDING in eslint.config.js`);
    }
  }
}
for (const p of problems) console.error(`check-unsafe-pending: ${p}`);
process.exit(problems.length ? 1 : 0);
