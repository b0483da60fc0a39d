import { atTask, internalHost, known, urlHost, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-DL-001',
    title: 'Download from outside the organisation without a checksum',
    severity: 'medium',
    category: 'ansible',
    modules: ['get_url', 'win_get_url'],
    docs: doc({
      what: 'Flags get_url downloads from public hosts (not localhost, private addresses or internal domains such as `.internal`, `.corp`, `.local`) that do not pin a `checksum`.',
      why: 'Without a checksum the task installs whatever the server returns today: a compromised mirror, a moved "latest" tag or a hijacked domain ends up on every host.',
      bad: '- ansible.builtin.get_url:\n    url: https://github.com/org/tool/releases/download/v1.2.3/tool\n    dest: /usr/local/bin/tool',
      good: '- ansible.builtin.get_url:\n    url: https://github.com/org/tool/releases/download/v1.2.3/tool\n    dest: /usr/local/bin/tool\n    checksum: sha256:3b1f…',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html',
        'CWE-494: Download of Code Without Integrity Check',
      ],
    }),
    remediation: 'Add checksum: sha256:<digest> (or a checksum URL) to the get_url task.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(['get_url', 'win_get_url'])) {
      const url = known(t.args.get('url'));
      if (!url) continue;
      const host = urlHost(url);
      if (!host || internalHost(host) || /^file:/i.test(url)) continue;
      const sum = t.args.get('checksum');
      if (sum && sum.value !== null && sum.value !== '') continue;
      atTask(ctx, t, `${t.module} downloads from ${host} without a checksum; the content is not verified.`, 'checksum');
    }
  },
};
export default rule;
