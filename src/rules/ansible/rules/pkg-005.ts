import { atArg, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const MODULES = [
  'apt',
  'yum',
  'dnf',
  'dnf5',
  'package',
  'pip',
  'zypper',
  'apk',
  'pacman',
  'gem',
  'npm',
  'homebrew',
  'win_chocolatey',
  'chocolatey',
  'bundler',
  'jenkins_plugin',
  'openbsd_pkg',
  'pkg5',
  'pkgutil',
  'portage',
  'slackpkg',
  'sorcery',
  'swdepot',
  'yarn',
];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PKG-005',
    title: 'Package installed with state: latest',
    severity: 'low',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: 'Flags package tasks (`apt`, `yum`, `dnf`, `package`, `pip`, `zypper`, `apk`, `pacman`, `gem`, `npm`, `yarn`, `bundler`, `jenkins_plugin`, `portage`, `openbsd_pkg`, `pkg5`, `pkgutil`, `slackpkg`, `sorcery`, `swdepot`, …) with `state: latest`.',
      why: 'Every run may install a different, untested version: a compromised or broken upstream release reaches production on the next run, and the same playbook no longer gives the same machine.',
      bad: '- ansible.builtin.apt:\n    name: nginx\n    state: latest',
      good: '- ansible.builtin.apt:\n    name: nginx=1.22.1-9\n    state: present',
      refs: [
        'https://ansible.readthedocs.io/projects/lint/rules/package-latest/',
        'CWE-1357: Reliance on Insufficiently Trustworthy Component',
      ],
    }),
    remediation: 'Pin the version and use state: present; upgrade deliberately.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      const state = t.args.get('state');
      if (known(state)?.trim().toLowerCase() !== 'latest') continue;
      // `update_only: true` (dnf/yum) only upgrades what is installed: still unpinned, still reported.
      atArg(ctx, t, state!, `${t.module} installs whatever version is latest at run time.`);
    }
  },
};
export default rule;
