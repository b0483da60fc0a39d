/**
 * Every IaC rule doc's "Example" and "Fix" snippets are valid and true: each parses, the example fails its rule and
 * the fixed version passes it (CloudFormation: a fixed fragment replaces what it names in the example).
 * The docs are what `hookguard explain` prints and docs/rules is generated from.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { family as cfn } from '../../src/rules/cloudformation/index.js';
import { family as ansible } from '../../src/rules/ansible/index.js';

function snippets(docs: string): { example?: string; fixed?: string } {
  const section = (name: string) => {
    const m = new RegExp(`## ${name}\\n[\\s\\S]*?\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(docs);
    return m?.[1];
  };
  const example = section('Example');
  const fixed = section('Fix');
  return { ...(example !== undefined ? { example } : {}), ...(fixed !== undefined ? { fixed } : {}) };
}

/** CloudFormation short-form tags (`!Ref`, `!Sub`, …) stay on the nodes as unresolved tags, as in src/parse. */
function parseCfn(text: string): Document {
  return parseDocument(text);
}

/** yaml errors and warnings of a snippet, as readable strings. */
function problems(doc: Document): string[] {
  return [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')].map(
    (e) => e.message.split('\n')[0]!,
  );
}

function keyOf(p: Pair): string | undefined {
  return isScalar(p.key) ? String(p.key.value) : undefined;
}

/** Depth-first: the first map under `node` with key `k`. */
function findMapWithKey(node: unknown, k: string): YAMLMap | undefined {
  if (isMap(node)) {
    if (node.items.some((p) => keyOf(p) === k)) return node;
    for (const p of node.items) {
      const hit = findMapWithKey(p.value, k);
      if (hit) return hit;
    }
  } else if (isSeq(node)) {
    for (const it of node.items) {
      const hit = findMapWithKey(it, k);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Depth-first: the first sequence whose first item is a map starting with key `k`. */
function findSeqOfMaps(node: unknown, k: string): { parent: YAMLMap; key: string } | undefined {
  if (isMap(node)) {
    for (const p of node.items) {
      const v = p.value;
      if (isSeq(v) && isMap(v.items[0]) && keyOf(v.items[0].items[0]!) === k) return { parent: node, key: keyOf(p)! };
      const hit = findSeqOfMaps(v, k);
      if (hit) return hit;
    }
  } else if (isSeq(node)) {
    for (const it of node.items) {
      const hit = findSeqOfMaps(it, k);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The example with the fixed snippet applied. A snippet is either whole resources (top-level keys with a `Type`, or
 * the example's own top-level keys), a list that replaces the example's list of the same shape, or properties that
 * replace the same keys in the example (new keys go beside the ones they came with).
 */
function applyFix(example: string, fixed: string): string {
  const doc = parseCfn(example);
  const fix = parseCfn(fixed);
  const root = doc.contents as YAMLMap;
  const f = fix.contents as Node;
  if (isSeq(f)) {
    const first = isMap(f.items[0]) ? keyOf(f.items[0].items[0]!) : undefined;
    const at = first && findSeqOfMaps(root, first);
    if (!at) throw new Error(`no list of "${first}" items in the example to replace`);
    at.parent.set(at.key, f);
    return String(doc);
  }
  if (!isMap(f)) throw new Error('the fixed snippet is neither a map nor a list');
  let lastHost: YAMLMap | undefined;
  const pending: Pair[] = [];
  for (const p of f.items) {
    const k = keyOf(p)!;
    const isResource = isMap(p.value) && p.value.has('Type');
    const host = root.has(k) ? root : isResource ? root : findMapWithKey(root, k);
    if (host) {
      host.set(k, p.value);
      lastHost = host;
    } else pending.push(p);
  }
  if (pending.length) {
    if (!lastHost)
      throw new Error(`none of ${pending.map(keyOf).join(', ')} is in the example: the fix does not say where it goes`);
    for (const p of pending) lastHost.set(keyOf(p)!, p.value);
  }
  return String(doc);
}

/** A template from a snippet of resources (or a snippet that already has top-level sections). */
function template(snippet: string): string {
  const doc = parseCfn(snippet);
  const root = doc.contents;
  const sections = ['Parameters', 'Resources', 'Conditions', 'Outputs', 'Mappings', 'AWSTemplateFormatVersion'];
  if (isMap(root) && root.items.some((p) => sections.includes(keyOf(p) ?? ''))) {
    // Parameters or Outputs alone: add a resource, so the text is recognised as a template.
    if (root.has('Resources')) return snippet;
    return `${snippet}\nResources:\n  Placeholder:\n    Type: AWS::CloudFormation::WaitConditionHandle\n`;
  }
  return 'Resources:\n' + snippet.replace(/^(?=.)/gm, '  ');
}

const cfnDocs = cfn.rules.map((m) => ({ id: m.id, ...snippets(m.docs) }));

describe('CloudFormation rule docs', () => {
  it('every rule has an example', () => {
    expect(cfnDocs.filter((d) => !d.example).map((d) => d.id)).toEqual([]);
  });

  it.each(cfnDocs)('$id: example and fixed snippets parse; the example fails the rule, the fix passes', (d) => {
    // CFN-TPL-001 is about duplicate keys: its example has one on purpose (CloudFormation deploys the later value).
    const expected = d.id === 'CFN-TPL-001' ? [expect.stringMatching(/^Map keys must be unique/)] : [];
    expect(problems(parseCfn(d.example!)), 'example').toEqual(expected);
    const bad = cfn.lint('template.yaml', template(d.example!));
    expect(bad.errors, 'example').toEqual([]);
    expect(
      bad.findings.map((f) => f.ruleId),
      'the example must fail its rule',
    ).toContain(d.id);
    if (d.fixed === undefined) return;
    expect(problems(parseCfn(d.fixed)), 'fixed').toEqual([]);
    const good = cfn.lint('template.yaml', template(applyFix(d.example!, d.fixed)));
    expect(good.errors, 'fixed').toEqual([]);
    expect(
      good.findings.map((f) => f.ruleId),
      'the fixed template must pass its rule',
    ).not.toContain(d.id);
  });
});

/**
 * Ansible snippets may hold several files, each introduced by a `# path` comment (`# group_vars/web.yml`,
 * `# ansible.cfg`); without one, a list is a task file and `[group:vars]` an INI inventory.
 */
function ansibleFiles(snippet: string): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  let cur: { path: string; text: string } | undefined;
  for (const line of snippet.split('\n')) {
    const header = /^#\s+((?:[\w.-]+\/)*[\w.-]+\.(?:ya?ml|cfg|ini)|[\w.-]*hosts)\b/.exec(line);
    if (header) {
      cur = { path: header[1]!, text: '' };
      files.push(cur);
      continue;
    }
    if (!cur) {
      cur = { path: line.startsWith('[') ? 'inventory/hosts' : 'roles/app/tasks/main.yml', text: '' };
      files.push(cur);
    }
    cur.text += line + '\n';
  }
  return files;
}

const ansDocs = ansible.rules.map((m) => ({ id: m.id, ...snippets(m.docs) }));

describe('Ansible rule docs', () => {
  it('every rule has an example and a fix', () => {
    expect(ansDocs.filter((d) => !d.example || !d.fixed).map((d) => d.id)).toEqual([]);
  });

  it.each(ansDocs)('$id: example and fixed snippets parse; the example fails the rule, the fix passes', (d) => {
    const lint = (snippet: string, what: string) => {
      const found: string[] = [];
      for (const f of ansibleFiles(snippet)) {
        if (/\.ya?ml$/.test(f.path)) expect(problems(parseDocument(f.text)), `${what} ${f.path}`).toEqual([]);
        const r = ansible.lint(f.path, f.text);
        expect(r.errors, `${what} ${f.path}`).toEqual([]);
        found.push(...r.findings.map((x) => x.ruleId));
      }
      return found;
    };
    expect(lint(d.example!, 'example'), 'the example must fail its rule').toContain(d.id);
    expect(lint(d.fixed!, 'fixed'), 'the fix must pass its rule').not.toContain(d.id);
  });
});
