/**
 * Azure resources (azure.azcollection modules, see ../adapters/ansible-providers.ts). Properties keep the modules'
 * argument names, which mirror the ARM properties in snake_case (`https_only`, `network_acls.default_action`).
 */
import type { CloudCheck, CloudResource, CValue, Emit } from '../model.js';
import { asBool, asNum, asStr, get, isKnown, items, scalars, type Scalar, getSet } from '../values.js';
import { forbidTrue, nearest, propCheck, requireTrue } from './factory.js';

const known = (v: CValue | undefined): Scalar | undefined => scalars(v).find(isKnown);
const lower = (s: Scalar | undefined) => (s ? (asStr(s) ?? '').trim().toLowerCase() : undefined);

export const storagePublicContainer = propCheck({
  code: 'az-public-container',
  kinds: ['Microsoft.Storage/storageAccounts/blobServices/containers'],
  description: 'a blob container allows anonymous reads',
  path: 'public_access',
  bad: (s) => /^(?:blob|container)$/i.test(asStr(s) ?? ''),
  message: (r, s) =>
    `${r.name} lets anyone read ${asStr(s) === 'container' ? 'and list the container' : 'its blobs'} anonymously (public_access: ${asStr(s)})`,
});

export const storageTrustedServices: CloudCheck = {
  name: 'az-storage-bypass',
  kinds: ['Microsoft.Storage/storageAccounts'],
  codes: { 'az-storage-bypass': 'trusted Microsoft services cannot reach the account through its firewall' },
  run(r, emit) {
    const b = get(r.props, 'network_acls.bypass');
    const s = known(b);
    if (s && !/azureservices/i.test(asStr(s) ?? ''))
      emit({
        code: 'az-storage-bypass',
        resource: r,
        at: s.at,
        message: `${r.name} network rules do not let trusted Microsoft services through (bypass: ${asStr(s)}), so backup, logging and Defender cannot reach it`,
      });
  },
};

export const subnetNsg: CloudCheck = {
  name: 'az-subnet-nsg',
  kinds: ['Microsoft.Network/virtualNetworks/subnets'],
  codes: { 'az-subnet-nsg': 'the subnet has no network security group' },
  run(r, emit) {
    if (getSet(r.props, 'security_group') ?? getSet(r.props, 'security_group_name')) return;
    const name = lower(known(get(r.props, 'name'))) ?? '';
    // Azure reserves these subnets for its own gateways, which do not take an NSG.
    if (
      /^(?:gatewaysubnet|azurefirewallsubnet|azurefirewallmanagementsubnet|azurebastionsubnet|routeserversubnet)$/.test(
        name,
      )
    )
      return;
    emit({ code: 'az-subnet-nsg', resource: r, message: `${r.name} has no network security group (security_group)` });
  },
};

function ipNum(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return undefined;
  return ((p[0]! * 256 + p[1]!) * 256 + p[2]!) * 256 + p[3]!;
}

/** SQL, Redis, MySQL, PostgreSQL and MariaDB firewall rules that open the server to everyone or to a wide range. */
export const dbFirewallOpen: CloudCheck = {
  name: 'az-firewall-open',
  kinds: [
    'Microsoft.Sql/servers/firewallRules',
    'Microsoft.Cache/redis/firewallRules',
    'Microsoft.DBforMySQL/servers/firewallRules',
    'Microsoft.DBforPostgreSQL/servers/firewallRules',
    'Microsoft.DBforMariaDB/servers/firewallRules',
  ],
  codes: { 'az-firewall-open': 'a firewall rule admits the whole internet or a wide range' },
  run(r, emit) {
    const start = known(get(r.props, 'start_ip_address'));
    const end = known(get(r.props, 'end_ip_address'));
    if (!start || !end) return;
    const a = ipNum(asStr(start) ?? '');
    const b = ipNum(asStr(end) ?? '');
    if (a === undefined || b === undefined) return;
    if (a === 0 && b === 0) {
      emit({
        code: 'az-firewall-open',
        resource: r,
        at: start.at,
        message: `${r.name} (0.0.0.0 to 0.0.0.0) admits every Azure service of every tenant, not just yours`,
        severity: 'medium',
      });
      return;
    }
    const size = b - a + 1;
    if (size >= 2 ** 32 - 2 ** 24)
      emit({
        code: 'az-firewall-open',
        resource: r,
        at: start.at,
        message: `${r.name} admits the whole internet (${asStr(start)} to ${asStr(end)})`,
      });
    else if (size > 2 ** 16)
      emit({
        code: 'az-firewall-open',
        resource: r,
        at: start.at,
        message: `${r.name} admits ${size.toLocaleString('en-US')} addresses (${asStr(start)} to ${asStr(end)})`,
        severity: 'medium',
      });
  },
};

export const cosmosIpFilter: CloudCheck = {
  name: 'az-cosmos-ip-filter',
  kinds: ['Microsoft.DocumentDB/databaseAccounts'],
  codes: { 'az-cosmos-ip-filter': 'the account accepts connections from any network' },
  run(r, emit) {
    if (getSet(r.props, 'ip_rules') ?? getSet(r.props, 'ip_range_filter')) return;
    if (scalars(get(r.props, 'is_virtual_network_filter_enabled')).some((s) => asBool(s.value) !== false)) return;
    if (scalars(get(r.props, 'public_network_access')).some((s) => !isKnown(s) || /disabled/i.test(asStr(s) ?? '')))
      return;
    emit({
      code: 'az-cosmos-ip-filter',
      resource: r,
      message: `${r.name} has no IP filter (ip_rules) or virtual-network filter: any network may connect`,
    });
  },
};

export const acrAdminUser = forbidTrue({
  code: 'az-acr-admin',
  kinds: ['Microsoft.ContainerRegistry/registries'],
  description: 'the registry admin user is enabled',
  path: 'admin_user_enabled',
  trueMessage: (r) => `${r.name} enables the shared admin user, whose password gives full push/pull access`,
});

const PREDICTABLE =
  /^(?:admin|administrator|root|sa|sqladmin|dbadmin|azure_superuser|azureuser|guest|user|test|superuser|postgres|mysql|dbo|public|sysadmin)$/i;

export const predictableAdmin: CloudCheck = {
  name: 'az-predictable-admin',
  kinds: [
    'Microsoft.Sql/servers',
    'Microsoft.DBforMySQL/servers',
    'Microsoft.DBforPostgreSQL/servers',
    'Microsoft.DBforMariaDB/servers',
  ],
  codes: { 'az-predictable-admin': 'the administrator login is a well-known name' },
  run(r, emit) {
    for (const p of ['admin_username', 'administrators.login', 'ad_user'])
      for (const s of scalars(get(r.props, p)))
        if (isKnown(s) && PREDICTABLE.test((asStr(s) ?? '').trim()))
          emit({
            code: 'az-predictable-admin',
            resource: r,
            at: s.at,
            message: `${r.name} uses the administrator login "${asStr(s)}", the first name every brute-force attempt tries`,
          });
  },
};

/** Actions that let a role's holders grant roles: assign them, or rewrite a role definition to include anything. */
const ROLE_ASSIGN =
  /^(?:\*|microsoft\.authorization\/\*|microsoft\.authorization\/(?:roleassignments|roledefinitions)\/(?:\*|write))$/i;

export const roleAssignPermission: CloudCheck = {
  name: 'az-role-assign',
  kinds: ['Microsoft.Authorization/roleDefinitions'],
  codes: { 'az-role-assign': 'a custom role may assign roles' },
  run(r, emit) {
    for (const perm of items(get(r.props, 'permissions')))
      for (const s of scalars(get(perm, 'actions')))
        if (isKnown(s) && ROLE_ASSIGN.test((asStr(s) ?? '').trim()))
          emit({
            code: 'az-role-assign',
            resource: r,
            at: s.at,
            message: `${r.name} allows ${asStr(s)}, so its holders can grant themselves (or anyone) any role`,
          });
  },
};

export const aksSecurity: CloudCheck = {
  name: 'az-aks',
  kinds: ['Microsoft.ContainerService/managedClusters'],
  codes: {
    'aks-rbac': 'Kubernetes RBAC is off',
    'aks-network-policy': 'no network policy',
    'aks-monitoring': 'the monitoring add-on is off',
  },
  run(r, emit) {
    const rbac = get(r.props, 'enable_rbac');
    const off = scalars(rbac).find((s) => asBool(s.value) === false);
    if (off || !rbac)
      emit({
        code: 'aks-rbac',
        resource: r,
        at: off?.at,
        message: `${r.name} ${off ? 'turns Kubernetes RBAC off' : 'does not enable Kubernetes RBAC (enable_rbac defaults to false)'}: every authenticated user is a cluster admin`,
      });
    const np = get(r.props, 'network_profile.network_policy');
    if (!np)
      emit({
        code: 'aks-network-policy',
        resource: r,
        at: nearest(r, 'network_profile.network_policy'),
        message: `${r.name} sets no network policy (network_profile.network_policy): every pod can reach every other`,
        severity: 'medium',
      });
    const mon = get(r.props, 'addon.monitoring.enabled');
    const monOff = scalars(mon).find((s) => asBool(s.value) === false);
    if (monOff || !mon)
      emit({
        code: 'aks-monitoring',
        resource: r,
        at: monOff?.at ?? nearest(r, 'addon.monitoring.enabled'),
        message: `${r.name} does not enable the monitoring add-on (addon.monitoring)`,
        severity: 'low',
      });
  },
};

export const webAppHttps = requireTrue({
  code: 'az-webapp-https',
  kinds: ['Microsoft.Web/sites'],
  description: 'the web app accepts plain HTTP',
  path: 'https_only',
  absentMessage: (r) => `${r.name} does not set https_only, so it also serves plain HTTP`,
  falseMessage: (r) => `${r.name} serves plain HTTP (https_only: false)`,
});

export const redisTransport: CloudCheck = {
  name: 'az-redis-transport',
  kinds: ['Microsoft.Cache/redis'],
  codes: { 'az-redis-non-ssl': 'the cache accepts unencrypted connections or old TLS' },
  run(r, emit) {
    const on = scalars(get(r.props, 'enable_non_ssl_port')).find((s) => asBool(s.value) === true);
    if (on)
      emit({
        code: 'az-redis-non-ssl',
        resource: r,
        at: on.at,
        message: `${r.name} opens the non-TLS port 6379: keys and data travel in clear text`,
      });
    const tls = known(get(r.props, 'minimum_tls_version'));
    if (tls && /^1\.[01]$/.test((asStr(tls) ?? '').trim()))
      emit({
        code: 'az-redis-non-ssl',
        resource: r,
        at: tls.at,
        message: `${r.name} accepts TLS ${asStr(tls)} (below 1.2)`,
        severity: 'medium',
      });
  },
};

export const dbSslEnforcement = requireTrue({
  code: 'az-db-ssl',
  kinds: ['Microsoft.DBforMySQL/servers', 'Microsoft.DBforPostgreSQL/servers', 'Microsoft.DBforMariaDB/servers'],
  description: 'the server accepts connections without TLS',
  path: 'enforce_ssl',
  absentMessage: (r) => `${r.name} does not set enforce_ssl (it defaults to false): clients may connect without TLS`,
  falseMessage: (r) => `${r.name} accepts connections without TLS (enforce_ssl: false)`,
});

const PG_ON = [
  'log_checkpoints',
  'log_connections',
  'log_disconnections',
  'log_duration',
  'log_retention',
  'connection_throttling',
];

export const postgresLogSettings: CloudCheck = {
  name: 'az-pg-logs',
  kinds: ['Microsoft.DBforPostgreSQL/servers/configurations'],
  codes: { 'az-pg-logs': 'a PostgreSQL logging or throttling setting is off' },
  run(r, emit) {
    const name = lower(known(get(r.props, 'name')));
    const value = known(get(r.props, 'value'));
    if (!name || !value) return;
    const v = lower(value) ?? '';
    if (PG_ON.includes(name) && /^(?:off|false|0|no)$/.test(v))
      emit({ code: 'az-pg-logs', resource: r, at: value.at, message: `${r.name} turns ${name} off` });
    if (name === 'log_retention_days' && (asNum(value.value) ?? 7) < 4)
      emit({
        code: 'az-pg-logs',
        resource: r,
        at: value.at,
        message: `${r.name} keeps PostgreSQL logs only ${String(value.value)} days (at least 4 recommended)`,
      });
  },
};

export const logProfile: CloudCheck = {
  name: 'az-log-profile',
  kinds: ['Microsoft.Insights/logprofiles'],
  codes: { 'az-log-profile': 'the activity log profile keeps logs too briefly or misses categories' },
  run(r, emit) {
    const en = scalars(get(r.props, 'retention_policy.enabled')).find((s) => asBool(s.value) === false);
    const days = known(get(r.props, 'retention_policy.days'));
    const d = days ? asNum(days.value) : undefined;
    if (en)
      emit({ code: 'az-log-profile', resource: r, at: en.at, message: `${r.name} turns activity-log retention off` });
    else if (d !== undefined && d !== 0 && d < 365)
      emit({
        code: 'az-log-profile',
        resource: r,
        at: days!.at,
        message: `${r.name} keeps the activity log ${d} days (365 or 0 = forever recommended)`,
      });
    const cats = get(r.props, 'categories');
    const have = new Set(
      scalars(cats)
        .filter(isKnown)
        .map((s) => (asStr(s) ?? '').toLowerCase()),
    );
    if (cats && scalars(cats).every(isKnown)) {
      const missing = ['write', 'delete', 'action'].filter((c) => !have.has(c));
      if (missing.length)
        emit({
          code: 'az-log-profile',
          resource: r,
          at: cats,
          message: `${r.name} does not record ${missing.map((c) => c[0]!.toUpperCase() + c.slice(1)).join(', ')} events`,
        });
    }
  },
};

export const keyVaultRecovery: CloudCheck = {
  name: 'az-keyvault-recovery',
  kinds: ['Microsoft.KeyVault/vaults'],
  codes: { 'az-keyvault-recovery': 'deleted keys and secrets cannot be recovered' },
  run(r, emit) {
    const soft = scalars(get(r.props, 'enable_soft_delete')).find((s) => asBool(s.value) === false);
    if (soft)
      emit({
        code: 'az-keyvault-recovery',
        resource: r,
        at: soft.at,
        message: `${r.name} turns soft delete off: a deleted key or secret is gone at once`,
      });
    const purge = get(r.props, 'enable_purge_protection');
    const off = scalars(purge).find((s) => asBool(s.value) === false);
    if (off || !purge)
      emit({
        code: 'az-keyvault-recovery',
        resource: r,
        at: off?.at,
        message: `${r.name} ${off ? 'turns purge protection off' : 'does not enable purge protection'}: anyone with access can purge deleted keys and secrets before the retention period ends`,
        severity: 'low',
      });
  },
};

/** A registry without a resource lock in the same file (on it, or on its resource group). */
export const registryLock: CloudCheck = {
  name: 'az-registry-lock',
  kinds: ['Microsoft.ContainerRegistry/registries', 'Microsoft.Authorization/locks'],
  codes: { 'az-registry-lock': 'the registry has no resource lock' },
  run(r: CloudResource, emit: Emit, all) {
    if (r.kind !== 'Microsoft.ContainerRegistry/registries') return;
    const name = lower(known(get(r.props, 'name')));
    const rg = lower(known(get(r.props, 'resource_group')));
    const locks = all.filter((o) => o.kind === 'Microsoft.Authorization/locks');
    const covered = locks.some((l) => {
      const target = get(l.props, 'managed_resource_id');
      const t = lower(known(target));
      if (target && !t) return true;
      if (t) return !!name && t.includes(`/registries/${name}`);
      const lrg = get(l.props, 'resource_group');
      return !lrg || !known(lrg) || lower(known(lrg)) === rg;
    });
    if (!covered)
      emit({
        code: 'az-registry-lock',
        resource: r,
        message: `${r.name} has no resource lock (azure_rm_lock): one mistaken delete removes every image`,
      });
  },
};

export const appGatewayWaf: CloudCheck = {
  name: 'az-appgw-waf',
  kinds: ['Microsoft.Network/applicationGateways'],
  codes: { 'az-appgw-waf': 'the application gateway has no WAF' },
  run(r, emit) {
    const tier = known(get(r.props, 'sku.tier'));
    if (tier && !/^waf/i.test(asStr(tier) ?? ''))
      emit({
        code: 'az-appgw-waf',
        resource: r,
        at: tier.at,
        message: `${r.name} uses the ${asStr(tier)} tier, without the web application firewall (WAF or WAF_v2)`,
      });
  },
};

/**
 * A SQL server created with SQL authentication only: no Microsoft Entra ID (Azure AD) administrator in
 * `administrators`. A task without `admin_username`/`admin_password` changes an existing server and is not judged.
 */
export const sqlEntraAdmin: CloudCheck = {
  name: 'az-sql-entra-admin',
  kinds: ['Microsoft.Sql/servers'],
  codes: { 'az-sql-entra-admin': 'no Microsoft Entra ID administrator' },
  run(r, emit) {
    const admins = get(r.props, 'administrators');
    if (admins && admins.t !== 'map') return;
    if (getSet(admins, 'login') || getSet(admins, 'sid')) return;
    const sqlLogin = get(r.props, 'admin_username') ?? get(r.props, 'admin_password');
    if (!sqlLogin) return;
    emit({
      code: 'az-sql-entra-admin',
      resource: r,
      at: admins ?? get(r.props, 'admin_username'),
      message: `${r.name} has no Microsoft Entra ID administrator (administrators), so only SQL logins with passwords can manage it`,
    });
  },
};
