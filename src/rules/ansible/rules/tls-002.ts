import { atArg, internalHost, isJinja, strings, urlHost, type AnsibleRule } from '../context.js';
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

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-TLS-002',
    title: 'Plain-HTTP URL for a download, repository or key',
    severity: 'medium',
    category: 'ansible',
    modules: Object.keys(URL_ARGS),
    docs: doc({
      what: 'Flags `http://` URLs (outside localhost and private networks) in get_url, uri, unarchive, apt_key, rpm_key, yum_repository, apt_repository and package names.',
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
        if (bad)
          atArg(
            ctx,
            t,
            a,
            `${t.module} ${k} uses plain HTTP (${urlHost(bad)}); the content can be tampered with in transit.`,
          );
      }
  },
};
export default rule;
