/**
 * What a playbook says, resolved where it is literal: `{{ var }}` from task/block/play vars, `vars_files` and role
 * defaults/vars (texts of those files come from the scan's source, see `relatedPaths`), `set_fact` with literal
 * values, and loop items (`loop`, `with_items`, `with_list`, `with_dict`). A task whose arguments use the loop
 * variable becomes one task per item. Anything else (filters, lookups, undefined names, secret-looking variables,
 * which secret rules judge as references) stays Jinja: unknown, never insecure.
 *
 * Values from this file keep their own nodes (a finding points at the literal in `vars:`); values from another file
 * become nodes placed on the argument that uses them.
 */
import { isMap, isNode, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { parseYamlAll } from './yaml.js';
import type { AnsibleFile, Arg, Task, VarScope } from './ansible.js';
import { normaliseRepoPath } from './repo-path.js';

type Range = [number, number, number];
/** A resolved value: a node of this file, or a plain value from another file. */
type Val = { node: Node | null } | { plain: unknown; from: string };

const MAX_DEPTH = 6;
const MAX_ITEMS = 64;
/** Secret-looking variables stay references: the secret rules judge `"{{ db_password }}"` as such. */
const SECRETISH = /pass|pwd|secret|token|key|cred|auth|vault_/i;
const EXPR = /^\{\{\s*([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[\s*(?:\d+|'[^']*'|"[^"]*")\s*\])*)\s*\}\}$/;
const STEP = /\.([A-Za-z_]\w*)|\[\s*(?:(\d+)|'([^']*)'|"([^"]*)")\s*\]/g;

/** Repository paths whose text helps resolve this file: its `vars_files` and its role's defaults/vars. */
export function relatedPaths(path: string, text: string): string[] {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const out: string[] = [];
  const role = /^(.*?\/)?(?:tasks|handlers)\/[^/]+$/.exec(path);
  if (role) {
    const base = role[1] ?? '';
    for (const sub of ['defaults', 'vars']) out.push(`${base}${sub}/main.yml`, `${base}${sub}/main.yaml`);
  }
  // A role's defaults with a secret-looking value: its tasks say whether the value is a sentinel the role refuses.
  const defaults = /^(.*?\/)?defaults\/main\.ya?ml$/.exec(path);
  if (defaults && /(?:pass|passwd|password|secret|token|key)["']?\s*:/i.test(text))
    out.push(`${defaults[1] ?? ''}tasks/main.yml`, `${defaults[1] ?? ''}tasks/main.yaml`);
  if (text.includes('vars_files')) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\s*)(?:-\s+)?vars_files:\s*(.*)$/.exec(lines[i]!);
      if (!m) continue;
      const inline = m[2]!.replace(/\s+#.*$/, '').trim();
      const names: string[] = [];
      if (inline.startsWith('[')) names.push(...inline.replace(/^\[|\]$/g, '').split(','));
      else if (inline) names.push(inline);
      else
        for (let j = i + 1; j < lines.length; j++) {
          const it = /^\s*-\s+(.+?)\s*(?:#.*)?$/.exec(lines[j]!);
          if (!it) break;
          names.push(it[1]!);
        }
      for (const raw of names) {
        const n = raw.trim().replace(/^["']|["']$/g, '');
        if (!n || n.includes('{{') || n.startsWith('/')) continue;
        out.push(normaliseRepoPath(dir + n) ?? '');
      }
    }
  }
  return [...new Set(out.filter((p) => p && p !== path))];
}

/** A variable of another file: its plain value and the line where it is set. */
interface FileVar {
  v: unknown;
  line: number;
}

/** Parsed vars files by text: every task file of a tree reads the same inventory files (bounded). */
const parsedVars = new Map<string, Map<string, FileVar> | undefined>();

/** Top-level variables of a vars file's text (plain values and lines); undefined when it is not a YAML mapping. */
function varsOfText(text: string): Map<string, FileVar> | undefined {
  if (parsedVars.has(text)) return parsedVars.get(text);
  const v = parseVars(text);
  if (parsedVars.size >= 256) parsedVars.delete(parsedVars.keys().next().value!);
  parsedVars.set(text, v);
  return v;
}

function parseVars(text: string): Map<string, FileVar> | undefined {
  if (/^\s*\$ANSIBLE_VAULT;/.test(text)) return undefined;
  const parsed = parseYamlAll(text, { fast: true });
  if (parsed.errors.length) return undefined;
  const root = parsed.docs[0]?.contents;
  if (!isMap(root)) return undefined;
  const out = new Map<string, FileVar>();
  for (const p of root.items) {
    const k = isScalar(p.key) ? p.key.value : undefined;
    if (typeof k === 'string' && !(isNode(p.value) && p.value.tag === '!vault')) {
      const at = isNode(p.key) ? (p.key.range?.[0] ?? 0) : 0;
      let line = 1;
      for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
      out.set(k, { v: isNode(p.value) ? p.value.toJSON() : p.value, line });
    }
  }
  return out;
}

/** Folders whose group_vars/host_vars may set this file's variables: the inventories at the repository root, beside
 * the playbook and beside the roles folder. Only for a file that uses variables. */
export function relatedDirs(path: string, text: string): string[] {
  if (!text.includes('{{')) return [];
  const bases = new Set<string>(['']);
  if (path.includes('/')) bases.add(path.slice(0, path.lastIndexOf('/') + 1));
  const role = /^(.*?\/)?roles\/[^/]+\/(?:tasks|handlers)\//.exec(path);
  if (role) bases.add(role[1] ?? '');
  const out: string[] = [];
  for (const b of bases) for (const d of ['group_vars', 'host_vars', 'inventories', 'inventory']) out.push(`${b}${d}`);
  return out;
}

/** A group_vars/host_vars file (`group_vars/web.yml`, `group_vars/web/main.yml`, `host_vars/db1`). */
export function isInventoryVars(p: string): boolean {
  return /(?:^|\/)(?:group_vars|host_vars)\/(?:[^/]+\/)?[^/]+$/.test(p) && !/\.(?!ya?ml$|json$)[^./]+$/.test(p);
}

/** Which group (or host) an inventory vars file is for. */
function inventoryOwner(p: string): string {
  const m = /(?:^|\/)(group_vars|host_vars)\/([^/]+)/.exec(p)!;
  const name = m[2]!.replace(/\.(?:ya?ml|json)$/, '');
  return m[1] === 'group_vars' ? `group ${name}` : `host ${name}`;
}

/** Every value an inventory gives a variable, one per group or host file that sets it. */
interface InventoryVal {
  v: unknown;
  from: string;
  owner: string;
}

function plainOf(v: Val): unknown {
  if ('plain' in v) return v.plain;
  return v.node ? (v.node.toJSON() as unknown) : null;
}

/** A plain value as nodes placed on `range` (so findings inside it point at the argument that uses it). */
function synth(v: unknown, range: Range | undefined, depth = 0): Node {
  let n: Node;
  if (Array.isArray(v) && depth < 20) {
    const s = new YAMLSeq();
    s.items = v.map((x) => synth(x, range, depth + 1));
    n = s;
  } else if (v && typeof v === 'object' && depth < 20) {
    const m = new YAMLMap();
    for (const [k, x] of Object.entries(v)) {
      const key = new Scalar(k);
      if (range) key.range = range;
      m.items.push(new Pair(key, synth(x, range, depth + 1)));
    }
    n = m;
  } else n = new Scalar(v);
  if (range) n.range = range;
  return n;
}

function nodeOf(v: Val, range: Range | undefined): Node | null {
  return 'plain' in v ? synth(v.plain, range) : v.node;
}

interface Frame {
  /** The loop variable and its item, for a task variant. */
  loop?: { name: string; item: Val };
  /** For a task variant: the value each inventory variable with several values takes. */
  inventory?: Map<string, InventoryVal>;
  env: VarScope;
  line: number;
}

export class Resolver {
  private readonly fileVars = new Map<string, Map<string, FileVar> | undefined>();
  private readonly roleDefaults: { path: string; vars: Map<string, FileVar> };
  private readonly roleVars: { path: string; vars: Map<string, FileVar> };
  /** Variables the inventories' group_vars and host_vars set, each with every distinct value and where. */
  private readonly inventory = new Map<string, InventoryVal[]>();
  private readonly dir: string;
  /** While arguments are resolved: the variables of other files that gave a value, per argument. */
  private used: string[] | undefined;

  constructor(
    readonly file: AnsibleFile,
    readonly related: ReadonlyMap<string, string | undefined>,
  ) {
    this.dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
    const role = /^(.*?\/)?(?:tasks|handlers)\/[^/]+$/.exec(file.path);
    const base = role ? (role[1] ?? '') : undefined;
    const none = { path: '', vars: new Map<string, FileVar>() };
    this.roleDefaults =
      base !== undefined ? this.varsFile(`${base}defaults/main.yml`, `${base}defaults/main.yaml`) : none;
    this.roleVars = base !== undefined ? this.varsFile(`${base}vars/main.yml`, `${base}vars/main.yaml`) : none;
    for (const p of [...related.keys()].filter(isInventoryVars).sort()) {
      const vars = this.varsFile(p).vars;
      for (const [name, fv] of vars) {
        const list = this.inventory.get(name) ?? [];
        const key = JSON.stringify(fv.v);
        if (!list.some((x) => JSON.stringify(x.v) === key))
          list.push({ v: fv.v, from: `${p}:${fv.line}`, owner: inventoryOwner(p) });
        this.inventory.set(name, list);
      }
    }
  }

  private varsFile(...paths: string[]): { path: string; vars: Map<string, FileVar> } {
    for (const p of paths) {
      if (!this.fileVars.has(p)) {
        const text = this.related.get(p);
        this.fileVars.set(p, text === undefined ? undefined : varsOfText(text));
      }
      const v = this.fileVars.get(p);
      if (v) return { path: p, vars: v };
    }
    return { path: '', vars: new Map() };
  }

  /** A value of another file, noted for the finding (`name from file:line`). */
  private fromFile(name: string, v: unknown, from: string, owner?: string): Val {
    this.used?.push(`${name} from ${from}${owner ? ` (${owner})` : ''}`);
    return { plain: v, from };
  }

  /** Whether a variable is set above the inventory (facts, task/block/play vars, vars_files, role vars). */
  private setAbove(name: string, f: Frame): boolean {
    if (f.loop && name === f.loop.name) return true;
    if (this.file.facts.some((x) => x.name === name && x.line < f.line)) return true;
    for (let s: VarScope | undefined = f.env; s; s = s.parent) {
      if (s.vars.has(name)) return true;
      if (s.files.some((p) => this.varsFile(normaliseRepoPath(this.dir + p) ?? '').vars.has(name))) return true;
    }
    return this.roleVars.vars.has(name);
  }

  /** A variable by name, in Ansible's order of precedence (roughly): facts, task/block/play (vars_files over vars), role. */
  lookup(name: string, f: Frame): Val | undefined {
    if (f.loop && name === f.loop.name) return f.loop.item;
    for (let i = this.file.facts.length - 1; i >= 0; i--) {
      const fact = this.file.facts[i]!;
      if (fact.name === name && fact.line < f.line) return { node: fact.node };
    }
    for (let s: VarScope | undefined = f.env; s; s = s.parent) {
      for (let i = s.files.length - 1; i >= 0; i--) {
        const p = normaliseRepoPath(this.dir + s.files[i]!) ?? '';
        const fv = this.varsFile(p).vars.get(name);
        if (fv) return this.fromFile(name, fv.v, `${p}:${fv.line}`);
      }
      if (s.vars.has(name)) return { node: s.vars.get(name) ?? null };
    }
    const rv = this.roleVars.vars.get(name);
    if (rv) return this.fromFile(name, rv.v, `${this.roleVars.path}:${rv.line}`);
    // The inventory: the value this variant of the task takes (one per distinct value), else the only one.
    const chosen = f.inventory?.get(name);
    if (chosen) return this.fromFile(name, chosen.v, chosen.from, chosen.owner);
    const inv = this.inventory.get(name);
    if (inv?.length === 1) return this.fromFile(name, inv[0]!.v, inv[0]!.from, inv[0]!.owner);
    if (inv?.length) return undefined; // several values and none chosen: unknown
    const rd = this.roleDefaults.vars.get(name);
    if (rd) return this.fromFile(name, rd.v, `${this.roleDefaults.path}:${rd.line}`);
    return undefined;
  }

  /** `{{ name.attr[0] }}` → its value, following variables that are themselves a single expression. */
  expr(text: string, f: Frame, depth = 0): Val | undefined {
    const m = EXPR.exec(text.trim());
    if (!m || depth > MAX_DEPTH || SECRETISH.test(text)) return undefined;
    let v = this.lookup(m[1]!, f);
    if (!v) return undefined;
    v = this.settle(v, f, depth);
    if (!v) return undefined;
    for (const s of m[2]!.matchAll(STEP)) {
      const key = s[1] ?? s[3] ?? s[4];
      const index = s[2] !== undefined ? Number(s[2]) : undefined;
      v = this.step(v, key, index);
      if (!v) return undefined;
      v = this.settle(v, f, depth);
      if (!v) return undefined;
    }
    return v;
  }

  /** A value that is itself `{{ … }}` is followed; other strings with Jinja are unknown. */
  private settle(v: Val, f: Frame, depth: number): Val | undefined {
    const p = 'plain' in v ? v.plain : isScalar(v.node) ? v.node.value : undefined;
    if (typeof p === 'string' && p.includes('{{')) return this.expr(p, f, depth + 1);
    return v;
  }

  private step(v: Val, key: string | undefined, index: number | undefined): Val | undefined {
    if ('plain' in v) {
      const p = v.plain;
      if (index !== undefined)
        return Array.isArray(p) && index < p.length ? { plain: p[index], from: v.from } : undefined;
      if (p && typeof p === 'object' && !Array.isArray(p) && key !== undefined && key in p)
        return { plain: (p as Record<string, unknown>)[key], from: v.from };
      return undefined;
    }
    const n = v.node;
    if (index !== undefined) return isSeq(n) && index < n.items.length ? { node: n.items[index] as Node } : undefined;
    if (isMap(n) && key !== undefined) {
      const pair = n.items.find((q) => isScalar(q.key) && q.key.value === key);
      return pair ? { node: isNode(pair.value) ? pair.value : null } : undefined;
    }
    return undefined;
  }

  /** A string with `{{ }}` in part of it, when every expression is a known scalar. */
  interpolate(text: string, f: Frame): string | undefined {
    let ok = true;
    const out = text.replace(/\{\{[\s\S]*?\}\}/g, (e) => {
      const v = this.expr(e, f);
      const p = v ? plainOf(v) : undefined;
      if (p === undefined || p === null || typeof p === 'object') {
        ok = false;
        return e;
      }
      return String(p);
    });
    return ok && !out.includes('{{') ? out : undefined;
  }

  /** A node with every resolvable expression in it resolved; undefined when nothing changed. */
  node(n: Node | null, f: Frame, depth = 0): Node | undefined {
    if (!n || depth > 30) return undefined;
    if (isScalar(n)) {
      if (typeof n.value !== 'string' || !n.value.includes('{{')) return undefined;
      const whole = this.expr(n.value, f);
      if (whole) {
        const r = nodeOf(whole, n.range ?? undefined);
        // What a variable holds may use other variables (`cidr_ip: "{{ world }}"` inside a list of rules).
        return r ? (this.node(r, f, depth + 1) ?? r) : undefined;
      }
      const s = this.interpolate(n.value, f);
      if (s === undefined) return undefined;
      const sc = new Scalar(s);
      if (n.range) sc.range = n.range;
      return sc;
    }
    if (isSeq(n)) {
      let changed = false;
      const items = n.items.map((x) => {
        const r = isNode(x) ? this.node(x, f, depth + 1) : undefined;
        if (r) changed = true;
        return r ?? x;
      });
      if (!changed) return undefined;
      const s = new YAMLSeq();
      s.items = items;
      if (n.range) s.range = n.range;
      return s;
    }
    if (isMap(n)) {
      let changed = false;
      const items = n.items.map((p) => {
        const k = isScalar(p.key) ? String(p.key.value) : '';
        const r = isNode(p.value) && !SECRETISH.test(k) ? this.node(p.value, f, depth + 1) : undefined;
        if (!r) return p;
        changed = true;
        return new Pair(p.key, r);
      });
      if (!changed) return undefined;
      const m = new YAMLMap();
      m.items = items;
      if (n.range) m.range = n.range;
      return m;
    }
    return undefined;
  }

  /** The items of a task's loop, when they are literal. */
  loopItems(t: Task): { name: string; items: Val[]; via: string } | undefined {
    const lc = t.keywords.get('loop_control')?.value as { loop_var?: unknown } | undefined;
    const name = typeof lc?.loop_var === 'string' ? lc.loop_var : 'item';
    const f: Frame = { env: t.env, line: t.pos.line };
    for (const kw of ['loop', 'with_items', 'with_list', 'with_dict']) {
      const a = t.keywords.get(kw);
      if (!a) continue;
      let v: Val | undefined = { node: a.node ?? null };
      const raw = a.node && isScalar(a.node) ? a.node.value : undefined;
      if (typeof raw === 'string')
        v = raw.includes('{{')
          ? this.expr(raw, f)
          : /^[A-Za-z_]\w*$/.test(raw.trim())
            ? this.lookup(raw.trim(), f)
            : undefined;
      if (!v) return undefined;
      const via = `${kw} over ${typeof raw === 'string' ? raw.trim() : 'a literal list'}`;
      if (kw === 'with_dict') {
        const entries: Val[] = [];
        if ('plain' in v) {
          const p = v.plain;
          if (!p || typeof p !== 'object' || Array.isArray(p)) return undefined;
          for (const [k, x] of Object.entries(p as Record<string, unknown>))
            entries.push({ plain: { key: k, value: x }, from: v.from });
        } else {
          if (!isMap(v.node)) return undefined;
          for (const pair of v.node.items) {
            const m = new YAMLMap();
            const key = new Scalar('key');
            const value = new Scalar('value');
            m.items.push(new Pair(key, pair.key), new Pair(value, pair.value));
            const r = (isNode(pair.key) && pair.key.range) || undefined;
            if (r) m.range = key.range = value.range = r;
            entries.push({ node: m });
          }
        }
        return { name, items: entries.slice(0, MAX_ITEMS), via };
      }
      let items: Val[];
      if ('plain' in v) {
        if (!Array.isArray(v.plain)) return undefined;
        const from = v.from;
        items = (v.plain as unknown[]).map((x) => ({ plain: x, from }));
      } else {
        if (!isSeq(v.node)) return undefined;
        items = v.node.items.map((x) => ({ node: isNode(x) ? x : null }));
      }
      // with_items flattens one level of lists.
      if (kw === 'with_items')
        items = items.flatMap((it): Val[] =>
          'plain' in it
            ? Array.isArray(it.plain)
              ? (it.plain as unknown[]).map((x) => ({ plain: x, from: it.from }))
              : [it]
            : isSeq(it.node)
              ? it.node.items.map((x) => ({ node: isNode(x) ? x : null }))
              : [it],
        );
      return { name, items: items.slice(0, MAX_ITEMS), via };
    }
    return undefined;
  }

  private resolveArgs(
    t: Task,
    f: Frame,
  ): { args: Map<string, Arg>; freeForm: Arg | undefined; changed: boolean; origins: Map<string, string[]> } {
    let changed = false;
    const args = new Map<string, Arg>();
    const origins = new Map<string, string[]>();
    for (const [k, a] of t.args) {
      // A secret argument stays as written: secret rules judge `"{{ db_password }}"` as a reference.
      if (SECRETISH.test(k)) {
        args.set(k, a);
        continue;
      }
      this.used = [];
      const n = a.node ? this.node(a.node, f) : undefined;
      const used = this.used;
      this.used = undefined;
      if (used.length && (n || (!a.node && typeof a.value === 'string'))) origins.set(k, [...new Set(used)]);
      if (n) {
        changed = true;
        args.set(k, { ...a, node: n, value: n.toJSON() as unknown });
      } else if (!a.node && typeof a.value === 'string' && a.value.includes('{{')) {
        const s = this.interpolate(a.value, f);
        if (s !== undefined) {
          changed = true;
          args.set(k, { ...a, value: s });
        } else args.set(k, a);
      } else args.set(k, a);
    }
    let freeForm = t.freeForm;
    if (freeForm && typeof freeForm.value === 'string' && freeForm.value.includes('{{')) {
      this.used = [];
      const s = this.interpolate(freeForm.value, f);
      if (s !== undefined) {
        changed = true;
        freeForm = { ...freeForm, value: s };
        if (this.used.length) origins.set('', [...new Set(this.used)]);
      }
      this.used = undefined;
    }
    return { args, freeForm, changed, origins };
  }

  /**
   * The inventory variables with several values (one per group or host) that a task's arguments use and nothing
   * above the inventory sets: each combination of their values (bounded) is a variant of the task. A variable that
   * is insecure in any group is then reported, naming the group.
   */
  private inventoryChoices(t: Task, f: Frame): Array<Map<string, InventoryVal>> {
    const names = new Set<string>();
    const scan = (v: unknown) => {
      if (typeof v === 'string') for (const m of v.matchAll(/\{\{\s*([A-Za-z_]\w*)/g)) names.add(m[1]!);
      else if (Array.isArray(v)) v.forEach(scan);
      else if (v && typeof v === 'object') Object.values(v).forEach(scan);
    };
    for (const [k, a] of t.args) if (!SECRETISH.test(k)) scan(a.value);
    if (t.freeForm) scan(t.freeForm.value);
    // Variables that those variables name, one level down (`{{ verify }}` where verify is `"{{ api_verify }}"`).
    for (const n of [...names]) for (const x of this.inventory.get(n) ?? []) scan(x.v);
    let combos: Array<Map<string, InventoryVal>> = [new Map<string, InventoryVal>()];
    for (const n of [...names].sort()) {
      const vals = this.inventory.get(n);
      if (!vals || vals.length < 2 || SECRETISH.test(n) || this.setAbove(n, f)) continue;
      combos = combos.flatMap((c) => vals.map((v) => new Map([...c, [n, v]]))).slice(0, MAX_ITEMS);
    }
    return combos.length === 1 && combos[0]!.size === 0 ? [] : combos;
  }

  /** The file's tasks with literal values resolved; loops over literal items become one task per item. */
  tasks(): Task[] {
    const out: Task[] = [];
    for (const t of this.file.tasks) {
      const loop = this.loopItems(t);
      const usesLoop =
        loop && [...t.args.values(), ...(t.freeForm ? [t.freeForm] : [])].some((a) => mentions(a.value, loop.name));
      if (loop && usesLoop && loop.items.length) {
        loop.items.forEach((item, i) => {
          const r = this.resolveArgs(t, { env: t.env, line: t.pos.line, loop: { name: loop.name, item } });
          out.push({
            ...t,
            args: r.args,
            ...(r.freeForm ? { freeForm: r.freeForm } : {}),
            path: `${t.path}{${i}}`,
            via: `${loop.via}, item ${i + 1}${'from' in item ? ` (from ${item.from})` : ''}`,
            ...(r.origins.size ? { origins: r.origins } : {}),
          });
        });
        continue;
      }
      const base: Frame = { env: t.env, line: t.pos.line };
      const choices = this.inventoryChoices(t, base);
      if (choices.length) {
        // One variant per combination of group values; the path of each names its values, so a finding's
        // fingerprint stays with the group that holds the value.
        for (const inventory of choices) {
          const r = this.resolveArgs(t, { ...base, inventory });
          const tag = [...inventory].map(([n, v]) => `${n}@${v.from.replace(/:\d+$/, '')}`).join(',');
          out.push({
            ...t,
            args: r.args,
            ...(r.freeForm ? { freeForm: r.freeForm } : {}),
            path: `${t.path}{${tag}}`,
            ...(r.origins.size ? { origins: r.origins } : {}),
          });
        }
        continue;
      }
      const r = this.resolveArgs(t, base);
      out.push(
        r.changed
          ? {
              ...t,
              args: r.args,
              ...(r.freeForm ? { freeForm: r.freeForm } : {}),
              ...(r.origins.size ? { origins: r.origins } : {}),
            }
          : t,
      );
    }
    return out;
  }
}

function mentions(v: unknown, name: string): boolean {
  const re = new RegExp(`\\{\\{[^}]*\\b${name}\\b`);
  if (typeof v === 'string') return re.test(v);
  if (Array.isArray(v)) return v.some((x) => mentions(x, name));
  if (v && typeof v === 'object') return Object.values(v).some((x) => mentions(x, name));
  return false;
}
