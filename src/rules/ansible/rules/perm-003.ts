import { atArg, known, modeOf, symbolicGrants, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { MODE_MODULES, octal } from '../perm.js';

const SECRET_FILE =
  /(?:\.(?:pem|key|p12|pfx|jks|keystore|kdbx|ppk)$|(?:^|\/)id_(?:rsa|dsa|ecdsa|ed25519)$|(?:^|\/)(?:shadow|gshadow)$|(?:^|\/)\.env$|credentials|secrets?(?:\.|\/|$)|\.vault|(?:^|\/)\.kube\/config$|htpasswd|(?:^|\/)\.netrc$|(?:^|\/)\.pgpass$|(?:^|\/)\.my\.cnf$)/i;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-PERM-003',
    title: 'Secret file readable by every user',
    severity: 'medium',
    category: 'ansible',
    modules: MODE_MODULES,
    docs: doc({
      what: 'Flags private keys, certificates keys, `.env`, `.netrc`, `.pgpass`, credentials and secrets files (by `dest`/`path`) created with a mode that lets others read them (`0644`, `o+r`).',
      why: 'Any local account or service can read the key or password and reuse it.',
      bad: '- ansible.builtin.copy:\n    src: tls.key\n    dest: /etc/ssl/private/site.key\n    mode: "0644"',
      good: '- ansible.builtin.copy:\n    src: tls.key\n    dest: /etc/ssl/private/site.key\n    mode: "0600"',
      refs: ['ansible-lint: risky-file-permissions', 'CWE-732: Incorrect Permission Assignment for Critical Resource'],
    }),
    remediation: 'Use mode "0600" (or "0640" with a dedicated group) for key and secret files.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODE_MODULES)) {
      const dest = known(t.args.get('dest')) ?? known(t.args.get('path')) ?? known(t.args.get('name'));
      if (!dest || /\.pub$/.test(dest) || !SECRET_FILE.test(dest)) continue;
      const a = t.args.get('mode');
      const m = modeOf(ctx.file, a);
      if (!m || t.args.get('state')?.value === 'directory') continue;
      const readable = m.kind === 'symbolic' ? symbolicGrants(m.text, 'o', 'r') : (m.bits & 0o004) !== 0;
      if (readable)
        atArg(
          ctx,
          t,
          a!,
          `${dest} looks like a secret but mode ${m.kind === 'symbolic' ? m.text : octal(m.bits)} lets every user read it.`,
        );
    }
  },
};
export default rule;
