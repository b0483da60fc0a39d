/**
 * Shared check for sshd_config directives being weakened: by tasks that write sshd_config lines (lineinfile,
 * replace, blockinfile, copy content, template/role vars) and by variables of common sshd roles
 * (`sshd_PermitRootLogin`, `ssh_permit_root_login`, `sshd: {PermitRootLogin: yes}`).
 */
import { atArg, isJinja, pairsOf, strings, truthy, type AnsibleContext, type Arg, type VarEntry } from './context.js';

const SKIP_ARGS = new Set(['regexp', 'search_string', 'insertafter', 'insertbefore', 'path', 'dest', 'src']);

export interface Directive {
  /** sshd_config keyword, e.g. PermitRootLogin. */
  name: string;
  /** Values that weaken it (lower case). */
  bad: string[];
}

function varNameRe(d: Directive): RegExp {
  const words = d.name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return new RegExp(`(?:^|_)${words.replace(/_/g, '_?')}$`, 'i');
}

function badValue(d: Directive, v: unknown): boolean {
  if (isJinja(v)) return false;
  if (d.bad.includes('yes') && truthy(v) === true) return true;
  return typeof v === 'string' && d.bad.includes(v.trim().toLowerCase());
}

const compiled = new Map<string, { line: RegExp; nameRe: RegExp }>();

function regexes(d: Directive): { line: RegExp; nameRe: RegExp } {
  let r = compiled.get(d.name);
  if (!r) {
    r = { line: new RegExp(`^\\s*${d.name}\\s+(${d.bad.join('|')})\\s*(?:#.*)?$`, 'im'), nameRe: varNameRe(d) };
    compiled.set(d.name, r);
  }
  return r;
}

/**
 * What a match needs, tested before the case-insensitive regexes (compiling one costs more than the lower-casing of
 * a playbook's strings, and most playbooks never name sshd): a line that matches holds the directive's name, a
 * variable that matches ends with its last word, in ASCII letters of either case (the regexes have no u flag, so no
 * other character matches them), which lower-casing keeps.
 */
function mayName(d: Directive, s: string): boolean {
  return s.toLowerCase().includes(d.name.toLowerCase());
}

function mayEndVar(d: Directive, key: string): boolean {
  return key.toLowerCase().endsWith(d.name.replace(/^.*[a-z](?=[A-Z])/, '').toLowerCase());
}

export function checkSshd(ctx: AnsibleContext, d: Directive, message: string): void {
  const { line, nameRe } = regexes(d);
  for (const t of ctx.file.tasks) {
    const hit = [...t.args.values()]
      .filter((a) => !SKIP_ARGS.has(a.key))
      .find((a) => strings(a.value).some((s) => !isJinja(s) && mayName(d, s) && line.test(s)));
    if (hit) atArg(ctx, t, hit, `${t.module} writes "${d.name} …": ${message}`);
  }
  const visit = (v: VarEntry, a: Arg, path: string, depth: number): void => {
    if (
      ((mayEndVar(d, a.key) && nameRe.test(a.key)) || a.key.toLowerCase() === d.name.toLowerCase()) &&
      badValue(d, a.value)
    ) {
      ctx.report({ at: a.keyPos, scope: v.scope, path, message: `${a.key}: ${String(a.value)} — ${message}` });
      return;
    }
    if (depth < 4) for (const c of pairsOf(ctx, a.node)) visit(v, c, `${path}.${c.key}`, depth + 1);
  };
  for (const v of ctx.file.vars) visit(v, v, v.path, 0);
}
