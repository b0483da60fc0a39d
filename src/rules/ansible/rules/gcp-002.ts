import { atArg, known, pairsOf, isSeq, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const MODULES = ['gcp_storage_bucket', 'gcp_storage_bucket_access_control', 'gcp_storage_default_object_acl'];
const PUBLIC = /^(?:allUsers|allAuthenticatedUsers)$/;

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-GCP-002',
    title: 'GCP storage bucket readable or writable by everyone',
    severity: 'high',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: 'Flags gcp_storage_bucket with `predefined_acl`/`predefined_default_object_acl` `publicRead`/`publicReadWrite`/`authenticatedRead`, and ACL entries (`acl`, `default_object_acl`, access-control modules) for `allUsers` or `allAuthenticatedUsers`.',
      why: "`allUsers` is anyone on the internet and `allAuthenticatedUsers` is anyone with a Google account: the bucket's objects leak, and with write access anyone can plant or replace them.",
      bad: '- google.cloud.gcp_storage_bucket:\n    name: backups\n    project: my-project\n    auth_kind: serviceaccount\n    predefined_default_object_acl: publicRead',
      good: '- google.cloud.gcp_storage_bucket:\n    name: backups\n    project: my-project\n    auth_kind: serviceaccount\n    predefined_default_object_acl: projectPrivate',
      refs: [
        'https://cloud.google.com/storage/docs/access-control/making-data-public',
        'CIS Google Cloud Platform Foundation 5.1',
      ],
    }),
    remediation:
      'Grant access to specific principals; enforce uniform bucket-level access and public access prevention.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      if (known(t.args.get('state'))?.toLowerCase() === 'absent') continue;
      for (const k of ['predefined_acl', 'predefined_default_object_acl']) {
        const a = t.args.get(k);
        const v = known(a);
        if (v && /^(?:publicRead|publicReadWrite|authenticatedRead)$/.test(v.trim()))
          atArg(ctx, t, a!, `${t.module} ${k}: ${v} makes the bucket's objects public.`);
      }
      const entity = t.args.get('entity');
      const ev = known(entity);
      if (ev && PUBLIC.test(ev.trim())) atArg(ctx, t, entity!, `${t.module} grants ${ev} access.`);
      for (const k of ['acl', 'default_object_acl']) {
        const list = t.args.get(k)?.node;
        if (!isSeq(list)) continue;
        list.items.forEach((item, i) => {
          const e = pairsOf(ctx, item).find((x) => x.key === 'entity');
          const v = known(e);
          if (e && v && PUBLIC.test(v.trim()))
            ctx.report({
              at: e.keyPos,
              scope: t.scope,
              path: `${t.path}.${t.module}.${k}[${i}].entity`,
              message: `${t.module} ${k} grants ${v} access.`,
            });
        });
      }
    }
  },
};
export default rule;
