/** Key management and audit trails: KMS key rotation and deletion, CloudTrail settings, log-group retention. */
import type { CloudCheck, CloudResource, CValue, Emit } from '../model.js';
import { asBool, asNum, asStr, get, isKnown, isSet, scalars } from '../values.js';

export const kmsKeySettings: CloudCheck = {
  name: 'kms-key-settings',
  kinds: ['AWS::KMS::Key'],
  codes: {
    'kms-rotation': 'automatic key rotation is off',
    'kms-disabled': 'the key is disabled',
    'kms-deletion-window': 'the deletion window is shorter than 30 days',
  },
  run(r, emit) {
    const deleting = scalars(get(r.props, 'PendingDeletion')).some((s) => asBool(s.value) === true);
    const spec = scalars(get(r.props, 'KeySpec')).find(isKnown);
    const symmetric = !spec || asStr(spec)?.toUpperCase() === 'SYMMETRIC_DEFAULT';
    const rot = get(r.props, 'EnableKeyRotation');
    const off = scalars(rot).find((s) => asBool(s.value) === false);
    if (!deleting && symmetric && (off || (!rot && !r.partial)))
      emit({
        code: 'kms-rotation',
        resource: r,
        at: off?.at,
        message: off
          ? `${r.name} turns automatic key rotation off`
          : `${r.name} does not enable automatic key rotation`,
      });
    const dis = scalars(get(r.props, 'Enabled')).find((s) => asBool(s.value) === false);
    if (dis && !deleting)
      emit({
        code: 'kms-disabled',
        resource: r,
        at: dis.at,
        message: `${r.name} is disabled: what it encrypts cannot be decrypted until it is enabled again`,
        severity: 'low',
      });
    const w = scalars(get(r.props, 'PendingWindowInDays')).find(isKnown);
    const days = w ? asNum(w.value) : undefined;
    if (w && days !== undefined && days < 30)
      emit({
        code: 'kms-deletion-window',
        resource: r,
        at: w.at,
        message: `${r.name} can be deleted after only ${days} days (less than 30 to notice and cancel a deletion)`,
      });
  },
};

function flag(
  r: CloudResource,
  emit: Emit,
  code: string,
  path: string,
  bad: 'false' | 'absent-or-false' | 'absent',
  message: string,
  severity?: 'low' | 'medium' | 'high',
): void {
  const v = get(r.props, path);
  const f = scalars(v).find((s) => asBool(s.value) === false);
  if (bad !== 'absent' && f)
    emit({ code, resource: r, at: f.at, message: `${r.name} ${message}`, ...(severity ? { severity } : {}) });
  else if (bad !== 'false' && !isSet(v) && !r.partial)
    emit({ code, resource: r, message: `${r.name} ${message}`, ...(severity ? { severity } : {}) });
}

export const cloudtrailSettings: CloudCheck = {
  name: 'cloudtrail-settings',
  kinds: ['AWS::CloudTrail::Trail'],
  codes: {
    'trail-logging-off': 'the trail does not log',
    'trail-validation': 'log file validation is off',
    'trail-multi-region': 'the trail covers one region',
    'trail-kms': 'logs are not encrypted with a KMS key',
    'trail-cloudwatch': 'the trail does not send events to CloudWatch Logs',
    'trail-sns': 'no SNS notification for new log files',
  },
  run(r, emit) {
    flag(r, emit, 'trail-logging-off', 'IsLogging', 'false', 'stops logging (IsLogging false)', 'high');
    flag(r, emit, 'trail-validation', 'EnableLogFileValidation', 'absent-or-false', 'does not validate log files');
    flag(r, emit, 'trail-multi-region', 'IsMultiRegionTrail', 'absent-or-false', 'records one region only');
    flag(r, emit, 'trail-kms', 'KMSKeyId', 'absent', 'does not encrypt its logs with a KMS key', 'low');
    flag(
      r,
      emit,
      'trail-cloudwatch',
      'CloudWatchLogsLogGroupArn',
      'absent',
      'does not send events to CloudWatch Logs',
      'low',
    );
    flag(r, emit, 'trail-sns', 'SnsTopicName', 'absent', 'sends no SNS notification for new log files', 'low');
  },
};

export const logGroupRetention: CloudCheck = {
  name: 'log-group-retention',
  kinds: ['AWS::Logs::LogGroup'],
  codes: { 'log-retention': 'the log group keeps no retention period' },
  run(r, emit) {
    const v: CValue | undefined = get(r.props, 'RetentionInDays');
    if (v || r.partial) return;
    emit({
      code: 'log-retention',
      resource: r,
      message: `${r.name} sets no retention period, so its logs are kept without a policy`,
    });
  },
};
