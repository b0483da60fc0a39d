// npm pack / npm publish: ship built files and no install script.
// - `node scripts/pack.mjs prepack`: builds lib/ (so a tarball made from a fresh clone works: the pre-commit
//   framework installs hookguard with `npm pack` in its clone), then removes `prepare` from package.json so the
//   published manifest has no lifecycle script that npm would run or warn about on install.
// - `node scripts/pack.mjs postpack`: puts package.json back byte for byte.
// In a clone, `prepare` stays: `npm install` there builds lib/ as before.
// Progress goes to stderr: `npm pack` must print only the tarball's name on stdout.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkgFile = path.join(root, 'package.json');
const saved = path.join(root, '.package.json.prepack');

const step = process.argv[2];
if (step === 'prepack') {
  // A pack that failed before postpack left the original aside: put it back first.
  if (existsSync(saved)) renameSync(saved, pkgFile);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const text = readFileSync(pkgFile, 'utf8');
  const pkg = JSON.parse(text);
  if (pkg.scripts?.prepare) {
    writeFileSync(saved, text);
    delete pkg.scripts.prepare;
    writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  }
} else if (step === 'postpack') {
  if (existsSync(saved)) renameSync(saved, pkgFile);
} else {
  console.error('usage: node scripts/pack.mjs prepack|postpack');
  process.exitCode = 2;
}
