import { type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-CFG-002',
    title: 'Galaxy server over plain HTTP',
    severity: 'medium',
    category: 'ansible',
    modules: [],
    docs: doc({
      what: 'Flags `server =` in `[galaxy]` and `url =` in `[galaxy_server.*]` sections of ansible.cfg that use `http://`.',
      why: "Roles and collections fetched over plain HTTP (and the API token sent with them) can be read and replaced by anyone on the path: the code they contain then runs with the playbook's privileges.",
      bad: '[galaxy]\nserver_list = internal\n\n[galaxy_server.internal]\nurl = http://galaxy.example.com/api/',
      good: '[galaxy]\nserver_list = internal\n\n[galaxy_server.internal]\nurl = https://galaxy.example.com/api/',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections_guide/collections_installing.html#configuring-the-ansible-galaxy-client',
        'CWE-319: Cleartext Transmission of Sensitive Information',
      ],
    }),
    remediation: 'Use an https:// Galaxy or Automation Hub URL.',
  },
  check(ctx) {
    for (const e of ctx.file.cfg?.entries ?? []) {
      const key = e.key.toLowerCase();
      const section = e.section.toLowerCase();
      const galaxy =
        (section === 'galaxy' && key === 'server') || (section.startsWith('galaxy_server.') && key === 'url');
      if (!galaxy || !/^\s*http:\/\//i.test(e.value)) continue;
      ctx.report({
        at: { line: e.line, column: e.valueCol, endLine: e.line, endColumn: e.valueEndCol },
        scope: [e.line, e.line],
        path: `ansible.cfg:[${e.section}].${e.key}`,
        message: `ansible.cfg [${e.section}] ${e.key} fetches roles and collections over plain HTTP.`,
      });
    }
  },
};
export default rule;
