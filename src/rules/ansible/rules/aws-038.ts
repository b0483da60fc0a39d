import { atArg, atTask, isFalse, known, type AnsibleRule } from '../context.js';
import { doc } from '../docs.js';

const MODULES = ['api_gateway', 'aws_api_gateway'];

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-038',
    title: 'API Gateway stage deployed without X-Ray tracing',
    severity: 'low',
    category: 'ansible',
    modules: MODULES,
    docs: doc({
      what: "Flags community.aws.api_gateway tasks that deploy the API to a stage (`stage:` set) with `tracing_enabled: false` or without `tracing_enabled` (the module's default is false). `state: absent`, tasks that deploy nowhere and Jinja values are not judged. The same check as CFN-APIGW-006. Hygiene: never blocking.",
      why: 'Without X-Ray traces an investigation cannot follow a request from the API into the functions and services behind it: which caller reached which backend, and where a request was slowed or failed.',
      bad: '- community.aws.api_gateway:\n    swagger_file: api.yml\n    stage: production',
      good: '- community.aws.api_gateway:\n    swagger_file: api.yml\n    stage: production\n    tracing_enabled: true',
      refs: [
        'https://docs.ansible.com/ansible/latest/collections/community/aws/api_gateway_module.html',
        'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html',
      ],
    }),
    remediation: 'Set tracing_enabled: true on the task that deploys the stage.',
  },
  check(ctx) {
    for (const t of ctx.tasksFor(MODULES)) {
      if (known(t.args.get('state')) === 'absent') continue;
      const stage = t.args.get('stage');
      if (!stage || (typeof stage.value === 'string' && !stage.value.trim())) continue;
      const tracing = t.args.get('tracing_enabled');
      if (isFalse(tracing)) atArg(ctx, t, tracing!, `${t.module} deploys the stage with X-Ray tracing turned off.`);
      else if (!tracing)
        atTask(
          ctx,
          t,
          `${t.module} deploys the stage without X-Ray tracing (tracing_enabled is false by default).`,
          'tracing_enabled',
        );
    }
  },
};
export default rule;
