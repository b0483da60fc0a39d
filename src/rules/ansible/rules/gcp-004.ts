import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { gkeOperations } from '../../../cloud/checks/gcp.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-004',
    title: 'GKE cluster without network policy, VPC-native networking, a dedicated node account or logging',
    severity: 'medium',
    category: 'ansible',
    modules: ['gcp_container_cluster'],
    docs: doc({
      what: 'Flags gcp_container_cluster without `network_policy.enabled` (or with the add-on disabled), without `ip_allocation_policy.use_ip_aliases` (low), with nodes running as the default compute service account, and with `logging_service`/`monitoring_service: none`.',
      why: 'Without network policies any compromised pod reaches every other; the default service account has Editor on the project; without logs an intrusion goes unseen.',
      bad: '- google.cloud.gcp_container_cluster:\n    name: prod\n    location: europe-west1\n    initial_node_count: 3\n    logging_service: none',
      good: '- google.cloud.gcp_container_cluster:\n    name: prod\n    location: europe-west1\n    initial_node_count: 3\n    network_policy: { enabled: true, provider: CALICO }\n    ip_allocation_policy: { use_ip_aliases: true }\n    node_config:\n      service_account: gke-nodes@my-project.iam.gserviceaccount.com\n    logging_service: logging.googleapis.com/kubernetes',
      refs: ['https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster'],
    }),
    remediation:
      'Enable network policies and alias IPs, run nodes as a minimal service account and keep Cloud Logging/Monitoring.',
  },
  check: cloudCheck(gkeOperations, ['gke-network-policy', 'gke-ip-alias', 'gke-default-sa', 'gke-logging']),
};
export default rule;
