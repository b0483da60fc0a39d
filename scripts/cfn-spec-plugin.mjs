// esbuild plugin of scripts/build.mjs and scripts/build-action.mjs: src/cloud/cfn-spec.json (the trimmed
// CloudFormation specification, ~650 KB) stays out of the bundles. The build copies it next to them (lib/, dist/), and
// the bundled module reads it when src/cloud/spec.ts first asks (a few ms), so loading the CloudFormation family costs
// nothing for it: bundled as a JavaScript object it added ~15 ms to every load of the family, lookups or not.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const CFN_SPEC = path.join(root, 'src', 'cloud', 'cfn-spec.json');

const loader = `import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export default function readCfnSpec() {
  for (const rel of ['./cfn-spec.json', '../cfn-spec.json']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error('hookguard: cfn-spec.json not found next to the bundle (run npm run build)');
}
`;

export const cfnSpecPlugin = {
  name: 'cfn-spec',
  setup(b) {
    b.onLoad({ filter: /[\\/]cfn-spec\.json$/ }, () => ({ contents: loader, loader: 'js', resolveDir: root }));
  },
};

/** Put cfn-spec.json where the bundles in `dir` look for it. */
export function copyCfnSpec(dir) {
  copyFileSync(CFN_SPEC, path.join(dir, 'cfn-spec.json'));
}
