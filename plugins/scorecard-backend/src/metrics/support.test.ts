import { DURATION } from '@opmodel/plugin-scorecard-common';
import {
  computeSupportRequestsPerTeam,
  computeSupportTargetCompliance,
  computeSupportTimeToFirstResponse,
  computeSupportTimeToResolve,
} from './support';
import type { SupportRequestRecord } from './types';

const { HOUR: H, DAY: D } = DURATION;
const F = Date.UTC(2026, 0, 5);
const window = { from: F, to: F + 28 * D };
const PAYMENTS = 'group:default/payments';
const SEARCH = 'group:default/search';

function request(
  id: string,
  openedAt: number,
  times: { answered?: number; resolved?: number } = {},
  team = PAYMENTS,
  channel = 'slack',
): SupportRequestRecord {
  return {
    source: 'helpdesk',
    id,
    entityRef: 'platform:default/data-platform',
    team,
    channel,
    openedAt,
    firstResponseAt: times.answered ?? null,
    resolvedAt: times.resolved ?? null,
  };
}

describe('computeSupportTimeToFirstResponse', () => {
  it('is not enough data without requests', () => {
    expect(computeSupportTimeToFirstResponse([], window)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { unanswered: 0 },
    });
  });

  it('gives the median and p90 of the answered requests opened in the window, counting the unanswered apart', () => {
    const v = computeSupportTimeToFirstResponse(
      [
        request('q1', F, { answered: F + 1 * H }),
        request('q2', F + D, { answered: F + D + 2 * H }),
        request('q3', F + 2 * D, { answered: F + 2 * D + 4 * H }),
        // resolved without a recorded answer: the resolution answered it
        request('q4', F + 3 * D, { resolved: F + 3 * D + 8 * H }),
        request('q5', F + 4 * D), // not answered yet
        request('q6', F - D, { answered: F }), // opened before the window
      ],
      window,
    );
    expect(v).toMatchObject({
      state: 'ok',
      value: 2 * H,
      p50: 2 * H,
      p90: 8 * H,
      count: 4,
      details: { unanswered: 1 },
    });
  });

  it('clamps an answer recorded before the opening (clock skew) to zero', () => {
    const v = computeSupportTimeToFirstResponse(
      [request('q1', F + H, { answered: F })],
      window,
    );
    expect(v.value).toBe(0);
  });
});

describe('computeSupportTimeToResolve', () => {
  it('gives the median of the resolved requests, counting the open ones apart', () => {
    const v = computeSupportTimeToResolve(
      [
        request('q1', F, { answered: F + H, resolved: F + D }),
        request('q2', F + D, { resolved: F + 3 * D }),
        request('q3', F + 2 * D, { answered: F + 2 * D + H }), // open
      ],
      window,
    );
    expect(v).toMatchObject({
      value: D,
      p90: 2 * D,
      count: 2,
      details: { open: 1 },
    });
  });
});

describe('computeSupportTargetCompliance', () => {
  const now = F + 30 * D;

  it('is the share that met every target, with a late or overdue request missed and a recent one pending', () => {
    const targets = { firstResponse: 4 * H, resolve: 2 * D };
    const v = computeSupportTargetCompliance(
      [
        request('met', F, { answered: F + 4 * H, resolved: F + 2 * D }), // exactly on both
        request('late-answer', F + D, {
          answered: F + D + 5 * H,
          resolved: F + D + 6 * H,
        }),
        request('late-resolve', F + 2 * D, {
          answered: F + 2 * D + H,
          resolved: F + 5 * D,
        }),
        request('overdue', F + 3 * D), // nothing yet, 27 days on
      ],
      window,
      targets,
      now,
    );
    expect(v).toMatchObject({
      value: 0.25,
      count: 4,
      details: { compliant: 1, missed: 3, pending: 0 },
    });
    const recent = computeSupportTargetCompliance(
      [request('new', now - H)],
      { from: F, to: now },
      targets,
      now,
    );
    expect(recent).toMatchObject({
      state: 'not-enough-data',
      value: null,
      details: { pending: 1 },
    });
  });

  it('judges nothing without targets', () => {
    const v = computeSupportTargetCompliance(
      [request('q1', F, { answered: F + H })],
      window,
      {},
      now,
    );
    expect(v).toMatchObject({ state: 'not-enough-data', count: 0 });
  });
});

describe('computeSupportRequestsPerTeam', () => {
  it('divides the requests opened in the window by the consumer teams, per channel too', () => {
    const v = computeSupportRequestsPerTeam(
      [
        request('q1', F, {}, PAYMENTS, 'slack'),
        request('q2', F + D, {}, PAYMENTS, 'jira'),
        request('q3', F + 2 * D, {}, SEARCH, 'slack'),
        // a team that is not (or no longer) a consumer still asked
        request('q4', F + 3 * D, {}, 'group:default/checkout', 'slack'),
        request('q5', F + 28 * D, {}, SEARCH, 'slack'), // next window
      ],
      window,
      new Set([PAYMENTS, SEARCH]),
    );
    expect(v).toMatchObject({
      metric: 'supportRequestsPerTeam',
      unit: 'perTeam',
      value: 2,
      count: 4,
      details: {
        requests: 4,
        consumerTeams: 2,
        requestingTeams: 3,
        nonConsumerRequests: 1,
        'channel:jira': 1,
        'channel:slack': 3,
      },
    });
  });

  it('is not enough data with no request, or no consumer team to divide by', () => {
    expect(
      computeSupportRequestsPerTeam([], window, new Set([PAYMENTS])).state,
    ).toBe('not-enough-data');
    expect(
      computeSupportRequestsPerTeam([request('q1', F)], window, new Set())
        .value,
    ).toBeNull();
  });
});
