import { atArg, atTask, isFalse, isJinja, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const MODULES = ['azure_rm_virtualmachine', 'azure_rm_virtualmachinescaleset'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-020',
    title: 'Azure Linux VM allows password login without an SSH key',
    severity: 'medium',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: "Flags azure_rm_virtualmachine and azure_rm_virtualmachinescaleset creating a Linux machine (`os_type: Linux`, the default) that gives no `ssh_public_keys` and does not set `ssh_password_enabled: false` (the module's default is true): the admin user logs in over SSH with a password only. Windows machines, `state: absent` and values from Jinja are not judged.",
      why: 'A password-only SSH login can be guessed or sprayed from anywhere the port is reachable, and passwords end up in playbooks and vaults shared by many people; a key pair cannot be brute-forced and is revoked per person.',
      bad: '- no_log: true\n  azure.azcollection.azure_rm_virtualmachine:\n    resource_group: prod\n    name: web-1\n    vm_size: Standard_B2s\n    admin_username: azureuser\n    admin_password: "{{ vault_web_admin_password }}"\n    image:\n      offer: 0001-com-ubuntu-server-jammy\n      publisher: Canonical\n      sku: 22_04-lts\n      version: latest',
      good: "- azure.azcollection.azure_rm_virtualmachine:\n    resource_group: prod\n    name: web-1\n    vm_size: Standard_B2s\n    admin_username: azureuser\n    ssh_password_enabled: false\n    ssh_public_keys:\n      - path: /home/azureuser/.ssh/authorized_keys\n        key_data: \"{{ lookup('file', 'files/azureuser.pub') }}\"\n    image:\n      offer: 0001-com-ubuntu-server-jammy\n      publisher: Canonical\n      sku: 22_04-lts\n      version: latest",
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/azure/azcollection/azure_rm_virtualmachine_module.html',
        'https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed',
      ],
    }),
    remediation: 'Give ssh_public_keys and set ssh_password_enabled: false.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      if (known(t.args.get('state'))?.toLowerCase() === 'absent') continue;
      const os = t.args.get('os_type');
      if (os && (isJinja(os.value) || String(os.value).toLowerCase() !== 'linux')) continue;
      const enabled = t.args.get('ssh_password_enabled');
      if (isFalse(enabled) || (enabled && isJinja(enabled.value))) continue;
      const keys = t.args.get('ssh_public_keys');
      if (keys && !(Array.isArray(keys.value) && keys.value.length === 0)) continue;
      const msg = `${t.module} creates a Linux machine that logs in over SSH with a password only (no ssh_public_keys${enabled ? '' : '; ssh_password_enabled defaults to true'}).`;
      const pw = t.args.get('admin_password');
      if (enabled) atArg(ctx, t, enabled, msg);
      else if (pw) atArg(ctx, t, pw, msg);
      else atTask(ctx, t, msg);
    }
  },
};
export default rule;
