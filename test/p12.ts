/**
 * PKCS#12 key stores made by the real openssl at test time: a fresh EC key and a one-day certificate (kept in a temp
 * folder of their own), exported as often as a test needs with the arguments it gives (`-passout pass:…`, `-macalg`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

/** Returns `p12(out, ...args)`: exports the key store to `out` (absolute, or relative to the key's folder), its bytes. */
export function keyStoreMaker(cn: string): (out: string, ...args: string[]) => Buffer {
  const dir = tempDir('hg-p12-'); // removed by the test file's cleanup()
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'k.pem',
    '-out',
    'c.pem',
    '-days',
    '1',
    '-subj',
    `/CN=${cn}`,
  );
  return (out, ...args) => {
    openssl('pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', out, ...args);
    return readFileSync(path.resolve(dir, out));
  };
}
