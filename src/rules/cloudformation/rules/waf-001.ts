import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { wafDefaultAllow } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-WAF-001',
    'Classic WAF web ACL allows requests no rule blocks',
    'low',
    ['AWS::WAF::WebACL', 'AWS::WAFRegional::WebACL'],
    doc({
      what: `A classic \`AWS::WAF::WebACL\` or \`AWS::WAFRegional::WebACL\` whose \`DefaultAction.Type\` is \`ALLOW\`.`,
      why: `With a default of ALLOW the ACL only stops what its block rules foresee; an allow-list (default BLOCK) fails closed. Classic WAF is also retired: move to WAFv2 with managed rule groups.`,
      example: `Acl:
  Type: AWS::WAF::WebACL
  Properties:
    DefaultAction: {Type: ALLOW}`,
      fix: `Use \`DefaultAction: {Type: BLOCK}\` with allow rules for legitimate traffic, or migrate to WAFv2.`,
      refs: ['https://docs.aws.amazon.com/waf/latest/developerguide/classic-web-acl-default-action.html'],
    }),
    'Use DefaultAction BLOCK, or migrate to WAFv2.',
  ),
  check: cloudCheck(wafDefaultAllow, ['waf-default-allow']),
};
export default rule;
