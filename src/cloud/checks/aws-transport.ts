/** Traffic in transit: load-balancer listeners, CloudFront viewers, OpenSearch endpoints. */
import type { CloudCheck, CloudResource, CValue, Emit } from '../model.js';
import { asBool, asStr, get, isKnown, items, scalars, getSet } from '../values.js';
import { nearest } from './factory.js';

/** ELB security policies that still accept TLS 1.0 or 1.1 (or are the 2015/2016 defaults that do). */
export function weakElbPolicy(name: string): boolean {
  return /TLS-1-0|TLS-1-1|TLS13-1-[01]-|-1-[01]-20|2015-|2016-08|FS-2018-06|^ELBSecurityPolicy-FS-1-1/i.test(name);
}

/**
 * Why an HTTP listener's default actions keep traffic on plain HTTP, or undefined when they do not: a fixed response
 * serves nothing of the application, and a redirect moves to HTTPS only when `RedirectConfig.Protocol` says so (the
 * default `#{protocol}` keeps the request's own, HTTP). A type or protocol that cannot be known is not reported.
 */
function keepsHttp(listener: CValue): string | undefined {
  const actions = items(get(listener, 'DefaultActions'));
  if (!actions.length) return 'serves plain HTTP without redirecting to HTTPS';
  let why: string | undefined;
  for (const a of actions) {
    const t = scalars(get(a, 'Type')).find(isKnown);
    const type = t ? asStr(t)?.toLowerCase() : undefined;
    if (type === undefined || type === 'fixed-response') continue;
    if (type !== 'redirect') return 'serves plain HTTP without redirecting to HTTPS';
    const protos = scalars(get(a, 'RedirectConfig.Protocol'));
    if (!protos.length)
      why ??= 'redirects without RedirectConfig.Protocol: HTTPS, so the redirect keeps the request on HTTP';
    else if (protos.some((p) => isKnown(p) && asStr(p)?.toUpperCase() !== 'HTTPS'))
      why ??= 'redirects to another plain-HTTP address instead of HTTPS';
  }
  return why;
}

/** Listeners over plain HTTP (not redirecting to HTTPS) and TLS listeners with a weak or default security policy. */
export const elbListener: CloudCheck = {
  name: 'elb-listener',
  kinds: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  codes: {
    'listener-http': 'a listener serves plain HTTP',
    'listener-ssl-policy': 'a TLS listener accepts TLS 1.0/1.1 (weak or default SslPolicy)',
  },
  run(r: CloudResource, emit: Emit) {
    const listeners =
      r.kind === 'AWS::ElasticLoadBalancing::LoadBalancer' ? items(get(r.props, 'Listeners')) : [r.props];
    for (const l of listeners) {
      const p = scalars(get(l, 'Protocol')).find(isKnown);
      const proto = p ? asStr(p)?.toUpperCase() : undefined;
      const plain = proto === 'HTTP' ? keepsHttp(l) : undefined;
      if (plain)
        emit({
          code: 'listener-http',
          resource: r,
          at: p!.at,
          message: `${r.name} listener ${plain}`,
          why: p!.why,
        });
      if (r.kind !== 'AWS::ElasticLoadBalancingV2::Listener' || (proto !== 'HTTPS' && proto !== 'TLS')) continue;
      const pol = get(l, 'SslPolicy');
      const s = scalars(pol).find(isKnown);
      if (!pol)
        emit({
          code: 'listener-ssl-policy',
          resource: r,
          at: p!.at,
          message: `${r.name} ${proto} listener sets no SslPolicy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0 and 1.1)`,
        });
      else if (s && weakElbPolicy(asStr(s) ?? ''))
        emit({
          code: 'listener-ssl-policy',
          resource: r,
          at: s.at,
          message: `${r.name} ${proto} listener uses ${asStr(s)}, which accepts TLS 1.0/1.1`,
          why: s.why,
        });
    }
  },
};

/** Classic ELB negotiation protocols older than TLS 1.2, and cipher suites that are broken or anonymous. */
const WEAK_PROTOCOL = /^Protocol-(?:SSLv2|SSLv3|TLSv1|TLSv1\.1)$/i;
const WEAK_CIPHER = /RC4|DES|^EXP-|NULL|MD5|^ADH-|^AECDH-|IDEA|SEED/i;

/**
 * Classic load balancers' `SSLNegotiationPolicyType` policies that enable SSLv3/TLS 1.0/1.1 or a weak cipher
 * (attribute set to true), or reference an outdated predefined policy (`Reference-Security-Policy`).
 */
export const elbNegotiationPolicy: CloudCheck = {
  name: 'elb-negotiation-policy',
  kinds: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  codes: { 'elb-negotiation-weak': 'an SSL negotiation policy enables old protocols or weak ciphers' },
  run(r, emit) {
    for (const pol of items(get(r.props, 'Policies'))) {
      const type = scalars(get(pol, 'PolicyType')).find(isKnown);
      if (!type || asStr(type) !== 'SSLNegotiationPolicyType') continue;
      const pn = scalars(get(pol, 'PolicyName')).find(isKnown);
      const name = (pn && asStr(pn)) ?? '?';
      for (const a of items(get(pol, 'Attributes'))) {
        const n = scalars(get(a, 'Name')).find(isKnown);
        const v = scalars(get(a, 'Value')).find(isKnown);
        const key = n ? asStr(n) : undefined;
        if (!key || !v) continue;
        const on = asBool(v.value) === true;
        let what: string | undefined;
        if (key === 'Reference-Security-Policy') {
          const ref = asStr(v) ?? '';
          if (weakElbPolicy(ref) || /-201[1-4]-/.test(ref)) what = `references ${ref}, which accepts TLS 1.0`;
        } else if (on && WEAK_PROTOCOL.test(key)) what = `enables ${key.slice('Protocol-'.length)}`;
        else if (on && WEAK_CIPHER.test(key)) what = `enables the weak cipher ${key}`;
        if (what)
          emit({
            code: 'elb-negotiation-weak',
            resource: r,
            at: n!.at,
            message: `${r.name} SSL negotiation policy ${name} ${what}`,
            why: v.why,
          });
      }
    }
  },
};

const OLD_VIEWER_TLS = /^(?:SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016)$/;

export const cloudfrontTransport: CloudCheck = {
  name: 'cloudfront-transport',
  kinds: ['AWS::CloudFront::Distribution'],
  codes: {
    'cloudfront-allow-all': 'viewers may use plain HTTP',
    'cloudfront-tls': 'viewers may use TLS older than 1.2',
    'cloudfront-default-cert': 'the distribution uses the default CloudFront certificate',
  },
  run(r, emit) {
    const cfg = get(r.props, 'DistributionConfig');
    const behaviors = [get(cfg, 'DefaultCacheBehavior'), ...items(get(cfg, 'CacheBehaviors'))];
    behaviors.forEach((b, i) => {
      if (!b && i > 0) return;
      const v = get(b, 'ViewerProtocolPolicy');
      const s = scalars(v).find(isKnown);
      if (s && asStr(s)?.toLowerCase() === 'allow-all')
        emit({
          code: 'cloudfront-allow-all',
          resource: r,
          at: s.at,
          message: `${r.name} lets viewers use plain HTTP (ViewerProtocolPolicy allow-all)`,
          why: s.why,
        });
      else if (!v && i === 0 && !r.partial && r.format === 'ansible')
        emit({
          code: 'cloudfront-allow-all',
          resource: r,
          at: b ?? cfg,
          message: `${r.name} sets no viewer_protocol_policy, so viewers may use plain HTTP (allow-all)`,
        });
    });
    const cert = get(cfg, 'ViewerCertificate');
    // An explicit weak version counts whatever the certificate source; with its own certificate and no version, a
    // distribution gets TLSv1 (the default of the API, CloudFormation and the Ansible module).
    const min = scalars(get(cert, 'MinimumProtocolVersion')).find(isKnown);
    const own = getSet(cert, 'AcmCertificateArn') ?? getSet(cert, 'IamCertificateId');
    if (min && OLD_VIEWER_TLS.test(asStr(min) ?? ''))
      emit({
        code: 'cloudfront-tls',
        resource: r,
        at: min.at,
        message: `${r.name} accepts viewers on ${asStr(min)} (older than TLS 1.2)`,
        why: min.why,
      });
    else if (own && !getSet(cert, 'MinimumProtocolVersion') && !r.partial)
      emit({
        code: 'cloudfront-tls',
        resource: r,
        at: cert,
        message: `${r.name} sets no MinimumProtocolVersion for its own certificate, so viewers may connect with TLS 1.0`,
      });
    const def = scalars(get(cert, 'CloudFrontDefaultCertificate')).find((s) => asBool(s.value) === true);
    if (def)
      emit({
        code: 'cloudfront-default-cert',
        resource: r,
        at: def.at,
        message: `${r.name} uses the default *.cloudfront.net certificate, which allows TLS 1.0`,
        why: def.why,
        severity: 'low',
      });
    else if (!cert && !r.partial)
      emit({
        code: 'cloudfront-default-cert',
        resource: r,
        at: cfg,
        message: `${r.name} sets no viewer certificate, so it uses the default *.cloudfront.net one (TLS 1.0 allowed)`,
        severity: 'low',
      });
  },
};

export const cloudfrontMonitoring: CloudCheck = {
  name: 'cloudfront-monitoring',
  kinds: ['AWS::CloudFront::Distribution'],
  codes: {
    'cloudfront-logging': 'access logging is off',
    'cloudfront-waf': 'no web ACL (WAF) is attached',
  },
  run(r, emit) {
    const cfg = get(r.props, 'DistributionConfig');
    const log = get(cfg, 'Logging');
    const off = scalars(get(log, 'Enabled')).find((s) => asBool(s.value) === false);
    if (off)
      emit({ code: 'cloudfront-logging', resource: r, at: off.at, message: `${r.name} turns access logging off` });
    else if (!log && !r.partial)
      emit({ code: 'cloudfront-logging', resource: r, at: cfg, message: `${r.name} does not log viewer requests` });
    if (!getSet(cfg, 'WebACLId') && !r.partial)
      emit({ code: 'cloudfront-waf', resource: r, at: cfg, message: `${r.name} has no web ACL (WAF) attached` });
  },
};

export const opensearchHttps: CloudCheck = {
  name: 'opensearch-https',
  kinds: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  codes: { 'opensearch-https': 'the domain endpoint accepts plain HTTP' },
  run(r, emit) {
    const v = get(r.props, 'DomainEndpointOptions.EnforceHTTPS');
    const f = scalars(v).find((s) => asBool(s.value) === false);
    if (f)
      emit({
        code: 'opensearch-https',
        resource: r,
        at: f.at,
        message: `${r.name} accepts plain HTTP (EnforceHTTPS false)`,
        why: f.why,
      });
    else if (!v && !r.partial)
      emit({
        code: 'opensearch-https',
        resource: r,
        at: nearest(r, 'DomainEndpointOptions.EnforceHTTPS'),
        message: `${r.name} does not enforce HTTPS (EnforceHTTPS defaults to false)`,
      });
  },
};
