/**
 * # src/cloud — the format-neutral cloud resource model
 *
 * Each cloud check is written once, here, and every format reaches it through an adapter:
 *
 * ```
 *  CloudFormation resource ─┐                      ┌─► CFN-SG-001 … (src/rules/cloudformation, via ./cloud.ts there)
 *  Ansible cloud-module task ┼─► CloudResource ─► check ─┤
 *  (Azure, GCP modules …)  ─┘   (model.ts)   (checks/) └─► ANS-AWS-001 … (src/rules/ansible, via ./cloud.ts there)
 * ```
 *
 * - **model.ts** — `CloudResource { kind, name, format, loc, props, origin }`. Properties are `CValue`s: scalar,
 *   list, map, `alt` (CloudFormation `!If`: each option may be deployed) and `unknown` (`!Ref` without Default,
 *   GetAtt, `{{resolve:…}}`, Jinja, `!vault`). Every value has a `loc` (stable path + position/node). Unknown is never
 *   insecure. For AWS the vocabulary is CloudFormation's: `kind` is the resource type, property names and shapes are
 *   the resource schema's.
 * - **values.ts** — reading values: `get(v, 'A.B')`, `items(v)` (list items, alternatives expanded), `scalars(v)`
 *   (every possible scalar with where it is), `boolOf`, `asNum`, `asStr`, `present`.
 * - **constants.ts** — world CIDRs in every spelling (`isWorldCidr`), wide/private ranges, the admin / data /
 *   remote-management port lists. Nothing else keeps its own list.
 * - **policy.ts** — the policy-statement analyser for identity, trust and resource policies (JSON strings and folded
 *   YAML scalars parsed): `statements`, `grants`, `wildcardActions`, `wildcardPrincipal`, `publicStatements`,
 *   `conditionEntries`, `restricts`, `principalAccount`, `isAccountRoot`.
 * - **adapters/cloudformation.ts** — `fromCfnResource(t, r)`, `cfnValue(t, node)`.
 * - **adapters/ansible.ts** — `fromAnsibleTask(task, { pos })`, `yamlValue`, `argValue`, and `ANSIBLE_ADAPTERS`
 *   (module short name → kind + argument translation).
 * - **checks/** — one file per resource family; a `CloudCheck { name, kinds, codes, run(resource, emit, all) }` emits
 *   `CloudFinding { code, resource, at, message, why?, severity?, secret?, detail? }`.
 *
 * ## Adding an adapter (e.g. an Ansible module)
 * 1. In adapters/ansible.ts write `props(task, src): CMap` that renames the module's arguments to the kind's
 *    CloudFormation property names (`argValue(task, arg, src)` gives each argument with its position; reshape where
 *    the module differs, as `sgRule` does for `ports: [22, "8000-8100"]`). Keep Jinja unknown; never invent values.
 * 2. Register it in `ANSIBLE_ADAPTERS` under the module's short name, with `collections` (`''` for the short name,
 *    plus `amazon.aws`/`community.aws`, `azure.azcollection`, `google.cloud`…) and `applies` (skip `state: absent`).
 * 3. Unit-test it in test/cloud/: the adapted props equal the CloudFormation resource's, and the shared check gives
 *    the same findings for both (see test/cloud/sg-equivalence.test.ts).
 *
 * ## Adding a check
 * 1. Write `checks/<family>.ts` exporting a `CloudCheck`: `kinds` it reads, `codes` it emits (one per finding class),
 *    and `run`, which reads only the normalised props (never a format's nodes) and emits at the value to blame (or
 *    without `at` when a required property is missing). Use constants.ts and policy.ts instead of local lists.
 * 2. Each format's rule file reports the codes it owns: CloudFormation `check: cloudCheck(myCheck, ['code'])` from
 *    src/rules/cloudformation/cloud.ts, Ansible the same from src/rules/ansible/cloud.ts. Rule ids stay per format
 *    (CFN-…, ANS-…); one check may report under both.
 * 3. PASS/FAIL fixtures per rule as usual; the check itself gets a unit test on adapted resources.
 */
export * from './model.js';
export * from './values.js';
export * from './constants.js';
export * as policy from './policy.js';
export { securityGroupCheck, SG_CODES, SG_KINDS, type SgCode } from './checks/security-group.js';
export { fromCfnResource, cfnValue } from './adapters/cloudformation.js';
export { fromAnsibleTask, yamlValue, argValue, ANSIBLE_ADAPTERS, type AnsibleAdapter } from './adapters/ansible.js';
