/**
 * Rules that are neither secret patterns nor an IaC family: hookguard's own (HG-*), the access rules (ACCESS-*) and
 * the certificate rule (CERT-*).
 * Their docs join `hookguard rules`, `explain`, SARIF and docs/rules through this registry.
 */
import type { RuleDoc } from '../../types.js';
import { unusedRule } from './unused.js';
import { ownRule } from './own.js';
import { access001, access002 } from '../access/rules.js';
import { cert001 } from '../certs/rules.js';

export function hookguardRuleDocs(): RuleDoc[] {
  return [unusedRule, ownRule, access001, access002, cert001];
}
