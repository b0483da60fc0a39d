/**
 * Your own credentials, by exact value (git-secrets' --register-aws, for every usual local file): read at scan time
 * from the files where tools keep them, held in memory only, and never written, printed or cached. A credential with
 * no recognisable shape (an npm token, a docker password, a kubeconfig token) is found by its value where no pattern
 * would find it.
 *
 * Reading is cheap by design: a stat and a small read per file that exists, line-based parsing (no YAML or JSON
 * parser but JSON.parse for docker's config), so the hook does not get slower.
 */
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One credential: its value (memory only) and where it came from, for the finding ("~/.aws/credentials (profile prod)"). */
export interface OwnCredential {
  value: string;
  source: string;
  /** A user name known with the value (.netrc, .git-credentials, docker auths): `user:value` is an encoding too. */
  user?: string;
}

/** Config `ownCredentials`. */
export interface OwnCredentialsConfig {
  /** true: in every mode (CI too); false: never; unset: in hooks (staged, pre-push, commit-msg), not in CI. */
  enabled?: boolean;
  /** More files holding credentials: `KEY=VALUE`, `KEY: VALUE` or a bare value per line (`~/` allowed). */
  files: string[];
  /** Environment variables whose values are credentials. */
  env: string[];
}

/** Shorter values are not matched by value: too many would occur by chance. */
export const MIN_LENGTH = 8;
/** Files larger than this are not credential files (a mistaken path): not read. */
const MAX_FILE = 1024 * 1024;

function readSmall(file: string): string | undefined {
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > MAX_FILE) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A value as a file holds it: quotes off, and not a reference to something else (`${VAR}`). */
function clean(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  let s = v.trim();
  if (/^(["']).*\1$/.test(s)) s = s.slice(1, -1);
  if (s.length < MIN_LENGTH || /\$\{|^\$[A-Z_]/.test(s)) return undefined;
  return s;
}

type Add = (value: string | undefined, source: string, user?: string) => void;

/** `~/…` for paths under the home directory (the finding names the file as the user knows it). */
function shown(file: string, home: string): string {
  const rel = path.relative(home, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file;
}

function aws(text: string, where: string, add: Add): void {
  let profile = 'default';
  for (const line of text.split(/\r?\n/)) {
    const sec = /^\s*\[\s*(?:profile\s+)?([^\]]+?)\s*\]/.exec(line);
    if (sec) {
      profile = sec[1]!;
      continue;
    }
    const m = /^\s*(aws_secret_access_key|aws_session_token|aws_access_key_id)\s*[=:]\s*(\S+)/i.exec(line);
    if (m) add(clean(m[2]), `${where} (profile ${profile}, ${m[1]!.toLowerCase()})`);
  }
}

function npmrc(text: string, where: string, add: Add): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:(\/\/[^\s=]*?):)?(_authToken|_auth|_password)\s*=\s*(.+)$/.exec(line);
    if (!m) continue;
    const what = `${m[2]}${m[1] ? ` for ${m[1]}` : ''}`;
    const v = clean(m[3]);
    add(v, `${where} (${what})`);
    // _auth is base64 of user:password, _password base64 of the password: the decoded password counts too.
    if (v && (m[2] === '_auth' || m[2] === '_password')) {
      const dec = Buffer.from(v, 'base64').toString('utf8');
      const pass = m[2] === '_auth' ? dec.slice(dec.indexOf(':') + 1) : dec;
      if (dec.includes(':') || m[2] === '_password') add(clean(pass), `${where} (${what}, decoded)`);
    }
  }
}

function docker(text: string, where: string, add: Add): void {
  let data: { auths?: Record<string, { auth?: string; identitytoken?: string; password?: string }> };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    return;
  }
  for (const [host, a] of Object.entries(data.auths ?? {})) {
    if (!a || typeof a !== 'object') continue;
    if (typeof a.auth === 'string') {
      add(clean(a.auth), `${where} (auths ${host})`);
      const dec = Buffer.from(a.auth, 'base64').toString('utf8');
      const at = dec.indexOf(':');
      if (at > 0) add(clean(dec.slice(at + 1)), `${where} (auths ${host}, password)`, dec.slice(0, at));
    }
    if (typeof a.identitytoken === 'string') add(clean(a.identitytoken), `${where} (auths ${host}, identitytoken)`);
    if (typeof a.password === 'string') add(clean(a.password), `${where} (auths ${host}, password)`);
  }
}

/** gh's hosts.yml (and kubeconfig): `key: value` lines under a host, read without a YAML parser. */
function keyLines(text: string, where: string, keys: RegExp, add: Add, section = /^([^\s#][^:]*):\s*$/): void {
  let host = '';
  for (const line of text.split(/\r?\n/)) {
    const h = section.exec(line);
    if (h) host = h[1]!.trim();
    const m = keys.exec(line);
    if (m) add(clean(m[2]), `${where} (${host ? `${host}, ` : ''}${m[1]})`);
  }
}

function netrc(text: string, where: string, add: Add): void {
  const tokens = text.replace(/#.*$/gm, '').split(/\s+/).filter(Boolean);
  let machine = 'default';
  let login: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'machine') {
      machine = tokens[++i] ?? machine;
      login = undefined;
    } else if (t === 'default') {
      machine = 'default';
      login = undefined;
    } else if (t === 'login') login = tokens[++i];
    else if (t === 'password' || t === 'account') add(clean(tokens[++i]), `${where} (machine ${machine})`, login);
  }
}

function pypirc(text: string, where: string, add: Add): void {
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const sec = /^\s*\[([^\]]+)\]/.exec(line);
    if (sec) section = sec[1]!;
    const m = /^\s*password\s*[=:]\s*(.+)$/.exec(line);
    if (m) add(clean(m[1]), `${where} (${section || 'password'})`);
  }
}

function gitCredentials(text: string, where: string, add: Add): void {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*[a-z][a-z0-9+.-]*:\/\/([^:@/\s]*):([^@/\s]+)@([^/\s]+)/i.exec(line);
    if (!m) continue;
    let pass = m[2]!;
    try {
      pass = decodeURIComponent(pass);
    } catch {
      /* kept as written */
    }
    let user = m[1]!;
    try {
      user = decodeURIComponent(user);
    } catch {
      /* kept as written */
    }
    add(clean(pass), `${where} (${m[3]})`, user);
  }
}

/** Lines of a user-named file: `KEY=VALUE`, `KEY: VALUE` or a bare value. */
function plainLines(text: string, where: string, add: Add): void {
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(#|$)/.test(line)) return;
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(.+)$/.exec(line);
    add(clean(m ? m[2] : line), `${where} (${m ? m[1] : `line ${i + 1}`})`);
  });
}

/**
 * Every credential of the user's usual local files, the configured files and environment variables. `env` gives
 * HOME, AWS_SHARED_CREDENTIALS_FILE, KUBECONFIG, XDG_CONFIG_HOME and GH_CONFIG_DIR, as the tools read them.
 */
export function readOwnCredentials(env: NodeJS.ProcessEnv, config: OwnCredentialsConfig, cwd: string): OwnCredential[] {
  const home = env.HOME || os.homedir();
  const out = new Map<string, OwnCredential>();
  const add: Add = (value, source, user) => {
    if (value && !out.has(value)) out.set(value, { value, source, ...(user ? { user } : {}) });
  };
  const read = (file: string, parse: (text: string, where: string, add: Add) => void) => {
    const text = readSmall(file);
    if (text !== undefined) parse(text, shown(file, home), add);
  };
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  read(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), aws);
  read(path.join(home, '.npmrc'), npmrc);
  read(path.join(env.DOCKER_CONFIG || path.join(home, '.docker'), 'config.json'), docker);
  read(path.join(env.GH_CONFIG_DIR || path.join(xdg, 'gh'), 'hosts.yml'), (t, w, a) =>
    keyLines(t, w, /^\s*(oauth_token|token):\s*(\S+)/, a),
  );
  read(path.join(home, '.netrc'), netrc);
  read(path.join(home, '.pypirc'), pypirc);
  read(path.join(home, '.git-credentials'), gitCredentials);
  read(path.join(xdg, 'git', 'credentials'), gitCredentials);
  const kube = env.KUBECONFIG
    ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
    : [path.join(home, '.kube', 'config')];
  for (const k of kube)
    read(k, (t, w, a) =>
      keyLines(
        t,
        w,
        /^\s*-?\s*(token|client-key-data|password|client-secret):\s*(\S+)/,
        a,
        /^\s*-?\s*name:\s*(\S+)\s*$/,
      ),
    );
  for (const f of config.files) {
    const abs = f.startsWith('~/') ? path.join(home, f.slice(2)) : path.resolve(cwd, f);
    read(abs, plainLines);
  }
  for (const name of config.env) add(clean(env[name]), `environment variable ${name}`);
  return [...out.values()];
}
