import type { CfnRule } from '../rule.js';
import { doc, findVal, meta, strVal } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-002',
    'API Gateway custom domain allows TLS 1.0',
    'medium',
    ['AWS::ApiGateway::DomainName', 'AWS::ApiGatewayV2::DomainName'],
    doc({
      what: "An API Gateway custom domain whose `SecurityPolicy` (REST) or `DomainNameConfigurations[].SecurityPolicy` (HTTP/WebSocket) is `TLS_1_0`, and (low) a REST custom domain that leaves `SecurityPolicy` out: the API's default has been `TLS_1_0`, so the version depends on when and how the domain was made. HTTP/WebSocket domains support only TLS 1.2 and are not reported when it is left out.",
      why: 'TLS 1.0 is deprecated (RFC 8996) and has known weaknesses; clients that negotiate it get weaker protection in transit.',
      example: `Domain:
  Type: AWS::ApiGateway::DomainName
  Properties:
    DomainName: api.example.com
    RegionalCertificateArn: !Ref Cert
    SecurityPolicy: TLS_1_0`,
      fix: 'Set `SecurityPolicy: TLS_1_2`.',
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html'],
    }),
    'Set SecurityPolicy: TLS_1_2.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const r of ctx.resources) {
      const nodes =
        r.type === 'AWS::ApiGateway::DomainName'
          ? [t.get(r.props, 'SecurityPolicy')]
          : t.items(t.get(r.props, 'DomainNameConfigurations')).map((c) => t.get(c, 'SecurityPolicy'));
      if (r.type === 'AWS::ApiGateway::DomainName' && !nodes[0]) {
        ctx.report(r, undefined, `${r.id} does not set SecurityPolicy; set TLS_1_2 (the default has been TLS_1_0)`, {
          severity: 'low',
        });
        continue;
      }
      for (const n of nodes) {
        const v = findVal(t.values(n), (x) => strVal(x)?.toUpperCase() === 'TLS_1_0');
        if (v) ctx.report(r, n, `${r.id} allows TLS 1.0`, { why: v.why });
      }
    }
  },
};
export default rule;
