import { atArg, internalHost, isJinja, strings, urlHost, type AnsibleRule, type Task } from '../context.js';
import { doc } from '../docs.js';

/** module → arguments holding URLs. */
const URL_ARGS: Record<string, string[]> = {
  get_url: ['url'],
  win_get_url: ['url'],
  uri: ['url'],
  win_uri: ['url'],
  unarchive: ['src'],
  apt_key: ['url'],
  rpm_key: ['key'],
  yum_repository: ['baseurl', 'mirrorlist', 'metalink', 'gpgkey'],
  apt_repository: ['repo'],
  deb822_repository: ['uris', 'signed_by'],
  apt: ['deb'],
  yum: ['name'],
  dnf: ['name'],
  package: ['name'],
  git: ['repo'],
};

const HTTP = /\bhttp:\/\/[^\s"'\]]+/gi;

/** A package file: installing it runs its maintainer scripts as root. */
const PACKAGE_FILE = /\.(?:rpm|deb)$/i;
const INSTALLERS = new Set(['yum', 'dnf', 'package', 'apt', 'zypper']);
const INSTALL_CMD =
  /\b(?:rpm\s+-[a-zA-Z]*[iUF][a-zA-Z]*|dpkg\s+-[a-zA-Z]*i[a-zA-Z]*|(?:yum|dnf|zypper)\s+(?:-\S+\s+)*(?:install|localinstall)|apt(?:-get)?\s+(?:-\S+\s+)*install)\b/;

/**
 * Is the package at plain-HTTP `url` installed, and by what? A package module given the URL itself installs it
 * unverified (dnf/yum check no signature on a local or URL package unless `localpkg_gpgcheck` is on, dnf.conf(5);
 * apt's `deb:` hands the file to dpkg). A get_url of a package file without a checksum, whose `dest` a package task
 * or an rpm/dpkg command of the same file installs, is the same thing in two steps.
 */
function installedPackage(tasks: readonly Task[], t: Task, url: string): string | undefined {
  const file = url.replace(/[?#].*$/, '');
  if (!PACKAGE_FILE.test(file)) return undefined;
  if (INSTALLERS.has(t.short)) return 'The package is installed from it without a signature check.';
  if (t.short !== 'get_url' || t.args.get('checksum')) return undefined;
  const dest = t.args.get('dest')?.value;
  if (typeof dest !== 'string' || isJinja(dest)) return undefined;
  const base = file.slice(file.lastIndexOf('/') + 1);
  const names = dest.endsWith('/') ? [`${dest}${base}`, base] : [dest];
  for (const u of tasks) {
    if (u === t) continue;
    const texts = INSTALLERS.has(u.short)
      ? ['name', 'deb', 'pkg'].flatMap((k) => strings(u.args.get(k)?.value))
      : (u.short === 'command' || u.short === 'shell') && u.freeForm && typeof u.freeForm.value === 'string'
        ? INSTALL_CMD.test(u.freeForm.value)
          ? [u.freeForm.value]
          : []
        : [];
    if (texts.some((x) => names.some((n) => x === n || x.includes(n))))
      return `The package is fetched without a checksum and installed by ${u.module} (line ${u.pos.line}): code from the network runs as root.`;
  }
  return undefined;
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-TLS-002',
    title: 'Plain-HTTP URL for a download, repository or key',
    severity: 'medium',
    category: 'ansible',
    modules: Object.keys(URL_ARGS),
    docs: doc({
      what: 'Flags `http://` URLs (outside localhost and private networks) in get_url, uri, unarchive, apt_key, rpm_key, yum_repository, apt_repository and package names. A package (`.rpm`, `.deb`) installed from such a URL, by a package module or after a get_url without a checksum, is high: it runs its scripts as root unverified.',
      why: 'Anything fetched over plain HTTP can be read and replaced in transit: a signing key, a repository definition or a tarball fetched this way lets a network attacker run code on the host.',
      bad: '- ansible.builtin.rpm_key:\n    key: http://repo.example.com/RPM-GPG-KEY',
      good: '- ansible.builtin.rpm_key:\n    key: https://repo.example.com/RPM-GPG-KEY',
      refs: [
        'CWE-319: Cleartext Transmission of Sensitive Information',
        'CWE-494: Download of Code Without Integrity Check',
      ],
    }),
    remediation: 'Use an https:// URL.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(Object.keys(URL_ARGS)))
      for (const k of URL_ARGS[t.short] ?? []) {
        const a = t.args.get(k);
        if (!a) continue;
        const bad = strings(a.value)
          .filter((s) => !isJinja(s))
          .flatMap((s) => [...s.matchAll(HTTP)].map((m) => m[0]))
          .find((u) => {
            const h = urlHost(u);
            return h !== undefined && !isJinja(h) && !internalHost(h);
          });
        if (!bad) continue;
        const how = installedPackage(ctx.file.tasks, t, bad);
        atArg(
          ctx,
          t,
          a,
          `${t.module} ${k} uses plain HTTP (${urlHost(bad)}); the content can be tampered with in transit.${how ? ` ${how}` : ''}`,
          how ? { severity: 'high' } : {},
        );
      }
  },
};
export default rule;
