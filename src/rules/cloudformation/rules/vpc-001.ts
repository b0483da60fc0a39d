import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-VPC-001',
    'VPC has no flow log',
    'medium',
    ['AWS::EC2::VPC'],
    doc({
      what: 'An `AWS::EC2::VPC` that no `AWS::EC2::FlowLog` in the same template refers to (`ResourceId: !Ref Vpc`, or `ResourceIds`).',
      why: 'Flow logs are the record of which addresses talked to what; without them, investigating exfiltration or lateral movement is guesswork.',
      example: `Vpc:
  Type: AWS::EC2::VPC
  Properties:
    CidrBlock: 10.0.0.0/16`,
      fix: 'Add an `AWS::EC2::FlowLog` for the VPC (to CloudWatch Logs or S3). If flow logs are created centrally elsewhere, suppress with that reason.',
      fixed: `VpcFlowLog:
  Type: AWS::EC2::FlowLog
  Properties:
    ResourceId: !Ref Vpc
    ResourceType: VPC
    TrafficType: ALL
    LogDestinationType: s3
    LogDestination: !GetAtt FlowLogBucket.Arn`,
      refs: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
    }),
    'Add an AWS::EC2::FlowLog for the VPC.',
  ),
  check(ctx) {
    const t = ctx.t;
    const logged = new Set<string>();
    for (const r of t.resources)
      if (r.type === 'AWS::EC2::FlowLog')
        for (const k of ['ResourceId', 'ResourceIds']) for (const id of t.references(t.get(r.props, k))) logged.add(id);
    for (const r of ctx.resources)
      if (!logged.has(r.id)) ctx.report(r, undefined, `${r.id} has no flow log in this template`);
  },
};
export default rule;
