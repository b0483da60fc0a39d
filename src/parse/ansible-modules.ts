/**
 * Ansible module names, to recognise a bare list of tasks wherever it lives. Import-free: the pre-commit hot path
 * (rules/ansible/detect.ts) uses it as well as the parser. Short names of ansible.builtin and of the collections
 * people use most; whole families by prefix (`win_`, `azure_rm_`, `gcp_`, `ec2_`…); any FQCN counts.
 */

const NAMES =
  // ansible.builtin
  'add_host apt apt_key apt_repository assemble assert async_status blockinfile command copy cron deb822_repository ' +
  'debconf debug dnf dnf5 dpkg_selections expect fail fetch file find gather_facts get_url getent git group group_by ' +
  'hostname import_playbook import_role import_tasks include include_role include_tasks include_vars iptables ' +
  'known_hosts lineinfile meta mount_facts package package_facts pause ping pip raw reboot replace rpm_key script ' +
  'service service_facts set_fact set_stats setup shell slurp stat subversion systemd systemd_service sysvinit ' +
  'tempfile template unarchive uri user validate_argument_spec wait_for wait_for_connection yum yum_repository ' +
  // ansible.posix, community.general, community.crypto, databases, containers, kubernetes
  'acl at authorized_key firewalld mount patch seboolean selinux synchronize sysctl timezone ufw modprobe pam_limits ' +
  'locale_gen npm gem pipx homebrew snap flatpak zypper apk pacman htpasswd ini_file make git_config filesystem lvg ' +
  'lvol parted capabilities alternatives cronvar nmcli supervisorctl dconf xml ldap_entry ldap_attrs ' +
  'openssh_keypair openssl_privatekey openssl_csr openssl_certificate x509_certificate acme_certificate ' +
  'mysql_user mysql_db mysql_query mysql_variables postgresql_user postgresql_db postgresql_privs postgresql_query ' +
  'postgresql_ext postgresql_pg_hba mongodb_user mssql_db redis rabbitmq_user rabbitmq_vhost consul consul_kv ' +
  'helm helm_repository k8s k8s_info kubectl_exec docker_container docker_image docker_network docker_volume ' +
  'docker_login docker_compose docker_compose_v2 docker_swarm docker_secret docker_config podman_container ' +
  'podman_image podman_login lxc_container proxmox proxmox_kvm haproxy nginx_status_info jenkins_plugin ' +
  'jenkins_job vault_kv2_get hashivault_read slack mail grafana_dashboard keycloak_client' +
  // cloud modules without a family prefix
  ' s3_bucket lambda lambda_policy lambda_alias sqs_queue sns_topic sns kms_key iam cloudtrail cloudfront_distribution' +
  ' kinesis_stream efs redshift opensearch elasticsearch_domain codebuild_project acm_certificate' +
  ' api_gateway sts_assume_role config_aggregator xray_sampling_rule wafv2_web_acl dynamodb_table' +
  ' cloudwatchlogs_log_group route53 route53_zone ses_identity ses_identity_policy secretsmanager_secret' +
  ' ecs_ecr ecs_cluster ecs_service ecs_taskdefinition elasticache rds rds_instance rds_cluster ec2';

export const MODULE_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

/** Families of modules recognised by their prefix (`win_copy`, `azure_rm_storageaccount`, `gcp_compute_instance`). */
export const MODULE_PREFIX =
  /^(?:win|azure_rm|gcp|ec2|aws|iam|rds|elb|s3|ecs|cloudformation|cloudfront|cloudwatch|route53|vmware|ovirt|openstack|os|nxos|ios|eos|junos|vyos|fortios|panos|netbox|zabbix|grafana|k8s|docker|podman|mysql|postgresql|openssl|x509|gitlab|github|redshift|elasticache|kinesis|dynamodb|lambda|sqs|sns|ses|kms|efs|elb|wafv2|opensearch|acm|api_gateway|iam|sts|codebuild|codecommit|codepipeline|ecs|eks|ssm|secretsmanager)_[a-z0-9_]+$/;

/** `namespace.collection.module`. */
export const FQCN = /^[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+$/;

/** Whether `key` names a module Ansible ships or a well-known collection provides. */
export function isKnownModule(key: string): boolean {
  return MODULE_NAMES.has(key) || FQCN.test(key) || MODULE_PREFIX.test(key);
}
