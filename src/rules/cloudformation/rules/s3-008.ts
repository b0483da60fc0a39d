import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { s3CorsWildcard } from '../../../cloud/checks/aws-exposure.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-S3-008',
    'S3 bucket CORS rule allows any origin',
    'low',
    ['AWS::S3::Bucket'],
    doc({
      what: 'An `AWS::S3::Bucket` whose `CorsConfiguration.CorsRules[].AllowedOrigins` (or `AllowedMethods`) contains `"*"`. The same check as the Ansible ANS-AWS-011. Hygiene: never blocking.',
      why: "CORS decides which web sites' scripts may read the bucket's responses in a visitor's browser. With `*`, any page on the internet can fetch what the bucket serves to that visitor (pre-signed URLs a page holds, objects behind a bucket policy that trusts the visitor's network) and, with PUT/POST allowed, write to it.",
      example: `Uploads:
  Type: AWS::S3::Bucket
  Properties:
    CorsConfiguration:
      CorsRules:
        - AllowedOrigins: ['*']
          AllowedMethods: [GET, PUT]`,
      fix: 'List the origins of your own sites in `AllowedOrigins` (`https://app.example.com`), and only the methods they use.',
      fixed: `        - AllowedOrigins: [https://app.example.com]
          AllowedMethods: [GET, PUT]`,
      refs: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-corsrule.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html',
      ],
    }),
    'Name the allowed origins (and methods) in the CORS rules instead of "*".',
  ),
  check: cloudCheck(s3CorsWildcard, ['s3-cors-wildcard']),
};
export default rule;
