import { atArg, commandOf, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const PIPE_TO_SHELL =
  /\b(?:curl|wget|fetch)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+)?(?:\/usr)?(?:\/bin\/)?(?:ba|z|k|da|c|tc|fi)?sh\b|\b(?:ba|z)?sh\s+(?:-c\s+)?["']?\$\(\s*(?:curl|wget)\b|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b|\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+)?(?:python[0-9.]*|perl|ruby|node)\b(?!\s+-m\s+json)/;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-EXEC-001',
    title: 'Remote script piped into a shell',
    severity: 'high',
    category: 'ansible',
    modules: ['shell', 'command', 'raw', 'script'],
    docs: doc({
      what: 'Flags `curl … | sh`, `wget -O- … | bash`, `bash <(curl …)` and `sh -c "$(curl …)"` in shell, command and raw tasks.',
      why: 'Whatever the URL serves at that moment runs as the task user (often root), unreviewed and unpinned; a truncated download even runs half a script.',
      bad: '- ansible.builtin.shell: curl -fsSL https://get.example.com/install.sh | sh',
      good: '- ansible.builtin.get_url:\n    url: https://get.example.com/install-1.4.2.sh\n    dest: /tmp/install.sh\n    checksum: sha256:…\n    mode: "0700"\n- ansible.builtin.command: /tmp/install.sh',
      refs: [
        'ansible-lint: risky-shell-pipe, command-instead-of-module',
        'CWE-494: Download of Code Without Integrity Check',
      ],
    }),
    remediation: 'Download with get_url and a checksum (or use a package), then run the pinned file.',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      if (cmd && PIPE_TO_SHELL.test(cmd.text))
        atArg(ctx, t, cmd.arg, `${t.module} pipes a download straight into an interpreter.`);
    }
  },
};
export default rule;
