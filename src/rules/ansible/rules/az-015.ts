import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { postgresLogSettings } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-015',
    title: 'PostgreSQL logging or connection throttling turned off',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_postgresqlconfiguration'],
    docs: doc({
      what: 'Flags azure_rm_postgresqlconfiguration setting `log_checkpoints`, `log_connections`, `log_disconnections`, `log_duration`, `log_retention` or `connection_throttling` to off, and `log_retention_days` below 4.',
      why: 'Without these logs, brute-force attempts and suspicious sessions leave no trace; without throttling, password guessing is not slowed down.',
      bad: '- azure.azcollection.azure_rm_postgresqlconfiguration:\n    resource_group: prod\n    server_name: pg-prod\n    name: log_connections\n    value: "off"',
      good: '- azure.azcollection.azure_rm_postgresqlconfiguration:\n    resource_group: prod\n    server_name: pg-prod\n    name: log_connections\n    value: "on"',
      refs: ['CIS Microsoft Azure Foundations 4.3.2-4.3.7'],
    }),
    remediation: 'Keep these settings on and log retention above 3 days.',
  },
  check: cloudCheck(postgresLogSettings, ['az-pg-logs']),
};
export default rule;
