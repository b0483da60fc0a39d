import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { subnetNsg } from '../../../cloud/checks/azure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AZ-005',
    title: 'Azure subnet without a network security group',
    severity: 'medium',
    category: 'ansible',
    modules: ['azure_rm_subnet'],
    docs: doc({
      what: 'Flags azure_rm_subnet without `security_group` (gateway, firewall, bastion and route-server subnets are left alone).',
      why: 'Without an NSG nothing filters traffic into the subnet: every VM relies on its own NIC rules, which are easy to forget.',
      bad: '- azure.azcollection.azure_rm_subnet:\n    resource_group: prod\n    virtual_network_name: vnet\n    name: app\n    address_prefix_cidr: 10.1.0.0/24',
      good: '- azure.azcollection.azure_rm_subnet:\n    resource_group: prod\n    virtual_network_name: vnet\n    name: app\n    address_prefix_cidr: 10.1.0.0/24\n    security_group: app-nsg',
      refs: ['https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview'],
    }),
    remediation: 'Attach a network security group to the subnet.',
  },
  check: cloudCheck(subnetNsg, ['az-subnet-nsg']),
};
export default rule;
