import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { apigwCacheEncryption } from '../../../cloud/checks/data.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-APIGW-004',
    'API Gateway cache is not encrypted',
    'medium',
    ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
    doc({
      what: `An \`AWS::ApiGateway::Stage\` method setting (or a Deployment's \`StageDescription\`) with \`CachingEnabled: true\` and without \`CacheDataEncrypted: true\`.`,
      why: `Cached responses may hold personal data or tokens; the cache is stored unencrypted otherwise.`,
      example: `Stage:
  Type: AWS::ApiGateway::Stage
  Properties:
    MethodSettings:
      - {HttpMethod: "*", ResourcePath: "/*", CachingEnabled: true}`,
      fix: `Set \`CacheDataEncrypted: true\` wherever caching is on.`,
      refs: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'],
    }),
    'Set CacheDataEncrypted: true.',
  ),
  check: cloudCheck(apigwCacheEncryption, ['apigw-cache-encryption']),
};
export default rule;
