import type { AnsibleRule } from '../context.js';
import { doc } from '../docs.js';
import { cloudCheck } from '../cloud.js';
import { apiBodyAuthorizer } from '../../../cloud/checks/aws-exposure.js';

const rule: AnsibleRule = {
  meta: {
    id: 'ANS-AWS-016',
    title: 'API Gateway definition without an authorizer',
    severity: 'medium',
    category: 'ansible',
    modules: ['api_gateway', 'aws_api_gateway'],
    docs: doc({
      what: 'Flags api_gateway / aws_api_gateway whose `swagger_dict` or `swagger_text` defines paths with no security scheme (`securityDefinitions`, `components.securitySchemes`), no global or per-operation `security` and no `x-amazon-apigateway-auth`. A `swagger_file` cannot be read and is left alone.',
      why: 'Every method of such an API can be called by anyone on the internet who knows the URL.',
      bad: '- community.aws.api_gateway:\n    swagger_dict:\n      swagger: "2.0"\n      info: { title: orders, version: "1" }\n      paths:\n        /orders:\n          get: {}\n    stage: prod',
      good: '- community.aws.api_gateway:\n    swagger_dict:\n      swagger: "2.0"\n      info: { title: orders, version: "1" }\n      securityDefinitions:\n        cognito: { type: apiKey, name: Authorization, in: header }\n      security: [{ cognito: [] }]\n      paths:\n        /orders:\n          get: {}\n    stage: prod',
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html'],
    }),
    remediation: 'Declare an authorizer (Cognito, Lambda, IAM) in the definition and require it on every operation.',
  },
  check: cloudCheck(apiBodyAuthorizer, ['api-no-authorizer']),
};
export default rule;
