/**
 * A team policy as the loader leaves it: plain data (it crosses to scan workers and into the validation cache), with
 * the file and line of every part so errors and `attributePaths` can name them.
 */
import type { Severity } from '../types.js';

/** Operators of a leaf condition (`{attribute: PATH, OP: VALUE}`). */
export const OPERATORS = [
  'exists',
  'absent',
  'equals',
  'not-equals',
  'in',
  'not-in',
  'matches',
  'gt',
  'gte',
  'lt',
  'lte',
  'cidr-within',
  'cidr-is-world',
  'contains',
  'count',
  'denies-insecure-transport',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Cond =
  | { all: Cond[]; line: number }
  | { any: Cond[]; line: number }
  | { not: Cond; line: number }
  /** `attribute` split into segments (`Tags.data`, `SecurityGroupIngress[].CidrIp` → `['SecurityGroupIngress', '[]', 'CidrIp']`). */
  | { attribute: string; path: string[]; op: Operator; value: unknown; line: number }
  /** The file's environment (src/env): `{environment: {in: [prod]}}`. */
  | { environment: { op: 'in' | 'not-in'; names: string[] }; line: number }
  /**
   * Every item of a list (`each: SecurityGroupIngress`): the `where` and `condition` paths are read on the item, so
   * "port 22 only from the office range" judges each ingress rule on its own, whatever the other rules say.
   */
  | { each: { attribute: string; path: string[]; where?: Cond | undefined; condition: Cond }; line: number }
  /** Another resource of the same file that refers to this one (or comes from the same Ansible task). */
  | { related: { kind: string; via?: string | undefined; condition?: Cond | undefined }; line: number };

export interface PolicyExample {
  format: 'cloudformation' | 'ansible';
  text: string;
  line: number;
  /** The path the example is checked as (decides its environment); default by format. */
  path?: string | undefined;
}

/** What a policy looks at: cloud resources by kind, Ansible tasks by module, or host settings. */
export interface PolicyTarget {
  resources?: string[];
  modules?: string[];
  host?: 'sshd' | 'sysctl' | 'packages';
}

export interface PolicyDef {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  owners: string[];
  /** The group in the rendered standard (networking, encryption, storage, identity, hosts, …). */
  service: string;
  remediation: string;
  scope: { paths: string[]; environments: string[] };
  target: PolicyTarget;
  where?: Cond | undefined;
  condition: Cond;
  examples: { fail: PolicyExample[]; pass: PolicyExample[] };
  /** Where the policy is written (file relative to the repository root, and its `- id:` line). */
  file: string;
  line: number;
}

/** A loaded set of policies, as the engine receives it. */
export interface PolicyBundle {
  policies: PolicyDef[];
  /** Config `environments:` globs (the environment model ENV-00x uses), to place a file in an environment. */
  envGlobs?: Array<[string, string[]]>;
}
