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
      what: 'Flags `gpgcheck: no` on yum_repository, `disable_gpg_check: yes` on zypper_repository, and `gpgcheck=0` written with ini_file.',
      why: 'Every package from that repository is installed without signature verification, now and on every later update.',
      bad: '- ansible.builtin.yum_repository:\n    name: vendor\n    baseurl: https://repo.example.com/el9\n    gpgcheck: no',
      good: '- ansible.builtin.yum_repository:\n    name: vendor\n    baseurl: https://repo.example.com/el9\n    gpgcheck: yes\n    gpgkey: https://repo.example.com/RPM-GPG-KEY',
      refs: ['https://docs.ansible.com/ansible/latest/collections/ansible/builtin/yum_repository_module.html'],
    }),
    remediation: 'Set gpgcheck: yes with the vendor gpgkey.',
  },
  check(ctx) {
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
