/** Library entry: the engine behind the CLI and the Action. */
export {
  scan,
  loadRulesAndConfig,
  iacRuleDocs,
  secretRuleDoc,
  LIMITS,
  type ScanOptions,
  type ScanOutcome,
} from './scan/index.js';
export { readPatternDir, validatePatterns, compileRuleSet, loadBuiltinPatterns } from './rules/secrets/load.js';
export { detectSecrets } from './rules/secrets/detect.js';
export { mask } from './rules/secrets/mask.js';
export { jsonReport } from './report/json.js';
export { sarifReport } from './report/sarif.js';
export { textReport } from './report/text.js';
export { githubReport } from './report/github.js';
export * from './types.js';
export { findEncoded } from './rules/secrets/decode.js';
export { CONFIG_SCHEMA } from './config/schema.js';
export { FIXES } from './fix/registry.js';
export { noFixReason } from './fix/reasons.js';
export { applyFixes } from './fix/index.js';
