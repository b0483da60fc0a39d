/**
 * The normalised cloud resource: what every adapter produces and every shared check reads.
 *
 * Vocabulary: for AWS the `kind` is the CloudFormation resource type (`AWS::EC2::SecurityGroup`) and the property
 * names and shapes are those of the CloudFormation resource schema (`SecurityGroupIngress[].CidrIp`). The
 * CloudFormation adapter is therefore close to the identity; other adapters (Ansible `amazon.aws.*` modules)
 * translate their arguments into that vocabulary. Other clouds use their provider's resource type names the same way
 * (ARM types for Azure, `compute.v1.firewall`-style names for GCP).
 *
 * Values keep where they came from (`loc`) so a check can report at the exact line, and are *unknown* when the file
 * alone cannot tell (a `!Ref` to a parameter without Default, a GetAtt, `{{ jinja }}`, a vaulted value). Unknown is
 * never insecure. CloudFormation's `!If` gives an `alt`: each option may be what is deployed.
 */
import { UNKNOWN, type Plain } from '../parse/cloudformation.js';
import type { Severity } from '../types.js';

export { UNKNOWN, type Plain };

export interface Pos {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a value came from. Each format reports from it in its own way. */
export interface Loc {
  /** Stable logical path (fingerprints), e.g. `Resources.Web.Properties.SecurityGroupIngress[0].CidrIp`. */
  path: string;
  /** Where to report (Ansible: the argument's key). */
  pos?: Pos | undefined;
  /** The format's own node (CloudFormation reports relative to it: key and value on one line). */
  node?: unknown;
}

interface Base {
  loc: Loc;
  /** Why the value is what it is ("Default of parameter AdminCidr"). */
  why?: string | undefined;
  /** The parameter or variable the value came from, when it came from one. */
  ref?: string | undefined;
}

export interface CScalar extends Base {
  t: 'scalar';
  value: Plain;
}

/** Cannot be known from the file alone. `raw` keeps the text when there was one (`{{resolve:ssm:…}}`, Jinja). */
export interface CUnknown extends Base {
  t: 'unknown';
  raw?: string | undefined;
}

export interface CList extends Base {
  t: 'list';
  items: CValue[];
}

export interface CMap extends Base {
  t: 'map';
  entries: Map<string, CValue>;
}

/** Several possible values (CloudFormation `!If`): any option may be the deployed one. */
export interface CAlt extends Base {
  t: 'alt';
  options: CValue[];
}

export type CValue = CScalar | CUnknown | CList | CMap | CAlt;

export type Format = 'cloudformation' | 'ansible';

export interface CloudResource {
  /** `AWS::EC2::SecurityGroup`, … (see the vocabulary note above). */
  kind: string;
  /** Logical id (CloudFormation) or task name / module (Ansible). */
  name: string;
  format: Format;
  /** The resource as a whole (its key or task line). */
  loc: Loc;
  /** Properties in the kind's vocabulary. */
  props: CMap;
  /** The format's own object (CloudFormation `Resource`, Ansible `Task`); only the format's reporter reads it. */
  origin: unknown;
  /**
   * The source sets only some properties of a resource that exists elsewhere (an Ansible `s3_cors` task, an
   * `rds_instance` task without an engine): a property it leaves out is unknown, not absent.
   */
  partial?: boolean;
}

/** What a shared check reports. `code` names the finding class; each format maps codes to its rule ids. */
export interface CloudFinding {
  code: string;
  resource: CloudResource;
  /** The value to point at; absent → the resource itself (a required property is missing). */
  at?: CValue | undefined;
  message: string;
  why?: string | undefined;
  /** When the risk in this context differs from the rule's default severity. */
  severity?: Severity | undefined;
  /** The value is a secret: reports mask it. */
  secret?: boolean | undefined;
  /** A short, format-neutral detail for tests and de-duplication (the port, the CIDR, the action). */
  detail?: string | undefined;
  /** Other values the finding concerns (the ports a world-open rule opens), shown as related locations. */
  related?: Array<{ at: CValue; message: string }> | undefined;
}

export type Emit = (f: CloudFinding) => void;

/** A check written once per resource kind. */
export interface CloudCheck {
  name: string;
  kinds: readonly string[];
  /** The finding classes it emits, with a one-line description each. */
  codes: Readonly<Record<string, string>>;
  /** `all` is every resource of the same file (for checks that relate resources). */
  run(r: CloudResource, emit: Emit, all: readonly CloudResource[]): void;
}
