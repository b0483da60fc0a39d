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

/** Region words that qualify an environment name (`eu-prod`, `prod-us`): the environment keeps the whole name. */
const REGION =
  /^(?:eu|us|uk|ap|ca|sa|me|af|de|fr|jp|au|in|cn|br|asia|emea|apac|amer|americas|na|latam|global|east|west|north|south|central)$/i;

/**
 * Which environment a path names, and the role (the path with that part replaced by `{env}`). A name part is an
 * environment word (`dev`, `production` → `prod`, `live` → `prod`, `sandbox`), `pre-prod`/`pre_prod` (→ `preprod`), or
 * an environment word qualified by a region (`eu-prod`, `prod-us`: its own environment, production by class).
 */
export function envRoleFromPath(path: string): EnvRole | undefined {
  if (!isEnvCandidate(path)) return undefined;
  const parts = path.split(/([/._-])/);
  const envs = new Set<string>();
  let out = '';
  const joins = (i: number) => parts[i + 1] === '-' || parts[i + 1] === '_';
  for (let i = 0; i < parts.length; i += 2) {
    const w = parts[i]!.toLowerCase();
    const next = parts[i + 2]?.toLowerCase();
    const sep = parts[i + 1] ?? '';
    const nextEnv = next !== undefined && joins(i) ? ENV_WORDS[next] : undefined;
    let env: string | undefined;
    let width = 1;
    if (w === 'pre' && nextEnv === 'prod') [env, width] = ['preprod', 2];
    else if (REGION.test(w) && nextEnv) [env, width] = [`${w}-${nextEnv}`, 2];
    else if (ENV_WORDS[w]) {
      env = ENV_WORDS[w];
      const after = parts[i + 2];
      if (after !== undefined && joins(i) && REGION.test(after) && !ENV_WORDS[after.toLowerCase()])
        [env, width] = [`${env}-${after.toLowerCase()}`, 2];
    }
    if (!env) {
      out += parts[i]! + sep;
      continue;
    }
    envs.add(env);
    out += '{env}' + (parts[i + 2 * width - 1] ?? '');
    i += 2 * (width - 1);
  }
  // Two different environments in one path (test/fixtures/prod/…) say nothing reliable: not compared.
  if (envs.size !== 1) return undefined;
  return { env: [...envs][0]!, role: out };
}

/** The class of an environment name: `eu-prod` → `prod`, `preprod` → `preprod`, a configured name → itself. */
export function envClass(env: string): string {
  const words = env.toLowerCase().split(/[-_]/);
  for (const w of words) if (ENV_WORDS[w]) return ENV_WORDS[w];
  return ENV_WORDS[env.toLowerCase()] ?? env.toLowerCase();
}

/** Production by name or class (`prod`, `production`, `live`, `eu-prod`; a configured `prod-*`/`production` name). */
export function isProduction(env: string): boolean {
  return envClass(env) === 'prod';
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
