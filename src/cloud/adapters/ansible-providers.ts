/**
 * azure.azcollection and google.cloud modules → normalised resources. Their arguments already mirror the provider's
 * API (ARM properties in snake_case, the GCP REST fields in snake_case), so properties keep the module's argument
 * names; the kind is the provider's resource type. The checks in ../checks/azure.ts and ../checks/gcp.ts read them.
 */
const AZ = ['', 'azure.azcollection'] as const;
const GCP = ['', 'google.cloud'] as const;

/** Module short names → provider resource type, collections. */
export const PROVIDER_MODULES: ReadonlyArray<readonly [readonly string[], string, readonly string[]]> = [
  [['azure_rm_securitygroup'], 'Microsoft.Network/networkSecurityGroups', AZ],
  [['azure_rm_storageaccount'], 'Microsoft.Storage/storageAccounts', AZ],
  [['azure_rm_storageblob'], 'Microsoft.Storage/storageAccounts/blobServices/containers', AZ],
  [['azure_rm_subnet'], 'Microsoft.Network/virtualNetworks/subnets', AZ],
  [['azure_rm_sqlfirewallrule'], 'Microsoft.Sql/servers/firewallRules', AZ],
  [['azure_rm_rediscachefirewallrule'], 'Microsoft.Cache/redis/firewallRules', AZ],
  [['azure_rm_mysqlfirewallrule'], 'Microsoft.DBforMySQL/servers/firewallRules', AZ],
  [['azure_rm_postgresqlfirewallrule'], 'Microsoft.DBforPostgreSQL/servers/firewallRules', AZ],
  [['azure_rm_mariadbfirewallrule'], 'Microsoft.DBforMariaDB/servers/firewallRules', AZ],
  [['azure_rm_cosmosdbaccount'], 'Microsoft.DocumentDB/databaseAccounts', AZ],
  [['azure_rm_containerregistry'], 'Microsoft.ContainerRegistry/registries', AZ],
  [['azure_rm_sqlserver'], 'Microsoft.Sql/servers', AZ],
  [['azure_rm_roledefinition'], 'Microsoft.Authorization/roleDefinitions', AZ],
  [['azure_rm_aks'], 'Microsoft.ContainerService/managedClusters', AZ],
  [['azure_rm_webapp'], 'Microsoft.Web/sites', AZ],
  [['azure_rm_rediscache'], 'Microsoft.Cache/redis', AZ],
  [['azure_rm_mysqlserver'], 'Microsoft.DBforMySQL/servers', AZ],
  [['azure_rm_postgresqlserver'], 'Microsoft.DBforPostgreSQL/servers', AZ],
  [['azure_rm_mariadbserver'], 'Microsoft.DBforMariaDB/servers', AZ],
  [['azure_rm_postgresqlconfiguration'], 'Microsoft.DBforPostgreSQL/servers/configurations', AZ],
  [['azure_rm_monitorlogprofile'], 'Microsoft.Insights/logprofiles', AZ],
  [['azure_rm_keyvault'], 'Microsoft.KeyVault/vaults', AZ],
  [['azure_rm_lock'], 'Microsoft.Authorization/locks', AZ],
  [['azure_rm_appgateway'], 'Microsoft.Network/applicationGateways', AZ],
  [['gcp_container_cluster'], 'container.v1.cluster', GCP],
  [['gcp_container_node_pool'], 'container.v1.nodePool', GCP],
  [['gcp_compute_instance', 'gcp_compute_instance_template'], 'compute.v1.instance', GCP],
  [['gcp_compute_firewall'], 'compute.v1.firewall', GCP],
  [['gcp_sql_instance'], 'sqladmin.v1beta4.instance', GCP],
  [['gcp_storage_bucket'], 'storage.v1.bucket', GCP],
  [['gcp_bigquery_dataset'], 'bigquery.v2.dataset', GCP],
  [['gcp_compute_disk'], 'compute.v1.disk', GCP],
  [['gcp_kms_crypto_key'], 'cloudkms.v1.cryptoKey', GCP],
  [['gcp_dns_managed_zone'], 'dns.v1.managedZone', GCP],
  [['gcp_compute_ssl_policy'], 'compute.v1.sslPolicy', GCP],
  [['gcp_compute_subnetwork'], 'compute.v1.subnetwork', GCP],
];
