import { atArg, commandOf, mentionsSecretVar, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-EXEC-003',
    title: 'Secret variable on a command line without no_log',
    severity: 'medium',
    category: 'ansible',
    modules: ['shell', 'command', 'raw', 'script', 'win_shell', 'win_command'],
    docs: doc({
      what: 'Flags shell/command tasks whose command line interpolates a secret-looking variable (`{{ db_password }}`, `{{ vault_api_token }}`) when the task (or its block/play) does not set `no_log: true`.',
      why: 'Ansible prints the rendered command on failure and with `-v`, and callbacks (AWX, ARA, CI logs) store it: the secret leaks out of the vault.',
      bad: '- ansible.builtin.command: vault-cli login --token {{ vault_api_token }}',
      good: '- ansible.builtin.command: vault-cli login --token {{ vault_api_token }}\n  no_log: true',
      refs: [
        'ansible-lint: no-log-password',
        'https://docs.ansible.com/ansible/latest/reference_appendices/logging.html',
      ],
    }),
    remediation: 'Add no_log: true to the task (or pass the secret through stdin or a file).',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      if (t.noLog !== false) continue;
      const cmd = commandOf(t);
      if (cmd && mentionsSecretVar(cmd.text))
        atArg(ctx, t, cmd.arg, `${t.module} renders a secret variable into its command line without no_log: true.`);
    }
  },
};
export default rule;
