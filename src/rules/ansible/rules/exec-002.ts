import { atArg, commandOf, isJinja, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

/** Command-line forms that carry a literal secret; group 1 is the secret. */
const FORMS: Array<[RegExp, string]> = [
  [/\bsshpass\s+-p\s*(['"]?)([^\s'"]+)\1/, 'sshpass -p'],
  [/\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^|;&\n]*?\s-p(['"]?)([^\s'"-][^\s'"]*)\1/, 'mysql -p'],
  // etcd's --initial-cluster-token names the cluster (etcd's configuration docs); it is not a credential.
  [
    /--(?!initial-cluster-token\b)(?:[a-z0-9]+-)*(?:password|passwd|pass|pwd|token|secret|api-key|apikey|access-token)[= ](['"]?)([^\s'"-][^\s'"]*)\1/i,
    '--password',
  ],
  [/\b[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|PASS|TOKEN|SECRET|API_KEY)=(['"]?)([^\s'"]+)\1/, 'an environment assignment'],
  [/\bcurl\b[^|;&\n]*\s(?:-u|--user)\s+(['"]?)[^\s:'"]+:([^\s'"@]+)\1/, 'curl -u user:password'],
  [/Authorization:\s*(?:Bearer|Basic|token)\s+(['"]?)([A-Za-z0-9._~+/=-]{8,})\1/i, 'an Authorization header'],
  // The user part may be Jinja (`mysql://{{ db_user }}:literal@host`): the password is still literal.
  [/\b[a-z][a-z0-9+.-]*:\/\/(?:\{\{[^}]*\}\}|[^\s:/@'"{])+:([^\s@/'"{]+)()@/i, 'credentials in a URL'],
];

function literal(s: string): boolean {
  return !!s && !isJinja(s) && !/^\$/.test(s) && !/^\{\{/.test(s) && !/^[<*x]+$/i.test(s);
}

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-EXEC-002',
    title: 'Secret written on a command line',
    severity: 'high',
    category: 'ansible',
    modules: ['shell', 'command', 'raw', 'script', 'win_shell', 'win_command'],
    docs: doc({
      what: 'Flags literal passwords and tokens inside shell/command tasks: `mysql -pSecret`, `--password=…`, `PGPASSWORD=… psql`, `sshpass -p …`, `curl -u user:pass`, `Authorization: Bearer …`, `https://user:pass@host`.',
      why: 'The secret is committed to the repository, appears in `ps` output on the host, in shell history and in Ansible logs and callbacks.',
      bad: '- ansible.builtin.shell: mysqldump -u backup -pSup3rSecretPassw0rd! app > /srv/app.sql',
      good: '- ansible.builtin.shell: mysqldump --defaults-extra-file=/root/.backup.cnf app > /srv/app.sql\n  no_log: true',
      refs: [
        'CWE-214: Invocation of Process Using Visible Sensitive Information',
        'CWE-798: Use of Hard-coded Credentials',
      ],
    }),
    remediation: 'Move the secret to Ansible Vault and pass it through a file or environment with no_log: true.',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (!cmd) continue;
      for (const [re, what] of FORMS) {
        const m = re.exec(cmd.text);
        const secret = m?.[2] || m?.[1];
        if (!m || !secret || !literal(secret)) continue;
        const whole = ctx.locate(cmd.arg, m[0]);
        const off = m[0].indexOf(secret);
        if (whole && whole.line === whole.endLine)
          ctx.report({
            at: {
              line: whole.line,
              column: whole.column + off,
              endLine: whole.line,
              endColumn: whole.column + off + secret.length,
            },
            scope: t.scope,
            path: `${t.path}.${t.module}`,
            message: `${t.module} puts a literal secret on the command line (${what}).`,
            secret: true,
          });
        else atArg(ctx, t, cmd.arg, `${t.module} puts a literal secret on the command line (${what}).`);
        break;
      }
    }
  },
};
export default rule;
