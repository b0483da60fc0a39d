import type { CfnRule } from '../rule.js';
import { elbNegotiationPolicy } from '../../../cloud/checks/aws-transport.js';
import { cloudCheck } from '../cloud.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-005',
    'Classic load balancer negotiates old TLS versions or weak ciphers',
    'medium',
    ['AWS::ElasticLoadBalancing::LoadBalancer'],
    doc({
      what: 'A classic load balancer `SSLNegotiationPolicyType` policy (in `Policies`) whose attributes enable `Protocol-SSLv3`, `Protocol-TLSv1` or `Protocol-TLSv1.1`, or a broken or anonymous cipher suite (RC4, DES and 3DES, export, NULL, MD5, ADH/AECDH, IDEA, SEED), with the value `true`; or whose `Reference-Security-Policy` is a predefined policy that accepts TLS 1.0 (`ELBSecurityPolicy-2016-08` and the 2011–2015 policies, `ELBSecurityPolicy-TLS-1-1-2017-01`). `ELBSecurityPolicy-TLS-1-2-2017-01` passes.',
      why: 'SSLv3 and TLS 1.0/1.1 have practical attacks and are deprecated (RFC 7568, RFC 8996); RC4 and 3DES ciphers are broken (RFC 7465, SWEET32). A client or attacker in the path can downgrade the connection to them.',
      example: `Elb:
  Type: AWS::ElasticLoadBalancing::LoadBalancer
  Properties:
    Listeners:
      - LoadBalancerPort: '443'
        InstancePort: '8080'
        Protocol: HTTPS
        SSLCertificateId: !Ref Cert
        PolicyNames: [Legacy]
    Policies:
      - PolicyName: Legacy
        PolicyType: SSLNegotiationPolicyType
        Attributes:
          - Name: Protocol-TLSv1
            Value: 'true'
          - Name: DES-CBC3-SHA
            Value: 'true'`,
      fix: 'Reference `ELBSecurityPolicy-TLS-1-2-2017-01` (or move to an Application Load Balancer with a TLS 1.2+ policy).',
      fixed: `    Policies:
      - PolicyName: Modern
        PolicyType: SSLNegotiationPolicyType
        Attributes:
          - Name: Reference-Security-Policy
            Value: ELBSecurityPolicy-TLS-1-2-2017-01`,
      refs: [
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-elb-policy.html',
      ],
    }),
    'Reference ELBSecurityPolicy-TLS-1-2-2017-01 instead of enabling old protocols or ciphers.',
  ),
  check: cloudCheck(elbNegotiationPolicy, ['elb-negotiation-weak']),
};
export default rule;
