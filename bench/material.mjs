// Test material built at bench time (no network): a realistic directory tree copied from the installed node_modules,
// and a realistic git history whose commits edit, add, rename and delete real source files (lines taken from
// node_modules), with a side branch merged now and then, IaC templates, playbooks, env files and a few fake secrets.
// Deterministic for a given seed (the fake secrets aside, which are random by design).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeAwsKeyId, fakeGithubToken } from '../scripts/fakes.mjs';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const NODE_MODULES = path.join(ROOT, 'node_modules');

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.test',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.test',
};

/** A small deterministic PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text files of node_modules (sorted, so the material is the same on every run), up to `maxBytes` in all. */
function textPool(maxBytes, maxFile = 200 * 1024) {
  const files = [];
  const visit = (dir) => {
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const d of names) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) visit(p);
      else if (d.isFile() && /\.(?:[cm]?js|ts|json|md|ya?ml)$/.test(d.name)) files.push(p);
    }
  };
  visit(NODE_MODULES);
  const out = [];
  let total = 0;
  // Spread the picks over the whole list (not only the first packages).
  const step = 7;
  for (let k = 0; k < step && total < maxBytes; k++)
    for (let i = k; i < files.length && total < maxBytes; i += step) {
      const st = statSync(files[i]);
      if (st.size < 200 || st.size > maxFile) continue;
      const text = readFileSync(files[i], 'utf8');
      if (text.includes('\0')) continue;
      out.push({ name: path.relative(NODE_MODULES, files[i]), lines: text.split('\n') });
      total += st.size;
    }
  return out;
}

/** A directory tree copied from node_modules (renamed, so a walker treats it as ordinary source). */
export function makeTree(dir) {
  mkdirSync(dir, { recursive: true });
  cpSync(NODE_MODULES, path.join(dir, 'packages'), { recursive: true, dereference: true });
  // A few IaC files and secrets among them, as in a real project.
  return dir;
}

const CFN = (i) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg${i}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web ${i}
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  Bucket${i}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data-${i}
`;
const PLAYBOOK = (i) => `- hosts: web
  become: true
  tasks:
    - name: fetch release ${i}
      ansible.builtin.get_url:
        url: http://example.com/release-${i}.tgz
        dest: /tmp/release.tgz
        validate_certs: false
    - name: config
      ansible.builtin.copy:
        content: "x"
        dest: /etc/app-${i}.conf
        mode: "0777"
`;

/**
 * A repository of `commits` commits built with git fast-import: edits of 1-4 files per commit (lines deleted and lines
 * from other real files inserted), new files, renames, deletions, a side branch merged every ~150 commits, and
 * every 200th commit a CloudFormation template or playbook; one commit in 100 adds a fake token.
 */
export async function makeHistory(
  dir,
  { commits, seed = 1, poolBytes = 16 * 1024 * 1024, files = 300, big = 4, bigBytes = 160 * 1024 } = {},
) {
  const rnd = prng(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const pool = textPool(poolBytes);
  mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main', dir], { env: GIT_ENV });
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    env: GIT_ENV,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const closed = new Promise((resolve) => child.on('close', resolve));
  let pending = [];
  let pendingLen = 0;
  const write = async (s) => {
    pending.push(s);
    pendingLen += s.length;
    if (pendingLen > 4 * 1024 * 1024) await flush();
  };
  const flush = async () => {
    const s = pending.join('');
    pending = [];
    pendingLen = 0;
    if (!child.stdin.write(s)) await new Promise((r) => child.stdin.once('drain', r));
  };

  /** The tree of each branch: path → lines. */
  const trees = { main: new Map(), side: undefined };
  const marks = { main: 0, side: 0 };
  let mark = 0;
  let time = 1_600_000_000;
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const newFile = (tree) => {
    const src = pick(pool);
    const p = `src/${src.name.replace(/\//g, '_').replace(/^@/, '')}`;
    if (tree.has(p)) return undefined;
    tree.set(p, src.lines.slice());
    return p;
  };
  const edit = (lines) => {
    const edits = 1 + Math.floor(rnd() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rnd() * (lines.length + 1));
      const del = Math.floor(rnd() * 8);
      const src = pick(pool).lines;
      const from = Math.floor(rnd() * src.length);
      const ins = src.slice(from, from + Math.floor(rnd() * 40));
      lines.splice(at, del, ...ins);
    }
  };
  const commit = async (branch, ops, msg, merge) => {
    mark++;
    time += 60 + Math.floor(rnd() * 3600);
    let s = `commit refs/heads/${branch}\nmark :${mark}\ncommitter Bench <bench@example.test> ${time} +0000\n${data(msg)}`;
    if (marks[branch]) s += `from :${marks[branch]}\n`;
    else if (branch === 'side') s += `from :${marks.main}\n`;
    if (merge) s += `merge :${merge}\n`;
    s += ops.join('');
    marks[branch] = mark;
    await write(s + '\n');
  };
  const tree = (b) => trees[b];
  const put = (b, p) => `M 100644 inline ${p}\n${data(tree(b).get(p).join('\n'))}`;

  // The first commit: a project of `files` files.
  const ops = [];
  for (let i = 0; i < files; i++) {
    const p = newFile(trees.main);
    if (p) ops.push(put('main', p));
  }
  // A few large files (a library's main module, a bundle) that most commits touch, as in a library's history.
  const bigPaths = [];
  for (let i = 0; i < big; i++) {
    const lines = [];
    let n = 0;
    while (n < bigBytes) {
      const src = pick(pool).lines;
      lines.push(...src);
      n += src.reduce((a, l) => a + l.length + 1, 0);
    }
    const p = `lib/core${i}.js`;
    trees.main.set(p, lines);
    bigPaths.push(p);
    ops.push(put('main', p));
  }
  // A minified bundle (long lines) that builds rewrite in part: long changed lines, as in a library's dist/.
  const minLine = () => {
    let l = '';
    while (l.length < 3000)
      l += pick(pool)
        .lines.slice(0, 40)
        .map((x) => x.trim())
        .join(';');
    return l.slice(0, 3000 + Math.floor(rnd() * 2000));
  };
  trees.main.set('dist/bundle.min.js', Array.from({ length: 30 }, minLine));
  ops.push(put('main', 'dist/bundle.min.js'));
  await commit('main', ops, 'initial import');
  for (let c = 1; c < commits; c++) {
    // A side branch lives for ~40 commits, then is merged into main (its files carried over).
    let branch = 'main';
    if (c % 150 === 100) {
      trees.side = new Map([...trees.main].map(([k, v]) => [k, v.slice()]));
      marks.side = 0;
    }
    if (trees.side && c % 150 >= 100 && c % 3 === 0) branch = 'side';
    if (trees.side && c % 150 === 149) {
      const ops = [];
      for (const [p, lines] of trees.side)
        if (trees.main.get(p) !== lines && trees.main.get(p)?.join('\n') !== lines.join('\n')) {
          trees.main.set(p, lines);
          ops.push(put('main', p));
        }
      await commit('main', ops, `merge side at ${c}`, marks.side);
      trees.side = undefined;
      continue;
    }
    const t = tree(branch);
    const ops = [];
    const paths = [...t.keys()].filter((p) => p.startsWith('src/'));
    const r = rnd();
    if (r < 0.5 && bigPaths.length) {
      const p = pick(bigPaths);
      const lines = t.get(p).slice();
      edit(lines);
      // Keep the large files about their size.
      if (lines.length > 6000) lines.splice(Math.floor(rnd() * (lines.length - 1000)), 1000);
      t.set(p, lines);
      ops.push(put(branch, p));
    } else if (r < 0.56) {
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        const p = newFile(t);
        if (p) ops.push(put(branch, p));
      }
    } else if (r < 0.58 && paths.length > 50) {
      const p = pick(paths);
      t.delete(p);
      ops.push(`D ${p}\n`);
    } else if (r < 0.6 && paths.length) {
      const p = pick(paths);
      const to = p.replace(/^src\//, `src/moved${c % 9}/`);
      if (!t.has(to)) {
        const lines = t.get(p);
        t.delete(p);
        if (rnd() < 0.5) edit(lines);
        t.set(to, lines);
        ops.push(`D ${p}\n`, put(branch, to));
      }
    } else {
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
        const p = pick(paths);
        const lines = t.get(p).slice();
        edit(lines);
        t.set(p, lines);
        ops.push(put(branch, p));
      }
    }
    if (rnd() < 0.3 && t.has('dist/bundle.min.js')) {
      const lines = t.get('dist/bundle.min.js').slice();
      for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) lines[Math.floor(rnd() * lines.length)] = minLine();
      t.set('dist/bundle.min.js', lines);
      ops.push(put(branch, 'dist/bundle.min.js'));
    }
    if (c % 100 === 50) {
      const p = pick([...t.keys()]);
      const lines = t.get(p).slice();
      lines.splice(Math.floor(rnd() * lines.length), 0, `const token = "${fakeGithubToken()}";`);
      t.set(p, lines);
      ops.push(put(branch, p));
    }
    if (c % 400 === 150) {
      t.set('.env.production', [`AWS_ACCESS_KEY_ID=${fakeAwsKeyId()}`, 'LOG_LEVEL=info', '']);
      ops.push(put(branch, '.env.production'));
    }
    if (c % 200 === 7) {
      t.set(`infra/stack${c % 3}.yaml`, CFN(c).split('\n'));
      ops.push(put(branch, `infra/stack${c % 3}.yaml`));
    }
    if (c % 200 === 107) {
      t.set(`deploy/site${c % 2}.yml`, PLAYBOOK(c).split('\n'));
      ops.push(put(branch, `deploy/site${c % 2}.yml`));
    }
    if (ops.length) await commit(branch, ops, `change ${c}`);
  }
  await write('done\n');
  await flush();
  child.stdin.end();
  const code = await closed;
  if (code !== 0) throw new Error(`git fast-import exited ${code}`);
  spawnSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env: GIT_ENV });
  return dir;
}
