import { atArg, commandOf, str, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const PATTERNS: Array<[RegExp, string]> = [
  [/\bcurl\b[^|;&\n]*\s(?:--insecure\b|-[a-zA-Z]*k[a-zA-Z]*\b)/, 'curl --insecure'],
  [/\bwget\b[^|;&\n]*\s--no-check-certificate\b/, 'wget --no-check-certificate'],
  [/\bpip[0-9.]*\b[^|;&\n]*\s--trusted-host\b/, 'pip --trusted-host'],
  [/\bhttp\.sslverify\s*[= ]\s*(?:false|0|no)\b/i, 'git http.sslVerify=false'],
  [/\bGIT_SSL_NO_VERIFY=(?!0|false)\S/i, 'GIT_SSL_NO_VERIFY'],
  [/\bstrict-ssl\s*[= ]\s*false\b/i, 'npm strict-ssl false'],
];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-TLS-003',
    title: 'Command disables TLS verification',
    severity: 'high',
    category: 'ansible',
    modules: ['command', 'shell', 'raw', 'script', 'pip'],
    docs: doc({
      what: 'Flags command lines that turn certificate checks off: `curl -k/--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, `git -c http.sslVerify=false`, `GIT_SSL_NO_VERIFY`, `npm … strict-ssl false` (also in pip `extra_args`).',
      why: 'The download or clone can then be intercepted and replaced by anyone on the network path.',
      bad: '- ansible.builtin.shell: curl -sSk https://example.com/setup.json -o /etc/app.json',
      good: '- ansible.builtin.get_url:\n    url: https://example.com/setup.json\n    dest: /etc/app.json',
      refs: ['CWE-295: Improper Certificate Validation'],
    }),
    remediation: 'Remove the flag; install the CA the server uses into the trust store instead.',
  },
  check(ctx) {
    for (const t of ctx.file.tasks) {
      const cmd = commandOf(t);
      const candidates = [
        ...(cmd ? [{ text: cmd.text, arg: cmd.arg }] : []),
        ...(t.short === 'pip' && str(t.args.get('extra_args'))
          ? [{ text: `pip ${str(t.args.get('extra_args'))}`, arg: t.args.get('extra_args')! }]
          : []),
      ];
      for (const c of candidates) {
        const hit = PATTERNS.find(([re]) => re.test(c.text));
        if (hit) atArg(ctx, t, c.arg, `${t.module} runs ${hit[1]}: TLS certificates are not checked.`);
      }
    }
  },
};
export default rule;
