/**
 * # src/policies — the team's own policies
 *
 * A policy file (`policies/*.yaml`, config `policyPaths`, or `policies:` in .hookguard.yaml) says what the team's
 * infrastructure must look like; hookguard enforces it on CloudFormation templates and Ansible tasks alike (both reach
 * the shared cloud model, src/cloud) and renders it as the team's standard.
 *
 * - **types.ts** — `PolicyDef` (plain data, with file:line), `Cond`, the operators.
 * - **load.ts** — read, validate (file:line errors, exit 2), run the examples, cache by content hash;
 *   `attributePaths(policy)` lists every attribute path with its resource type and line (for spec validation).
 * - **eval.ts** — conditions over a `CloudResource`: pass / fail (with the value to blame) / unknown.
 * - **run.ts** — policies as rules of the CloudFormation and Ansible families (`cfnRules`, `ansibleRules`).
 * - **examples.ts** — each policy's examples through the real families.
 * - **docs.ts** — `policyDoc` (explain, SARIF) and `renderStandard` (`hookguard policy`).
 * - **starter.ts** — `hookguard policy init`'s starter pack.
 *
 * Nothing here is loaded when a repository has no policies.
 */
export { loadPolicies, parsePolicies, policyFiles, attributePaths, type PolicySources } from './load.js';
export { evaluate, walk, splitPath, type Outcome } from './eval.js';
export { cfnRules, ansibleRules, moduleMatches, policyMeta, environmentOf } from './run.js';
export { policyDoc, renderStandard } from './docs.js';
export { checkExamples, runExample, type Families } from './examples.js';
export type { PolicyDef, PolicyBundle, Cond, PolicyExample } from './types.js';
export { STARTER, writeStarter } from './starter.js';
