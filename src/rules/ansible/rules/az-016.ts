import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { logProfile } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-016',
    title: 'Activity log profile keeps too little',
    severity: 'low',
    category: 'ansible',
    modules: ['azure_rm_monitorlogprofile'],
    docs: doc({
      what: 'Flags azure_rm_monitorlogprofile with retention turned off or shorter than 365 days (0 means forever), or `categories` missing Write, Delete or Action.',
      why: 'Investigations often start months after the fact; an activity log that was not kept, or never recorded deletions, cannot answer who did what.',
      bad: '- azure.azcollection.azure_rm_monitorlogprofile:\n    name: default\n    location: westeurope\n    locations: [global, westeurope]\n    categories: [Write]\n    retention_policy: { enabled: true, days: 30 }\n    storage_account: "{{ log_account_id }}"',
      good: '- azure.azcollection.azure_rm_monitorlogprofile:\n    name: default\n    location: westeurope\n    locations: [global, westeurope]\n    categories: [Write, Delete, Action]\n    retention_policy: { enabled: true, days: 365 }\n    storage_account: "{{ log_account_id }}"',
      refs: ['CIS Microsoft Azure Foundations 5.1.1-5.1.3'],
    }),
    remediation: 'Record Write, Delete and Action and keep the log at least 365 days.',
  },
  check: cloudCheck(logProfile, ['az-log-profile']),
};
export default rule;
