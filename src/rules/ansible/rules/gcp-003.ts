import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { gkeAccess } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-003',
    title: 'GKE control plane open: basic auth, client certificate, ABAC, public endpoint',
    severity: 'high',
    category: 'ansible',
    modules: ['gcp_container_cluster'],
    docs: doc({
      what: 'Flags gcp_container_cluster with basic authentication (`master_auth.username`/`password`), legacy ABAC (`legacy_abac.enabled`), and (medium) an issued client certificate, no `master_authorized_networks_config` and no private nodes (`private_cluster_config.enable_private_nodes`).',
      why: 'Static passwords and certificates cannot be revoked per user; ABAC bypasses RBAC; a control plane and nodes open to the internet are exposed to every Kubernetes exploit.',
      bad: '- google.cloud.gcp_container_cluster:\n    name: prod\n    location: europe-west1\n    initial_node_count: 3\n    master_auth:\n      username: admin\n      password: "{{ vault_gke_password }}"\n    legacy_abac:\n      enabled: true',
      good: '- google.cloud.gcp_container_cluster:\n    name: prod\n    location: europe-west1\n    initial_node_count: 3\n    master_auth:\n      client_certificate_config:\n        issue_client_certificate: false\n    master_authorized_networks_config:\n      enabled: true\n      cidr_blocks: [{ cidr_block: 10.0.0.0/8 }]\n    private_cluster_config:\n      enable_private_nodes: true\n      master_ipv4_cidr_block: 172.16.0.0/28',
      refs: [
        'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster',
        'CIS Google Kubernetes Engine Benchmark 5.6, 5.8',
      ],
    }),
    remediation: 'Use IAM/RBAC only, restrict the control plane to authorized networks and run private nodes.',
  },
  check: cloudCheck(gkeAccess, [
    'gke-basic-auth',
    'gke-client-cert',
    'gke-legacy-abac',
    'gke-master-networks',
    'gke-private',
  ]),
};
export default rule;
