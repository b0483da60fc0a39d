/**
 * Documentation of a secret rule, generated from the rule itself: what it matches (the secret's shape read from the
 * regex, the context it needs, the keywords, entropy, validator and allow list), why it matters (per pattern file, or
 * the rule's own `docs`), and how to rotate (its remediation). Used by `hookguard explain` and docs/rules.
 */
import type { SecretPattern } from './types.js';

/** Why a credential of each pattern file's family matters (keyed by file name without `.yaml`). */
const WHY: Record<string, string> = {
  ai: 'AI API keys are billed per request: a leaked key is found by scrapers within hours and used to run up your bill, and it can read the prompts, files, fine-tunes and assistants of your organisation.',
  atlassian:
    'The token acts as its user on Jira, Confluence or Bitbucket: it reads and changes issues, pages and repositories, and often reaches other secrets pasted into them.',
  aws: "AWS credentials act on the account with every permission of their IAM principal: reading data, starting compute (crypto mining is the usual first use), and creating further credentials that survive the key's deletion.",
  azure:
    'Azure keys and connection strings grant access to storage accounts, service buses, subscriptions or DevOps organisations without any further login; account keys bypass Entra ID entirely.',
  ci: 'CI/CD tokens trigger and change pipelines and read the secrets stored in them: a path to every system the pipeline deploys to.',
  cloud:
    "Hosting and cloud tokens control infrastructure: they deploy, delete and read the environment variables that hold an application's other secrets.",
  'config-files':
    'Credentials in well-known config files (netrc, kubeconfig, Kubernetes Secrets, inventories, framework settings) are the passwords and keys of running systems, ready to use by anyone who reads the file.',
  'credential-shapes':
    'Passwords in connection strings, HTTP headers, command lines and tool settings log in to databases and services directly; command lines also leak into shell history, CI logs and process lists.',
  databases: "A connection URL with its password gives direct read and write access to the database's data.",
  gcp: 'Google Cloud credentials act for a project or user: API keys are billed to the project, service-account keys and OAuth tokens reach whatever their roles allow.',
  generic:
    'A hard-coded password or secret is readable by everyone with access to the repository, its forks and clones, and stays in its history after it is deleted.',
  github:
    'GitHub tokens act as their user or app: they read and push code (including private repositories), change workflows and read the secrets Actions expose to them.',
  gitlab:
    'GitLab tokens act as their user, project or runner: they read and push code, run pipelines and read CI variables.',
  hashicorp:
    'Vault, Consul and Terraform Cloud tokens unlock the secrets store, service mesh or infrastructure state itself — usually the keys to everything else.',
  identity:
    'Identity-provider and secrets-manager credentials administer users, sign-ins and stored secrets: one leak reaches every application behind them.',
  messaging:
    'Messaging and e-mail keys send as your organisation: phishing from your own domain or bot, spam billed to you, and access to message history.',
  monitoring:
    'Observability keys read logs and traces (which often contain further secrets) and can write fake data or change alerting.',
  'password-hashes':
    'A password hash is not the password, but anyone who reads it can run a dictionary attack offline at GPU speed, and some (NTLM) log in as they are; a repository is no place for one.',
  payments:
    "Payment keys move money: charges, refunds and payouts, and they expose customers' payment data — often with regulatory consequences.",
  'private-keys':
    'A private key proves identity to servers, clients and signature checkers: whoever holds it can log in, decrypt traffic or sign releases as you.',
  productivity:
    "Workspace tokens read and change an organisation's documents, tickets, designs and messages, where other secrets are often pasted.",
  'providers-more':
    'The credential acts for your account at the provider: reading and changing data, spending money, or controlling devices, until it is revoked.',
  registries:
    'Package-registry tokens publish packages: a leaked token lets an attacker ship a malicious release to everyone who installs yours.',
  slack:
    'Slack tokens and webhooks read channels and files or post as your app, a trusted channel for phishing inside your workspace.',
  tokens:
    'Bearer credentials in headers and URLs are used as they are: anyone who reads them is authenticated as their owner until they expire or are revoked.',
};

const VALIDATOR_TEXT: Record<string, string> = {
  'generic-value':
    'references (`${VAR}`, `process.env.X`, `{{ var }}`), placeholders, code, identifiers, versions, checksums and file names are dropped; weak-looking words are reported as low',
  'credential-value':
    'references (`$VAR`, `${…}`, `<…>`), placeholders and default words (password, admin, guest, root…) are dropped',
  'not-placeholder': 'placeholders and references (`xxxx`, `<token>`, `your-…`, `${VAR}`) are dropped',
  'not-placeholder-word':
    'placeholders and references (`xxxx`, `<token>`, `your-…`, `${VAR}`) are dropped, and so is a provider word that ends another lower-case word (`lawsSecretKey`)',
  'terraform-variable':
    'the default is judged as the generic rule judges `name = "…"` (the variable\'s name as the key): references, placeholders, code and names are dropped',
  passphrase:
    'four or more lower-case words, none a function word of prose (the, your, must, de, la, …); a sentence is not a passphrase',
  'github-checksum':
    'the CRC-32 checksum in the last six characters is verified offline; a token whose checksum does not match is reported as low',
  'npm-checksum':
    'the CRC-32 checksum in the last six characters is verified offline; a token whose checksum does not match is reported as low',
  'aws-key-id': 'the AWS account id is decoded from the key id (keys created since 2019) and shown in the finding',
  jwt: 'header and payload must decode to JSON; only the algorithm and expiry are shown, and expired, unsigned or anonymous-role tokens are low',
  'private-key':
    'passphrase-protected keys (PKCS#8 encrypted, Proc-Type ENCRYPTED, OpenSSH with a cipher, PuTTY with encryption, protected OpenPGP) are info; a header without a body is medium',
  'docker-auth': 'the base64 value must decode to `user:password` with a real password',
  'k8s-secret-data':
    'only values under `data:` (decoded from base64) or `stringData:` of a `kind: Secret` count; references, placeholders and short or plain-word values are dropped',
};

/** Common words a title may start with: lower-cased inside a sentence. Brand names (AWS, GitHub, iOS, xAI, npm) keep their casing. */
const COMMON_FIRST_WORDS = new Set([
  'Password',
  'Passwords',
  'Hard-coded',
  'Literal',
  'Credentials',
  'Credential',
  'Token',
  'Private',
  'Bearer',
  'Basic',
  'Server',
  'Registry',
  'Secret',
  'Connection',
  'Command',
  'Value',
  'Values',
  'Key',
  'Keys',
  'Webhook',
  'Session',
]);
export function sentenceTitle(title: string): string {
  const first = /^[^\s(/]+/.exec(title)?.[0] ?? '';
  return COMMON_FIRST_WORDS.has(first) ? title[0]!.toLowerCase() + title.slice(1) : title;
}

// ---------- reading the shape of a secret out of a regex ----------

interface Tok {
  kind: 'lit' | 'class' | 'group' | 'any' | 'other';
  text: string;
  /** Alternatives of a group, as token lists. */
  alts?: Tok[][];
  min: number;
  max: number;
}

/** Split a regex source at top-level `|`. */
function splitAlternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

/** The end index (exclusive) of the group or class that starts at `i`. */
function closing(src: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return j + 1;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return src.length;
}

function tokenize(src: string): Tok[] | undefined {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    let tok: Tok;
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      i += 2;
      if (e === 'b' || e === 'B') continue;
      if (/[dws]/.test(e)) tok = { kind: 'class', text: `\\${e}`, min: 1, max: 1 };
      else if (/[.\-+*?^$/()[\]{}|\\_~=:!@#%&,;'"`<> ]/.test(e)) tok = { kind: 'lit', text: e, min: 1, max: 1 };
      else return undefined;
    } else if (c === '[') {
      const end = closing(src, i);
      tok = { kind: 'class', text: src.slice(i, end), min: 1, max: 1 };
      i = end;
    } else if (c === '(') {
      const end = closing(src, i);
      let inner = src.slice(i + 1, end - 1);
      if (inner.startsWith('?=') || inner.startsWith('?!') || inner.startsWith('?<=') || inner.startsWith('?<!')) {
        i = end;
        continue; // look-arounds say nothing about the shape
      }
      if (inner.startsWith('?:')) inner = inner.slice(2);
      else if (inner.startsWith('?')) return undefined;
      const alts = splitAlternatives(inner).map(tokenize);
      if (alts.some((a) => a === undefined)) return undefined;
      tok = { kind: 'group', text: inner, alts: alts as Tok[][], min: 1, max: 1 };
      i = end;
    } else if (c === '.') {
      tok = { kind: 'any', text: '.', min: 1, max: 1 };
      i++;
    } else if (c === '^' || c === '$') {
      i++;
      continue;
    } else if ('*+?{|)'.includes(c)) return undefined;
    else {
      tok = { kind: 'lit', text: c, min: 1, max: 1 };
      i++;
    }
    // Quantifier.
    const q = /^(?:\{(\d+)(?:(,)(\d*))?\}|([*+?]))\??/.exec(src.slice(i));
    if (q) {
      if (q[4] === '*') [tok.min, tok.max] = [0, Infinity];
      else if (q[4] === '+') [tok.min, tok.max] = [1, Infinity];
      else if (q[4] === '?') [tok.min, tok.max] = [0, 1];
      else {
        tok.min = Number(q[1]);
        tok.max = q[2] ? (q[3] ? Number(q[3]) : Infinity) : tok.min;
      }
      i += q[0].length;
    }
    toks.push(tok);
  }
  return toks;
}

const NAMED_CLASSES: [RegExp, string][] = [
  [/^\[(?:A-Za-z0-9|a-zA-Z0-9|0-9A-Za-z|0-9a-zA-Z)\]$/, 'letters and digits'],
  [/^\[(?:A-Za-z0-9_-|a-zA-Z0-9_-|A-Za-z0-9_\\-|\\w-|0-9A-Za-z_-|A-Za-z0-9-_)\]$/, 'letters, digits, `_` and `-`'],
  [/^\[(?:a-f0-9|0-9a-f)\]$/, 'lowercase hex digits'],
  [/^\[(?:A-F0-9|0-9A-F)\]$/, 'uppercase hex digits'],
  [/^\[(?:a-fA-F0-9|A-Fa-f0-9|0-9a-fA-F|0-9A-Fa-f)\]$/, 'hex digits'],
  [/^\[A-Z2-7\]$/, 'base32 characters (A–Z, 2–7)'],
  [/^\[(?:A-Za-z0-9\+\/|A-Za-z0-9\/\+|a-zA-Z0-9\+\/|A-Za-z0-9\/+|A-Za-z0-9+\/)\]$/, 'base64 characters'],
  [/^\[\.\/A-Za-z0-9\]$/, 'crypt base64 characters (`./A–Za–z0–9`)'],
  [/^\[A-Za-z\]$/, 'letters'],
  [/^\[a-z\]$/, 'lowercase letters'],
  [/^\[A-Z\]$/, 'uppercase letters'],
  [/^\[(?:a-z0-9|0-9a-z)\]$/, 'lowercase letters and digits'],
  [/^\[(?:A-Z0-9|0-9A-Z)\]$/, 'uppercase letters and digits'],
  [/^(?:\\d|\[0-9\])$/, 'digits'],
  [/^\\w$/, 'word characters'],
  [/^\\s$/, 'whitespace characters'],
];

function describeClass(cls: string): string {
  for (const [re, name] of NAMED_CLASSES) if (re.test(cls)) return name;
  if (cls.startsWith('[^')) return 'characters other than the delimiters';
  return `characters of \`${cls}\``;
}

function count(t: Tok): string {
  if (t.min === t.max) return String(t.min);
  if (t.max === Infinity) return t.min <= 1 ? 'any number of' : `${t.min} or more`;
  if (t.min === 0) return `up to ${t.max}`;
  return `${t.min} to ${t.max}`;
}

/** The literal texts a token list can start with (a group of literal alternatives gives several). */
function literalPrefixes(toks: Tok[]): string[] {
  let outs = [''];
  for (const t of toks) {
    if (t.kind === 'lit' && t.min === 1 && t.max === 1) outs = outs.map((o) => o + t.text);
    else if (t.kind === 'group' && t.min === 1 && t.max === 1) {
      const alts = t.alts!.map(literalPrefixes);
      const next: string[] = [];
      for (const o of outs) for (const a of alts) for (const x of a) next.push(o + x);
      if (next.length > 12) return outs;
      outs = next;
      // Keep going only if every alternative was wholly literal.
      if (!t.alts!.every((a) => a.every((x) => x.kind === 'lit' && x.min === 1 && x.max === 1))) return outs;
    } else return outs;
  }
  return outs;
}

function describeSeq(toks: Tok[], depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const parts: string[] = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push(`\`${lit}\``);
    lit = '';
  };
  for (const t of toks) {
    if (t.kind === 'lit' && t.min === 1 && t.max === 1) {
      lit += t.text;
      continue;
    }
    flush();
    if (t.kind === 'lit') parts.push(`${t.max === 1 && t.min === 0 ? 'an optional' : count(t)} \`${t.text}\``);
    else if (t.kind === 'class')
      parts.push(
        t.min === 1 && t.max === 1 ? `one of ${describeClass(t.text)}` : `${count(t)} ${describeClass(t.text)}`,
      );
    else if (t.kind === 'any') parts.push(`${count(t)} characters`);
    else if (t.kind === 'group') {
      const alts = t.alts!.map((a) => describeSeq(a, depth + 1));
      if (alts.some((a) => a === undefined)) return undefined;
      const body = alts.length === 1 ? alts[0]! : `one of (${alts.join(' | ')})`;
      if (t.min === 1 && t.max === 1) parts.push(body);
      else if (t.min === 0 && t.max === 1) parts.push(`optionally ${body}`);
      else parts.push(`${count(t)} × (${body})`);
    } else return undefined;
  }
  flush();
  return parts.join(', then ');
}

/** Source of capture group `n` (1-based) of a regex. */
function captureGroup(src: string, n: number): string | undefined {
  let seen = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && src[i + 1] !== '?' && ++seen === n) return src.slice(i + 1, closing(src, i) - 1);
  }
  return undefined;
}

function groupCount(src: string): number {
  let n = 0;
  for (let i = 1; captureGroup(src, i) !== undefined; i++) n = i;
  return n;
}

/** The shape of the secret, in words, for each capture group that can hold it; undefined when the regex is too involved. */
export function secretShapes(p: SecretPattern): { text: string; prefixes: string[] }[] {
  const groups = p.secretGroup ? [p.secretGroup] : Array.from({ length: groupCount(p.regex) }, (_, i) => i + 1);
  const out: { text: string; prefixes: string[] }[] = [];
  for (const g of groups.length ? groups : [0]) {
    const src = g === 0 ? p.regex : captureGroup(p.regex, g);
    if (src === undefined) continue;
    for (const alt of splitAlternatives(src)) {
      const toks = tokenize(alt);
      const text = toks && describeSeq(toks);
      if (!toks || !text || text.length > 240) return [];
      out.push({ text, prefixes: literalPrefixes(toks) });
    }
  }
  return out.length > 4 ? [] : out;
}

/** The name a context rule needs before the value, as a skeleton (`aws…secret|private`); undefined when unclear. */
function contextName(p: SecretPattern): string | undefined {
  const g = p.secretGroup ?? 1;
  let depth = 0;
  let seen = 0;
  let inClass = false;
  let start = -1;
  for (let i = 0; i < p.regex.length; i++) {
    const c = p.regex[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      depth++;
      if (p.regex[i + 1] !== '?' && ++seen === g) {
        start = i;
        break;
      }
    } else if (c === ')') depth--;
  }
  if (start <= 0 || depth !== 1) return undefined; // the value's group sits inside an alternation: no single name
  const toks = tokenize(p.regex.slice(0, start));
  if (!toks) return undefined;
  let out = '';
  for (const t of toks) {
    // The name ends where the assignment or delimiter begins.
    if (t.kind === 'lit' && /[=:,]/.test(t.text)) break;
    if (t.kind === 'group' && t.alts!.some((a) => a.some((x) => x.kind === 'lit' && /[=:,]/.test(x.text)))) break;
    if (t.kind === 'lit' && t.max === 1) out += /[A-Za-z0-9_.-]/.test(t.text) ? t.text : ' ';
    else if (t.kind === 'group') {
      const alts = t.alts!.map((a) => (a.every((x) => x.kind === 'lit') ? a.map((x) => x.text).join('') : '…'));
      out += alts.length > 1 ? `(${alts.join('|')})` : alts[0];
    } else out += t.max > 1 ? '…' : ' ';
  }
  const name = out
    .replace(/\s+/g, ' ')
    .replace(/…+/g, '…')
    .trim()
    .replace(/^[…\s]+|[…\s]+$/g, '');
  return /[A-Za-z]{3}/.test(name) && name.length <= 80 ? name : undefined;
}

/** "What it matches", generated from the rule's data. */
export function whatItMatches(p: SecretPattern): string {
  const lines: string[] = [];
  const shapes = secretShapes(p);
  const kw = p.keywords.map((k) => `\`${k}\``).join(', ');
  const prefixed =
    shapes.length > 0 &&
    shapes.every((s) =>
      s.prefixes.every(
        (x) => x.length >= 3 && p.keywords.some((k) => x.toLowerCase().startsWith(k) || k.startsWith(x.toLowerCase())),
      ),
    );
  if (shapes.length === 1) lines.push(`Format: ${shapes[0]!.text}.`);
  else if (shapes.length > 1) lines.push(`Format, one of:\n${shapes.map((s) => `- ${s.text}`).join('\n')}`);
  const selfShaped =
    !prefixed && shapes.length > 0 && shapes.every((s) => p.keywords.some((k) => s.text.toLowerCase().includes(k)));
  if (selfShaped)
    lines.push(
      'Context: none needed — the value is recognised by its own shape (the marker it contains) wherever it appears.',
    );
  else if (prefixed)
    lines.push(
      'Context: none needed — the value is recognised by its own prefix wherever it appears (code, config, logs, URLs).',
    );
  else if (/:\/\/|:\\\/\\\//.test(p.regex.split('(')[0] + p.regex.slice(0, 200)) && /@/.test(p.regex))
    lines.push(
      `Context: the password part of a \`scheme://user:password@host\` URL (${kw}); a URL without a password, or with a reference or placeholder as its password, is not reported.`,
    );
  else if (contextName(p))
    lines.push(
      `Context: the value counts only after a name shaped like \`${contextName(p)}\` (\`…\` is any short run of name characters) followed by \`=\`, \`:\`, \`=>\` or the delimiter the pattern expects; the same value elsewhere is not reported by this rule. Prefilter keywords: ${kw}.`,
    );
  else
    lines.push(
      `Context: the value must appear where the rule's pattern expects it — next to one of the keywords (${kw}), such as a name containing the provider or credential word followed by \`=\`, \`:\` or \`=>\`, a header, a URL or a command-line option.`,
    );
  const checks: string[] = [];
  if (p.entropy !== undefined)
    checks.push(
      `at least ${p.entropy} bits of Shannon entropy per character (repeated or sequential fakes fall below)`,
    );
  if (p.validate) checks.push(VALIDATOR_TEXT[p.validate] ?? `checked by the \`${p.validate}\` validator`);
  if (p.allow?.length)
    checks.push(
      `values matching the allow list (${p.allow.map((a) => `\`${a}\``).join(', ')}) — documentation examples — are never reported`,
    );
  if (checks.length) lines.push(`Checks: ${checks.join('; ')}.`);
  lines.push(
    `Prefilter keywords: ${kw} (the pattern only runs on text containing one${p.caseInsensitive ? ', in any case' : ''}).`,
  );
  return lines.join('\n\n');
}

/** The whole documentation text of a secret rule: what it matches, why it matters, how to rotate. */
export function secretRuleDocText(p: SecretPattern): string {
  const file = p.source?.replace(/^patterns\//, '').replace(/\.ya?ml$/, '');
  const why = WHY[file ?? ''] ?? WHY.generic!;
  const intro =
    p.docs ??
    `Finds ${/^[aeiou]/i.test(p.title) && sentenceTitle(p.title) !== p.title ? 'an ' : ''}${sentenceTitle(p.title)} in committed text: code, configuration, documentation and history.`;
  const custom = p.source && p.source !== 'builtin' && !p.source.startsWith('patterns/');
  return [
    intro,
    `What it matches:\n\n${whatItMatches(p)}`,
    `Why: ${why} A secret stays in the repository's history after it is deleted from the files, so deleting it is not enough: rotate it.`,
    `Fix: ${p.remediation}`,
    `Severity ${p.severity}${p.confidence ? `, confidence ${p.confidence}` : ''}.${custom ? ` Defined in: ${p.source}` : ''}`,
  ].join('\n\n');
}
