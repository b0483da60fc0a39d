import type { CfnRule } from '../rule.js';
import type { CloudFinding } from '../../../cloud/model.js';
import { doc, meta } from '../util.js';
import { cloudFindings, reportCloud } from '../cloud.js';
import { cloudtrailSettings } from '../../../cloud/checks/aws-audit.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-LOG-007',
    'CloudTrail trail sends no events to CloudWatch Logs or SNS',
    'low',
    ['AWS::CloudTrail::Trail'],
    doc({
      what: 'An `AWS::CloudTrail::Trail` without `CloudWatchLogsLogGroupArn` (events are not delivered to CloudWatch Logs, so no metric filter or alarm can watch them), or without `SnsTopicName` (no notification when a log file is delivered). Each is reported on its own; empty counts as not set. The same check as the Ansible ANS-AWS-024. Hygiene: never blocking.',
      why: 'A trail that only writes files to S3 is read after the fact. Delivered to CloudWatch Logs, its events can raise an alarm within minutes (root sign-in, a policy change, CloudTrail itself stopped), which is the point of CIS AWS Foundations controls 3.x/4.x; the SNS notification lets a pipeline pick up each log file as it arrives.',
      example: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket
    IsMultiRegionTrail: true
    EnableLogFileValidation: true`,
      fix: 'Set `CloudWatchLogsLogGroupArn` (with `CloudWatchLogsRoleArn`, a role CloudTrail can assume to write to the group) and `SnsTopicName` (a topic whose policy lets CloudTrail publish).',
      fixed: `    S3BucketName: !Ref TrailBucket
    CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
    CloudWatchLogsRoleArn: !GetAtt TrailToLogsRole.Arn
    SnsTopicName: !GetAtt TrailTopic.TopicName`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/configure-sns-notifications-for-cloudtrail.html',
      ],
    }),
    'Deliver the trail to CloudWatch Logs (CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn) and notify an SNS topic (SnsTopicName).',
  ),
  check(ctx) {
    // Both gaps of one trail are one finding at the trail (a single place to fix, one fingerprint).
    const byTrail = new Map<unknown, CloudFinding[]>();
    for (const f of cloudFindings(ctx.t, cloudtrailSettings))
      if (f.code === 'trail-cloudwatch' || f.code === 'trail-sns')
        byTrail.set(f.resource.origin, [...(byTrail.get(f.resource.origin) ?? []), f]);
    for (const list of byTrail.values()) {
      const name = list[0]!.resource.name;
      const what = list.map((f) => (f.code === 'trail-cloudwatch' ? 'to CloudWatch Logs' : 'to an SNS topic'));
      reportCloud(ctx, { ...list[0]!, message: `${name} delivers no events ${what.join(' and none ')}` });
    }
  },
};
export default rule;
