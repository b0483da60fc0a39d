import type { FailOn, RuleDoc } from '../types.js';

export interface ReportContext {
  toolVersion: string;
  failOn: FailOn;
  color: boolean;
  /** Every rule (SARIF lists them all in tool.driver.rules). */
  rules: RuleDoc[];
  /** Human name of what was scanned, e.g. "staged changes". */
  scope?: string;
  /** A hook run (staged, pre-push): existing problems below high are summed up per file unless `verbose`. */
  hook?: boolean;
  verbose?: boolean;
  /** How the user runs hookguard, for the commands a report suggests: `npx hookguard` where it is a project's
   * dependency (node_modules/.bin is not on a shell's PATH), else `hookguard`. */
  command?: string;
}
