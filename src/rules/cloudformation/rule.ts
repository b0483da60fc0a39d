/** The shape of a CloudFormation rule and the context its check receives. */
import type { Node, Scalar } from 'yaml';
import type { IacRuleMeta } from '../iac.js';
import type { Severity } from '../../types.js';
import type { CfnTemplate, Resource } from '../../parse/cloudformation.js';

/** What a finding is anchored to: a resource, or an Output/Parameter block. */
export interface Anchor {
  /** Logical id (resources), or `Outputs.X` / `Parameters.X`. */
  id: string;
  keyNode: Scalar;
  scope: [number, number];
  path: string;
  /** Resource Metadata (for suppressions); absent for Outputs/Parameters. */
  metadata?: Node | undefined;
}

export interface ReportExtra {
  /** One-line explanation of a resolved value, e.g. "Default of parameter AdminCidr". */
  why?: string | undefined;
  /** The node is a secret value: reports mask it. */
  secret?: boolean;
  /** Severity for this finding when it differs from the rule's. */
  severity?: Severity;
  /** Other nodes the finding concerns (the ports a rule opens): related locations after the resource key. */
  related?: Array<{ node: Node; message: string }>;
}

export interface CfnContext {
  t: CfnTemplate;
  /** Resources whose Type is in the rule's `meta.resources` (every resource when the rule lists none). */
  resources: Resource[];
  /** Report a finding at `node` (a property value), or at the anchor's key when the property is missing. */
  report(anchor: Anchor, node: Node | undefined, message: string, extra?: ReportExtra): void;
}

export interface CfnRule {
  meta: IacRuleMeta & { category: 'cloudformation'; resources: string[] };
  check(ctx: CfnContext): void;
}
