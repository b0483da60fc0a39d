import type { CfnRule } from '../rule.js';
import { elbListener } from '../../../cloud/checks/aws-transport.js';
import { cloudCheck } from '../cloud.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-002',
    'Load balancer listener allows outdated TLS versions',
    'medium',
    ['AWS::ElasticLoadBalancingV2::Listener'],
    doc({
      what: 'An HTTPS or TLS listener whose `SslPolicy` still allows TLS 1.0/1.1 (for example `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-1-2017-01`, `ELBSecurityPolicy-FS-2018-06`). Policies named `…TLS13-1-2…`, `…TLS13-1-3…`, `…TLS-1-2…`, `…FS-1-2…` pass. A listener without `SslPolicy` is reported too: the console picks `ELBSecurityPolicy-TLS13-1-2-2021-06`, but a listener created through the API — CloudFormation, the AWS CLI, the CDK — without a policy gets `ELBSecurityPolicy-2016-08`, which accepts TLS 1.0 and 1.1 (see the Elastic Load Balancing security-policy documentation).',
      why: 'TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); PCI DSS forbids them.',
      example: `HttpsListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Port: 443
    Protocol: HTTPS
    SslPolicy: ELBSecurityPolicy-2016-08
    Certificates: [{ CertificateArn: !Ref Cert }]
    DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]`,
      fix: 'Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or a newer TLS 1.2+ policy).',
      refs: [
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html',
      ],
    }),
    'Use a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.',
  ),
  check: cloudCheck(elbListener, ['listener-ssl-policy'], ['AWS::ElasticLoadBalancingV2::Listener']),
};
export default rule;
