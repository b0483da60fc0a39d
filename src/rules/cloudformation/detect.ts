/** Cheap textual test (no YAML parsing): could this file be a CloudFormation/SAM template? */
export function looksLikeCloudFormation(path: string, content: string): boolean {
  if (!/\.(?:ya?ml|json|template|tmpl|cfn|txt)$/i.test(path) && /\.[A-Za-z0-9]+$/.test(path.split('/').pop() ?? ''))
    return false;
  return /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?(?:AWS|Custom)::/.test(content);
}
