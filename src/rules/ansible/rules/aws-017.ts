import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { elbListener } from '../../../cloud/checks/aws-transport.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-017',
    title: 'Load balancer listener over HTTP or with a weak TLS policy',
    severity: 'medium',
    category: 'ansible',
    modules: ['elb_application_lb', 'elb_network_lb', 'elb_classic_lb', 'ec2_elb_lb'],
    docs: doc({
      what: 'Flags elb_application_lb / elb_network_lb listeners with `Protocol: HTTP` that do not redirect to HTTPS, HTTPS/TLS listeners without `SslPolicy` (the default ELBSecurityPolicy-2016-08 accepts TLS 1.0/1.1) or with a policy that accepts TLS 1.0/1.1, and classic load balancer listeners with `protocol: http`.',
      why: 'Plain HTTP exposes sessions and credentials on the network; TLS 1.0/1.1 have known weaknesses and are no longer accepted by current standards (PCI DSS, NIST SP 800-52r2).',
      bad: '- amazon.aws.elb_application_lb:\n    name: web\n    subnets: [subnet-0a, subnet-0b]\n    listeners:\n      - Protocol: HTTPS\n        Port: 443\n        Certificates: [{ CertificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/web" }]\n        DefaultActions: [{ Type: forward, TargetGroupName: web }]',
      good: '- amazon.aws.elb_application_lb:\n    name: web\n    subnets: [subnet-0a, subnet-0b]\n    listeners:\n      - Protocol: HTTPS\n        Port: 443\n        SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n        Certificates: [{ CertificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/web" }]\n        DefaultActions: [{ Type: forward, TargetGroupName: web }]',
      refs: [
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
        'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html',
      ],
    }),
    remediation: 'Serve HTTPS with a TLS 1.2+ policy (ELBSecurityPolicy-TLS13-1-2-2021-06) and redirect port 80 to it.',
  },
  check: cloudCheck(elbListener, ['listener-http', 'listener-ssl-policy']),
};
export default rule;
