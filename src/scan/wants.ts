/**
 * Which files' full content a scan reads, which rule ids an allow comment may name, and which targets the
 * environment/at-rest pass looks at: decided the same way on the main thread and in the workers of a parallel scan
 * (./parallel.ts), from settings that cross a thread boundary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldersAbove } from '../parse/repo-path.js';
import { makeRoleFinder, type EnvGlobs } from '../env/roles.js';
import {
  hasSopsMetadata,
  isAtRestConfig,
  isConfigFile,
  isEnvCandidate,
  isVaultName,
  lowerAscii,
} from '../env/paths.js';

const IAC_NAME =
  /\.(?:ya?ml|json|template|tmpl|cfn)$|\.repo(?:\.j2|\.jinja2?)?$|(?:^|\/)\.?ssh[_-]?config(?:\.d\/[^/]+)?(?:\.j2|\.jinja2?)?$|(?:^|\/)\.?ssh\/config(?:\.d\/[^/]+)?(?:\.j2|\.jinja2?)?$|(?:^|\/)(?:ansible\.cfg|\.ansible\.cfg)$|(?:^|\/)(?:group_vars|host_vars|inventory|inventories)\/|(?:^|\/)(?:hosts|inventory)(?:\.ini)?$/;

/** Templates may have any name: files without an extension (or .txt) are loaded too, and their content decides;
 * so are INI-ish files (.cfg, .conf), which may be an ansible.cfg under another name (ANSIBLE_CONFIG). */
const NO_EXT = /(?:^|\/)[^/.]+$|\.(?:txt|ini|cfg|conf)$/;

/** Files whose credentials span lines (.netrc machine blocks, .pypirc sections, Gradle/Maven blocks): git modes read
 * them whole so those rules see the unchanged lines around a changed value (YAML and JSON are read for IaC anyway). */
const SPANNING_SECRETS =
  /(?:^|\/)(?:[._]netrc|\.pypirc|\.pgpass|settings\.xml|\.htpasswd|[^/]*\.gradle(?:\.kts)?|gradle\.properties|\.npmrc)$/;

/** SPANNING_SECRETS, case-insensitively (written in lower case, over lowerAscii: see there). */
export function spanningSecrets(p: string): boolean {
  return SPANNING_SECRETS.test(lowerAscii(p));
}

/** Certificate files (CERT-001 reads their text in every mode). */
const CERT_FILE = /\.(?:crt|cer|cert|pem)$/;

export function certFile(p: string): boolean {
  return CERT_FILE.test(lowerAscii(p));
}

export function wantsIac(p: string): boolean {
  // Lower case (IAC_NAME and NO_EXT are written so, without the i flag: see lowerAscii).
  const l = lowerAscii(p);
  return IAC_NAME.test(l) || NO_EXT.test(l);
}

/** IaC and hookguard rule ids by their shape, so the hook need not load the IaC families to read an allow comment. */
export const IAC_ID = /^(?:cfn|ans|env|atrest|hg|access|cert)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function ruleIdTest(secretIds: Iterable<string>): (lowerCaseId: string) => boolean {
  const ids = new Set([...secretIds].map((id) => id.toLowerCase()));
  return (id) => ids.has(id) || IAC_ID.test(id);
}

/**
 * Whether a folder above a path holds, on disk, one of `names` that mentions `needle`: a cheap hint (no git, no
 * parsing, one read per folder) that decides whether a scan loads the at-rest checks, which then read the
 * snapshot's own declarations. git-crypt: `.gitattributes`; SOPS: `.sops.yaml`, nearest folder first as sops looks.
 */
export function declaredNear(root: string, names: string[], needle: string): (p: string) => boolean {
  const cache = new Map<string, boolean>();
  const dirHas = (dir: string): boolean => {
    let v = cache.get(dir);
    if (v === undefined) {
      v = names.some((n) => {
        try {
          return readFileSync(path.join(root, dir, n), 'utf8').includes(needle);
        } catch {
          return false;
        }
      });
      cache.set(dir, v);
    }
    return v;
  };
  return (p) => {
    for (let i = p.lastIndexOf('/'); ; i = p.lastIndexOf('/', i - 1)) {
      if (dirHas(i <= 0 ? '' : p.slice(0, i))) return true;
      if (i <= 0) return false;
    }
  };
}

/** What decides which files' content is read: plain data, so a worker thread can be given it. */
export interface WantsConfig {
  iac: boolean;
  /** The config's `environments` globs (undefined: environments found from paths). */
  envs?: EnvGlobs;
  /** The environment/at-rest pass of a commit scan, set up before the first commit: the folders of its snapshot's
   * .sops.yaml files and the .gitattributes files that mention git-crypt. */
  extras?: { sopsDirs: string[]; gitCrypt: Array<{ path: string; text: string }> };
}

/** Files whose content a worker reads: as `Examiner.srcOpts.wantsContent` does (./examine.ts). */
export function contentWanted(c: WantsConfig, root: string): (p: string) => boolean {
  const isEnv = c.envs?.size ? isConfigFile : isEnvCandidate;
  const roleOf = makeRoleFinder(c.envs);
  const sopsNear = declaredNear(root, ['.sops.yaml', '.sops.yml'], 'creation_rules');
  const sopsDirs = new Set(c.extras?.sopsDirs ?? []);
  return (p) =>
    (c.iac && wantsIac(p)) ||
    spanningSecrets(p) ||
    certFile(p) ||
    isEnv(p) ||
    isVaultName(p) ||
    isAtRestConfig(p) ||
    (isConfigFile(p) && sopsNear(p)) ||
    // Extras.wants, with the snapshot's SOPS configs.
    (c.extras !== undefined &&
      (roleOf(p) !== undefined || (isConfigFile(p) && foldersAbove(p).some((d) => sopsDirs.has(d)))));
}

const STORE_MARK = /\$ANSIBLE_VAULT;|!vault|hashi_vault|\bvault:|\$\{vault:|resolve:secretsmanager|resolve:ssm-secure/;

/**
 * Whether the environment/at-rest pass may do something with a target (a superset of what Extras.onTarget acts on
 * and of what starts that pass): environment, vault, at-rest and config files, SOPS metadata, a secret store's marks,
 * a path .gitattributes declares git-crypt. Only these cross from a worker to the main thread, with their content.
 */
export function extrasMayLookAt(
  p: string,
  content: string | undefined,
  envs: EnvGlobs | undefined,
  roleOf: ReturnType<typeof makeRoleFinder>,
  gitCrypt: ((p: string) => boolean) | undefined,
): boolean {
  const isEnv = envs?.size ? isConfigFile : isEnvCandidate;
  return (
    isEnv(p) ||
    isConfigFile(p) ||
    isVaultName(p) ||
    isAtRestConfig(p) ||
    (gitCrypt?.(p) ?? false) ||
    roleOf(p) !== undefined ||
    (content !== undefined && (hasSopsMetadata(content) || STORE_MARK.test(content)))
  );
}
