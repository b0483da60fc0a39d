import type { CfnRule } from '../rule.js';
import { doc, meta } from '../util.js';
import { cloudCheck } from '../cloud.js';
import { mskPublicAccess } from '../../../cloud/checks/network.js';

const rule: CfnRule = {
  meta: meta(
    'CFN-MSK-001',
    'MSK cluster brokers are reachable from the internet',
    'high',
    ['AWS::MSK::Cluster'],
    doc({
      what: `An \`AWS::MSK::Cluster\` whose \`BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type\` is \`SERVICE_PROVIDED_EIPS\`: every broker gets a public IP address.`,
      why: `Kafka brokers with public addresses can be reached (and probed for weak authentication or unpatched versions) by anyone on the internet; producers and consumers almost always sit in the same VPC or a peered one.`,
      example: `Kafka:
  Type: AWS::MSK::Cluster
  Properties:
    BrokerNodeGroupInfo:
      ConnectivityInfo:
        PublicAccess:
          Type: SERVICE_PROVIDED_EIPS`,
      fix: `Set \`PublicAccess.Type: DISABLED\` (the default) and reach the cluster through the VPC, peering or PrivateLink.`,
      refs: ['https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html'],
    }),
    'Set PublicAccess.Type to DISABLED.',
  ),
  check: cloudCheck(mskPublicAccess, ['msk-public-access']),
};
export default rule;
