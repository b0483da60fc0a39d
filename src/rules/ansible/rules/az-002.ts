import { argPath, atArg, isFalse, isTrue, known, pairsOf, strings, type AnsibleRule } from '../context.js';
import { isWorldCidr } from '../../../cloud/constants.js';
import { doc } from '../docs.js';

const MODULES = ['azure_rm_storageaccount'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-002',
    title: 'Azure storage account accepts insecure or public access',
    severity: 'high',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: 'Flags azure_rm_storageaccount with `https_only: false`, `minimum_tls_version` TLS1_0/TLS1_1, `allow_blob_public_access: true`, `network_acls.default_action: Allow`, or `network_acls.ip_rules` admitting 0.0.0.0/0; and, at medium, an account that leaves out `minimum_tls_version` (an account created without it accepts TLS 1.0) or `network_acls` (every network may connect).',
      why: 'Plain HTTP exposes data and shared keys on the wire; old TLS versions are breakable; public blob access and an Allow-by-default network rule let anyone on the internet reach the data.',
      bad: '- azure.azcollection.azure_rm_storageaccount:\n    resource_group: prod\n    name: proddata\n    account_type: Standard_LRS\n    https_only: false\n    minimum_tls_version: TLS1_0',
      good: '- azure.azcollection.azure_rm_storageaccount:\n    resource_group: prod\n    name: proddata\n    account_type: Standard_LRS\n    https_only: true\n    minimum_tls_version: TLS1_2\n    network_acls:\n      default_action: Deny\n      bypass: AzureServices',
      refs: [
        'https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer',
        'CIS Microsoft Azure Foundations 3.1, 3.7, 3.15',
      ],
    }),
    remediation:
      'Set https_only: true, minimum_tls_version: TLS1_2, allow_blob_public_access: false and network_acls.default_action: Deny.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      if (known(t.args.get('state'))?.toLowerCase() === 'absent') continue;
      const https = t.args.get('https_only');
      if (isFalse(https)) atArg(ctx, t, https!, `${t.module} allows plain HTTP (https_only: false).`);
      const tls = t.args.get('minimum_tls_version');
      const v = known(tls);
      if (v && /^TLS1_[01]$/i.test(v.trim())) atArg(ctx, t, tls!, `${t.module} accepts ${v} (below TLS 1.2).`);
      // Insecure defaults when a setting is left out (the module's defaults): TLS 1.0, and every network.
      const missing = [
        ...(tls
          ? []
          : ['no minimum_tls_version, so the account accepts TLS 1.0 (what an account created without it allows)']),
        ...(t.args.get('network_acls') ? [] : ['no network_acls, so every network may reach the account']),
      ];
      if (missing.length)
        ctx.report({
          at: t.modulePos,
          scope: t.scope,
          path: argPath(t, tls ? 'network_acls' : 'minimum_tls_version'),
          message: `${t.module} sets ${missing.join('; and ')}.`,
          severity: 'medium',
        });
      const pub = t.args.get('allow_blob_public_access');
      if (isTrue(pub)) atArg(ctx, t, pub!, `${t.module} allows public blob access.`);
      for (const a of pairsOf(ctx, t.args.get('network_acls')?.node)) {
        // An IP rule for the whole internet opens the account as wide as default_action: Allow.
        if (a.key === 'ip_rules' && strings(a.value).some((x) => isWorldCidr(x) || x.trim() === '0.0.0.0'))
          ctx.report({
            at: a.keyPos,
            scope: t.scope,
            path: `${t.path}.${t.module}.network_acls.ip_rules`,
            message: `${t.module} network_acls.ip_rules admits 0.0.0.0/0: every address may reach the account.`,
          });
        if (a.key === 'default_action' && known(a)?.toLowerCase() === 'allow')
          ctx.report({
            at: a.keyPos,
            scope: t.scope,
            path: `${t.path}.${t.module}.network_acls.default_action`,
            message: `${t.module} network_acls.default_action is Allow: every network may reach the account.`,
          });
      }
    }
  },
};
export default rule;
