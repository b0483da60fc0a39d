/**
 * Which environment a file belongs to, and which role it plays there: found from the path (a segment or name part
 * naming an environment; the role is the path with that part replaced by `{env}`), or from the config's
 * `environments: {name: [globs]}` (the role is the path below the glob's fixed directory prefix).
 */
import { ENV_WORDS, isConfigFile, isEnvCandidate } from './paths.js';

export interface EnvRole {
  env: string;
  role: string;
}

/** Environment globs from the config. */
export type EnvGlobs = ReadonlyMap<string, readonly string[]>;

export function envRoleFromPath(path: string): EnvRole | undefined {
  if (!isEnvCandidate(path)) return undefined;
  const parts = path.split(/([/._-])/);
  const envs = new Set<string>();
  const out = parts.map((p, i) => {
    if (i % 2 === 1) return p;
    const env = ENV_WORDS[p.toLowerCase()];
    if (!env) return p;
    envs.add(env);
    return '{env}';
  });
  // Two different environments in one path (test/fixtures/prod/…) say nothing reliable: not compared.
  if (envs.size !== 1) return undefined;
  return { env: [...envs][0]!, role: out.join('') };
}

/** A gitignore-style glob (`**`, `*`, `?`, `{a,b}`, `[…]`) as a regex over a repository-relative path. */
export function globRegex(glob: string, anchored?: boolean): RegExp {
  const slash = anchored ?? glob.replace(/\/$/, '').includes('/');
  let g = glob.replace(/^\.\//, '').replace(/^\//, '');
  if (g.endsWith('/')) g += '**';
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        re +=
          '(?:' +
          g
            .slice(i + 1, end)
            .split(',')
            .map(escape)
            .join('|') +
          ')';
        i = end;
      }
    } else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re +=
          '[' +
          g
            .slice(i + 1, end)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = end;
      }
    } else re += escape(c);
  }
  // A pattern without a slash matches a name at any depth, as in .gitignore.
  return new RegExp(`^${slash ? '' : '(?:.*/)?'}${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The fixed directory prefix of a glob (`deploy/prod/**` → `deploy/prod/`). */
function fixedPrefix(glob: string): string {
  const g = glob.replace(/^\.\//, '').replace(/^\//, '');
  const wild = g.search(/[*?[{]/);
  const fixed = wild === -1 ? g : g.slice(0, wild);
  return fixed.slice(0, fixed.lastIndexOf('/') + 1);
}

export function makeRoleFinder(globs: EnvGlobs | undefined): (path: string) => EnvRole | undefined {
  if (!globs || globs.size === 0) return envRoleFromPath;
  const compiled = [...globs].flatMap(([env, list]) =>
    list.map((g) => ({ env, re: globRegex(g), prefix: fixedPrefix(g) })),
  );
  return (path) => {
    if (!isConfigFile(path)) return undefined;
    for (const c of compiled) if (c.re.test(path)) return { env: c.env, role: path.slice(c.prefix.length) };
    return undefined;
  };
}
