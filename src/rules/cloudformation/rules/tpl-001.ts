import type { CfnRule, Anchor } from '../rule.js';
import { doc, meta } from '../util.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-TPL-001',
    'Template gives a key twice in one mapping',
    'medium',
    [],
    doc({
      what: 'A mapping of the template — a resource, its `Properties`, a policy statement, the `Resources` section itself — that gives the same key twice. CloudFormation accepts such a template and deploys the later value (YAML and JSON alike); hookguard reads it the same way, reports the duplicate here, and still runs every other check on what is deployed.',
      why: 'A reviewer reading top-down sees the first value while CloudFormation deploys the last: `Encrypted: true` above `Encrypted: false`, or a second resource with the same logical id holding an administrator role, passes review unnoticed. YAML itself says mapping keys must be unique.',
      example: `Data:
  Type: AWS::EC2::Volume
  Properties:
    Encrypted: true
    AvailabilityZone: eu-west-1a
    Encrypted: false`,
      fix: 'Remove the duplicate, keeping the value you mean to deploy.',
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
        'https://yaml.org/spec/1.2.2/#mapping',
      ],
    }),
    'Keep one occurrence of the key, with the value you mean to deploy.',
  ),
  check(ctx) {
    const t = ctx.t;
    for (const d of t.duplicates) {
      const line = t.line(d.keyNode) ?? 1;
      const owner = t.resources.find((r) => r.scope[0] <= line && line <= r.scope[1] && r.keyNode !== d.keyNode);
      const anchor: Anchor = owner ?? {
        id: d.path || 'template',
        keyNode: d.keyNode,
        scope: [line, line],
        path: d.path,
      };
      const where = d.path ? ` in ${d.path}` : '';
      ctx.report(
        anchor,
        d.keyNode,
        `${d.key} is given twice${where} (first on line ${t.line(d.firstNode) ?? '?'}); CloudFormation deploys this later value`,
      );
    }
  },
};
export default rule;
