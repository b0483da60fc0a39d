import { globRegex } from '../../env/roles.js';

/**
 * Cheap textual test (no YAML parsing, no imports): could this file be a CloudFormation/SAM template?
 * Runs on every file in the pre-commit hook, so it is a couple of regex tests. Templates are recognised by content,
 * whatever their name; only files that are clearly source code or prose are skipped. The parser makes the final call
 * (a YAML file that merely mentions `AWS::` is not a template and yields `matched: false`).
 */
const NOT_TEMPLATE =
  /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|php|swift|scala|c|h|cc|cpp|hpp|sh|bash|zsh|ps1|md|markdown|rst|adoc|html?|css|scss|lock|map|svg|xml|csv|ini|toml|tf|tfvars|hcl|lua|sql)$/i;

const CONTENT = /AWSTemplateFormatVersion|(?:^|[\s{,])["']?Type["']?\s*:\s*["']?(?:AWS|Custom|Alexa)::/m;

export function looksLikeCloudFormation(path: string, content: string): boolean {
  if (NOT_TEMPLATE.test(path)) return false;
  return CONTENT.test(content);
}

/** Could this be a CloudFormation parameter file (`[{ParameterKey, ParameterValue}]`, `{"Parameters": {…}}`,
 * `["Key=Value"]` named as parameters)? The family then looks for the template it belongs to. */
const PARAM_NAME = /(?:^|[/._-])(?:params?|parameters?)(?:[/._-]|$)/i;
export function looksLikeParameterFile(path: string, content: string): boolean {
  if (!/\.(?:json|ya?ml)$/i.test(path)) return false;
  if (/"?ParameterKey"?\s*:/.test(content)) return true;
  if (/^\s*\{?\s*"?Parameters"?\s*:\s*[{[\n]/m.test(content)) return !CONTENT.test(content);
  return PARAM_NAME.test(path) && /^\s*\[\s*"[A-Za-z0-9]+=/.test(content);
}

/** An Ansible task that deploys a CloudFormation template with parameters (`amazon.aws.cloudformation`). */
export function looksLikeStackTask(content: string): boolean {
  return (
    content.includes('template_parameters') &&
    /^\s*(?:-\s+)?(?:amazon\.aws\.|community\.aws\.)?cloudformation:/m.test(content)
  );
}

/** The templates the config's `parameterFiles` ({glob: template}) maps a file to. */
export function mappedTemplates(path: string, map: ReadonlyArray<readonly [string, string]> | undefined): string[] {
  if (!map?.length) return [];
  return [...new Set(map.filter(([g]) => globRegex(g).test(path)).map(([, t]) => t))].filter((t) => t !== path);
}
