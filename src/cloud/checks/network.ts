/** Network exposure beyond security groups: managed services reachable from the internet, open ranges. */
import { isWideCidr, isWorldCidr, isPrivateCidr } from '../constants.js';
import type { CloudCheck, CloudResource, Emit } from '../model.js';
import { publicStatements } from '../policy.js';
import { asNum, asStr, get, isKnown, items, scalars, getSet } from '../values.js';
import { equalsAny, forbidTrue, nearest, propCheck, strProp } from './factory.js';

export const mskPublicAccess = propCheck({
  code: 'msk-public-access',
  kinds: ['AWS::MSK::Cluster'],
  description: 'MSK brokers get public IP addresses',
  path: 'BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type',
  bad: equalsAny('SERVICE_PROVIDED_EIPS'),
  message: (r) => `${r.name} gives its Kafka brokers public IP addresses (PublicAccess SERVICE_PROVIDED_EIPS)`,
});

export const mqPublic = forbidTrue({
  code: 'mq-public',
  kinds: ['AWS::AmazonMQ::Broker'],
  description: 'Amazon MQ broker is publicly accessible',
  path: 'PubliclyAccessible',
  trueMessage: (r) => `${r.name} is publicly accessible`,
});

/** A resource policy property that lets anyone in (`Principal: *` without a condition). */
export function publicPolicy(code: string, kinds: string[], prop: string, what: string): CloudCheck {
  return {
    name: code,
    kinds,
    codes: { [code]: `${what} allows any principal` },
    run(r: CloudResource, emit: Emit) {
      for (const p of publicStatements(get(r.props, prop)))
        emit({
          code,
          resource: r,
          at: p.at.at,
          message: `${r.name} ${what} allows any principal ("*") without a condition`,
          why: p.at.why,
          detail: p.s.sid,
        });
    },
  };
}

export const ecrPublicPolicy = publicPolicy(
  'ecr-public-policy',
  ['AWS::ECR::Repository'],
  'RepositoryPolicyText',
  'repository policy',
);

export const eksNodeSsh: CloudCheck = {
  name: 'eks-node-ssh',
  kinds: ['AWS::EKS::Nodegroup'],
  codes: { 'eks-node-ssh': 'node group SSH open to the internet' },
  run(r, emit) {
    const remote = get(r.props, 'RemoteAccess');
    if (!remote || items(remote).every((x) => x.t !== 'map')) return;
    if (getSet(remote, 'SourceSecurityGroups') !== undefined) return;
    emit({
      code: 'eks-node-ssh',
      resource: r,
      at: remote,
      message: `${r.name} allows SSH to its nodes from anywhere (RemoteAccess without SourceSecurityGroups)`,
    });
  },
};

export const sagemakerInternet: CloudCheck = {
  name: 'sagemaker-internet',
  kinds: ['AWS::SageMaker::NotebookInstance'],
  codes: { 'sagemaker-internet': 'notebook has direct internet access' },
  run(r, emit) {
    const access = get(r.props, 'DirectInternetAccess');
    const subnet = get(r.props, 'SubnetId');
    if (!subnet) {
      emit({
        code: 'sagemaker-internet',
        resource: r,
        message: `${r.name} is not in a VPC subnet, so it always has direct internet access`,
      });
      return;
    }
    const s = scalars(access).find(isKnown);
    if (!access)
      emit({
        code: 'sagemaker-internet',
        resource: r,
        at: subnet,
        message: `${r.name} does not set DirectInternetAccess (it defaults to Enabled)`,
      });
    else if (s && equalsAny('Enabled')(s))
      emit({
        code: 'sagemaker-internet',
        resource: r,
        at: s.at,
        message: `${r.name} enables direct internet access`,
        why: s.why,
      });
  },
};

export const emrNoVpc: CloudCheck = {
  name: 'emr-no-vpc',
  kinds: ['AWS::EMR::Cluster'],
  codes: { 'emr-no-vpc': 'EMR cluster not launched in a VPC subnet' },
  run(r, emit) {
    if (getSet(r.props, 'Instances.Ec2SubnetId') || getSet(r.props, 'Instances.Ec2SubnetIds')) return;
    emit({
      code: 'emr-no-vpc',
      resource: r,
      at: nearest(r, 'Instances.Ec2SubnetId'),
      message: `${r.name} sets no Ec2SubnetId, so its nodes are not placed in a subnet of your VPC`,
    });
  },
};

/** Classic `AWS::RDS::DBSecurityGroup` ingress from the whole internet or a very wide public range. */
export const rdsClassicIngress: CloudCheck = {
  name: 'rds-classic-ingress',
  kinds: ['AWS::RDS::DBSecurityGroup', 'AWS::RDS::DBSecurityGroupIngress'],
  codes: { 'rds-classic-ingress': 'DB security group open to the internet or a wide range' },
  run(r, emit) {
    const rules = r.kind === 'AWS::RDS::DBSecurityGroup' ? items(get(r.props, 'DBSecurityGroupIngress')) : [r.props];
    for (const rule of rules)
      for (const s of scalars(get(rule, 'CIDRIP'))) {
        const c = isKnown(s) ? asStr(s) : undefined;
        if (!c) continue;
        const world = isWorldCidr(c);
        if (world || (isWideCidr(c) && !isPrivateCidr(c)))
          emit({
            code: 'rds-classic-ingress',
            resource: r,
            at: s.at,
            message: `${r.name} lets ${world ? 'the whole internet' : `a wide range (${c})`} reach the database`,
            why: s.why,
            detail: c,
          });
      }
  },
};

export const gameliftOpenRange: CloudCheck = {
  name: 'gamelift-open-range',
  kinds: ['AWS::GameLift::Fleet'],
  codes: { 'gamelift-open-range': 'fleet opens a port range to the internet' },
  run(r, emit) {
    for (const p of items(get(r.props, 'EC2InboundPermissions'))) {
      const w = scalars(get(p, 'IpRange')).find((s) => isKnown(s) && isWorldCidr(asStr(s) ?? ''));
      if (!w) continue;
      const from = scalars(get(p, 'FromPort')).map((s) => asNum(s.value))[0];
      const to = scalars(get(p, 'ToPort')).map((s) => asNum(s.value))[0];
      if (from === undefined || to === undefined || to <= from) continue;
      emit({
        code: 'gamelift-open-range',
        resource: r,
        at: w.at,
        message: `${r.name} opens ports ${from}-${to} to ${asStr(w)}`,
        why: w.why,
        detail: `${from}-${to}`,
      });
    }
  },
};

export const wafDefaultAllow = propCheck({
  code: 'waf-default-allow',
  kinds: ['AWS::WAF::WebACL', 'AWS::WAFRegional::WebACL'],
  description: 'classic WAF web ACL allows what no rule matches',
  path: 'DefaultAction.Type',
  bad: equalsAny('ALLOW'),
  message: (r) => `${r.name} allows every request that no rule blocks (DefaultAction ALLOW)`,
});

export const lambdaPermissionScope: CloudCheck = {
  name: 'lambda-permission-scope',
  kinds: ['AWS::Lambda::Permission'],
  codes: { 'lambda-permission-scope': 'permission grants more than invoke, or for any source' },
  run(r, emit) {
    for (const s of scalars(get(r.props, 'Action'))) {
      const a = isKnown(s) ? asStr(s)?.toLowerCase() : undefined;
      if (a && a !== 'lambda:invokefunction' && a !== 'lambda:invokefunctionurl')
        emit({
          code: 'lambda-permission-scope',
          resource: r,
          at: s.at,
          message: `${r.name} grants ${asStr(s)}, not just lambda:InvokeFunction`,
          why: s.why,
        });
    }
    for (const s of scalars(get(r.props, 'SourceArn'))) {
      const a = isKnown(s) ? asStr(s) : undefined;
      if (a && /\*/.test(a))
        emit({
          code: 'lambda-permission-scope',
          resource: r,
          at: s.at,
          message: `${r.name} lets any source matching ${a} invoke the function`,
          why: s.why,
        });
    }
  },
};

/** For `when` conditions: a DB engine name. */
export const engineOf = (r: CloudResource): string => strProp(r, 'Engine') ?? '';
