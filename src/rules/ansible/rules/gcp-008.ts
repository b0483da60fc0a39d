import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { cloudSql } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-008',
    title: 'Cloud SQL instance public, without TLS, backups or with unsafe flags',
    severity: 'high',
    category: 'ansible',
    modules: ['gcp_sql_instance'],
    docs: doc({
      what: 'Flags gcp_sql_instance with an authorized network of `0.0.0.0/0`, and (medium/low) a public IP, `require_ssl` not true, automated backups off, and flags such as `local_infile`, `cross db ownership chaining` on or PostgreSQL connection logging off.',
      why: 'A database open to the internet on plain connections is one leaked password away from a breach; without backups a mistake or ransomware is final.',
      bad: '- google.cloud.gcp_sql_instance:\n    name: orders\n    region: europe-west1\n    database_version: POSTGRES_15\n    settings:\n      tier: db-custom-2-7680\n      ip_configuration:\n        authorized_networks:\n          - name: all\n            value: 0.0.0.0/0',
      good: '- google.cloud.gcp_sql_instance:\n    name: orders\n    region: europe-west1\n    database_version: POSTGRES_15\n    settings:\n      tier: db-custom-2-7680\n      ip_configuration:\n        ipv4_enabled: false\n        private_network: "{{ network_link }}"\n        require_ssl: true\n      backup_configuration:\n        enabled: true',
      refs: ['CIS Google Cloud Platform Foundation 6.1-6.7'],
    }),
    remediation: 'Use private IP, require TLS, enable backups and keep the CIS database flags.',
  },
  check: cloudCheck(cloudSql, ['sql-public', 'sql-ssl', 'sql-backups', 'sql-flags']),
};
export default rule;
