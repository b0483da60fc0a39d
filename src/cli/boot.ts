/**
 * Loading the CLI's bundles (lib/cli.cjs, lib/cold/*.cjs) with a V8 code cache; built to lib/boot.cjs, which
 * bin/hookguard.cjs requires. Node 20 has no compile cache of its own: without one every commit parses and compiles
 * the scanner again, a good part of what the hook costs beyond node's own start-up. A cache holds what V8 compiled
 * during a whole run (`createCachedData` once the command has finished), so the next run starts with the functions it
 * needs already compiled.
 *
 * Where: `$XDG_CACHE_HOME/hookguard` (else `~/.cache/hookguard`), or beside the bundles (`lib/.cache`) when that cannot
 * be written. A cache file is named after the bundle, hookguard's version and the bundle's hash (the build writes
 * both into the bundle's last line) and V8's version, so an upgrade or a rebuild never runs stale code; V8 itself
 * rejects a cache made with other flags. A cache also lists the kinds of run (profiles: `scan:staged`, `init`…) whose
 * functions it holds: a run of another kind adds its own and writes it again, so a first `hookguard --version` does
 * not leave every later commit compiling the scanner. A missing, unreadable, corrupt or rejected cache only costs the
 * compile; an unwritable place is skipped. Never an error, never a message. HOOKGUARD_CODE_CACHE=0 turns it off.
 *
 * Only node built-ins that node has loaded at start-up anyway (fs, path, vm, module, buffer): this is on every commit's
 * path.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { isAscii } from 'node:buffer';
import { Script } from 'node:vm';
import { createRequire } from 'node:module';

/** Node's CommonJS wrapper, plus the import() the bundles use (see `hgImport` below). */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname, __hgImport) { ', '\n});'];

/** The build's last line: `//# hookguard-build <version> <hash of everything before it>`. */
const TRAILER = /\n\/\/# hookguard-build ([0-9A-Za-z.+-]+) ([0-9a-f]{16,64})\n?$/;

/** A cache file: this header (the profiles it holds, comma-separated), then V8's data. */
const MAGIC = 'hookguard-code-cache 1 ';

export type CacheState = 'hit' | 'miss' | 'rejected' | 'off';

export interface LoadedBundle<T = unknown> {
  exports: T;
  /** The bundle file. */
  file: string;
  /** 'hit': V8 took the cache; 'miss': there was none; 'rejected': there was one and V8 (or its header) was wrong. */
  cache: CacheState;
  /** Where the cache was read from, or would be written first (undefined when caching is off). */
  cacheFile?: string;
}

export interface Loader {
  /** Load a CommonJS bundle as node's loader would (same wrapper, `require`, `module`, `__filename`). */
  load<T = unknown>(file: string): LoadedBundle<T>;
  /** Every bundle loaded so far (the CLI's, then the cold modules it imported). */
  loaded(): LoadedBundle[];
  /** Write the caches this run should (none, or a rejected one, or one without this run's profile). Never throws. */
  save(): void;
}

/** The kind of run, for the cache's profile list: the command, and for scan its mode. */
export function profileOf(argv: readonly string[]): string {
  const cmd = argv[0] ?? '';
  if (!/^[a-z-]{1,20}$/.test(cmd)) return 'other';
  if (cmd !== 'scan') return cmd;
  const mode = argv.find((a) => /^--(?:staged|pre-push|pre-commit-framework|history|diff|commit-msg)$/.test(a));
  return mode ? `scan:${mode.slice(2)}` : 'scan';
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
  // Beside the bundles: lib/.cache, whatever cold/ subfolder the bundle is in.
  const lib = path.basename(bundleDir) === 'cold' ? path.dirname(bundleDir) : bundleDir;
  dirs.push(path.join(lib, '.cache'));
  return dirs;
}

/**
 * A bundle's text. The build writes them in ASCII (non-ASCII characters escaped), which is read as Latin-1: a copy,
 * where UTF-8 decoding costs V8 a pass to count and one to convert (a few million instructions for the CLI's bundle).
 */
function readSource(file: string): string {
  const buf = readFileSync(file);
  return isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A cache file's profiles and V8 data, or undefined when it is not one of ours. */
function parseCache(buf: Buffer): { profiles: string[]; data: Buffer } | undefined {
  const nl = buf.indexOf(0x0a);
  if (nl < MAGIC.length || nl > 1024 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const profiles = buf.toString('latin1', MAGIC.length, nl).split(',');
  if (!profiles.every((p) => /^[a-z:-]{1,80}$/.test(p))) return undefined;
  return { profiles, data: buf.subarray(nl + 1) };
}

/** Write a file through a temporary file and a rename: a reader never sees half a cache. */
function writeAtomic(file: string, parts: Buffer[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      for (const p of parts) writeSync(fd, p);
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
 * How many builds of one bundle keep a cache side by side. Two projects on one machine may use two versions of
 * hookguard: removing every other build's cache made each commit in one project throw the other's away, so both paid a
 * cold start in turn. The oldest written beyond this many (an upgrade leaves its predecessor behind) are removed.
 */
const KEEP_BUILDS = 4;

function removeStale(dir: string, base: string, build: string): void {
  try {
    const others: Array<{ f: string; at: number }> = [];
    for (const f of readdirSync(dir))
      if (f.startsWith(`${base}-`) && f.endsWith('.v8') && !f.startsWith(`${build}-`))
        try {
          others.push({ f, at: statSync(path.join(dir, f)).mtimeMs });
        } catch {
          /* gone meanwhile */
        }
    others.sort((a, b) => b.at - a.at || (a.f < b.f ? -1 : 1));
    for (const { f } of others.slice(KEEP_BUILDS - 1))
      try {
        unlinkSync(path.join(dir, f));
      } catch {
        /* another process's, or gone */
      }
  } catch {
    /* unreadable: leave it */
  }
}

interface Entry {
  bundle: LoadedBundle;
  script: Script;
  /** Profiles the cache that was read holds (empty: none was read, or it was rejected). */
  profiles: string[];
  dirs: string[];
  name: string;
  base: string;
  build: string;
}

export function createLoader(env: NodeJS.ProcessEnv = process.env, profile = 'other'): Loader {
  const entries = new Map<string, Entry>();

  function load<T>(file: string): LoadedBundle<T> {
    const known = entries.get(file);
    if (known) return known.bundle as LoadedBundle<T>;
    const source = readSource(file);
    const dir = path.dirname(file);
    const base = path.basename(file).replace(/\.c?js$/, '');
    const m = TRAILER.exec(source.slice(-200));
    const off = env.HOOKGUARD_CODE_CACHE === '0' || !m;
    // Version and build first (what removeStale keeps), then V8's version: two nodes in turn keep a cache each.
    const build = m ? `${base}-${m[1]}-${m[2]!.slice(0, 16)}` : '';
    const name = `${build}-${process.versions.v8.replace(/[^0-9A-Za-z.]/g, '_')}.v8`;
    const dirs = off ? [] : cacheDirs(env, dir);
    let raw: Buffer | undefined;
    let from: string | undefined;
    for (const d of dirs) {
      raw = readIfThere(path.join(d, name));
      if (raw) {
        from = d;
        break;
      }
    }
    const parsed = raw ? parseCache(raw) : undefined;
    const script = new Script(WRAPPER[0] + source + WRAPPER[1], {
      filename: file,
      ...(parsed ? { cachedData: parsed.data } : {}),
    });
    const cache: CacheState = off ? 'off' : !raw ? 'miss' : !parsed || script.cachedDataRejected ? 'rejected' : 'hit';
    const mod = { exports: {} as T, filename: file, id: file, path: dir, loaded: false, children: [], paths: [] };
    const bundle: LoadedBundle<T> = {
      get exports() {
        return mod.exports;
      },
      file,
      cache,
      ...(dirs.length ? { cacheFile: path.join(from ?? dirs[0]!, name) } : {}),
    };
    entries.set(file, {
      bundle,
      script,
      profiles: cache === 'hit' ? parsed!.profiles : [],
      dirs,
      name,
      base,
      build,
    });
    const fn = script.runInThisContext() as (
      exports: T,
      require: NodeJS.Require,
      module: typeof mod,
      filename: string,
      dirname: string,
      hgImport: (specifier: string) => Promise<unknown>,
    ) => void;
    // The bundle's import() calls come here (build.mjs routes them): V8 (node 20) loses the dynamic-import callback
    // of a script compiled from a cache. A cold module (lib/cold/*.cjs) is loaded like this bundle, with its cache.
    // A node: builtin is required: import() would start node's ES module loader (several modules) for it.
    const req = createRequire(file);
    const hgImport = (specifier: string): Promise<unknown> =>
      specifier.endsWith('.cjs')
        ? new Promise((resolve) => resolve(load(path.resolve(dir, specifier)).exports))
        : specifier.startsWith('node:')
          ? new Promise((resolve) => resolve(req(specifier)))
          : import(specifier);
    fn.call(mod.exports, mod.exports, req, mod, file, dir, hgImport);
    mod.loaded = true;
    return bundle;
  }

  /**
   * The kind of run as a bundle's cache records it. The CLI's bundle runs other code when the run loaded cold modules
   * (a commit with a template runs the IaC engine, a finding the report): the names of those (three letters each) join
   * the kind, so a first commit of code only does not leave every later commit with a template compiling that code.
   */
  function profileFor(e: Entry): string {
    if (path.basename(path.dirname(e.bundle.file)) === 'cold') return profile;
    const cold = [...entries.values()]
      .filter((o) => path.basename(path.dirname(o.bundle.file)) === 'cold')
      .map((o) => o.base.replace(/[^a-z]/g, '').slice(0, 3))
      .sort();
    return cold.length ? `${profile}:${cold.join('-')}`.slice(0, 80) : profile;
  }

  function saveOne(e: Entry): void {
    const profile = profileFor(e);
    if (e.bundle.cache === 'off' || e.profiles.includes(profile)) return;
    let data: Buffer;
    try {
      // What V8 has compiled of the bundle by now: what the cache held and what this run added.
      data = e.script.createCachedData();
    } catch {
      return;
    }
    // The header stays under parseCache's limit: the oldest kinds go first (their functions stay in the data).
    const list = [...e.profiles, profile];
    while (list.join(',').length > 900) list.shift();
    const header = Buffer.from(`${MAGIC}${list.join(',')}\n`, 'latin1');
    for (const d of e.dirs) {
      try {
        mkdirSync(d, { recursive: true });
        writeAtomic(path.join(d, e.name), [header, data]);
      } catch {
        continue; // not writable: the next place, or no cache
      }
      removeStale(d, e.base, e.build);
      return;
    }
  }

  return {
    load,
    loaded: () => [...entries.values()].map((e) => e.bundle),
    save() {
      for (const e of entries.values()) saveOne(e);
    },
  };
}
