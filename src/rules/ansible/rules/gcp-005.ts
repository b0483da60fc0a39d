import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { nodePool } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-005',
    title: 'GKE node pool without auto-repair, auto-upgrade or COS',
    severity: 'low',
    category: 'ansible',
    modules: ['gcp_container_node_pool'],
    docs: doc({
      what: 'Flags gcp_container_node_pool without `management.auto_repair` / `auto_upgrade`, and nodes whose `config.image_type` is not Container-Optimized OS.',
      why: 'Nodes that are not upgraded keep known vulnerabilities; general-purpose images carry more software to attack.',
      bad: '- google.cloud.gcp_container_node_pool:\n    name: default\n    cluster: "{{ cluster }}"\n    location: europe-west1\n    config: { image_type: UBUNTU_CONTAINERD }',
      good: '- google.cloud.gcp_container_node_pool:\n    name: default\n    cluster: "{{ cluster }}"\n    location: europe-west1\n    config: { image_type: COS_CONTAINERD }\n    management: { auto_repair: true, auto_upgrade: true }',
      refs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster'],
    }),
    remediation: 'Enable auto-repair and auto-upgrade and use COS_CONTAINERD.',
  },
  check: cloudCheck(nodePool, ['nodepool-management', 'nodepool-image']),
};
export default rule;
