import type { CfnRule } from '../rule.js';
import { elbListener } from '../../../cloud/checks/aws-transport.js';
import { cloudCheck } from '../cloud.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-ELB-001',
    'Load balancer listener serves plain HTTP without redirecting to HTTPS',
    'medium',
    ['AWS::ElasticLoadBalancingV2::Listener'],
    doc({
      what: "An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTP` whose `DefaultActions` do anything other than redirect to HTTPS or give a `fixed-response`. A redirect goes to HTTPS only when `RedirectConfig.Protocol: HTTPS` says so: without it the redirect keeps the request's protocol (`#{protocol}`, the default), so a `Type: redirect` alone is reported too. A port-80 listener that only redirects to HTTPS is the normal setup and is not reported.",
      why: 'Traffic forwarded over HTTP — cookies, tokens, form posts — can be read and modified by anyone on the path.',
      example: `HttpListener:
  Type: AWS::ElasticLoadBalancingV2::Listener
  Properties:
    LoadBalancerArn: !Ref Alb
    Port: 80
    Protocol: HTTP
    DefaultActions:
      - Type: forward
        TargetGroupArn: !Ref Tg`,
      fix: 'Serve the application on an HTTPS listener and make the HTTP listener redirect.',
      fixed: `    DefaultActions:
      - Type: redirect
        RedirectConfig: { Protocol: HTTPS, Port: '443', StatusCode: HTTP_301 }`,
      refs: [
        'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listener-redirectconfig.html',
      ],
    }),
    'Forward only on HTTPS listeners; make HTTP listeners redirect to HTTPS.',
  ),
  check: cloudCheck(elbListener, ['listener-http'], ['AWS::ElasticLoadBalancingV2::Listener']),
};
export default rule;
