import type { IacFamily } from '../iac.js';

/** CloudFormation rule family (rules are registered here one file each). */
export const family: IacFamily = {
  category: 'cloudformation',
  rules: [],
  lint() {
    return { matched: false, findings: [], errors: [] };
  },
};
