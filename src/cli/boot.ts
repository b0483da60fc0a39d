/**
 * Loading lib/cli.cjs with a V8 code cache (built to lib/boot.cjs; bin/hookguard.cjs requires it). Node 20 has no
 * compile cache of its own: without one, every commit parses and compiles the scanner again, a good part of what the
 * hook costs beyond node's own start-up. The cache is what V8 compiled during a whole run (`createCachedData` after
 * the command finished), so the next run starts with the functions it needs already compiled.
 *
 * Where: `$XDG_CACHE_HOME/hookguard` (else `~/.cache/hookguard`), or beside the bundle (`lib/.cache`) when that cannot
 * be written. The file name carries hookguard's version and the bundle's hash (written into the bundle by the build),
 * so an upgrade or a rebuild never runs stale code; V8 itself rejects a cache made by another node or with other
 * flags. A missing, unreadable, corrupt or rejected cache only costs the compile; an unwritable place is skipped. Never
 * an error, never a message. HOOKGUARD_CODE_CACHE=0 turns it off.
 *
 * Only node built-ins that node has already loaded at start-up (fs, path, vm, module): this file is on every commit's
 * path.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { createRequire } from 'node:module';

/** Node's CommonJS wrapper, plus the import() the bundle uses (see hgImport below). */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname, __hgImport) { ', '\n});'];

/** The build's last line: `//# hookguard-build <version> <hash of everything before it>`. */
const TRAILER = /\n\/\/# hookguard-build ([0-9A-Za-z.+-]+) ([0-9a-f]{16,64})\n?$/;

export interface LoadedBundle<T> {
  exports: T;
  /** Where the cache was looked for first (undefined: no cache for this bundle or turned off). */
  cacheFile?: string;
  /** 'hit': V8 took the cache; 'miss': none was there; 'rejected': one was there and V8 refused it. */
  cache: 'hit' | 'miss' | 'rejected' | 'off';
  /** Write the cache when this run had none (or a rejected one). Call once the command has run. Never throws. */
  save(): void;
  saveOwn(): void;
}

/** The directories a cache may live in, best first. */
export function cacheDirs(env: NodeJS.ProcessEnv, bundleDir: string): string[] {
  const dirs: string[] = [];
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) dirs.push(path.join(xdg, 'hookguard'));
  else {
    const home = env.HOME ?? env.USERPROFILE;
    if (home && path.isAbsolute(home)) dirs.push(path.join(home, '.cache', 'hookguard'));
  }
  dirs.push(path.join(bundleDir, '.cache'));
  return dirs;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Write `data` to `file` through a temporary file and a rename: a reader never sees half a cache. */
function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
    throw e;
  }
}

/**
 * Load a CommonJS bundle as node's loader would (same wrapper, `require`, `module`, `__filename`), compiling it with
 * the code cache when there is one.
 */
const nested = new Map<string, LoadedBundle<unknown>>();

export function loadBundle<T = unknown>(file: string, env: NodeJS.ProcessEnv = process.env): LoadedBundle<T> {
  const source = readFileSync(file, 'utf8');
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.c?js$/, '');
  const m = TRAILER.exec(source.slice(-200));
  const off = env.HOOKGUARD_CODE_CACHE === '0' || !m;
  // Version and build first (what removeStale keeps), then V8's version: two nodes in turn keep a cache each.
  const build = m ? `${base}-${m[1]}-${m[2]!.slice(0, 16)}` : '';
  const name = `${build}-${process.versions.v8.replace(/[^0-9A-Za-z.]/g, '_')}.v8`;
  const dirs = off ? [] : cacheDirs(env, dir);
  let cachedData: Buffer | undefined;
  let from: string | undefined;
  for (const d of dirs) {
    cachedData = readIfThere(path.join(d, name));
    if (cachedData) {
      from = d;
      break;
    }
  }
  const script = new Script(WRAPPER[0] + source + WRAPPER[1], {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: LoadedBundle<T>['cache'] = off
    ? 'off'
    : !cachedData
      ? 'miss'
      : script.cachedDataRejected
        ? 'rejected'
        : 'hit';
  const mod = { exports: {} as T, filename: file, id: file, path: dir, loaded: false, children: [], paths: [] };
  const fn = script.runInThisContext() as (
    exports: T,
    require: NodeJS.Require,
    module: typeof mod,
    filename: string,
    dirname: string,
    hgImport: (specifier: string) => Promise<unknown>,
  ) => void;
  // The bundle's import() calls come here (build.mjs routes them): V8 (node 20) loses the dynamic-import callback of a
  // script compiled from a cache. A cold module (lib/cold/*.cjs) is loaded like this bundle, with its own cache.
  const hgImport = (specifier: string): Promise<unknown> => {
    if (!specifier.endsWith('.cjs')) return import(specifier);
    const abs = path.resolve(dir, specifier);
    let b = nested.get(abs);
    if (!b) nested.set(abs, (b = loadBundle(abs, env)));
    return Promise.resolve(b.exports);
  };
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, dir, hgImport);
  mod.loaded = true;
  let saved = false;
  return {
    get exports() {
      return mod.exports;
    },
    cache,
    ...(dirs.length ? { cacheFile: path.join(from ?? dirs[0]!, name) } : {}),
    save() {
      if (nested.has(file)) return; // saved with the bundle that loaded it
      for (const b of nested.values()) b.saveOwn();
      this.saveOwn();
    },
    saveOwn() {
      if (saved || cache === 'hit' || cache === 'off') return;
      saved = true;
      let data: Buffer;
      try {
        data = script.createCachedData();
      } catch {
        return;
      }
      for (const d of dirs) {
        try {
          mkdirSync(d, { recursive: true });
          writeAtomic(path.join(d, name), data);
        } catch {
          continue; // not writable: the next place, or no cache
        }
        removeStale(d, base, build);
        return;
      }
    },
  };
}

/** Caches of other versions or builds of the same bundle: never used again. */
function removeStale(dir: string, base: string, build: string): void {
  try {
    for (const f of readdirSync(dir))
      if (f.startsWith(`${base}-`) && f.endsWith('.v8') && !f.startsWith(`${build}-`))
        try {
          unlinkSync(path.join(dir, f));
        } catch {
          /* another process's, or gone */
        }
  } catch {
    /* unreadable: leave it */
  }
}
