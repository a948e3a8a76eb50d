import { DURATION } from '@opmodel/plugin-scorecard-common';
import { computeCsat, computeCustomerEffort, computeNps } from './feedback';
import type { FeedbackRecord } from './types';

const { DAY: D } = DURATION;
const F = Date.UTC(2026, 0, 5);
const window = { from: F, to: F + 28 * D };
const PAYMENTS = 'group:default/payments';
const SEARCH = 'group:default/search';
const CHECKOUT = 'group:default/checkout';

function response(
  id: string,
  team: string,
  respondedAt: number,
  scores: Partial<
    Pick<FeedbackRecord, 'satisfaction' | 'recommendation' | 'effort'>
  >,
  capability: string | null = null,
): FeedbackRecord {
  return {
    source: 'survey',
    id,
    entityRef: 'platform:default/developer-platform',
    team,
    respondedAt,
    satisfaction: scores.satisfaction ?? null,
    recommendation: scores.recommendation ?? null,
    effort: scores.effort ?? null,
    capability,
  };
}

const context = (consumers: string[], minimumResponses = 1) => ({
  consumerTeams: new Set(consumers),
  minimumResponses,
});

describe('computeCsat', () => {
  it('is not enough data without responses, with the consumer teams still counted', () => {
    const v = computeCsat([], window, context([PAYMENTS, SEARCH]));
    expect(v).toMatchObject({
      metric: 'csat',
      unit: 'score',
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: {
        responses: 0,
        respondingTeams: 0,
        consumerTeams: 2,
        responseRate: 0,
      },
    });
  });

  it('is the one score of a single response', () => {
    const v = computeCsat(
      [response('r1', PAYMENTS, F + D, { satisfaction: 4 })],
      window,
      context([PAYMENTS, SEARCH]),
    );
    expect(v).toMatchObject({
      state: 'ok',
      value: 4,
      count: 1,
      details: { responseRate: 0.5 },
    });
  });

  it('averages every response in the window, leaving out those outside it and those not answering', () => {
    const v = computeCsat(
      [
        response('r1', PAYMENTS, F, { satisfaction: 5 }), // at `from`: in
        response('r2', PAYMENTS, F + 2 * D, { satisfaction: 4 }), // the same team again: counts
        response('r3', SEARCH, F + 3 * D, { satisfaction: 3 }),
        response('r4', SEARCH, F + 4 * D, { effort: 2 }), // no satisfaction answer
        response('r5', SEARCH, F + 28 * D, { satisfaction: 1 }), // at `to`: the next window's
        response('r6', SEARCH, F - 1, { satisfaction: 1 }), // before the window
      ],
      window,
      context([PAYMENTS, SEARCH]),
    );
    // (5 + 4 + 3) / 3
    expect(v.value).toBe(4);
    expect(v.count).toBe(3);
    expect(v.details).toMatchObject({
      responses: 3,
      respondingTeams: 2,
      responseRate: 1,
    });
  });

  it('counts a team that is both declared and observed once, and a team that left in the score but not in the rate', () => {
    // the consumer teams come as one set: a team declared and observed is one member of it
    const v = computeCsat(
      [
        response('r1', PAYMENTS, F + D, { satisfaction: 5 }),
        // checkout no longer consumes the platform: heard, but not a consumer
        response('r2', CHECKOUT, F + D, { satisfaction: 1 }),
      ],
      window,
      context([PAYMENTS, PAYMENTS, SEARCH]),
    );
    expect(v.value).toBe(3);
    expect(v.details).toMatchObject({
      respondingTeams: 2,
      consumerTeams: 2,
      responseRate: 0.5,
    });
  });

  it('is not enough data below the minimum, overall and per capability, with each count', () => {
    const v = computeCsat(
      [
        response('r1', PAYMENTS, F + D, { satisfaction: 5 }, 'ci'),
        response('r2', SEARCH, F + D, { satisfaction: 4 }, 'ci'),
        response('r3', SEARCH, F + D, { satisfaction: 2 }, 'runtime'),
      ],
      window,
      context([PAYMENTS, SEARCH], 2),
    );
    expect(v.state).toBe('ok');
    expect(v.value).toBeCloseTo(11 / 3);
    expect(v.byCapability).toEqual({
      ci: { value: 4.5, count: 2 },
      runtime: { value: null, count: 1 },
    });
    const below = computeCsat(
      [response('r1', PAYMENTS, F + D, { satisfaction: 5 })],
      window,
      context([PAYMENTS], 2),
    );
    expect(below).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 1,
      minimumCount: 2,
    });
  });

  it('has no response rate without consumer teams', () => {
    const v = computeCsat(
      [response('r1', PAYMENTS, F + D, { satisfaction: 3 })],
      window,
      context([]),
    );
    expect(v.details?.responseRate).toBeNull();
  });
});

describe('computeNps', () => {
  it('is promoters minus detractors as a share of all, passives counting only in the whole', () => {
    const v = computeNps(
      [
        response('r1', PAYMENTS, F + D, { recommendation: 10 }),
        response('r2', PAYMENTS, F + D, { recommendation: 9 }), // the lowest promoter
        response('r3', SEARCH, F + D, { recommendation: 8 }), // passive
        response('r4', SEARCH, F + D, { recommendation: 7 }), // passive
        response('r5', SEARCH, F + D, { recommendation: 6 }), // the highest detractor
      ],
      window,
      context([PAYMENTS, SEARCH]),
    );
    // (2 - 1) / 5 × 100
    expect(v.value).toBeCloseTo(20);
    expect(v.count).toBe(5);
  });

  it('is 0 when promoters and detractors tie', () => {
    const v = computeNps(
      [
        response('r1', PAYMENTS, F + D, { recommendation: 9 }),
        response('r2', SEARCH, F + D, { recommendation: 0 }),
      ],
      window,
      context([PAYMENTS, SEARCH]),
    );
    expect(v.value).toBe(0);
  });

  it('reaches -100 when everyone is a detractor', () => {
    const v = computeNps(
      [response('r1', PAYMENTS, F + D, { recommendation: 3 })],
      window,
      context([PAYMENTS]),
    );
    expect(v.value).toBe(-100);
  });
});

describe('computeCustomerEffort', () => {
  it('is the mean effort score, lower being better', () => {
    const v = computeCustomerEffort(
      [
        response('r1', PAYMENTS, F + D, { effort: 2 }),
        response('r2', SEARCH, F + D, { effort: 5 }),
        response('r3', SEARCH, F + D, { satisfaction: 5 }), // no effort answer
      ],
      window,
      context([PAYMENTS, SEARCH]),
    );
    expect(v).toMatchObject({
      metric: 'customerEffort',
      value: 3.5,
      count: 2,
      state: 'ok',
    });
  });
});
