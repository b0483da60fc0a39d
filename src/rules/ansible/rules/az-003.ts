import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { storagePublicContainer } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-003',
    title: 'Azure blob container readable anonymously',
    severity: 'high',
    category: 'ansible',
    modules: ['azure_rm_storageblob'],
    docs: doc({
      what: 'Flags azure_rm_storageblob with `public_access: blob` or `container`.',
      why: 'Anyone on the internet can read the blobs (and, with `container`, list them) without credentials.',
      bad: '- azure.azcollection.azure_rm_storageblob:\n    resource_group: prod\n    storage_account_name: proddata\n    container: reports\n    public_access: container',
      good: '- azure.azcollection.azure_rm_storageblob:\n    resource_group: prod\n    storage_account_name: proddata\n    container: reports',
      refs: [
        'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent',
        'CIS Microsoft Azure Foundations 3.7',
      ],
    }),
    remediation: 'Leave public_access unset (private) and share with SAS tokens or Entra ID.',
  },
  check: cloudCheck(storagePublicContainer, ['az-public-container']),
};
export default rule;
