/**
 * Custom providers (git-secrets' --add-provider): config `providers:` commands whose output is a list of prohibited
 * values or patterns, so a team can pull them from a vault or an internal service. Each runs once per scan, as argv
 * (no shell), within its timeout; one that fails is reported once, by name, and the scan goes on without it: a
 * broken provider never blocks every commit.
 */
import { spawnSync } from 'node:child_process';
import type { SecretPattern } from '../rules/secrets/types.js';
import { checkRegexSafety } from '../rules/secrets/safety.js';
import type { OwnCredential } from './credentials.js';

export interface ProviderConfig {
  name: string;
  command: string[];
  /** Seconds (default 5). */
  timeout: number;
  /** What each output line is: a prohibited value, or a regular expression. */
  output: 'values' | 'patterns';
}

export interface ProvidersOutput {
  values: OwnCredential[];
  patterns: SecretPattern[];
  /** One line per provider that failed (or line it could not use): said once per run, never blocking. */
  problems: string[];
}

/**
 * The longest run of literal text in a regex (3 characters or more): the keyword its prefilter looks for. Undefined
 * when there is none, or when the regex has alternatives (one keyword cannot admit every branch).
 */
export function literalKeyword(regex: string): string | undefined {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i]!;
    if (c === '\\') {
      const n = regex[i + 1] ?? '';
      i++;
      if (/[A-Za-z0-9]/.test(n)) end();
      else run += n;
      continue;
    }
    if (c === '|') return undefined;
    if (c === '[') {
      end();
      while (i < regex.length && regex[i] !== ']') i += regex[i] === '\\' ? 2 : 1;
      continue;
    }
    if ('?*{'.includes(c)) {
      run = run.slice(0, -1); // the character before is optional or repeated
      end();
      if (c === '{') while (i < regex.length && regex[i] !== '}') i++;
      continue;
    }
    if ('()^$.+'.includes(c)) {
      end();
      continue;
    }
    run += c;
  }
  end();
  return best.length >= 3 ? best.toLowerCase() : undefined;
}

function failure(p: ProviderConfig, r: ReturnType<typeof spawnSync>): string | undefined {
  const err: NodeJS.ErrnoException | undefined = r.error;
  if (err?.code === 'ETIMEDOUT') return `timed out after ${p.timeout} s`;
  if (err?.code === 'ENOENT') return `command not found: ${p.command[0]}`;
  if (err) return err.message;
  if (r.status !== 0) {
    const said = String(r.stderr ?? '')
      .trim()
      .split('\n')[0];
    return `exited with ${r.status ?? r.signal}${said ? `: ${said.slice(0, 200)}` : ''}`;
  }
  return undefined;
}

export function runProviders(
  providers: ProviderConfig[],
  cwd: string,
  env: NodeJS.ProcessEnv | undefined,
): ProvidersOutput {
  const out: ProvidersOutput = { values: [], patterns: [], problems: [] };
  for (const p of providers) {
    const r = spawnSync(p.command[0]!, p.command.slice(1), {
      cwd,
      ...(env ? { env } : {}),
      encoding: 'utf8',
      timeout: p.timeout * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const failed = failure(p, r);
    if (failed) {
      out.problems.push(
        `provider "${p.name}" (${p.command.join(' ')}) ${failed}; its ${p.output} were not used in this scan`,
      );
      continue;
    }
    const lines = String(r.stdout ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    lines.forEach((line, i) => {
      if (p.output === 'values') {
        if (line.length >= 8) out.values.push({ value: line, source: `provider ${p.name}` });
        else
          out.problems.push(
            `provider "${p.name}": value on output line ${i + 1} is shorter than 8 characters and was not used`,
          );
        return;
      }
      let bad: string | undefined;
      try {
        new RegExp(line);
        bad = checkRegexSafety(line);
      } catch (e) {
        bad = (e as Error).message;
      }
      const keyword = bad ? undefined : literalKeyword(line);
      if (!bad && !keyword)
        bad = 'no literal text of 3 or more characters to look for it by, or alternatives: give one pattern per line';
      if (bad) {
        out.problems.push(`provider "${p.name}": pattern on output line ${i + 1} was not used (${bad})`);
        return;
      }
      out.patterns.push({
        id: `provider-${p.name}-${i + 1}`,
        title: `Prohibited by provider ${p.name}`,
        severity: 'high',
        keywords: [keyword!],
        regex: line,
        secretGroup: 0,
        confidence: 'high',
        remediation: `Remove it: provider ${p.name} lists this pattern as prohibited. Rotate it if it is a credential.`,
        examples: { match: [], nomatch: [] },
        source: `provider ${p.name}`,
      });
    });
  }
  return out;
}
