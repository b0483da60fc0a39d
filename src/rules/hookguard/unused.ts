/** HG-UNUSED-001: an inline allow or a baseline entry that suppresses nothing (hookguard's own rule). */
import type { RuleDoc } from '../../types.js';

export const UNUSED_ID = 'HG-UNUSED-001';

export const unusedRule: RuleDoc = {
  id: UNUSED_ID,
  title: 'Suppression that matches nothing',
  severity: 'low',
  category: 'hookguard',
  remediation:
    'Remove the hookguard:allow comment (for a baseline entry: "hookguard baseline --prune", or delete its line), so the list of accepted exceptions stays true.',
  docs: `## What it checks
A \`hookguard:allow\` comment on a line where no rule finds anything (or where the rule it names finds nothing), and —
in full scans (\`hookguard scan\` of the tree, \`--history\` without \`--since\`) — a baseline entry whose finding is gone.
A marker inside a string literal (a test that writes one into a file) does not count.

## Why it matters
An exception nobody needs any more still reads as an accepted risk: the policy (\`hookguard policy\`) lists it, reviewers
trust it, and the next real secret pasted on that line is silently allowed.

## Example
\`\`\`js
const region = "eu-west-1"; // hookguard:${'allow'} generic-secret-assignment test value
\`\`\`

## Fix
Delete the comment. For a baseline entry: \`hookguard baseline --prune\` (\`--history --prune\` for entries written
from commits) removes the entries that match nothing and adds nothing; or delete the entry's line.

\`\`\`js
const region = "eu-west-1";
\`\`\``,
};
