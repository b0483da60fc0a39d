import { atArg, isFalse, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-TLS-005',
    title: 'Package repository with SSL verification off',
    severity: 'high',
    category: 'ansible',
    modules: ['yum_repository', 'ini_file'],
    docs: doc({
      what: 'Flags `sslverify: no` on yum_repository, and `sslverify=0` written with ini_file into a repository or dnf configuration.',
      why: 'The package manager then accepts any certificate from the mirror: metadata and packages can be swapped in transit.',
      bad: '- ansible.builtin.yum_repository:\n    name: internal\n    baseurl: https://repo.example.com/el9\n    sslverify: no',
      good: '- ansible.builtin.yum_repository:\n    name: internal\n    baseurl: https://repo.example.com/el9\n    sslcacert: /etc/pki/internal-ca.pem',
      refs: ['https://docs.ansible.com/ansible/latest/collections/ansible/builtin/yum_repository_module.html'],
    }),
    remediation: 'Remove sslverify: no; point sslcacert at the repository CA.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['yum_repository'])) {
      const a = t.args.get('sslverify');
      if (isFalse(a)) atArg(ctx, t, a!, `yum_repository ${String(t.args.get('name')?.value ?? '')} has sslverify off.`);
    }
    for (const t of ctx.tasksFor(['ini_file'])) {
      const opt = known(t.args.get('option'));
      const v = t.args.get('value');
      if (opt?.toLowerCase() === 'sslverify' && isFalse(v))
        atArg(ctx, t, v!, 'ini_file sets sslverify=0 for a repository.');
    }
  },
};
export default rule;
