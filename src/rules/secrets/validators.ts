/**
 * Offline validators: code that looks at a candidate secret and says how much to trust it.
 * - `reject`: not a secret at all (a placeholder, a reference); the candidate is dropped.
 * - `invalid`: has the shape but fails a structural check (checksum): reported at most as low severity.
 * - `valid` / `unknown`: reported as the rule says; `severity` may override it (an encrypted key is only info).
 * A validator's `why` is one line shown to the user: it never contains the secret or decoded claims.
 */
import type { Severity } from '../../types.js';
import { shannonEntropy } from './entropy.js';
import { wordLike } from './letters.js';

export interface ValidatorInput {
  secret: string;
  /** The whole regex match. */
  match: string;
  /** The chunk the match was found in, and the match's offset in it (for look-around). */
  text: string;
  index: number;
}

export interface ValidatorResult {
  verdict: 'valid' | 'invalid' | 'unknown' | 'reject';
  why?: string;
  severity?: Severity;
  confidence?: 'high' | 'medium' | 'low';
  /** A plausible stand-in (`changeme`) or a weak but real password: where it sits decides its severity. */
  quality?: 'placeholder' | 'weak';
}

export type Validator = (input: ValidatorInput) => ValidatorResult;

/** Words that mean "no value here" — never a credential. */
const EMPTY_WORDS =
  /^(?:null|none|nil|undefined|true|false|todo|tbd|fixme|redacted|removed|hidden|masked|omitted|required|optional|n\/a|xxx+|your[_-].*|insert[_-].*|replace[_-].*|enter[_-].*|put[_-].*)$/i;

/**
 * Values that could be a real (bad) password but mostly stand in for one: shown at low severity (an audit sees them,
 * nothing blocks), never dropped — people do deploy `changeme`.
 */
const PLAUSIBLE_PLACEHOLDERS =
  /^(?:changeme|change[_-]?me|changeit|change[_-]?this|change[_-]?me[_-]?please|password|passwd|passw0rd|pass|pwd|secret|secrets|example|sample|placeholder|dummy|test(?:ing)?|foo|bar|baz|foobar|admin|root|guest|user|letmein|s3cr3t|secret\d{1,4}|password\d{1,4}|pass\d{1,4}|admin\d{1,4}|test\d{1,4}|notasecret|not[_-]?a[_-]?secret|my[_-]?(?:password|secret|token|key|pass)|super[_-]?secret|fake[_-].*|mock[_-].*|dummy[_-].*|test[_-].*|qwerty\d*|default|demo|123456\d*|1234\d*|abc123)$/i;

export type PlaceholderTier = 'reference' | 'mask' | 'plausible';

/** Why a value is not a literal secret: a reference or template, a mask/blank, or a plausible stand-in. */
export function placeholderTier(value: string): { tier: PlaceholderTier; why: string } | undefined {
  const v = value.trim().replace(/^["'`]|["'`]$/g, '');
  if (v.length === 0) return { tier: 'mask', why: 'empty value' };
  const ref = referenceKind(v);
  if (ref) return { tier: 'reference', why: ref };
  if (/^(.)\1{3,}$/.test(v)) return { tier: 'mask', why: 'a run of one character' };
  if (/^[x*•.#-]{4,}$/i.test(v) || /x{5,}|\*{4,}|\.{3}|…/i.test(v))
    return { tier: 'mask', why: 'masked or elided value' };
  // `<your-token>`, `<token` — not a random password that starts with '<' (`<RpMqu~u~y+…`).
  if (/^<[^>]*>$|^<[\w\s.-]*$|^\[\[|^__[A-Z0-9_]+__$|^@[A-Za-z_]+@$/.test(v))
    return { tier: 'mask', why: 'template placeholder' };
  if (EMPTY_WORDS.test(v)) return { tier: 'mask', why: 'a word meaning "no value"' };
  if (/\byour[\s_-]|\bunique phrase\b|\bgoes here\b|\bhere$/i.test(v))
    return { tier: 'mask', why: 'instructions, not a value' };
  if (
    /(?:your[-_]?(?:api[-_]?)?(?:token|key|secret|password|pass)|insert[-_]?(?:your|key|token)|replace[-_]?(?:me|with))/i.test(
      v,
    )
  )
    return { tier: 'mask', why: 'instructions, not a value' };
  if (v.length >= 8 && new Set(v.replace(/[^A-Za-z0-9]/g, '')).size <= 2)
    return { tier: 'mask', why: 'at most two distinct characters' };
  if (PLAUSIBLE_PLACEHOLDERS.test(v)) return { tier: 'plausible', why: 'placeholder-like value' };
  // `smtp_password_value`, `api_key_here`, `somepassword`: a value that names what belongs there.
  if (
    /^[a-z]+(?:[_-][a-z]+)*[_-](?:value|here|placeholder|goes[_-]here)$/i.test(v) ||
    /^(?:some|any|the|a)[_-]?(?:password|pass|passwd|pwd|secret|token|key|api[_-]?key)$/i.test(v)
  )
    return { tier: 'plausible', why: 'a value that names what belongs there' };
  if (/(?:example|placeholder|changeme|change[_-]me|dummy|redacted|not[_-]?a[_-]?real)/i.test(v))
    return { tier: 'plausible', why: 'placeholder-like value' };
  // Sequential runs typical of hand-written fakes: abcdef..., 123456789, 0123456789abcdef.
  if (/abcdefghij|0123456789abcdef|1234567890|123456789|qwertyuiop/i.test(v))
    return { tier: 'plausible', why: 'hand-written fake (a keyboard or alphabet run)' };
  // `AbCdEf123`, `sk-abcdefgh…`, `abcdefg1234`: an alphabet run in any case, or a short unit repeated.
  if (/abcdef|bcdefg|cdefgh|abc123|123abc/i.test(v) || /^(.{2,12}?)\1{2,}$|^(.{4,24})\2$/.test(v))
    return { tier: 'plausible', why: 'hand-written fake (an alphabet run or a repeated unit)' };
  return undefined;
}

/** A value that is a reference or an expression resolved elsewhere (a variable, a vault path, a template). */
export function referenceKind(v: string): string | undefined {
  if (/^\$\{|^\$\(|^\{\{|\{\{.*\}\}|^%\(|^%\{|^#\{|^\$\[|\$\{\{/.test(v)) return 'reference (template or variable)';
  if (/^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_]+%$|^\$env:/i.test(v)) return 'reference (environment variable)';
  if (/\$\{|\$\([^)]*\)|\$[A-Z_][A-Z0-9_]{2,}\b/.test(v)) return 'reference (interpolated variable)';
  if (/^\$ANSIBLE_VAULT|^!vault|^ENC\[|^vault:v\d+:|^AQICA[A-Za-z0-9+/]{20}/.test(v)) return 'encrypted value';
  if (
    /process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|ENV\.fetch|env\(|Environment\.|secrets\.|vault\(|lookup\(|\bvar\.|\blocal\.|\bdata\.|!Ref|!Sub|!GetAtt|!ImportValue|Fn::|fn::secret|resolve:|\{\{\s*\.Values/i.test(
      v,
    )
  )
    return 'reference (environment, vault or template lookup)';
  if (
    /^(?:arn:aws[\w-]*:|@Microsoft\.KeyVault\(|keyvault:|akv:\/\/|vault:|secretsmanager:|ssm:|sm:\/\/|op:\/\/|gcp-secret:|gsm:|doppler:|bws:|azurekeyvault:|secret:\/\/|kms:|sops:)/i.test(
      v,
    ) ||
    /^projects\/[^/]+\/secrets\/|\.vault\.azure\.net\/secrets\//i.test(v)
  )
    return 'reference (ARN or secret-store path)';
  return undefined;
}

/** A value that is a reference, template, or placeholder rather than a literal secret. */
export function isPlaceholder(value: string): boolean {
  return placeholderTier(value) !== undefined;
}

/** The key of a `key = value` match (everything before the assignment operator), lower-cased. */
function keyOf(match: string, secret: string): string {
  const at = match.lastIndexOf(secret);
  const head = at > 0 ? match.slice(0, at) : match;
  return head
    .replace(/[\s"'`:=>,<]+$/, '')
    .replace(/^[^A-Za-z0-9_.-]+/, '')
    .toLowerCase();
}

/** Key names that hold something about a credential (its name, id, path, length...) rather than the credential. */
const NOT_A_SECRET_KEY =
  /(?:tokeniz|_?(?:id|ids|name|names|ref|refs|arn|path|file|files|dir|url|uri|endpoint|header|hint|label|field|policy|expiry|expires?|expiration|ttl|version|type|types|format|pattern|regex|length|len|size|count|limit|min|max|prefix|suffix|hash|hashed|digest|sha\d*|md5|checksum|salt|algorithm|algo|strength|reset|rotation|mode|provider|source|encoding|enabled|required|placeholder|label|text|message|msg|error|prompt|description|desc|title|template|cmd|command|env|var|key_?id|manager|store|storage|backend|location|usage|budget|tokens|per_?minute|rule|rules|policy|option|options|flag|flags|style|class|selector|icon|color|colour|event|action|route|key_?vault|vault|secret_?ref|plugin|plugins|binding|bindings|dependency|package|module)$)/i;

/** Credential names other than a bare `pass` (the generic rule's names: patterns/generic.yaml). */
const OTHER_CREDENTIAL_NAME =
  /passw|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|credential|private[_-]?key/i;

/**
 * A key named only by `pass` names a password when `pass` is a word of its own: `PASS`, `DB_PASS`, `smtp-pass`,
 * `dbPass` — not `bypass`, `compass`, `BYPASS` (the regex already refuses a letter after it: passed, passenger).
 */
function passIsAWord(match: string, secret: string): boolean {
  const at = match.lastIndexOf(secret);
  // The key right before the assignment (a command-line option such as `sshpass -p` has none).
  const head = /([\w.-]+)["'\]]{0,2}[ \t]*(?::=|=>|=|:)[ \t]*["'`]?$/.exec(at > 0 ? match.slice(0, at) : match)?.[1];
  if (head === undefined || OTHER_CREDENTIAL_NAME.test(head)) return true;
  // `--pass-arg=`, `pass_through`, `pass_rate`: a pass of a program or a test, not a password.
  if (
    /pass[-_](?:args?|through|thru|rate|fail(?:ed)?|count|phase|list|num|number|filter|mode|level|fn|func|callback)(?![a-z])/i.test(
      head,
    )
  )
    return false;
  for (const m of head.matchAll(/pass(?![a-z])/gi)) {
    const before = head.charAt(m.index - 1);
    if (!/[A-Za-z]/.test(before)) return true;
    if (/[a-z]/.test(before) && m[0].startsWith('P')) return true;
  }
  return !/pass/i.test(head);
}

/** Names of values that are public by design: publishable keys, client/app ids, CSRF tokens, site keys. */
const PUBLIC_KEY_NAME =
  /publishable|public[_.-]?(?:key|token|api[_-]?key)|^public|[_.-]public$|(?:^|[_.-])pk$|csrf|xsrf|client[_.-]?id|app[_.-]?id|application[_.-]?id|site[_.-]?key|recaptcha|anon[_.-]?key|measurement[_.-]?id|tracking[_.-]?id/i;

/**
 * Names that carry a credential word but hold an identifier: etcd's initial cluster token names the cluster so that
 * members of another cluster are not joined by mistake (etcd's configuration docs: "--initial-cluster-token"); a
 * registry's `REGISTRY_AUTH_HTPASSWD_REALM` is the realm label shown in the Basic-auth prompt.
 */
const IDENTIFIER_NAME = /initial[_.-]?cluster[_.-]?token|[_.-]realm$/i;

/** Names that hold a password (as opposed to a token or key): a weak value is still a real, bad password there. */
const PASSWORD_NAME = /passw|pwd|passphrase/i;

/** camelCase or snake-case words only: an identifier, not a secret. */
/** Letters only, made of a few real-looking words (CamelCase, a trailing acronym): a name, not a random string. */
function looksLikeWords(v: string): boolean {
  // A TypeScript interface name keeps its `I` prefix (IDomainCredentials).
  const t = v.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').replace(/^I(?=[A-Z][a-z])/, '');
  if (!/^[A-Za-z]+$/.test(t)) return false;
  const words = t.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g) ?? [];
  if (words.length === 0 || words.length > 6) return false;
  return (
    words.every((w) => w.length >= 2 && wordy(w) && (w.length < 12 || wordLike(w))) && t.length / words.length >= 3.5
  );
}

/** A word of a name has a vowel (or is a short acronym): `dbz`, `Gtmy` come from random strings, not names. */
function wordy(w: string): boolean {
  return /[aeiouy]/i.test(w) || (w === w.toUpperCase() && w.length <= 4);
}

function looksLikeIdentifier(raw: string): boolean {
  // A private name (`_convert_credentials`) and a versioned API type (`V1ServiceAccountTokenProjection`) are names.
  const v = raw.replace(/^_+(?=[A-Za-z])/, '').replace(/^V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z][a-z])/, '');
  if (looksLikeWords(v)) return true; // ?NonExpressionParenEnd, Operation, InterpolationInJSX
  // A generic type (`Operation<Foo>`, `Map<K, V>`): type names inside, closed by '>' — not `z7Q<D>pe+vh…`.
  if (/^[A-Za-z_$][\w$]*<[\w$.,\s<>[\]|?]*>$/.test(v) || /^[A-Za-z_$][\w$]*<$/.test(v)) return true;
  // camelCase: words of two or more letters, digits only at the end of a word (`getUser2Name`, not `yR1pvC2mv3Fnog`).
  if (
    (/^[a-z]{2,}\d?(?:[A-Z][a-z]{2,}\d?)+$/.test(v) || /^[a-z]{2,}(?:[A-Z][a-z]+)+\d{0,2}$/.test(v)) &&
    // A short acronym may lead without a vowel (gcpSecretManagerConfig, tlsConfig, httpClient).
    (v.match(/[A-Z]?[a-z]+/g) ?? []).every((w, i) => wordy(w) || (i === 0 && w.length <= 4))
  )
    return true;
  // PascalCase, of words a name has (`Scmjj` is from a random string)
  if (
    /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(v) &&
    (v.match(/[A-Z][a-z]+/g) ?? []).every((w) => w.length <= 4 || wordy(w))
  )
    return true;
  if (/^[a-z]+(?:[_./-][a-z]+)+$/.test(v)) return true; // snake/kebab/dotted/path words
  if (/^_*[A-Z]+(?:_[A-Z0-9]+)+$/.test(v)) return true; // ENV_VAR_NAME, _PRIVATE_CONSTANT
  // Rule ids and option strings: lower-case words and short numbers (rhel8cis_rule_4_3_4, tls-1-2-ext).
  // Hex-only values (UUIDs, hex keys) are never taken for words: `d2d89bcc-9345-0fea-…` has "fea" and "baea" runs.
  if (
    /^[a-z][a-z0-9]*(?:[_.-][a-z0-9]{1,12}){2,}$/.test(v) &&
    !/^[0-9a-f_.-]+$/i.test(v) &&
    (v.match(/[a-z]{3,}/g) ?? []).length >= 2
  )
    return true;
  return false;
}

/** Lower-case words (a few digits allowed) joined by `_ . / : # -`, one of them a real word: a name or a namespace. */
function joinedWords(v: string): boolean {
  const parts = v.split(/[_./:#-]/);
  return (
    parts.length >= 2 &&
    parts.every((p) => /^[a-z]+\d{0,3}[a-z]*$/.test(p)) &&
    parts.some((p) => /[a-z]{3,}/.test(p) && /[aeiou]/.test(p)) &&
    !/^[0-9a-f_.:#/-]+$/.test(v)
  );
}

/** Words a password-named field holds when it describes the field, not a password (`password: 'required'`). */
const FIELD_WORDS =
  /^(?:string|number|boolean|text|input|field|value|type|required|optional|invalid|valid|match|mismatch|confirm|confirmed|empty|missing|strong|weak|medium|hidden|visible|show|hide|disabled|enabled|readonly|autocomplete|current-password|new-password|off|on|yes|no|any|object|unknown|never|void|str|int|bytes|secretstr|minlength|maxlength|sha256|bcrypt|argon2|scrypt|plain|plaintext|md5|sha1|keyring|prompt|ask|env|file|stdin|none)$/i;

/** A dictionary word with leetspeak and a short suffix (`P@ssw0rd`, `rapunz3l`, `R00tPassw0rd!`, `hunter2`). */
export function dictionaryLike(v: string): boolean {
  const t = v
    .replace(/[0-9!?.#*$@]{1,4}$/, '')
    .replace(/0/g, 'o')
    .replace(/[1!|]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/[4@]/g, 'a')
    .replace(/[5$]/g, 's')
    .replace(/7/g, 't');
  if (t.length < 4) return false;
  if (/^[a-z]+$/.test(t) || /^[A-Z][a-z]+$/.test(t)) return true;
  // Capitalised words (`RootPassword`): at most three, each of three letters or more with a vowel — a random string
  // with leetspeak digits (`HzDgu51yQ7…`) splits into chunks that are not words.
  const words = /^(?:[A-Z][a-z]+)+$/.test(t) ? (t.match(/[A-Z][a-z]+/g) ?? []) : [];
  return words.length > 0 && words.length <= 3 && words.every((w) => w.length >= 3 && /[aeiouy]/.test(w));
}

function weakOrStrong(secret: string, pwKey: boolean): ValidatorResult {
  const e = shannonEntropy(secret);
  const tier = placeholderTier(secret);
  if (tier?.tier === 'plausible')
    return {
      verdict: 'unknown',
      confidence: 'low',
      severity: 'low',
      quality: 'placeholder',
      why: `${tier.why} under a credential-named key`,
    };
  // Values that spell out what they are (mysecretpassword, P@ssw0rd, hunter2): a weak but real password.
  const weak =
    (pwKey && (e < 3.0 || secret.length < 8 || dictionaryLike(secret))) ||
    (/pass(?:word)?|secret|token|test|demo|sample|local|dev|admin|root/i.test(secret) && e < 3.6);
  if (weak)
    return {
      verdict: 'unknown',
      confidence: 'medium',
      severity: 'medium',
      quality: 'weak',
      why: 'weak but real-looking password (dictionary word) assigned to a credential-named key',
    };
  return { verdict: 'unknown', confidence: 'medium', why: 'high-entropy literal assigned to a credential-named key' };
}

const reject = (why: string): ValidatorResult => ({ verdict: 'reject', why });

/** Keywords of the languages credentials are assigned in: never a value when written unquoted. */
const CODE_WORDS =
  /^(?:await|async|function|new|typeof|instanceof|yield|return|lambda|require|import|class|static|const|let|var|this|self|super|delete|void|def|func|fn|do|then|else|if|not|and|or|in|is|nullptr)$/;
/** Objects whose members are code, whatever digits the member's name has (`exports.ApiV2010AccountToken`). */
const CODE_ROOTS =
  /^(?:exports|module|this|self|window|document|globalThis|process|props|state|options|opts|params|req|res|ctx|app|settings|config|cls|Object|Symbol|Math|JSON|Reflect)\./;

/**
 * A quoted value whose opening quote closes a string that holds the key (`"token=" + encode(t) + "&x"`): the match
 * spans a string boundary and the "value" is code.
 */
function crossesStringBoundary(match: string, secret: string, text: string, index: number): boolean {
  const at = match.lastIndexOf(secret);
  if (at <= 0) return false;
  const q = match.charAt(at - 1);
  if (q !== '"' && q !== "'") return false;
  // An escaped quote (`"\\"value\\""`) opens a string inside a string: no boundary there.
  if (match.charAt(at - 2) === '\\') return false;
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const before = text.slice(lineStart, index + at - 1).replace(/\\./g, '');
  let n = 0;
  for (const ch of before) if (ch === q) n++;
  return n % 2 === 1;
}

/** Every part between operators and punctuation is a name (`user??fallback`, `lib$Name`): code, even when quoted. */
function identifiersOnly(v: string): boolean {
  const parts = v.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p) && (p.length <= 3 || looksLikeIdentifier(p)));
}

/** A segment of 16+ characters mixing upper case, lower case and digits that is not a name: random, not a property. */
function randomSegment(seg: string): boolean {
  return seg.length >= 16 && /[A-Z]/.test(seg) && /[a-z]/.test(seg) && /\d/.test(seg) && !looksLikeIdentifier(seg);
}

/**
 * A quoted value of 12+ characters mixing letters, digits and symbols at high entropy (`[O9ua1#R{-1rn^#Y…`): a
 * generated password whose symbols only look like operators.
 */
function randomPunctuated(v: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return v.length >= 12 && classes >= 3 && shannonEntropy(v) >= 3.8 && !identifiersOnly(v);
}

/** Names of the AWS secret access key, whose values are exactly 40 characters of base64. */
const AWS_SECRET_NAME = /aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|^secret[_.-]?access[_.-]?key$/i;

/**
 * A value under an AWS secret key's name that cannot be one (another length, marked encrypted): reported below the
 * blocking threshold (issue 31). Every other value is judged by the generic checks.
 */
const genericValue: Validator = (input) => {
  const v = genericValueChecks(input);
  if (v.verdict === 'reject' || v.verdict === 'invalid') return v;
  const { secret, match } = input;
  if (!AWS_SECRET_NAME.test(keyOf(match, secret))) return v;
  if (/^(?:encrypted|enc|secure|cipher(?:text)?|kms|sops):/i.test(secret))
    return { ...v, severity: 'low', confidence: 'low', why: 'a value marked encrypted under an AWS secret key name' };
  if (!/^[A-Za-z0-9/+]{40}$/.test(secret))
    return {
      ...v,
      severity: 'medium',
      confidence: 'low',
      why: `a literal under an AWS secret key name that cannot be an AWS secret key (${secret.length} characters, not 40 of base64)`,
    };
  return v;
};

/**
 * Code where a value should be (a call, a variable, a keyword, a symbol, an expression, a generated identifier…): the
 * reason, or undefined. Part of the generic rules' value checks.
 */
function codeNotValue(secret: string, match: string, text: string, index: number): string | undefined {
  // Code, not a value: a call (`withJSDoc(`), a ternary or bit operation in minified code, an identifier with a
  // bundler suffix (`ClosingParenToken$1`).
  const after = text.charAt(index + match.length);
  if (after === '(' || after === '<') return 'code (a call), not a value';
  if (after === '{' && /[$#%]$/.test(secret)) return 'reference (a template string interpolation)';
  const unquoted = isUnquoted(match, secret);
  // A quoted value is a string literal (a value crossing a string boundary is set aside below): what reads as an
  // operator or a generated identifier inside it (`??`, `&&`, `hyper$ecret9`) is part of a password.
  const quoted = !unquoted && /["']$/.test(match);
  if (
    unquoted &&
    (after === '[' || after === ';' || (after === '.' && /^\.[A-Za-z_$]/.test(text.slice(index + match.length))))
  )
    return 'code (a variable), not a value';
  // `passphrase = passphrase || ''`: the value is the variable of the same name.
  if (
    unquoted &&
    /^[A-Za-z_$][\w$]*$/.test(secret) &&
    keyOf(match, secret).replace(/^.*[^\w$]/, '') === secret.toLowerCase()
  )
    return 'code (the variable of the same name), not a value';
  // A language keyword or a number literal where the value should be (`hashedPassword = await hash(…)`,
  // `CHANGE_PASSWORD_YES: 0x01`).
  if (unquoted && CODE_WORDS.test(secret)) return 'code (a language keyword), not a value';
  if (unquoted && /^-?(?:0x[0-9a-f]+|0b[01]+|0o[0-7]+|\d+n?)$/i.test(secret) && secret.length <= 13)
    return 'a number literal';
  // `NL80211_ATTR_SAE_PASSWORD = C.NL80211_ATTR_SAE_PASSWORD` (cgo), `Token = pkg.Token`: the same name from a package.
  if (
    unquoted &&
    /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(secret) &&
    keyOf(match, secret).replace(/^.*[^\w$]/, '') === secret.replace(/^.*\./, '').toLowerCase()
  )
    return 'code (the same name from another package), not a value';
  // Ruby: a symbol (`private_key: :client_key`), a constant path (`token = RDoc::Parser::Token.new`).
  if (unquoted && /^:[a-z_][a-z0-9_]*[?!]?$/.test(secret)) return 'code (a Ruby symbol), not a value';
  if (unquoted && /^(?:[A-Z]\w*::)+[A-Z]\w*(?:\.[a-z_]\w*[?!]?)*$/.test(secret))
    return 'code (a Ruby constant), not a value';
  // `MYSQL_PASSWORD= FILTER=x npm test`: the value is empty and the next assignment follows.
  if (
    unquoted &&
    /^[A-Za-z_][\w.-]*=[^=\s]/.test(secret) &&
    /[:=][ \t]+$/.test(match.slice(0, match.length - secret.length))
  )
    return 'an empty value followed by another assignment';
  if (unquoted && /^\d+-(?:bytes?|bits?|chars?|characters?|digits?|words?|way|step|level)$/i.test(secret))
    return 'a size or count, not a value';
  // A method called on a number (`20.minutes`, `2.hours`, `1.day.ago` in Ruby): code.
  if (unquoted && /^\d+(?:\.[a-z_]+)+$/.test(secret)) return 'code (a method on a number), not a value';
  // Prose: a word (any script, in the case words are written) followed on its line by more words
  // (`reset_password=Réinitialiser le mot de passe`, a translated label), not a secret cut at its first space. A
  // command-line option's value (`--password=…`) is followed by the command's arguments.
  if (
    unquoted &&
    /(?::|=>?)[ \t]*$/.test(match.slice(0, match.length - secret.length)) &&
    !/(?:^|\s)--?[\w-]+=$/.test(match.slice(0, match.length - secret.length)) &&
    /^\p{Lu}?\p{Ll}+[.,:!?]?$/u.test(secret) &&
    /[aeiouy]|[^\x00-\x7f]/i.test(secret) &&
    /^[ \t]+\p{L}/u.test(text.slice(index + match.length, index + match.length + 8))
  )
    return 'prose (words separated by spaces), not a value';
  if (
    ((/\w\?[\w.$#]*:\w/.test(secret) && /[&|.(?]/.test(secret)) || /&&|\|\||\?\?/.test(secret)) &&
    (!quoted || identifiersOnly(secret))
  )
    return 'code (an expression), not a value';
  // A bundler's identifier (`ClosingParenToken$1`, `lib$Name`), but not a password ending in `$` (`Marble3819$`).
  if (/^[A-Za-z_][A-Za-z_]*\$\d*$|^[A-Za-z_]\w*\$[A-Za-z]\w*$/.test(secret) && (!quoted || identifiersOnly(secret)))
    return 'code (a generated identifier)';
  if (crossesStringBoundary(match, secret, text, index)) return 'code: the match runs across a string boundary';
  if (/^\+|\+$/.test(secret) && /[A-Za-z_$][\w$]*\(/.test(secret)) return 'code (a concatenation)';
  return undefined;
}

/** The value is written bare (not in quotes) after its name. */
function isUnquoted(match: string, secret: string): boolean {
  return match.endsWith(secret) && !/["'`]$/.test(match.slice(0, match.length - secret.length));
}

/**
 * A value whose shape says what it is, and it is not a secret (a path, a role, an anchor, a route target, a URL without
 * credentials, a version, a checksum, a file name…): the reason, or undefined.
 */
function shapeNotSecret(secret: string, match: string, text: string, index: number, key: string): string | undefined {
  const unquoted = isUnquoted(match, secret);
  if (/^(?:\/|\.\/|\.\.\/|~\/|[A-Za-z]:\\|file:)/.test(secret)) return 'a path or route';
  // Names found in Google Cloud SDK's own code (issue 31, real trees): an IAM role, a YAML anchor or alias, a JSONPath
  // template, a secret reference given as ENV=name:version (gcloud run --set-secrets).
  if (/^roles\/[\w.]+$/.test(secret)) return 'an IAM role name';
  // A Perl reference to a sub or a variable (`pass => \&fetch_password`, Authen::SASL's callbacks).
  if (unquoted && /^\\[&$@%][A-Za-z_][\w:]*$/.test(secret)) return 'code (a Perl reference)';
  if (unquoted && /^[&*][A-Za-z_][\w.-]*$/.test(secret)) return 'a YAML anchor or alias';
  if (/^\{\.[\w.[\]]+\}$/.test(secret)) return 'a JSONPath template';
  if (/^[A-Z_][A-Z0-9_]*=[\w.-]+:(?:latest|\d+)$/.test(secret)) return 'a secret reference (name:version)';
  // A route's target (`put '/forgot-password' => "passwords#update"`): a controller and its action.
  if (
    /^[a-z_][a-z0-9_/]*#[a-z_][a-z0-9_]*$/.test(secret) &&
    /^\s*(?:get|post|put|patch|delete|match|root)\b|["']\/[\w/:.-]*["']/.test(
      text.slice(text.lastIndexOf('\n', index) + 1, index + match.length - secret.length),
    )
  )
    return 'a route target (controller#action)';
  if (/^(?:https?|ftp|wss?):\/\//i.test(secret) && !/\/\/[^/@\s]+:[^/@\s]+@/.test(secret))
    return 'a URL without credentials';
  if (/^data:|;base64,/.test(secret)) return 'a data URI';
  if (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret) &&
    !/key|token|secret|pass/.test(key)
  )
    return 'a UUID under a name that is not a credential';
  // Versions, lock-file specs, plugin/Maven coordinates, integrity and checksums, asset names.
  if (/^[~^<>=]*v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.]+)?$/.test(secret)) return 'a version';
  if (/^\d{1,5}\.v[0-9a-f]{6,}(?:_[0-9a-f]+)*$|^v?\d{1,4}(?:\.\d{1,6}){1,3}[-.+][a-z][\w.+-]*$/.test(secret))
    return 'a version (plugin or pre-release)';
  if (/^(?:npm|workspace|link|file|portal|patch|github|git\+\w+|catalog):/.test(secret)) return 'a package specifier';
  if (/^[\w.-]+:\d+(?:\.[\w-]+)+$|^[a-z][\w.-]*:[\w.-]+:v?\d[\w.-]*$/.test(secret))
    return 'a plugin or Maven coordinate with a version';
  if (/^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(secret)) return 'a checksum';
  if (
    /\.(?:js|mjs|cjs|css|map|png|jpe?g|gif|svg|webp|woff2?|ttf|json|html?|ya?ml|txt|md|pem|crt|cer|key|p12|pfx|jks)$/i.test(
      secret,
    )
  )
    return 'a file name';
  return undefined;
}

const genericValueChecks: Validator = ({ secret, match, text, index }) => {
  const tier = placeholderTier(secret);
  if (tier && tier.tier !== 'plausible') return reject(tier.why);
  const code = codeNotValue(secret, match, text, index);
  if (code) return reject(code);
  const quoted = !isUnquoted(match, secret) && /["']$/.test(match);
  // Public badge tokens (codecov graph tokens in README badges are meant to be shared).
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(text.lastIndexOf('\n', index) + 1, lineEnd === -1 ? undefined : lineEnd);
  if (/badge\.svg|\/graph\/badge|shields\.io/.test(line)) return reject('public badge token');
  if (/fn::secret|\bsecure:\s*v1:/i.test(line) || /^v1:[A-Za-z0-9+/=]{8,}$/.test(secret))
    return reject('encrypted value (Pulumi secret)');
  const key = keyOf(match, secret);
  if (!passIsAWord(match, secret)) return reject('"pass" inside another word (bypass, compass), not a credential name');
  // A name/value pair (`- name: DB_PASSWORD` / `value: …`) is named by its name; a command line has no name.
  const bareKey = (/name["']?:\s*["']?([\w.-]+)["']?,?\s*["']?value$/.exec(key)?.[1] ?? key).replace(/["'\]]+$/, '');
  if (!/\s/.test(bareKey) && NOT_A_SECRET_KEY.test(bareKey))
    return reject(`the name "${bareKey.slice(-40)}" holds something about a secret`);
  if (PUBLIC_KEY_NAME.test(bareKey)) return reject('public by design (publishable key, client/app id, CSRF token)');
  if (IDENTIFIER_NAME.test(bareKey))
    return reject('an identifier or label (a cluster token, an auth realm), not a secret');
  if (/^pk_(?:live|test)_/.test(secret)) return reject('public by design (Stripe publishable key)');
  if (/^pk\.eyJ/.test(secret)) return reject('public by design (Mapbox public token)');
  // Looks like code rather than a value: a member access (also of a private #field), a call, a path, an operator.
  if (
    /^(?:this\.)?#?[A-Za-z_$][\w$]*(?:\??\.#?[A-Za-z_$][\w$]*)+/.test(secret) &&
    (!/\d{4}/.test(secret) || CODE_ROOTS.test(secret)) &&
    // `?token=<id>.<secret>` in a URL's query string, or a segment of random characters (`x.bwNUEUyAa4xfAl…`).
    (CODE_ROOTS.test(secret) || (!/^[?&]/.test(match) && !secret.split('.').some(randomSegment)))
  )
    return reject('code (a property reference), not a value');
  if (/^[A-Za-z_$][\w$.]*\(/.test(secret)) return reject('code (a call), not a value');
  if (/^[A-Za-z_$][\w$]*\[-?\d{1,3}\]\.[A-Za-z_$]/.test(secret))
    return reject('code (an index expression), not a value');
  // A type annotation naming a class in a module (`private_key: ed25519.Ed25519PrivateKey`).
  if (
    /^[a-z_]\w*(?:\.[a-z_]\w*)*\.[A-Z]\w*$/.test(secret) &&
    looksLikeIdentifier(secret.replace(/^.*\./, '').replace(/\d+/g, ''))
  )
    return reject('code (a class of a module), not a value');
  if (
    /\|\||&&|\?\.|&\.[A-Za-z_]|=>|!==|===|\)\s*[;,]?$|^!|^\[|\]$/.test(secret) &&
    !(quoted && randomPunctuated(secret))
  )
    return reject('code (an expression), not a value');
  const shape = shapeNotSecret(secret, match, text, index, key);
  if (shape) return reject(shape);
  // A password option of a command line (`sshpass -p '…'`, `psexec -p …`, `xfreerdp /p:…`) names a password too.
  const optionSlot = /(?:^|\s)(?:-[pPwa]|\/p:)[ \t]{0,3}["']?$|\/user:\S+[ \t]{1,3}["']?$/.test(
    match.slice(0, match.length - secret.length),
  );
  const pwKey = PASSWORD_NAME.test(bareKey) || optionSlot;
  if (pwKey && FIELD_WORDS.test(secret)) return reject('a word describing the field, not a password');
  if (!pwKey && secret.length < 8) return reject('too short for a key or token');
  if (pwKey && secret.length < 4) return reject('too short');
  // Only letters of one case and no digits/symbols: a word, not a secret (i18n keys, identifiers) — except under a
  // password name in a quoted or config value, where `mysecretpassword` is a real (weak) password.
  // A run of 12+ letters that does not read as words (letter pairs and consonant runs, letters.ts) is a random
  // token drawn from letters alone, not a name.
  const randomLetters = /^(?:[a-z]{12,}|[A-Z]{12,})$/.test(secret) && !wordLike(secret);
  // A constant name, also with a version digit in a word (`OAUTH2-CLIENT-SECRET`), but not upper-case hex.
  const constant = /^[A-Z]+(?:[_-][A-Z]+)*_?$/.test(secret) || /^[A-Z]+\d{0,2}(?:[_-][A-Z]+\d{0,2})+_?$/.test(secret);
  if ((/^[a-z_]+$/.test(secret) || constant) && !randomLetters) {
    if (!pwKey || /^[A-Z0-9_-]+$/.test(secret) || /_/.test(secret)) return reject('a single word or constant name');
    return weakOrStrong(secret, pwKey);
  }
  // A passphrase (`copper-tundra-417-ember`) under a password name is a password, not an option string.
  const passphrase =
    pwKey && /^[a-z]+(?:-[a-z0-9]+){2,}$/i.test(secret) && /-\d{2,}(?:-|$)|(?:-[a-z]{3,}){3,}/i.test(secret);
  // Lower-case words joined by punctuation (`oauth2client:secrets#ns`, `pkcs12_val`) under a token or key name: a name.
  if (!pwKey && joinedWords(secret)) return reject('words joined by punctuation (a name), not a secret');
  // A command line's password option can hold nothing but a password, whatever it looks like (`-p ops_admin7`).
  if (!passphrase && !optionSlot && looksLikeIdentifier(secret)) return reject('an identifier, not a secret');
  if (tier) return weakOrStrong(secret, pwKey);
  const e = shannonEntropy(secret);
  // A UUID holds 122 random bits however its 16 letters happen to repeat (`897afd9a-ad88-7caa-0ddd-…` measures 3.0):
  // under a credential name it is a key, whatever its character entropy.
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret);
  if (!pwKey && !uuid && e < 3.0) return reject(`entropy ${e.toFixed(1)} below 3.0`);
  if (pwKey && e < 1.5) return reject(`entropy ${e.toFixed(1)} below 1.5`);
  return weakOrStrong(secret, pwKey);
};

// ---------- encodings ----------

function decodeBase64(s: string): Buffer | undefined {
  const clean = s.replace(/\\n/g, '\n').replace(/[^A-Za-z0-9+/=]/g, '');
  if (clean.length < 16) return undefined;
  try {
    return Buffer.from(clean, 'base64');
  } catch {
    return undefined;
  }
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let crcTable: Uint32Array | undefined;
/** CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of a string's UTF-8 bytes. */
export function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of Buffer.from(s, 'utf8')) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62Decode(s: string): number | undefined {
  let n = 0;
  for (const ch of s) {
    const d = B62.indexOf(ch);
    if (d < 0) return undefined;
    n = n * 62 + d;
  }
  return n;
}

/**
 * GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens: prefix `_`, 30 random base62 characters, then the
 * CRC-32 of those 30 characters in base62, zero-padded to 6. See GitHub's "Behind GitHub's new authentication token
 * formats" (2021) and npm's token announcement.
 */
export function base62ChecksumOk(token: string): boolean | undefined {
  const m = /^[a-z]{3}_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(token);
  if (!m) return undefined;
  const want = base62Decode(m[2]!);
  return want !== undefined && want === crc32(m[1]!);
}

function checksumValidator(kind: string): Validator {
  return ({ secret }) => {
    const ok = base62ChecksumOk(secret);
    if (ok === undefined) return { verdict: 'unknown', why: `${kind} token of an older format (no checksum)` };
    if (!ok)
      return {
        verdict: 'invalid',
        why: `${kind} token shape, but its CRC-32 checksum does not match: a fake or mistyped token`,
      };
    return { verdict: 'valid', confidence: 'high', why: `${kind} token with a valid checksum` };
  };
}

/** AWS access key ids encode the account: base32 of the 16 characters after the prefix, bits 1..40 of the first 6 bytes, >> 7. */
export function awsAccountFromKeyId(keyId: string): string | undefined {
  const body = keyId.slice(4);
  if (!/^[A-Z2-7]{16}$/.test(body)) return undefined;
  // Older key ids (5th character below Q) do not encode the account.
  if ('ABCDEFGHIJKLMNOP'.includes(body[0]!)) return undefined;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0n;
  for (const ch of body.slice(0, 10)) bits = (bits << 5n) | BigInt(alphabet.indexOf(ch));
  // 10 chars = 50 bits; the first 48 bits are the first 6 bytes.
  const first6 = bits >> 2n;
  const account = (first6 & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}

const awsKeyId: Validator = ({ secret }) => {
  const kind = secret.startsWith('ASIA') ? 'temporary (STS) access key id' : 'access key id';
  const account = awsAccountFromKeyId(secret);
  return {
    verdict: 'valid',
    confidence: 'high',
    why: account ? `AWS ${kind} of account ${account}` : `AWS ${kind} (older format, account not encoded)`,
  };
};

function b64urlJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** JWT: header and payload must decode to JSON objects. Reports alg and expiry only — never claims. */
const jwt: Validator = ({ secret }) => {
  const parts = secret.split('.');
  if (parts.length < 2) return { verdict: 'reject' };
  const header = b64urlJson(parts[0]!);
  const payload = b64urlJson(parts[1]!);
  if (!header || !payload || typeof header.alg !== 'string') return { verdict: 'reject' };
  const alg = header.alg.replace(/[^\w-]/g, '').slice(0, 16);
  const bits = [`alg ${alg}`];
  let confidence: 'high' | 'medium' | 'low' = 'medium';
  let severity: Severity | undefined;
  if (alg.toLowerCase() === 'none' || !parts[2]) {
    confidence = 'low';
    severity = 'low';
    bits.push('unsigned');
  }
  if (typeof payload.exp === 'number') {
    const exp = new Date(payload.exp * 1000);
    const expired = exp.getTime() < Date.now();
    bits.push(
      `${expired ? 'expired' : 'expires'} ${Number.isNaN(exp.getTime()) ? '?' : exp.toISOString().slice(0, 10)}`,
    );
    if (expired) {
      confidence = 'low';
      severity ??= 'low';
    }
  } else bits.push('no expiry');
  if (payload.role === 'anon') {
    severity = 'low';
    confidence = 'low';
    bits.push('anonymous role (publishable key)');
  }
  return { verdict: 'valid', confidence, ...(severity ? { severity } : {}), why: `JWT (${bits.join(', ')})` };
};

// ---------- private keys ----------

/** Read an OpenPGP packet header; returns tag and body bounds. */
function pgpPacket(buf: Buffer, at: number): { tag: number; start: number; end: number } | undefined {
  const b = buf[at];
  if (b === undefined || !(b & 0x80)) return undefined;
  let tag: number;
  let len: number;
  let p = at + 1;
  if (b & 0x40) {
    tag = b & 0x3f;
    const l0 = buf[p++];
    if (l0 === undefined) return undefined;
    if (l0 < 192) len = l0;
    else if (l0 < 224) len = ((l0 - 192) << 8) + (buf[p++] ?? 0) + 192;
    else if (l0 === 255) {
      len = buf.readUInt32BE(p);
      p += 4;
    } else return undefined; // partial lengths: not in key packets
  } else {
    tag = (b >> 2) & 0x0f;
    const lt = b & 3;
    if (lt === 0) len = buf[p++] ?? 0;
    else if (lt === 1) {
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (lt === 2) {
      len = buf.readUInt32BE(p);
      p += 4;
    } else len = buf.length - p;
  }
  return { tag, start: p, end: Math.min(buf.length, p + len) };
}

/** Is the first secret-key packet of an armored OpenPGP key protected? (v4 keys; undefined when unsure) */
export function pgpKeyProtected(armored: string): boolean | undefined {
  const body = armored
    .replace(/\\n/g, '\n')
    .replace(/-----(?:BEGIN|END) PGP PRIVATE KEY BLOCK-----/g, '')
    .split(/\r?\n/)
    .filter((l) => l && !/^[\w-]+: /.test(l) && !l.startsWith('='))
    .join('');
  const buf = decodeBase64(body);
  if (!buf) return undefined;
  try {
    const pk = pgpPacket(buf, 0);
    if (!pk || (pk.tag !== 5 && pk.tag !== 7)) return undefined;
    let p = pk.start;
    if (buf[p] !== 4) return undefined; // v4 only
    p += 5; // version, created
    const algo = buf[p++]!;
    const mpi = () => {
      const bitsLen = buf.readUInt16BE(p);
      p += 2 + Math.ceil(bitsLen / 8);
    };
    const oid = () => {
      p += 1 + buf[p]!;
    };
    if (algo === 1 || algo === 2 || algo === 3)
      [mpi, mpi].forEach((f) => f()); // RSA n, e
    else if (algo === 17)
      [mpi, mpi, mpi, mpi].forEach((f) => f()); // DSA p, q, g, y
    else if (algo === 16 || algo === 20)
      [mpi, mpi, mpi].forEach((f) => f()); // Elgamal p, g, y
    else if (algo === 19 || algo === 22) {
      oid();
      mpi(); // ECDSA / EdDSA
    } else if (algo === 18) {
      oid();
      mpi();
      p += 1 + buf[p]!; // ECDH KDF params
    } else return undefined;
    if (p >= pk.end) return undefined;
    return buf[p] !== 0;
  } catch {
    return undefined;
  }
}

const privateKey: Validator = ({ match }) => {
  const protectedKey = (why: string): ValidatorResult => ({
    verdict: 'valid',
    severity: 'info',
    confidence: 'high',
    why,
  });
  if (
    /BEGIN ENCRYPTED PRIVATE KEY|BEGIN SSH2 ENCRYPTED PRIVATE KEY/.test(match) ||
    /Proc-Type:\s*4,ENCRYPTED/i.test(match)
  )
    return protectedKey('passphrase-protected private key');
  if (/PuTTY-User-Key-File/.test(match)) {
    const enc = /Encryption:\s*([\w-]+)/.exec(match)?.[1];
    if (enc && enc !== 'none') return protectedKey(`PuTTY key encrypted with ${enc}`);
    return { verdict: 'valid', confidence: 'high', why: 'unencrypted PuTTY private key (Encryption: none)' };
  }
  if (/BEGIN PGP PRIVATE KEY BLOCK/.test(match)) {
    const p = pgpKeyProtected(match);
    if (p === true) return protectedKey('passphrase-protected OpenPGP secret key');
    if (p === false) return { verdict: 'valid', confidence: 'high', why: 'unprotected OpenPGP secret key' };
  }
  if (/BEGIN OPENSSH PRIVATE KEY/.test(match)) {
    const body = match.replace(/-----(?:BEGIN|END) OPENSSH PRIVATE KEY-----/g, '');
    const buf = decodeBase64(body);
    if (buf && buf.length > 19 && buf.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0') {
      const len = buf.readUInt32BE(15);
      const cipher = buf
        .subarray(19, 19 + Math.min(len, 40))
        .toString('latin1')
        .replace(/[^\w@.-]/g, '');
      if (cipher !== 'none') return protectedKey(`OpenSSH key encrypted with ${cipher}`);
      return { verdict: 'valid', confidence: 'high', why: 'unencrypted OpenSSH private key' };
    }
  }
  const hasBody = /-----BEGIN[^\n]*(?:\n|\\n)[A-Za-z0-9+/=\s\\]{40,}/.test(match);
  if (!hasBody)
    return { verdict: 'unknown', confidence: 'low', severity: 'medium', why: 'private key header without a body' };
  return { verdict: 'valid', confidence: 'high', why: 'unencrypted private key' };
};

// ---------- structured credentials ----------

/** A password taken from a URL, .netrc, inventory or config file: reject references, keep stand-ins at low. */
const credentialValue: Validator = ({ secret, match, text, index }) => {
  // Prose, as for the generic rule: after `key= ` a lower-case word followed on its line by more words
  // (`snowflake.password= followed by another key` in a sentence), not a password cut at its first space.
  if (
    match !== undefined &&
    text !== undefined &&
    /(?::|=>?)[ \t]+$/.test(match.slice(0, match.length - secret.length)) &&
    /^\p{Lu}?\p{Ll}+[.,:!?]?$/u.test(secret) &&
    /^[ \t]+\p{L}/u.test(text.slice(index + match.length, index + match.length + 8))
  )
    return reject('prose (words separated by spaces), not a value');
  let v = secret;
  try {
    if (/%[0-9A-Fa-f]{2}/.test(v)) v = decodeURIComponent(v);
  } catch {
    /* keep raw */
  }
  const tier = placeholderTier(v);
  if (tier && tier.tier !== 'plausible') return reject(tier.why);
  if (/^\$|^%|^\{|^<|^!|^\*+$/.test(v)) return reject('reference or template');
  // A lookup or call in code (`proxy_password=self._opts["password"]`, `smtp_pass=cfg.get(`): the match stops at its
  // bracket.
  if (
    /^(?:self|this|cls|opts|options|config|conf|cfg|settings|kwargs|params|args)\.|^[A-Za-z_$][\w$.]*[[(]$|^[A-Za-z_$][\w$]*(?:\.[\w$]+)+[[(]/.test(
      v,
    )
  )
    return reject('code (a lookup or call), not a value');
  // A type annotation (`smtp_password: string;` in a .d.ts or a Python dataclass), not a value.
  if (
    /^(?:string|number|boolean|any|unknown|str|int|bytes|SecretStr|Optional\[[\w[\]]+\]|String|char\s*\*)[;,]?$/.test(v)
  )
    return reject('a type annotation, not a value');
  // A token passed as the user name, with a fixed word as the password (`https://TOKEN:x-oauth-basic@github.com`).
  if (/^(?:x-oauth-basic|x-access-token|oauth2|oauth|bearer|anonymous|token)$/i.test(v))
    return reject('a fixed word that marks the user name as the credential');
  if (v.length < 3) return reject('too short');
  if (
    tier ||
    /^(?:pass(?:word)?|pwd|secret|user(?:name)?|login|guest|root|postgres|mysql|redis|rabbit|rabbitmq|admin|mongo|sa|ftp|test)$/i.test(
      v,
    )
  )
    return {
      verdict: 'unknown',
      confidence: 'low',
      severity: 'low',
      quality: 'placeholder',
      why: `${tier?.why ?? 'placeholder-like value'} as the password`,
    };
  if (shannonEntropy(v) < 2)
    return {
      verdict: 'unknown',
      confidence: 'low',
      severity: 'low',
      quality: 'placeholder',
      why: 'low-entropy stand-in as the password',
    };
  if (shannonEntropy(v) < 3 || v.length < 8)
    return { verdict: 'unknown', confidence: 'medium', quality: 'weak', why: 'weak but literal password' };
  return { verdict: 'unknown', confidence: 'high', why: 'literal password in a credential-bearing string' };
};

/** docker config.json / .dockercfg `auth`, or an `Authorization: Basic` header: base64 of `user:password`. */
const dockerAuth: Validator = ({ secret, match }) => {
  const buf = decodeBase64(secret.length >= 16 ? secret : secret.padEnd(16, '='));
  const text = buf?.toString('utf8') ?? '';
  const colon = text.indexOf(':');
  if (colon <= 0 || /[^\x20-\x7e]/.test(text)) return reject('does not decode to user:password');
  const pass = text.slice(colon + 1);
  const header = /authorization/i.test(match);
  const what = header
    ? 'Basic authorization header (base64 user:password)'
    : 'registry credentials (base64 user:password) in a docker config';
  const inner = credentialValue({ secret: pass, match: pass, text: pass, index: 0 });
  if (inner.verdict === 'reject') return reject(`the encoded password is ${inner.why ?? 'not a literal'}`);
  if (inner.quality === 'placeholder')
    return {
      verdict: 'unknown',
      confidence: 'low',
      severity: 'low',
      quality: 'placeholder',
      why: `${what}; ${inner.why}`,
    };
  return {
    verdict: 'valid',
    confidence: 'high',
    ...(inner.quality ? { quality: inner.quality } : {}),
    why: what,
  };
};

/** Kubernetes Secret `data:` values: base64 that decodes to a non-placeholder value, under `data:` of a Secret. */
const k8sSecretData: Validator = ({ secret, text, index }) => {
  const before = text.slice(Math.max(0, index - 20000), index);
  const block = before.lastIndexOf('\ndata:') > before.lastIndexOf('\nstringData:') ? 'data' : 'stringData';
  const header = Math.max(
    before.lastIndexOf('\ndata:'),
    before.lastIndexOf('\nstringData:'),
    before.startsWith('data:') ? 0 : -1,
  );
  if (header < 0) return { verdict: 'reject' };
  // A top-level key after the header means we left the block.
  if (/\n[A-Za-z]/.test(before.slice(header + 2))) return { verdict: 'reject' };
  if (!/kind:\s*["']?Secret\b/.test(text)) return { verdict: 'reject' };
  let value = secret;
  if (block === 'data') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return { verdict: 'reject' };
    const buf = Buffer.from(secret, 'base64');
    value = buf.toString('utf8');
    if (/[^\x09\x0a\x0d\x20-\x7e]/.test(value)) {
      return { verdict: 'valid', confidence: 'medium', why: 'binary value in a Kubernetes Secret (base64 data)' };
    }
  }
  const v = value.trim();
  if (isPlaceholder(v) || v.length < 6 || shannonEntropy(v) < 2.5) return { verdict: 'reject' };
  if (/^(?:[a-z][a-z0-9.-]*|\d+|true|false)$/i.test(v) && !/\d/.test(v)) return { verdict: 'reject' }; // usernames, hosts, flags
  return {
    verdict: 'valid',
    confidence: 'medium',
    why: `literal value in a Kubernetes Secret's ${block}${block === 'data' ? ' (decoded from base64)' : ''}`,
  };
};

// ---------- values the generic rule cannot see ----------

/**
 * A Terraform variable's default (`variable "db_password" { … default = "…" }`, also with the value on the next
 * line): judged as the generic rule judges `db_password = "…"`, the variable's name standing for the key.
 */
const terraformVariable: Validator = ({ secret, match }) => {
  const name = /variable[ \t]+"([\w-]+)"/.exec(match)?.[1] ?? '';
  const m = `${name} = "${secret}"`;
  return genericValue({ secret, match: m, text: m, index: 0 });
};

/** Function words of prose (English and a few other languages): a passphrase is random words, not a sentence. */
const PROSE_WORDS = new Set(
  (
    'a an the and or but nor of to in on at by for with from into onto over under about than then so as if is are ' +
    'was were be been being am do does did done has have had will would shall should can could may might must not ' +
    'no yes it its this that these those there here what which who whom whose when where why how all any each every ' +
    'some more most less least only also very too again your you yours our we us my me mine i he she they them their ' +
    'his her please enter type use used set get new old confirm forgot reset change required invalid incorrect wrong ' +
    'match matches short long minimum maximum contain contains characters character letters letter digits digit ' +
    'numbers number symbols symbol password passwords passphrase secret token key login sign user username account ' +
    'email field value one two three four five six seven eight nine ten twelve de la le les des du et un une est pas ' +
    'el los las y en con por para que der die das und mit zu ist nicht ein eine il di che per non het een van och att'
  ).split(' '),
);

/**
 * A passphrase under a password name (`password = "violet tundra marble 42 kettle"`): four or more lower-case words
 * (a number among them allowed), none of them a function word of prose — `"must be at least twelve characters"` is a
 * sentence, not a passphrase. Reported as a weak-quality password: medium in code, high in deploy configuration.
 */
const passphraseValue: Validator = ({ secret }) => {
  const words = secret.split(' ');
  if (words.length < 4 || words.some((w) => PROSE_WORDS.has(w))) return reject('prose (a sentence), not a passphrase');
  const alpha = new Set(words.filter((w) => /^[a-z]{3,}$/.test(w)));
  if (alpha.size < 3) return reject('too few words for a passphrase');
  if (secret === 'correct horse battery staple')
    return {
      verdict: 'unknown',
      severity: 'low',
      confidence: 'low',
      quality: 'placeholder',
      why: 'a famous example passphrase',
    };
  return {
    verdict: 'unknown',
    severity: 'medium',
    confidence: 'medium',
    quality: 'weak',
    why: 'a passphrase (random words) assigned to a password-named key',
  };
};

/** Value-only rules (keyword context + value shape): reject placeholders, keep the rule's own confidence. */
const notPlaceholder: Validator = ({ secret }) =>
  isPlaceholder(secret) ? { verdict: 'reject' } : { verdict: 'unknown' };

/**
 * A rule whose match opens with its provider word (`aws…secret`), matched case-insensitively: the word is read
 * case-aware — after a lower-case letter it must start a camelCase word (`myAwsSecret`), else it is the end of another
 * word (`lawsSecretKey`) and the candidate is dropped. Then as not-placeholder.
 */
const notPlaceholderWord: Validator = (input) => {
  const before = input.text.charAt(input.index - 1);
  if (/[a-z]/.test(before) && /^[a-z]/.test(input.match)) return reject('the provider word is inside another word');
  return notPlaceholder(input);
};

export const VALIDATORS: Record<string, Validator> = {
  'generic-value': genericValue,
  'private-key': privateKey,
  'github-checksum': checksumValidator('GitHub'),
  'npm-checksum': checksumValidator('npm'),
  'aws-key-id': awsKeyId,
  jwt,
  'credential-value': credentialValue,
  'docker-auth': dockerAuth,
  'k8s-secret-data': k8sSecretData,
  'not-placeholder': notPlaceholder,
  'not-placeholder-word': notPlaceholderWord,
  'terraform-variable': terraformVariable,
  passphrase: passphraseValue,
};

export function registerValidator(name: string, v: Validator): void {
  VALIDATORS[name] = v;
}
