import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { batchPrivileged } from '../../../cloud/checks/identity.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-030',
    title: 'Batch job runs a privileged container',
    severity: 'high',
    category: 'ansible',
    modules: ['batch_job_definition', 'aws_batch_job_definition'],
    docs: doc({
      what: 'Flags community.aws.batch_job_definition with `privileged: true` (the container runs with elevated permissions on the host, as the `root` user). The same check as CFN-BATCH-001.',
      why: "A privileged container is root on the host: it can read other jobs' data and the instance's credentials, and escape the container.",
      bad: '- community.aws.batch_job_definition:\n    job_definition_name: nightly-report\n    state: present\n    type: container\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4\n    vcpus: 1\n    memory: 2048\n    privileged: true',
      good: '- community.aws.batch_job_definition:\n    job_definition_name: nightly-report\n    state: present\n    type: container\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4\n    vcpus: 1\n    memory: 2048\n    privileged: false',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/community/aws/batch_job_definition_module.html',
        'https://docs.aws.amazon.com/batch/latest/userguide/job_definition_parameters.html',
      ],
    }),
    remediation: 'Remove privileged (or set it to false); grant the specific capability the job needs instead.',
  },
  check: cloudCheck(batchPrivileged, ['batch-privileged']),
};
export default rule;
