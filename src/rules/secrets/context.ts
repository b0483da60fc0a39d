/**
 * Where a candidate secret sits decides how much it matters: the same `password: hunter2` is a leak in a compose file,
 * a fixture in a test, an example in a README. This module classifies the place (path, line, URL host) and adjusts a
 * hit found by a *heuristic* rule — a value under a credential-like name, a password in a URL, a Basic header — as
 * opposed to a provider's own token format, whose shape (prefix, checksum) already says it is real.
 * Pure: no I/O.
 */
import type { Severity } from '../../types.js';

export interface Place {
  /** Test code, fixtures, mocks; an Ansible role's molecule scenarios. */
  test: boolean;
  /** Documentation: README, Markdown, docs/ and examples/ folders. */
  docs: boolean;
  /** A template meant to be copied (`.env.example`, `config.sample.yml`). */
  example: boolean;
  /** Minified bundles, source maps, vendored releases: not written by a person. */
  generated: boolean;
  /** Deployment configuration: compose, .env, Kubernetes/Helm, Ansible vars, tfvars. */
  deploy: boolean;
  /** Translations: labels in locale/i18n files (`locale/fr-FR.ini`, `i18n/de.json`, `*.po`). */
  locale: boolean;
  /** CI and test-runner configuration (tox.ini, setup.cfg, workflow files): its databases are throw-away containers. */
  ci: boolean;
}

const TEST_PATH =
  /(?:^|\/)(?:t|tests?|molecule|__tests__|__mocks__|mocks?|specs?|fixtures?|__fixtures__|testdata|test[-_]data|e2e|cypress|testing|test[-_]?utils)\/|(?:^|\/)[^/]*[._-](?:test|spec|tests|specs|e2e)\.[A-Za-z0-9]+$|(?:^|\/)test_[^/]*\.py$|_test\.(?:go|py|rb|exs?)$|(?:Test|Tests|Spec|IT)\.(?:java|kt|cs|scala|groovy|swift)$|(?:^|\/)conftest\.py$/i;
const DOCS_PATH =
  /\.(?:md|mdx|markdown|rst|adoc|asciidoc|textile|rdoc)$|(?:^|\/)(?:docs?|documentation|examples?|samples?|demos?|website\/docs)\/|(?:^|\/)(?:README|CHANGELOG|CHANGES|HISTORY|CONTRIBUTING|UPGRADING|MIGRATION)(?:\.[^/]*)?$|(?:^|\/)man\/(?:man[1-9]\/)?[^/]+\.[1-9][a-z]?$/i;
const EXAMPLE_PATH =
  /\.(?:example|examples|sample|samples|template|tmpl|tpl|dist|default|defaults|skel)$|(?:^|\/)[^/]*\.(?:example|sample|template)\.[A-Za-z0-9]+$/i;
const GENERATED_PATH =
  /\.min\.(?:m?js|cjs|css)$|\.(?:m?js|cjs|css)\.map$|\.map$|(?:^|\/)\.yarn\/(?:releases|plugins|sdks|cache)\/|(?:^|\/)\.pnp\.c?js$|(?:^|\/)(?:dist|build|bundles?|out|public\/build)\/(?:[^/]+\/)*[^/]+\.(?:m?js|cjs)$|\.(?:bundle|chunk)\.m?js$|(?:^|\/)vendor(?:ed)?\/(?:[^/]+\/)*[^/]+\.m?js$/i;
const DEPLOY_PATH =
  /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$|(?:^|\/)\.env(?:\.[\w-]+)?$|(?:^|\/)[^/]+\.env$|(?:^|\/)(?:group_vars|host_vars|vars|defaults)\/|(?:^|\/)(?:k8s|kube|kubernetes|manifests|helm|charts|deploy|deployment|deployments|overlays|base)\/[^/]*\.ya?ml$|(?:^|\/)values(?:[.-][\w-]+)?\.ya?ml$|\.tfvars(?:\.json)?$|(?:^|\/)(?:secrets?|credentials)\.(?:ya?ml|json|ini|conf|properties)$|(?:^|\/)application(?:-[\w-]+)?\.(?:ya?ml|properties)$|(?:^|\/)(?:settings|config)\.(?:ini|conf|cfg)$/i;

const LOCALE_PATH =
  /(?:^|\/)(?:locales?|locale[-_][\w-]+|i18n|l10n|translations?|lang|langs|languages)\/(?:[^/]+\/)*[^/]+\.(?:ini|po|pot|json|ya?ml|properties|strings|xliff|xlf|toml|resx)$|\.(?:po|pot|xliff|xlf)$|(?:^|\/)(?:locale|messages|strings)[-_.][a-z]{2}(?:[-_][A-Za-z]{2,4})?\.(?:ini|json|ya?ml|properties)$/i;
const CI_PATH =
  /(?:^|\/)(?:tox\.ini|setup\.cfg|pytest\.ini|noxfile\.py|conftest\.py|\.travis\.ya?ml|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|Jenkinsfile|appveyor\.ya?ml|\.woodpecker\.ya?ml)$|(?:^|\/)\.(?:github\/workflows|circleci|buildkite|woodpecker)\/[^/]+$/i;

const placeCache = new Map<string, Place>();

export function placeOf(path: string): Place {
  let p = placeCache.get(path);
  if (p) return p;
  const example = EXAMPLE_PATH.test(path);
  p = {
    test: TEST_PATH.test(path),
    docs: DOCS_PATH.test(path),
    example,
    generated: GENERATED_PATH.test(path),
    deploy: !example && DEPLOY_PATH.test(path),
    locale: LOCALE_PATH.test(path),
    ci: CI_PATH.test(path),
  };
  if (placeCache.size > 4096) placeCache.clear();
  placeCache.set(path, p);
  return p;
}

/** A line of minified code: long, with hardly any whitespace. */
export function isMinifiedLine(line: string): boolean {
  if (line.length < 500) return false;
  let ws = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) ws++;
  }
  return ws / line.length < 0.05;
}

/**
 * Hosts that no real credential is for: loopback, the reserved documentation and test names (RFC 2606/6761),
 * and a host that is itself an expression (`localhost:${port}`, `${host}`).
 */
const NOWHERE_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|(?:[\w-]+\.)*(?:example|localhost|test|invalid|local)|(?:[\w-]+\.)*example\.(?:com|org|net|edu)|host|hostname|server|domain|your[-_]?\w*|my[-_]?\w*|some[-_]?host|somewhere|[\w.-]*\$\{[^}]*\}[\w.-]*|\$\w+|<[^>]*>|\{\{[^}]*\}\})$/i;

export function isNowhereHost(host: string): boolean {
  return NOWHERE_HOST.test(host.replace(/:\d+$|:\$\{[^}]*\}$|:\w+$/, ''));
}

/**
 * A database or broker container of a CI job or dev container (`@postgres:5432`, `@mssql-ci:1433`, `@redis`): a
 * single-label host named after the service, which only resolves inside that job's network.
 */
export function isServiceContainerHost(host: string): boolean {
  return /^(?:postgres(?:ql)?|pg(?:sql)?|mysql|mariadb|mssql|sqlserver|mongo(?:db)?|redis|valkey|rabbitmq|rabbit|amqp|db|database|oracle|oracledb|cassandra|elasticsearch|memcached|clickhouse|cockroach(?:db)?|minio|kafka)(?:[-_](?:ci|test|tests|testing|dev|local|server|db|\d{1,3}))?\d{0,2}(?::\d{1,5})?$/i.test(
    host,
  );
}

/** Classic demo credentials (Oracle's scott/tiger, a container's default postgres/postgres): placeholders by origin. */
export function isDemoCredential(user: string, password: string): boolean {
  const u = user.toLowerCase();
  const p = password.toLowerCase();
  return (
    (u === 'scott' && p === 'tiger') ||
    (u === p && /^(?:postgres|mysql|root|admin|guest|test|user|sa|oracle|mongo|redis|rabbitmq|demo|dev)$/.test(u))
  );
}

/**
 * The host after the `@` of a `scheme://user:pass@host` that contains offset `end` (the password's end). A multi-host
 * URL's first host ends at its comma (`@db1:5432,app:…@db2`): the rest is the next host's userinfo. A password that
 * holds an `@` ends at the last one.
 */
export function urlHostAfter(text: string, end: number): string | undefined {
  if (text.charAt(end) !== '@') return undefined;
  const m = /^@((?:\[[^\]]*\]|\$\{[^}\n]*\}|[^\s/?#"'`<>)])+)/.exec(text.slice(end, end + 300));
  if (!m) return undefined;
  // The first host of a multi-host URL; past an `@` that was part of the password (`root:p@ss@mysql`), the host.
  const first = m[1]!.split(',')[0]!;
  return first.slice(first.lastIndexOf('@') + 1) || undefined;
}

/** Loopback / documentation hosts anywhere on the line (`http://localhost:${port}`, `host: '127.0.0.1'`). */
export function lineMentionsNowhereHost(line: string): boolean {
  return /\/\/(?:[^\s/@]*@)?(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|[\w.-]*example\.(?:com|org|net)|[\w.-]+\.(?:test|example|invalid|localhost))\b|['"](?:localhost|127\.0\.0\.1)['"]/i.test(
    line,
  );
}

/** The line of `text` around offset `at`. */
export function lineAround(text: string, at: number): { line: string; start: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { line: text.slice(start, nl === -1 ? undefined : nl), start };
}

/** Is offset `col` of `line` inside a comment (a commented-out line, or after a trailing `//` / `#`)? */
export function inComment(line: string, col: number): boolean {
  const head = line.slice(0, col);
  if (/^\s*(?:\/\/|#(?!!)|--\s|;|\*|\/\*|<!--)/.test(head)) return true;
  // A trailing comment: `//` or ` #` outside quotes before the column.
  const bare = head.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  return /(?:^|\s)\/\/|\s#\s/.test(bare) && !/:\/\/$/.test(bare.trimEnd());
}

/** Offsets of every triple quote (Python docstring delimiters) of the last text asked about. */
let triples: { text: string; at: number[] } | undefined;

/**
 * Inside a docstring: a Python triple-quoted block or a JSDoc comment that is open at offset `at`. Triple quotes are
 * counted from the start of the text (once per text), so an example seventy lines into a long docstring is in it.
 */
export function inDocstring(text: string, at: number): boolean {
  if (triples?.text !== text) {
    const found: number[] = [];
    for (const m of text.matchAll(/"""|'''/g)) found.push(m.index);
    triples = { text, at: found };
  }
  // How many triple quotes start before `at` (binary search).
  const list = triples.at;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  if (lo % 2 === 1) return true;
  const before = text.slice(Math.max(0, at - 4000), at);
  const open = before.lastIndexOf('/*');
  return open !== -1 && before.indexOf('*/', open) === -1;
}

export const SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function capAt(s: Severity, cap: Severity): Severity {
  return SEVERITY_ORDER.indexOf(s) > SEVERITY_ORDER.indexOf(cap) ? cap : s;
}

export function raiseTo(s: Severity, floor: Severity): Severity {
  return SEVERITY_ORDER.indexOf(s) < SEVERITY_ORDER.indexOf(floor) ? floor : s;
}
