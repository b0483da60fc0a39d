/**
 * The REST stand-in's request check (./openapi.ts) against GitHub's OpenAPI description: it accepts the requests
 * the Action sends and names what is wrong with ones GitHub would reject or silently misread.
 */
import { describe, expect, it } from 'vitest';
import { checkRequest, description } from './openapi.js';

const q = (s = '') => new URLSearchParams(s);
const checkRun = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    output: {
      title: 't',
      summary: 's',
      annotations: [{ path: 'a.yml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' }],
    },
    ...extra,
  });

describe('the OpenAPI request check', () => {
  it('comes from @octokit/openapi and holds every operation the Action calls', () => {
    expect(description.package).toMatch(/^@octokit\/openapi@\d+\.\d+\.\d+$/);
    expect(Object.keys(description.operations).sort()).toEqual([
      'checks/create',
      'checks/update',
      'pulls/create-review',
      'pulls/list-files',
      'pulls/list-review-comments',
      'pulls/list-reviews',
      'pulls/request-reviewers',
      'pulls/update-review-comment',
      'teams/get-membership-for-user-in-org',
    ]);
  });

  it('accepts well-formed requests', () => {
    expect(
      checkRequest(
        'PATCH',
        '/repos/acme/widgets/check-runs/12',
        q(),
        checkRun({ status: 'completed', conclusion: 'failure' }),
      ),
    ).toEqual([]);
    expect(checkRequest('GET', '/repos/acme/widgets/pulls/7/files', q('per_page=100&page=2'), '')).toEqual([]);
    expect(
      checkRequest(
        'POST',
        '/repos/acme/widgets/pulls/7/reviews',
        q(),
        JSON.stringify({
          commit_id: 'a'.repeat(40),
          event: 'COMMENT',
          body: 'b',
          comments: [{ path: 'a.yml', line: 3, side: 'RIGHT', body: 'c' }],
        }),
      ),
    ).toEqual([]);
    expect(checkRequest('GET', '/orgs/acme/teams/sec/memberships/alice', q(), '')).toEqual([]);
  });

  it('names what GitHub would reject or misread', () => {
    expect(
      checkRequest('PATCH', '/repos/acme/widgets/check-runs/12', q(), checkRun({ conclusion: 'red' })).join('\n'),
    ).toMatch(/checks\/update: body: .*conclusion/);
    const bad = JSON.parse(checkRun()) as { output: { annotations: Array<Record<string, unknown>> } };
    bad.output.annotations[0]!.annotation_level = 'error';
    expect(checkRequest('PATCH', '/repos/acme/widgets/check-runs/12', q(), JSON.stringify(bad)).join('\n')).toMatch(
      /annotation_level/,
    );
    expect(
      checkRequest('POST', '/repos/acme/widgets/check-runs', q(), JSON.stringify({ name: 'hookguard' })).join('\n'),
    ).toMatch(/head_sha/);
    expect(checkRequest('GET', '/repos/acme/widgets/pulls/7/files', q('perpage=100'), '')).toEqual([
      'pulls/list-files: unknown query parameter perpage',
    ]);
    expect(checkRequest('GET', '/repos/acme/widgets/pulls/seven/files', q(), '').join('\n')).toMatch(/pull_number/);
    expect(checkRequest('DELETE', '/repos/acme/widgets/pulls/7/files', q(), '')[0]).toMatch(/no operation/);
    expect(
      checkRequest(
        'POST',
        '/repos/acme/widgets/pulls/7/reviews',
        q(),
        JSON.stringify({ event: 'COMMENT', comments: [{ path: 'a.yml', line: '3', body: 'c' }] }),
      ).join('\n'),
    ).toMatch(/line/);
  });
});
