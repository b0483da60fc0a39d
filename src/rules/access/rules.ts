/** Rule docs of the access family (the checks are in ./index.ts). */
import type { RuleDoc } from '../../types.js';

export const access001: RuleDoc = {
  id: 'ACCESS-001',
  title: 'SSH or sudo access still granted to a revoked user or key',
  severity: 'high',
  category: 'access',
  remediation:
    'Remove the user, the key and the sudo rule (Ansible: state: absent; authorized_keys, a deployed .pub file or sudoers: delete the line; cloud-init: drop the user), and check the hosts themselves: a key or sudoers line already installed stays until it is removed there.',
  docs: `## What it checks
With \`revoked: {users: [...], keys: [...]}\` in \`.hookguard.yaml\` (keys as the \`SHA256:…\` fingerprint that
\`ssh-keygen -lf key.pub\` prints, or as the key's comment), it flags what still grants SSH access to them:
- an \`authorized_keys\` file holding a revoked key (or kept under \`home/USER/\` of a revoked user);
- an Ansible \`authorized_key\` task for a revoked user or with a revoked key, and a \`user\` task that still creates a
  revoked user's account — literal \`loop\`/\`with_items\` lists are followed, \`{{ item.name }}\` included;
- cloud-init user data (\`#cloud-config\` in CloudFormation \`UserData\`, in Ansible vars, anywhere in YAML or JSON) whose
  \`users:\` create a revoked user or whose \`ssh_authorized_keys\` hold a revoked key;
- a revoked public key written anywhere in a YAML value;
- a key file that a task deploys and that holds a revoked key: \`key: "{{ lookup('file', 'ops.pub') }}"\` in an
  \`authorized_key\` task, or a \`copy\`/\`template\` whose \`dest\` is an \`authorized_keys\` file — the file is looked
  for where Ansible looks (the role's \`files/\`, then beside the playbook and its \`files/\`), read from the scanned
  commit or index, and the finding is on the task, naming the file and line;
- sudo for a revoked user: a \`sudoers\` or \`sudoers.d/*\` file of the repository, \`lineinfile\`/\`blockinfile\`/
  \`copy\` content or a \`copy\`/\`template\` source written to \`/etc/sudoers\` or \`/etc/sudoers.d/*\` (a
  \`User_Alias\` naming them counts), and \`community.general.sudoers\` with \`user:\` them.
A task with \`state: absent\` removes the access: it is the fix, never a finding. A key comment \`bob@laptop\` counts as bob's key. Jinja and \`\${}\` values are unknown, never revoked.

## Why it matters
People leave and laptops are lost; their keys must go with them. A key that stays in the playbook or template is
re-installed on every run and on every new host, long after the person's directory account was closed.

## Example
\`\`\`yaml
- name: Deploy keys
  ansible.posix.authorized_key:
    user: bob
    key: "{{ lookup('file', 'keys/bob.pub') }}"
\`\`\`

## Fix
\`\`\`yaml
- name: Remove bob's access
  ansible.posix.authorized_key:
    user: bob
    key: "{{ lookup('file', 'keys/bob.pub') }}"
    state: absent
\`\`\`

## References
- https://docs.ansible.com/ansible/latest/collections/ansible/posix/authorized_key_module.html
- https://cloudinit.readthedocs.io/en/latest/reference/examples.html`,
};

export const access002: RuleDoc = {
  id: 'ACCESS-002',
  title: 'authorized_key is not exclusive in a play that manages all users',
  severity: 'medium',
  category: 'access',
  remediation:
    'Set exclusive: true on the authorized_key task (with every key of the user in one key: value), so keys removed from the list are removed from the host.',
  docs: `## What it checks
An Ansible \`authorized_key\` task without \`exclusive: true\` in a playbook or tasks file that manages the host's users
from a list (a \`user\` task with \`loop\`/\`with_items\`).

## Why it matters
Without \`exclusive\`, the module only ever adds keys: deleting a departed colleague's key from the list leaves it on
every host that already has it, and the play reports success. The list in the repository and the access on the hosts
drift apart silently.

## Example
\`\`\`yaml
- name: Users
  ansible.builtin.user: { name: "{{ item.name }}" }
  loop: "{{ team }}"
- name: Keys
  ansible.posix.authorized_key:
    user: "{{ item.name }}"
    key: "{{ item.key }}"
  loop: "{{ team }}"
\`\`\`

## Fix
\`\`\`yaml
- name: Keys
  ansible.posix.authorized_key:
    user: "{{ item.name }}"
    key: "{{ item.keys | join('\\n') }}"
    exclusive: true
  loop: "{{ team }}"
\`\`\`

## References
- https://docs.ansible.com/ansible/latest/collections/ansible/posix/authorized_key_module.html#parameter-exclusive`,
};
