import type { IacFamily } from '../iac.js';

/** Ansible rule family (rules are registered here one file each). */
export const family: IacFamily = {
  category: 'ansible',
  rules: [],
  lint() {
    return { matched: false, findings: [], errors: [] };
  },
};
