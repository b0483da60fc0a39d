/**
 * Ansible file kinds and a position-keeping model of their contents: tasks (with their module, arguments and
 * inherited `no_log`), variables (vars files, play/block/task vars, role parameters, YAML and INI inventories) and
 * `ansible.cfg`. Positions stay on the parsed nodes; nothing is injected into the data. Never throws on bad input:
 * problems become `errors` entries, which never quote the file.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseYamlAll, nodePos, type Pos, type LineCounter } from './yaml.js';
import { parseIni, parseHostLine, type IniDoc } from './ini.js';
import { isKnownModule } from './ansible-modules.js';
import { isProgram, looksLikeAnsibleCfg, looksLikeIniInventory, managedFileKind } from './ansible-sniff.js';

export { looksLikeIniInventory, looksLikeAnsibleCfg, TEST_PATH } from './ansible-sniff.js';

export type AnsibleKind =
  | 'playbook'
  | 'tasks'
  | 'vars'
  | 'inventory'
  | 'config'
  | 'requirements'
  | 'meta'
  | 'vault'
  /** A file a role copies or templates onto hosts: a yum `.repo` file, an SSH client config. */
  | 'managed';

/** A module argument, task keyword or variable value with where it is written. */
export interface Arg {
  key: string;
  keyPos: Pos;
  valuePos: Pos;
  /** The YAML value node (absent for free-form `k=v` arguments and INI values). */
  node?: Node;
  /** Plain value: scalars as parsed, maps/sequences as plain objects/arrays, free-form values as strings. */
  value: unknown;
  /** Offsets of the value in the file, to locate substrings of it. */
  range?: [number, number];
  /** A `!vault` tagged value. */
  vault: boolean;
}

export interface Task {
  node: YAMLMap;
  kind: 'task' | 'handler';
  name?: string;
  /** Stable logical path of the task, e.g. `tasks[3]` or `plays["Web"].tasks["Install nginx"]`. */
  path: string;
  /** Position of the task's first key. */
  pos: Pos;
  scope: [number, number];
  /** Module as written (`ansible.builtin.get_url`), after resolving `action:`/`local_action:`; '' when none. */
  module: string;
  /** Last segment of the module name (`get_url`). */
  short: string;
  /** Collection (`ansible.builtin`, `amazon.aws`…), '' for short names. */
  collection: string;
  modulePos: Pos;
  /** Free-form part of the module arguments (`shell: curl … | sh`, or what is left after `k=v` pairs). */
  freeForm?: Arg;
  /** Arguments from the module mapping, free-form `k=v` pairs and `args:` (the module mapping wins). */
  args: Map<string, Arg>;
  /** Task keywords (`no_log`, `environment`, `vars`, `become`…). */
  keywords: Map<string, Arg>;
  /** Effective `no_log`: true/false, or undefined when it is a Jinja expression (unknown). */
  noLog: boolean | undefined;
  /** The variables in scope where the task is written (task vars → block vars → play vars/vars_files). */
  env: VarScope;
  /** Effective `become`: set here, on a block or on the play; undefined when unknown (a Jinja value, or a task file
   * whose includer may set it). */
  become: boolean | undefined;
  /** For a task made from one item of a literal loop: how (`with_items over rules, item 2`). */
  via?: string;
  /** Arguments whose value came through variables of other files (vars_files, role defaults and vars, inventory
   * group_vars/host_vars), by argument name ('' for the free-form part): `name from file:line (group g)`. */
  origins?: Map<string, string[]>;
}

/** A level of variables: a play (with its `vars_files`), a block, a task. Values stay YAML nodes. */
export interface VarScope {
  vars: Map<string, Node | null>;
  /** `vars_files` entries as written (literal paths only), relative to the playbook's folder. */
  files: string[];
  parent?: VarScope;
}

export interface VarEntry extends Arg {
  scope: [number, number];
  path: string;
  where: 'vars-file' | 'play' | 'block' | 'task' | 'role' | 'inventory';
}

export interface AnsibleFile {
  kind: AnsibleKind;
  path: string;
  text: string;
  lines: string[];
  tasks: Task[];
  vars: VarEntry[];
  /** ansible.cfg */
  cfg?: IniDoc;
  /** A `managed` file: a yum repository definition (`repo`, its INI) or an SSH client config (`ssh-config`). */
  managed?: { kind: 'repo'; ini: IniDoc } | { kind: 'ssh-config' };
  lc?: LineCounter;
  errors: Array<{ line?: number; message: string }>;
  /** `set_fact` values with a literal value, in file order (visible to the tasks after them). */
  facts: Array<{ line: number; name: string; node: Node | null }>;
  /** Plays of a playbook: their path (the prefix of their tasks' paths), keywords and whether they use roles. */
  plays?: PlayInfo[];
}

export interface PlayInfo {
  path: string;
  pos: Pos;
  scope: [number, number];
  /** Play keywords as arguments (`become`, `become_user`, `hosts`…). */
  keywords: Map<string, Arg>;
  /** Effective `become` of the play itself (false when absent; undefined for a Jinja value). */
  become: boolean | undefined;
  roles: boolean;
}

export interface LoadResult {
  matched: boolean;
  file?: AnsibleFile;
  errors: Array<{ line?: number; message: string }>;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

export function isJinja(v: unknown): boolean {
  return typeof v === 'string' && /\{\{|\{%/.test(v);
}

/** Ansible's boolean reading (YAML 1.1 words and strings); undefined when unknown (Jinja, other values). */
export function truthy(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['yes', 'true', 'on', 'y', '1', 't'].includes(s)) return true;
  if (['no', 'false', 'off', 'n', '0', 'f'].includes(s)) return false;
  return undefined;
}

const TASK_KEYWORDS = new Set([
  'name',
  'action',
  'local_action',
  'args',
  'any_errors_fatal',
  'async',
  'become',
  'become_exe',
  'become_flags',
  'become_method',
  'become_user',
  'changed_when',
  'check_mode',
  'collections',
  'connection',
  'debugger',
  'delay',
  'delegate_facts',
  'delegate_to',
  'diff',
  'environment',
  'failed_when',
  'ignore_errors',
  'ignore_unreachable',
  'loop',
  'loop_control',
  'module_defaults',
  'no_log',
  'notify',
  'poll',
  'port',
  'register',
  'remote_user',
  'retries',
  'run_once',
  'tags',
  'throttle',
  'timeout',
  'until',
  'vars',
  'when',
  'listen',
  'block',
  'rescue',
  'always',
  // Pre-2.0 spellings still found in old playbooks.
  'sudo',
  'sudo_user',
  'su',
  'su_user',
  'static',
]);

const PLAY_KEYS = ['hosts', 'import_playbook', 'ansible.builtin.import_playbook', 'ansible.legacy.import_playbook'];

/** The sections only a play has (a play without `hosts:`, e.g. one written for `import_playbook`, still has these). */
const PLAY_SECTIONS = ['tasks', 'pre_tasks', 'post_tasks', 'roles', 'handlers'];

/** A play: it names `hosts` or imports a playbook, or it holds task/role sections and no module of its own. */
function isPlay(n: unknown): boolean {
  if (!isMap(n)) return false;
  if (n.items.some((p) => PLAY_KEYS.includes(keyName(p) ?? ''))) return true;
  let section = false;
  for (const p of n.items) {
    const k = keyName(p) ?? '';
    if (PLAY_SECTIONS.includes(k)) section ||= isSeq(p.value);
    else if (k === 'block' || k === 'action' || k === 'local_action' || isKnownModule(k)) return false;
  }
  return section;
}

function moduleParts(m: string): { short: string; collection: string } {
  const segs = m.split('.');
  if (segs.length >= 3) return { short: segs[segs.length - 1]!, collection: segs.slice(0, 2).join('.') };
  return { short: m, collection: '' };
}

function keyName(p: Pair): string | undefined {
  return isScalar(p.key) && (typeof p.key.value === 'string' || typeof p.key.value === 'number')
    ? String(p.key.value)
    : undefined;
}

export function plain(n: unknown): unknown {
  if (!isNode(n)) return n;
  try {
    return n.toJSON();
  } catch {
    return undefined;
  }
}

/** A mapping with a module-like key: a known module, a block, or a task shape with any module name. */
function hasModuleKey(n: unknown): boolean {
  if (!isMap(n)) return false;
  if (
    n.items.some((p) => {
      const k = keyName(p);
      return !!k && (k === 'block' || isKnownModule(k));
    })
  )
    return true;
  return taskShape(n) !== undefined;
}

/**
 * The shape of a task, strictly, for files recognised by content alone: a mapping whose keys are task keywords plus
 * exactly one other key (the module), or a block. `known` says whether that module is one Ansible knows.
 */
function taskShape(n: unknown): { known: boolean } | undefined {
  if (!isMap(n) || !n.items.length) return undefined;
  let module: string | undefined;
  let block = false;
  for (const p of n.items) {
    const k = keyName(p);
    if (k === undefined) return undefined;
    if (k === 'block') block = true;
    else if (TASK_KEYWORDS.has(k) || k.startsWith('with_')) continue;
    else if (module !== undefined) return undefined;
    else module = k;
  }
  if (block) return module === undefined ? { known: true } : undefined;
  if (module === undefined) {
    const action = n.items.find((p) => ['action', 'local_action'].includes(keyName(p) ?? ''));
    return action ? { known: true } : undefined;
  }
  return { known: isKnownModule(module) };
}

/** A YAML sequence every item of which is a task, at least half of them (and one at least) known modules. */
function looksLikeTaskList(root: unknown): boolean {
  if (!isSeq(root) || !root.items.length) return false;
  let known = 0;
  for (const item of root.items) {
    const shape = taskShape(item);
    if (!shape) return false;
    if (shape.known) known++;
  }
  return known > 0 && known * 2 >= root.items.length;
}

/** A YAML inventory by content: top-level groups whose values only hold `hosts`/`children`/`vars` mappings. */
function looksLikeYamlInventoryDoc(root: unknown): boolean {
  if (!isMap(root) || !root.items.length) return false;
  let structural = false;
  for (const p of root.items) {
    const v = p.value;
    if (v === null || (isScalar(v) && v.value === null)) continue;
    if (!isMap(v)) return false;
    for (const q of v.items) {
      const k = keyName(q);
      if (k !== 'hosts' && k !== 'children' && k !== 'vars') return false;
      const qv = q.value;
      if (!(qv === null || (isScalar(qv) && qv.value === null) || isMap(qv))) return false;
      if (k === 'hosts' || k === 'children') structural = true;
    }
  }
  return structural;
}

// ---------------------------------------------------------------------------------------------------------------
// Classification

const VARS_PATH = /(?:^|\/)(?:group_vars|host_vars)\/|(?:^|\/)roles\/[^/]+\/(?:defaults|vars)\/|(?:^|\/)vars\//;
const INVENTORY_PATH = /(?:^|\/)(?:inventory|inventories)\//;
const INVENTORY_BASE = /^(?:hosts|inventory)(?:\.ini|\.ya?ml)?$/i;
const TASKS_PATH = /(?:^|\/)(?:tasks|handlers)\//;
const META_PATH = /(?:^|\/)roles\/[^/]+\/meta\/|(?:^|\/)meta\/main\.ya?ml$/;
const REQUIREMENTS_BASE = /^requirements\.ya?ml$/i;

function looksLikeYamlInventory(text: string): boolean {
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#') || l === '---') continue;
    return !l.startsWith('[') && /^[\w.-]+:\s*(?:#.*)?$/.test(l);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Model building

function mapVars(n: unknown): Map<string, Node | null> {
  const out = new Map<string, Node | null>();
  if (isMap(n))
    for (const p of n.items) {
      const k = keyName(p);
      if (k) out.set(k, isNode(p.value) ? p.value : null);
    }
  return out;
}

class Builder {
  readonly lines: string[];
  readonly file: AnsibleFile;
  /** The variables of the play/block being read. */
  env: VarScope = { vars: new Map(), files: [] };
  /** `become` of the enclosing play/blocks (undefined: not known here). */
  become: boolean | undefined = undefined;

  becomeOf(n: YAMLMap, inherited: boolean | undefined): boolean | undefined {
    const p = n.items.find((q) => keyName(q) === 'become');
    if (!p) return inherited;
    const v = plain(p.value);
    return isJinja(v) ? undefined : (truthy(v) ?? inherited);
  }
  constructor(
    readonly path: string,
    readonly text: string,
    readonly lc: LineCounter | undefined,
    kind: AnsibleKind,
  ) {
    this.lines = text.split('\n');
    this.file = {
      kind,
      path,
      text,
      lines: this.lines,
      tasks: [],
      vars: [],
      errors: [],
      facts: [],
      ...(lc ? { lc } : {}),
    };
  }

  pos(n: unknown): Pos {
    return (this.lc && nodePos(n, this.lc)) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }

  /** Last line of a node, ignoring trailing blank and comment-only lines. */
  lastLine(n: Node, first: number): number {
    if (!this.lc || !n.range) return first;
    const end = Math.max(n.range[0], n.range[1] - 1);
    let line = this.lc.linePos(end).line;
    while (line > first) {
      const t = (this.lines[line - 1] ?? '').trim();
      if (t && !t.startsWith('#')) break;
      line--;
    }
    return line;
  }

  scopeOf(n: Node, start?: Node): [number, number] {
    const first = this.pos(start ?? n).line;
    return [first, this.lastLine(n, first)];
  }

  arg(p: Pair, key: string): Arg {
    const v = p.value;
    return {
      key,
      keyPos: this.pos(p.key),
      valuePos: isNode(v) ? this.pos(v) : this.pos(p.key),
      ...(isNode(v) ? { node: v } : {}),
      value: plain(v),
      ...(isNode(v) && v.range ? { range: [v.range[0], v.range[1]] as [number, number] } : {}),
      vault: isNode(v) && v.tag === '!vault',
    };
  }

  /** Position of `sub` inside a value's source, or undefined when it cannot be found there. */
  locate(range: [number, number] | undefined, sub: string): Pos | undefined {
    if (!this.lc || !range || !sub) return undefined;
    const i = this.text.indexOf(sub, range[0]);
    if (i === -1 || i + sub.length > range[1]) return undefined;
    const s = this.lc.linePos(i);
    const e = this.lc.linePos(i + sub.length);
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  }

  varsOfMap(
    m: unknown,
    where: VarEntry['where'],
    pathOf: (name: string) => string,
    scopeOf?: (p: Pair) => [number, number],
  ): void {
    if (!isMap(m)) return;
    for (const p of m.items) {
      const name = keyName(p);
      if (!name) continue;
      const a = this.arg(p, name);
      const scope: [number, number] = scopeOf
        ? scopeOf(p)
        : [a.keyPos.line, isNode(p.value) ? this.lastLine(p.value, a.keyPos.line) : a.keyPos.line];
      this.file.vars.push({ ...a, scope, path: pathOf(name), where });
    }
  }

  /** Split free-form arguments into `k=v` pairs and the rest (shell-style quoting). */
  freeForm(a: Arg, text: string, commandLike: boolean, args: Map<string, Arg>): Arg | undefined {
    if (commandLike) return { ...a, value: text };
    const rest: string[] = [];
    const re = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
    for (const m of text.matchAll(re)) {
      const tok = m[0];
      const eq = tok.indexOf('=');
      if (eq <= 0 || !/^[A-Za-z_][\w]*$/.test(tok.slice(0, eq))) {
        rest.push(tok);
        continue;
      }
      const key = tok.slice(0, eq);
      let value = tok.slice(eq + 1);
      if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]))
        value = value.slice(1, -1);
      const found = this.locate(a.range, tok);
      const kp = found ?? a.valuePos;
      const quoted = value.length !== tok.length - eq - 1 ? 1 : 0;
      const valuePos: Pos =
        found && found.line === found.endLine
          ? { ...found, column: found.column + eq + 1 + quoted, endColumn: found.endColumn - quoted }
          : kp;
      if (!args.has(key)) args.set(key, { key, keyPos: kp, valuePos, value, vault: false });
    }
    return rest.length ? { ...a, value: rest.join(' ') } : undefined;
  }

  task(n: YAMLMap, kind: Task['kind'], path: string, inheritedNoLog: boolean | undefined): Task | undefined {
    const keywords = new Map<string, Arg>();
    let modPair: Pair | undefined;
    let modName = '';
    for (const p of n.items) {
      const k = keyName(p);
      if (!k) continue;
      if (TASK_KEYWORDS.has(k) || k.startsWith('with_')) {
        if (k === 'action' || k === 'local_action') {
          modPair = p;
          modName = k;
        }
        keywords.set(k, this.arg(p, k));
      } else if (!modPair) {
        modPair = p;
        modName = k;
      }
    }
    const name = keywords.get('name')?.value;
    const pos = this.pos(n.items[0]?.key ?? n);
    const args = new Map<string, Arg>();
    let module = modName;
    let freeForm: Arg | undefined;
    let modulePos = pos;
    if (modPair) {
      modulePos = this.pos(modPair.key);
      const a = this.arg(modPair, modName);
      let body: unknown = modPair.value;
      if (modName === 'action' || modName === 'local_action') {
        if (isMap(body)) {
          const mp = body.items.find((p) => keyName(p) === 'module');
          module = typeof plain(mp?.value) === 'string' ? (plain(mp?.value) as string) : '';
        } else if (typeof a.value === 'string') {
          const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(a.value);
          module = m?.[1] ?? '';
          body = undefined;
          const ffText = m?.[2] ?? '';
          const cmd = /(?:^|\.)(?:command|shell|raw|script|win_shell|win_command)$/.test(module);
          if (ffText) freeForm = this.freeForm(a, ffText, cmd, args);
        }
      }
      if (isMap(body)) {
        for (const p of body.items) {
          const k = keyName(p);
          if (!k || k === 'module') continue;
          args.set(k, this.arg(p, k));
        }
      } else if (
        body !== undefined &&
        typeof a.value === 'string' &&
        modName !== 'action' &&
        modName !== 'local_action'
      ) {
        const cmd = /(?:^|\.)(?:command|shell|raw|script|win_shell|win_command)$/.test(module);
        freeForm = this.freeForm(a, a.value, cmd, args);
      }
    }
    const argsKw = keywords.get('args');
    if (argsKw?.node && isMap(argsKw.node))
      for (const p of argsKw.node.items) {
        const k = keyName(p);
        if (k && !args.has(k)) args.set(k, this.arg(p, k));
      }
    // `cmd:` / `_raw_params` are the command of command-like modules.
    const cmdArg = args.get('cmd') ?? args.get('_raw_params');
    if (!freeForm && cmdArg && typeof cmdArg.value === 'string') freeForm = cmdArg;
    const nl = keywords.get('no_log');
    const noLog = nl ? (isJinja(nl.value) ? undefined : (truthy(nl.value) ?? false)) : inheritedNoLog;
    const parts = moduleParts(module);
    const t: Task = {
      node: n,
      kind,
      ...(typeof name === 'string' ? { name } : {}),
      path,
      pos,
      scope: this.scopeOf(n, n.items[0]?.key as Node | undefined),
      module,
      short: parts.short,
      collection: parts.collection,
      modulePos,
      ...(freeForm ? { freeForm } : {}),
      args,
      keywords,
      noLog,
      env: { vars: mapVars(keywords.get('vars')?.node), files: [], parent: this.env },
      become: this.becomeOf(n, this.become),
    };
    if (parts.short === 'set_fact')
      for (const [k, a] of args)
        if (k !== 'cacheable') this.file.facts.push({ line: t.pos.line, name: k, node: a.node ?? null });
    const tv = keywords.get('vars');
    if (tv?.node)
      this.varsOfMap(
        tv.node,
        'task',
        (v) => `${path}.vars.${v}`,
        () => t.scope,
      );
    return t;
  }

  /**
   * `["Install nginx"]` by name (stable when tasks move), else `[3]`. Names need not be unique: a later task or play
   * with a name already used in the same list is `["Install nginx"#2]`, so findings stay per task, not per name.
   */
  label(n: unknown, i: number, used?: Map<string, number>): string {
    if (isMap(n)) {
      const nm = plain(n.items.find((p) => keyName(p) === 'name')?.value);
      if (typeof nm === 'string' && nm && !isJinja(nm)) {
        const k = (used?.get(nm) ?? 0) + 1;
        used?.set(nm, k);
        return k === 1 ? `[${JSON.stringify(nm)}]` : `[${JSON.stringify(nm)}#${k}]`;
      }
    }
    return `[${i}]`;
  }

  taskList(seq: unknown, kind: Task['kind'], prefix: string, inheritedNoLog: boolean | undefined): void {
    if (!isSeq(seq)) return;
    const used = new Map<string, number>();
    seq.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const path = `${prefix}${this.label(item, i, used)}`;
      const blockPair = item.items.find((p) => keyName(p) === 'block');
      if (blockPair) {
        const nlPair = item.items.find((p) => keyName(p) === 'no_log');
        const nlv = plain(nlPair?.value);
        const noLog = nlPair ? (isJinja(nlv) ? undefined : (truthy(nlv) ?? false)) : inheritedNoLog;
        const varsPair = item.items.find((p) => keyName(p) === 'vars');
        if (varsPair) {
          const blockScope = this.scopeOf(item, item.items[0]?.key as Node | undefined);
          this.varsOfMap(
            varsPair.value,
            'block',
            (v) => `${path}.vars.${v}`,
            () => blockScope,
          );
        }
        const outer = this.env;
        const outerBecome = this.become;
        this.become = this.becomeOf(item, outerBecome);
        this.env = { vars: mapVars(varsPair?.value), files: [], parent: outer };
        for (const section of ['block', 'rescue', 'always']) {
          const sp = item.items.find((p) => keyName(p) === section);
          if (sp) this.taskList(sp.value, kind, `${path}.${section}`, noLog);
        }
        this.env = outer;
        this.become = outerBecome;
        return;
      }
      const t = this.task(item, kind, path, inheritedNoLog);
      if (t) this.file.tasks.push(t);
    });
  }

  /** Play names used so far in the file (all its documents): play paths stay unique. */
  private readonly playNames = new Map<string, number>();

  play(n: unknown, i: number, docPrefix = ''): void {
    if (!isMap(n)) return;
    const prefix = `${docPrefix}plays${this.label(n, i, this.playNames)}`;
    const get = (k: string) => n.items.find((p) => keyName(p) === k);
    const nlPair = get('no_log');
    const nlv = plain(nlPair?.value);
    const noLog = nlPair ? (isJinja(nlv) ? undefined : (truthy(nlv) ?? false)) : false;
    const varsPair = get('vars');
    if (varsPair) this.varsOfMap(varsPair.value, 'play', (v) => `${prefix}.vars.${v}`);
    const roles = get('roles')?.value;
    if (isSeq(roles))
      roles.items.forEach((r, j) => {
        if (!isMap(r)) return;
        const rname = plain(r.items.find((p) => ['role', 'name'].includes(keyName(p) ?? ''))?.value);
        const rp = `${prefix}.roles[${typeof rname === 'string' ? JSON.stringify(rname) : j}]`;
        const scope = this.scopeOf(r);
        for (const p of r.items) {
          const k = keyName(p);
          if (!k || ['role', 'name', 'when', 'tags', 'become', 'become_user'].includes(k)) continue;
          if (k === 'vars')
            this.varsOfMap(
              p.value,
              'role',
              (v) => `${rp}.vars.${v}`,
              () => scope,
            );
          else this.file.vars.push({ ...this.arg(p, k), scope, path: `${rp}.${k}`, where: 'role' });
        }
      });
    const files = plain(get('vars_files')?.value);
    const outer = this.env;
    this.become = this.becomeOf(n, false);
    const keywords = new Map<string, Arg>();
    for (const p of n.items) {
      const k = keyName(p);
      if (k && ['become', 'become_user', 'become_method', 'hosts'].includes(k)) keywords.set(k, this.arg(p, k));
    }
    (this.file.plays ??= []).push({
      path: prefix,
      pos: this.pos(n.items[0]?.key ?? n),
      scope: this.scopeOf(n),
      keywords,
      become: this.become,
      roles: isSeq(roles) && roles.items.length > 0,
    });
    this.env = {
      vars: mapVars(varsPair?.value),
      files: (Array.isArray(files) ? files : [files]).filter(
        (f): f is string => typeof f === 'string' && !!f && !isJinja(f),
      ),
      parent: outer,
    };
    for (const section of ['pre_tasks', 'tasks', 'post_tasks', 'handlers'])
      this.taskList(get(section)?.value, section === 'handlers' ? 'handler' : 'task', `${prefix}.${section}`, noLog);
    this.env = outer;
    this.become = undefined;
  }

  inventoryYaml(n: unknown, group: string): void {
    if (!isMap(n)) return;
    for (const p of n.items) {
      const k = keyName(p);
      if (!k) continue;
      if (k === 'hosts' && isMap(p.value)) {
        for (const hp of p.value.items) {
          const host = keyName(hp);
          if (host) this.varsOfMap(hp.value, 'inventory', (v) => `${this.path}:${host}.${v}`);
        }
      } else if (k === 'vars') this.varsOfMap(p.value, 'inventory', (v) => `${this.path}:${group}.vars.${v}`);
      else if (k === 'children' && isMap(p.value)) {
        for (const cp of p.value.items) {
          const child = keyName(cp);
          if (child) this.inventoryYaml(cp.value, child);
        }
      }
    }
  }

  inventoryIni(): void {
    const doc = parseIni(this.text, { entriesIn: (s) => s.endsWith(':vars') });
    for (const e of doc.errors) this.file.errors.push({ line: e.line, message: `inventory: ${e.message}` });
    const add = (
      v: { key: string; value: string; line: number; keyCol: number; valueCol: number; valueEndCol: number },
      path: string,
    ) =>
      this.file.vars.push({
        key: v.key,
        keyPos: { line: v.line, column: v.keyCol, endLine: v.line, endColumn: v.keyCol + v.key.length },
        valuePos: { line: v.line, column: v.valueCol, endLine: v.line, endColumn: v.valueEndCol },
        value: v.value,
        vault: false,
        scope: [v.line, v.line],
        path,
        where: 'inventory',
      });
    for (const e of doc.entries) add(e, `${this.path}:[${e.section}]:${e.key}`);
    for (const l of doc.other) {
      if (l.section.endsWith(':children') || l.section.endsWith(':vars')) continue;
      const h = parseHostLine(l);
      for (const v of h.vars) add(v, `${this.path}:${h.host}:${v.key}`);
    }
  }
}

function kindByPath(path: string, text: string): AnsibleKind | 'inventory-ini' | undefined {
  const base = path.split('/').pop() ?? '';
  if (looksLikeAnsibleCfg(base, text)) return 'config';
  if (VARS_PATH.test(path)) return 'vars';
  if (META_PATH.test(path)) return 'meta';
  if (REQUIREMENTS_BASE.test(base)) return 'requirements';
  if (
    (INVENTORY_PATH.test(path) || INVENTORY_BASE.test(base) || looksLikeIniInventory(base, text)) &&
    !isProgram(base, text)
  ) {
    if (/\.ya?ml$/i.test(base) || looksLikeYamlInventory(text)) return 'inventory';
    if (/\.json$/i.test(base)) return undefined;
    return 'inventory-ini';
  }
  if (TASKS_PATH.test(path)) return 'tasks';
  return undefined;
}

/** Classify and model one file. `matched: false` for files that are not Ansible. */
export function loadAnsible(path: string, text: string): LoadResult {
  if (isProgram(path.split('/').pop() ?? '', text)) return { matched: false, errors: [] };
  const managed = managedFileKind(path.toLowerCase());
  if (managed) {
    const b = new Builder(path, text, undefined, 'managed');
    b.file.managed = managed === 'repo' ? { kind: 'repo', ini: parseIni(text) } : { kind: 'ssh-config' };
    return { matched: true, file: b.file, errors: [] };
  }
  const byPath = kindByPath(path, text);
  if (/^\s*\$ANSIBLE_VAULT;/.test(text)) {
    const b = new Builder(path, text, undefined, 'vault');
    return { matched: true, file: b.file, errors: [] };
  }
  if (byPath === 'config') {
    const b = new Builder(path, text, undefined, 'config');
    b.file.cfg = parseIni(text);
    for (const e of b.file.cfg.errors) b.file.errors.push({ line: e.line, message: `ansible.cfg: ${e.message}` });
    return { matched: true, file: b.file, errors: b.file.errors };
  }
  if (byPath === 'inventory-ini') {
    const b = new Builder(path, text, undefined, 'inventory');
    b.inventoryIni();
    return { matched: true, file: b.file, errors: b.file.errors };
  }
  const parsed = parseYamlAll(text, { fast: true });
  // A file that is neither YAML by name nor in an Ansible place is only Ansible when it parses as such.
  if (parsed.errors.length && !byPath && !/\.ya?ml$/i.test(path)) return { matched: false, errors: [] };
  if (parsed.errors.length)
    return { matched: true, errors: parsed.errors.map((e) => ({ ...e, message: `invalid YAML: ${e.message}` })) };
  // Empty documents (`---` with only a comment) say nothing about the file.
  const roots = parsed.docs
    .map((d) => d.contents)
    .filter((c) => c !== null && c !== undefined && !(isScalar(c) && (c.value === null || c.value === '')));
  // Kubernetes manifests, compose files, CI workflows… are left alone.
  const foreign = roots.some(
    (r) =>
      isMap(r) &&
      r.items.some((p) =>
        ['apiVersion', 'kind', 'services', 'jobs', 'stages', 'AWSTemplateFormatVersion'].includes(keyName(p) ?? ''),
      ),
  );
  if (foreign && byPath !== 'vars' && byPath !== 'inventory') return { matched: false, errors: [] };
  // A file may hold several YAML documents (`---`): the first that says what the file is decides, and every document
  // of that kind is read.
  const playbookDoc = (r: unknown) => isSeq(r) && r.items.some(isPlay);
  let root = roots[0];
  let kind: AnsibleKind | undefined = byPath;
  if (!kind) {
    for (const r of roots) {
      if (isSeq(r)) {
        if (playbookDoc(r)) kind = 'playbook';
        else if (looksLikeTaskList(r)) kind = 'tasks';
      } else if (isMap(r)) {
        const keys = r.items.map((p) => keyName(p) ?? '');
        if (keys.some((k) => /^ansible_/.test(k))) kind = 'vars';
        else if (looksLikeYamlInventoryDoc(r)) kind = 'inventory';
      }
      if (kind) {
        root = r;
        break;
      }
    }
  } else if (kind === 'tasks' && roots.some(playbookDoc)) {
    kind = 'playbook';
    root = roots.find(playbookDoc);
  }
  if (!kind) return { matched: false, errors: [] };
  // A folder name is a hint, not proof: `tasks/` and `inventories/` also hold other tools' YAML.
  if (kind === 'tasks' && root !== undefined && !(isSeq(root) && (!root.items.length || root.items.some(hasModuleKey))))
    return { matched: false, errors: [] };
  if (
    kind === 'inventory' &&
    root !== undefined &&
    !(
      isMap(root) &&
      root.items.every((p) => p.value === null || isMap(p.value) || (isScalar(p.value) && p.value.value === null))
    )
  )
    return { matched: false, errors: [] };
  const b = new Builder(path, text, parsed.lc, kind);
  switch (kind) {
    case 'playbook': {
      // Paths of the first document stay as they always were; later documents are prefixed with their index.
      let first = true;
      roots.forEach((r, d) => {
        if (!playbookDoc(r) || !isSeq(r)) return;
        r.items.forEach((p, i) => b.play(p, i, first ? '' : `documents[${d}].`));
        first = false;
      });
      break;
    }
    case 'tasks': {
      const handlers = /(?:^|\/)handlers(?:\/|\.ya?ml$)/.test(path);
      let first = true;
      roots.forEach((r, d) => {
        if (!isSeq(r) || (r !== root && !looksLikeTaskList(r))) return;
        const prefix = handlers ? 'handlers' : 'tasks';
        b.taskList(r, handlers ? 'handler' : 'task', first ? prefix : `documents[${d}].${prefix}`, false);
        first = false;
      });
      break;
    }
    case 'vars':
      for (const r of roots) b.varsOfMap(r, 'vars-file', (v) => `${path}:${v}`);
      break;
    case 'inventory':
      for (const r of roots)
        if (isMap(r))
          for (const p of r.items) {
            const g = keyName(p);
            if (g) b.inventoryYaml(p.value, g);
          }
      break;
    default:
      break;
  }
  return { matched: true, file: b.file, errors: [] };
}

/** Helpers for rules walking YAML values. */
export function mapGet(n: unknown, key: string): Pair | undefined {
  return isMap(n) ? n.items.find((p) => keyName(p) === key) : undefined;
}

export function pairKey(p: Pair): string | undefined {
  return keyName(p);
}

export { isMap, isSeq, isScalar, isPair, isNode };
export type { Node, Pair, Scalar, YAMLMap, Pos, LineCounter };

/** Position of a node of this file. */
export function posOf(file: AnsibleFile, n: unknown): Pos {
  return new Builder(file.path, '', file.lc, file.kind).pos(n);
}

/** Position of `sub` within a value's source range (undefined when not found there). */
export function locateIn(file: AnsibleFile, range: [number, number] | undefined, sub: string): Pos | undefined {
  if (!file.lc || !range || !sub) return undefined;
  const i = file.text.indexOf(sub, range[0]);
  if (i === -1 || i + sub.length > range[1]) return undefined;
  const s = file.lc.linePos(i);
  const e = file.lc.linePos(i + sub.length);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
