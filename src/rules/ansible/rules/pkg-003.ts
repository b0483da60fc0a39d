import { atArg, isFalse, isTrue, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PKG-003',
    title: 'Package repository without GPG checking',
    severity: 'high',
    category: 'ansible',
    modules: ['yum_repository', 'zypper_repository', 'ini_file'],
    docs: doc({
      what: 'Flags `gpgcheck: no` on yum_repository, `disable_gpg_check: yes` on zypper_repository, `gpgcheck=0` written with ini_file, and `gpgcheck=0` in a yum `.repo` file a role copies or templates (`files/epel.repo`, `templates/custom.repo.j2`; the message says when the repository is also fetched over `http://`).',
      why: 'Every package from that repository is installed without signature verification, now and on every later update.',
      bad: '- ansible.builtin.yum_repository:\n    name: vendor\n    baseurl: https://repo.example.com/el9\n    gpgcheck: no',
      good: '- ansible.builtin.yum_repository:\n    name: vendor\n    baseurl: https://repo.example.com/el9\n    gpgcheck: yes\n    gpgkey: https://repo.example.com/RPM-GPG-KEY',
      refs: ['https://docs.ansible.com/ansible/latest/collections/ansible/builtin/yum_repository_module.html'],
    }),
    remediation: 'Set gpgcheck: yes with the vendor gpgkey.',
  },
  check(ctx) {
    // A `.repo` file a role copies or templates into /etc/yum.repos.d: its own gpgcheck=0 lines.
    const m = ctx.file.managed;
    if (m?.kind === 'repo') {
      const sections = new Map(m.ini.sections.map((x) => [x.name, x.line]));
      for (const e of m.ini.entries) {
        if (e.key.toLowerCase() !== 'gpgcheck' || !/^(?:0|no|false|off)$/i.test(e.value.trim())) continue;
        const urls = m.ini.entries.filter(
          (x) => x.section === e.section && /^(?:baseurl|mirrorlist|metalink)$/i.test(x.key),
        );
        const http = urls.find((x) => /^\s*http:\/\//i.test(x.value));
        ctx.report({
          at: { line: e.line, column: e.keyCol, endLine: e.line, endColumn: e.valueEndCol },
          scope: [sections.get(e.section) ?? e.line, e.line],
          path: `${ctx.file.path}:[${e.section}].gpgcheck`,
          message: http
            ? `The repository file turns gpgcheck off for a repository fetched over plain HTTP (${http.key} on line ${http.line}): anyone on the network path can serve packages that are installed as root.`
            : 'The repository file turns gpgcheck off: packages from it are installed without signature verification.',
          ...(http
            ? {
                related: [
                  {
                    at: { line: http.line, column: http.keyCol, endLine: http.line, endColumn: http.valueEndCol },
                    message: 'plain-HTTP repository URL',
                  },
                ],
              }
            : {}),
        });
      }
    }
    for (const t of ctx.tasksFor(['yum_repository'])) {
      const a = t.args.get('gpgcheck');
      if (isFalse(a)) atArg(ctx, t, a!, 'yum_repository has gpgcheck off: packages are not signature-checked.');
    }
    for (const t of ctx.tasksFor(['zypper_repository'])) {
      const a = t.args.get('disable_gpg_check');
      if (isTrue(a)) atArg(ctx, t, a!, 'zypper_repository disables GPG checks for the repository.');
    }
    for (const t of ctx.tasksFor(['ini_file'])) {
      const opt = known(t.args.get('option'));
      const v = t.args.get('value');
      if (opt?.toLowerCase() === 'gpgcheck' && isFalse(v))
        atArg(ctx, t, v!, 'ini_file sets gpgcheck=0 for a repository.');
    }
  },
};
export default rule;
