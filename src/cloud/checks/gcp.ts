/**
 * Google Cloud resources (google.cloud modules, see ../adapters/ansible-providers.ts). Properties keep the modules'
 * argument names, which mirror the REST resources in snake_case (`master_auth.client_certificate_config`).
 */
import type { CloudCheck, CloudResource, CValue, Emit } from '../model.js';
import { isWorldCidr } from '../constants.js';
import { asBool, asStr, get, isKnown, items, present, scalars, type Scalar, getSet } from '../values.js';
import { nearest } from './factory.js';

const known = (v: CValue | undefined): Scalar | undefined => scalars(v).find(isKnown);
const isFalse = (v: CValue | undefined) => scalars(v).find((s) => asBool(s.value) === false);
const isTrue = (v: CValue | undefined) => scalars(v).find((s) => asBool(s.value) === true);

function emitter(r: CloudResource, emit: Emit) {
  return (code: string, at: CValue | undefined, message: string, severity?: 'low' | 'medium' | 'high') =>
    emit({ code, resource: r, at, message: `${r.name} ${message}`, ...(severity ? { severity } : {}) });
}

const DEFAULT_SA = /^(?:default|\d+-compute@developer\.gserviceaccount\.com)$/i;

export const gkeAccess: CloudCheck = {
  name: 'gke-access',
  kinds: ['container.v1.cluster'],
  codes: {
    'gke-basic-auth': 'basic authentication to the control plane',
    'gke-client-cert': 'a client certificate is issued',
    'gke-legacy-abac': 'legacy ABAC authorization',
    'gke-master-networks': 'the control plane accepts any network',
    'gke-private': 'nodes have public addresses',
  },
  run(r, emit) {
    const e = emitter(r, emit);
    for (const k of ['username', 'password']) {
      const v = get(r.props, `master_auth.${k}`);
      if (v && present(v) && scalars(v).some((s) => !isKnown(s) || (asStr(s) ?? '') !== ''))
        e(
          'gke-basic-auth',
          v,
          `enables basic authentication (master_auth.${k}): a static password to the whole cluster`,
        );
    }
    const cert = isTrue(get(r.props, 'master_auth.client_certificate_config.issue_client_certificate'));
    if (cert)
      e(
        'gke-client-cert',
        cert.at,
        'issues a client certificate, a long-lived credential that cannot be revoked',
        'medium',
      );
    const abac = isTrue(get(r.props, 'legacy_abac.enabled'));
    if (abac)
      e('gke-legacy-abac', abac.at, 'enables legacy ABAC, which grants broad static permissions and bypasses RBAC');
    const man = get(r.props, 'master_authorized_networks_config');
    const manOff = isFalse(get(man, 'enabled'));
    if (manOff || !man)
      e(
        'gke-master-networks',
        manOff?.at,
        manOff ? 'turns master authorized networks off' : 'does not restrict the control plane to authorized networks',
        'medium',
      );
    const priv = get(r.props, 'private_cluster_config');
    const privOff = isFalse(get(priv, 'enable_private_nodes'));
    if (privOff || !priv)
      e(
        'gke-private',
        privOff?.at,
        privOff ? 'gives its nodes public addresses' : 'is not a private cluster: nodes get public addresses',
        'medium',
      );
  },
};

export const gkeOperations: CloudCheck = {
  name: 'gke-operations',
  kinds: ['container.v1.cluster'],
  codes: {
    'gke-network-policy': 'no network policy',
    'gke-ip-alias': 'no VPC-native (alias IP) networking',
    'gke-default-sa': 'nodes run as the default compute service account',
    'gke-logging': 'logging or monitoring is off',
  },
  run(r, emit) {
    const e = emitter(r, emit);
    const np = get(r.props, 'network_policy.enabled');
    const npOff = isFalse(np);
    const addonOff = isTrue(get(r.props, 'addons_config.network_policy_config.disabled'));
    if (npOff || addonOff || !np)
      e(
        'gke-network-policy',
        (npOff ?? addonOff)?.at ?? nearest(r, 'network_policy.enabled'),
        'does not enforce network policies: every pod can reach every other',
      );
    const alias = get(r.props, 'ip_allocation_policy.use_ip_aliases');
    const aliasOff = isFalse(alias);
    if (aliasOff || !alias)
      e(
        'gke-ip-alias',
        aliasOff?.at ?? nearest(r, 'ip_allocation_policy.use_ip_aliases'),
        'does not use alias IPs (VPC-native networking)',
        'low',
      );
    const sa = get(r.props, 'node_config.service_account');
    const saS = known(sa);
    if (saS && DEFAULT_SA.test((asStr(saS) ?? '').trim()))
      e(
        'gke-default-sa',
        saS.at,
        `runs its nodes as the default compute service account (${asStr(saS)}), which has Editor on the project`,
      );
    else if (!sa && get(r.props, 'node_config'))
      e(
        'gke-default-sa',
        get(r.props, 'node_config'),
        'runs its nodes as the default compute service account, which has Editor on the project',
      );
    for (const k of ['logging_service', 'monitoring_service']) {
      const s = known(get(r.props, k));
      if (s && (asStr(s) ?? '').trim().toLowerCase() === 'none')
        e('gke-logging', s.at, `turns ${k.replace('_service', '')} off (${k}: none)`);
    }
  },
};

export const nodePool: CloudCheck = {
  name: 'gke-node-pool',
  kinds: ['container.v1.nodePool'],
  codes: {
    'nodepool-management': 'nodes are not repaired or upgraded automatically',
    'nodepool-image': 'nodes do not run Container-Optimized OS',
  },
  run(r, emit) {
    const e = emitter(r, emit);
    for (const k of ['auto_repair', 'auto_upgrade']) {
      const v = get(r.props, `management.${k}`);
      const off = isFalse(v);
      if (off || !v)
        e('nodepool-management', off?.at ?? nearest(r, `management.${k}`), `does not enable management.${k}`);
    }
    const img = known(get(r.props, 'config.image_type'));
    if (img && !/^cos/i.test((asStr(img) ?? '').trim()))
      e('nodepool-image', img.at, `runs ${asStr(img)} instead of Container-Optimized OS (COS_CONTAINERD)`);
  },
};

const CLOUD_PLATFORM = /\/auth\/cloud-platform$|^cloud-platform$/;

function metadata(r: CloudResource, key: string): Scalar | undefined {
  const m = get(r.props, 'metadata');
  if (!m || m.t !== 'map') return undefined;
  for (const [k, v] of m.entries) if (k.toLowerCase() === key) return known(v);
  return undefined;
}

const truthy = (s: Scalar | undefined) => !!s && /^(?:true|1|yes|on)$/i.test(String(s.value).trim());
const falsy = (s: Scalar | undefined) => !!s && /^(?:false|0|no|off)$/i.test(String(s.value).trim());

export const vmAccess: CloudCheck = {
  name: 'gce-vm-access',
  kinds: ['compute.v1.instance'],
  codes: {
    'vm-default-sa': 'the default service account with full API access',
    'vm-project-ssh-keys': 'project-wide SSH keys are accepted',
    'vm-serial-port': 'the interactive serial console is on',
    'vm-os-login': 'OS Login is turned off',
    'vm-public-ip': 'the instance gets an external IP',
    'vm-ip-forward': 'IP forwarding is on',
  },
  run(r, emit) {
    const e = emitter(r, emit);
    for (const sa of items(get(r.props, 'service_accounts'))) {
      const email = known(get(sa, 'email'));
      const isDefault = !getSet(sa, 'email') || (email && DEFAULT_SA.test((asStr(email) ?? '').trim()));
      const full = scalars(get(sa, 'scopes')).find((s) => isKnown(s) && CLOUD_PLATFORM.test((asStr(s) ?? '').trim()));
      if (isDefault && full)
        e(
          'vm-default-sa',
          full.at,
          'runs as the default compute service account with the cloud-platform scope: full access to every API of the project',
        );
      else if (isDefault && email)
        e('vm-default-sa', email.at, 'runs as the default compute service account (Editor on the project)', 'medium');
    }
    const block = metadata(r, 'block-project-ssh-keys');
    if (!truthy(block))
      e(
        'vm-project-ssh-keys',
        block?.at ?? nearest(r, 'metadata.block-project-ssh-keys'),
        'accepts project-wide SSH keys (metadata block-project-ssh-keys is not true)',
        falsy(block) ? 'medium' : 'low',
      );
    const serial = metadata(r, 'serial-port-enable');
    if (truthy(serial))
      e(
        'vm-serial-port',
        serial!.at,
        'enables the interactive serial console, reachable from the internet with project SSH keys',
      );
    const osl = metadata(r, 'enable-oslogin');
    if (falsy(osl)) e('vm-os-login', osl!.at, 'turns OS Login off, so SSH access is not tied to IAM', 'medium');
    for (const ni of items(get(r.props, 'network_interfaces'))) {
      const ac = get(ni, 'access_configs');
      if (ac && items(ac).length) e('vm-public-ip', ac, 'gets an external IP address (access_configs)', 'medium');
    }
    const fwd = isTrue(get(r.props, 'can_ip_forward'));
    if (fwd) e('vm-ip-forward', fwd.at, 'can forward packets for other addresses (can_ip_forward)', 'medium');
  },
};

export const vmShielded: CloudCheck = {
  name: 'gce-vm-shielded',
  kinds: ['compute.v1.instance'],
  codes: { 'vm-shielded': 'Shielded VM features are off' },
  run(r, emit) {
    const cfg = get(r.props, 'shielded_instance_config');
    if (!cfg) {
      emit({
        code: 'vm-shielded',
        resource: r,
        message: `${r.name} does not enable Shielded VM (secure boot, vTPM, integrity monitoring)`,
      });
      return;
    }
    for (const k of ['enable_secure_boot', 'enable_vtpm', 'enable_integrity_monitoring']) {
      const v = get(cfg, k);
      const off = isFalse(v);
      if (off || (!v && k === 'enable_secure_boot'))
        emit({
          code: 'vm-shielded',
          resource: r,
          at: off?.at ?? cfg,
          message: `${r.name} does not enable ${k.replace('enable_', '').replace('_', ' ')}`,
        });
    }
  },
};

const SQL_FLAGS_ON_BAD: Readonly<Record<string, string>> = {
  local_infile: 'lets clients load local files into MySQL',
  'cross db ownership chaining': 'lets SQL Server ownership chains cross databases',
  'contained database authentication': 'lets contained SQL Server databases authenticate users themselves',
};
const SQL_FLAGS_OFF_BAD = ['log_checkpoints', 'log_connections', 'log_disconnections', 'log_lock_waits'];

export const cloudSql: CloudCheck = {
  name: 'gcp-cloud-sql',
  kinds: ['sqladmin.v1beta4.instance'],
  codes: {
    'sql-public': 'the instance is open to the internet or has a public IP',
    'sql-ssl': 'connections without TLS are accepted',
    'sql-backups': 'automated backups are off',
    'sql-flags': 'an insecure database flag',
  },
  run(r, emit) {
    const e = emitter(r, emit);
    const ip = get(r.props, 'settings.ip_configuration');
    for (const n of items(get(ip, 'authorized_networks'))) {
      const v = known(get(n, 'value'));
      if (v && isWorldCidr(asStr(v) ?? ''))
        e('sql-public', v.at, `admits the whole internet (authorized network ${asStr(v)})`, 'high');
    }
    const v4 = isTrue(get(ip, 'ipv4_enabled'));
    if (v4 && !items(get(ip, 'authorized_networks')).length)
      e('sql-public', v4.at, 'has a public IP address (ipv4_enabled); prefer private IP', 'low');
    const ssl = get(ip, 'require_ssl');
    const sslOff = isFalse(ssl);
    const mode = known(get(ip, 'ssl_mode'));
    if (!mode || /ALLOW_UNENCRYPTED/i.test(asStr(mode) ?? ''))
      if (sslOff || !ssl)
        e(
          'sql-ssl',
          sslOff?.at ?? mode?.at ?? nearest(r, 'settings.ip_configuration.require_ssl'),
          'accepts connections without TLS (require_ssl is not true)',
          sslOff ? 'high' : 'medium',
        );
    const bk = get(r.props, 'settings.backup_configuration.enabled');
    const bkOff = isFalse(bk);
    if (bkOff || !bk)
      e(
        'sql-backups',
        bkOff?.at ?? nearest(r, 'settings.backup_configuration.enabled'),
        'does not enable automated backups',
        'medium',
      );
    for (const f of items(get(r.props, 'settings.database_flags'))) {
      const name = (asStr(known(get(f, 'name')) ?? { value: '', at: f }) ?? '').toLowerCase();
      const val = known(get(f, 'value'));
      if (!val) continue;
      const on = /^(?:on|true|1)$/i.test(String(val.value).trim());
      const off = /^(?:off|false|0)$/i.test(String(val.value).trim());
      if (SQL_FLAGS_ON_BAD[name] && on)
        e('sql-flags', val.at, `sets ${name} on, which ${SQL_FLAGS_ON_BAD[name]}`, 'medium');
      if (SQL_FLAGS_OFF_BAD.includes(name) && off) e('sql-flags', val.at, `turns ${name} off`, 'low');
    }
  },
};

export const bucketHygiene: CloudCheck = {
  name: 'gcs-bucket-hygiene',
  kinds: ['storage.v1.bucket'],
  codes: { 'bucket-versioning': 'object versioning is off', 'bucket-logging': 'access logging is off' },
  run(r, emit) {
    const e = emitter(r, emit);
    const ver = get(r.props, 'versioning.enabled');
    const off = isFalse(ver);
    if (off || !ver)
      e(
        'bucket-versioning',
        off?.at ?? nearest(r, 'versioning.enabled'),
        'does not keep object versions: overwrites and deletes are final',
      );
    if (!getSet(r.props, 'logging')) e('bucket-logging', undefined, 'does not log access (logging.log_bucket)');
  },
};

const PUBLIC_MEMBERS = /^(?:allUsers|allAuthenticatedUsers)$/i;

export const bigqueryPublic: CloudCheck = {
  name: 'bq-public',
  kinds: ['bigquery.v2.dataset'],
  codes: { 'bq-public': 'the dataset is readable by anyone' },
  run(r, emit) {
    for (const a of items(get(r.props, 'access')))
      for (const k of ['special_group', 'iam_member'])
        for (const s of scalars(get(a, k)))
          if (isKnown(s) && PUBLIC_MEMBERS.test((asStr(s) ?? '').trim()))
            emit({ code: 'bq-public', resource: r, at: s.at, message: `${r.name} grants access to ${asStr(s)}` });
  },
};

export const diskKeys: CloudCheck = {
  name: 'gce-disk-keys',
  kinds: ['compute.v1.disk'],
  codes: { 'disk-csek': 'the disk is encrypted with a Google-managed key' },
  run(r, emit) {
    if (getSet(r.props, 'disk_encryption_key')) return;
    emit({
      code: 'disk-csek',
      resource: r,
      message: `${r.name} is encrypted with a Google-managed key, not a customer key (disk_encryption_key)`,
    });
  },
};

/** `7776000s`, `90d`-style durations in seconds. */
function seconds(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(s.trim());
  if (!m) return undefined;
  const mult = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's'];
  return Number(m[1]) * mult;
}

export const kmsRotation: CloudCheck = {
  name: 'gcp-kms-rotation',
  kinds: ['cloudkms.v1.cryptoKey'],
  codes: { 'gcp-kms-rotation': 'the key is not rotated within 90 days' },
  run(r, emit) {
    const purpose = known(get(r.props, 'purpose'));
    if (purpose && !/ENCRYPT_DECRYPT/i.test(asStr(purpose) ?? '')) return;
    const p = get(r.props, 'rotation_period');
    const s = known(p);
    const secs = s ? seconds(String(s.value)) : undefined;
    if (!p)
      emit({
        code: 'gcp-kms-rotation',
        resource: r,
        message: `${r.name} sets no rotation_period: the key is never rotated`,
      });
    else if (secs !== undefined && secs > 90 * 86400)
      emit({
        code: 'gcp-kms-rotation',
        resource: r,
        at: s!.at,
        message: `${r.name} rotates only every ${Math.round(secs / 86400)} days (more than 90)`,
      });
  },
};

export const dnssec: CloudCheck = {
  name: 'gcp-dnssec',
  kinds: ['dns.v1.managedZone'],
  codes: { 'gcp-dnssec': 'DNSSEC is off or signs with RSASHA1' },
  run(r, emit) {
    const vis = known(get(r.props, 'visibility'));
    if (vis && /private/i.test(asStr(vis) ?? '')) return;
    const st = get(r.props, 'dnssec_config.state');
    const s = known(st);
    if ((s && /^off$/i.test(asStr(s) ?? '')) || !st)
      emit({
        code: 'gcp-dnssec',
        resource: r,
        at: s?.at ?? nearest(r, 'dnssec_config.state'),
        message: `${r.name} does not sign the zone with DNSSEC`,
      });
    for (const k of items(get(r.props, 'dnssec_config.default_key_specs'))) {
      const a = known(get(k, 'algorithm'));
      if (a && /^rsasha1$/i.test(asStr(a) ?? ''))
        emit({
          code: 'gcp-dnssec',
          resource: r,
          at: a.at,
          message: `${r.name} signs with RSASHA1, which is deprecated`,
        });
    }
  },
};

export const sslPolicyWeak: CloudCheck = {
  name: 'gcp-ssl-policy',
  kinds: ['compute.v1.sslPolicy'],
  codes: { 'gcp-ssl-policy': 'the SSL policy accepts TLS below 1.2 or weak ciphers' },
  run(r, emit) {
    const min = get(r.props, 'min_tls_version');
    const m = known(min);
    if ((m && /TLS_1_[01]$/i.test(asStr(m) ?? '')) || !min)
      emit({
        code: 'gcp-ssl-policy',
        resource: r,
        at: m?.at,
        message: m
          ? `${r.name} accepts ${asStr(m)} (below TLS 1.2)`
          : `${r.name} sets no min_tls_version, so TLS 1.0 is accepted`,
      });
    const prof = known(get(r.props, 'profile'));
    if (prof && /^COMPATIBLE$/i.test(asStr(prof) ?? ''))
      emit({
        code: 'gcp-ssl-policy',
        resource: r,
        at: prof.at,
        message: `${r.name} uses the COMPATIBLE profile, which allows weak ciphers`,
      });
  },
};

export const privateGoogleAccess: CloudCheck = {
  name: 'gcp-private-google-access',
  kinds: ['compute.v1.subnetwork'],
  codes: { 'gcp-private-google-access': 'Private Google Access is off' },
  run(r, emit) {
    const v = get(r.props, 'private_ip_google_access');
    const off = isFalse(v);
    if (off || !v)
      emit({
        code: 'gcp-private-google-access',
        resource: r,
        at: off?.at,
        message: `${r.name} does not enable Private Google Access: instances need external IPs to reach Google APIs`,
      });
  },
};
