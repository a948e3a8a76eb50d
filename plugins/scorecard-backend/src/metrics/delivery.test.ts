import { DURATION } from '@opmodel/plugin-scorecard-common';
import {
  computeChangeFailureRate,
  computeDeploymentFrequency,
  computeDeploymentReworkRate,
  computeLeadTime,
  computeRecoveryTime,
} from './delivery';
import type { DeploymentRecord, IncidentRecord } from './types';

const { HOUR: H, DAY: D } = DURATION;
const M = 60_000;
// Monday 2026-01-05 00:00 UTC, a two-week window.
const F = Date.UTC(2026, 0, 5);
const window = { from: F, to: F + 14 * D };

function dep(
  id: string,
  finishedAt: number,
  more: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    source: 'ci',
    id,
    entityRef: 'component:default/a',
    environment: 'production',
    result: 'success',
    startedAt: null,
    finishedAt,
    firstCommitAt: null,
    fixesIncident: null,
    ...more,
  };
}

function causedBy(
  id: string,
  deployment: string,
  resolvedAt: number | null,
  source = 'ci',
): IncidentRecord {
  return {
    source,
    id,
    entityRef: 'component:default/a',
    severity: 'sev1',
    impact: 'outage',
    triggeredAt: F,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt,
    causedByDeployment: deployment,
  };
}

describe('computeDeploymentFrequency', () => {
  it('has not enough data with no deployment at all', () => {
    expect(computeDeploymentFrequency([], window)).toMatchObject({
      metric: 'deploymentFrequency',
      unit: 'perWeek',
      state: 'not-enough-data',
      value: null,
      count: 0,
      minimumCount: 1,
    });
  });

  it('is 0, not missing, when there were only failures', () => {
    const v = computeDeploymentFrequency(
      [
        dep('f1', F + H, { result: 'failure' }),
        dep('f2', F + D, { result: 'rollback' }),
      ],
      window,
    );
    expect(v).toMatchObject({
      state: 'ok',
      value: 0,
      count: 0,
      details: {
        perDay: 0,
        perWeek: 0,
        deployDays: 0,
        deployDaysPerWeek: 0,
        attempted: 2,
      },
    });
  });

  it('counts successes in [from, to) per week, per day, and deploy days', () => {
    const v = computeDeploymentFrequency(
      [
        dep('at-from', F), // included
        dep('d0', F + H), // same UTC day as at-from
        dep('d2a', F + 2 * D),
        dep('d2b', F + 2 * D + 5 * H),
        dep('d9', F + 9 * D),
        dep('last', window.to - 1), // day 13, still inside
        dep('at-to', window.to), // excluded
        dep('before', F - 1), // excluded
        dep('failed', F + 3 * D, { result: 'failure' }), // attempted, not counted
      ],
      window,
    );
    // 6 successes over 2 weeks: 3 per week, 6 / 14 = 3/7 per day;
    // deploy days 0, 2, 9, 13 = 4 → 4 / 2 weeks = 2 per week
    expect(v).toMatchObject({
      state: 'ok',
      value: 3,
      count: 6,
      minimumCount: 1,
    });
    expect(v.details).toMatchObject({
      perWeek: 3,
      deployDays: 4,
      deployDaysPerWeek: 2,
      attempted: 7,
    });
    expect(v.details!.perDay as number).toBeCloseTo(3 / 7, 12);
  });

  it('scales a single deployment to the window length', () => {
    // 1 success in 1 day: 7 per week, 1 per day
    const v = computeDeploymentFrequency([dep('one', F + H)], {
      from: F,
      to: F + D,
    });
    expect(v).toMatchObject({
      value: 7,
      count: 1,
      details: { perDay: 1, deployDays: 1, deployDaysPerWeek: 7 },
    });
  });
});

describe('computeLeadTime', () => {
  it('is the p50 and p90 of finishedAt − firstCommitAt, clamping clock skew to 0', () => {
    const v = computeLeadTime(
      [
        dep('a', F + D, { firstCommitAt: F + D - 2 * H }), // 2h
        dep('b', F + 2 * D, { firstCommitAt: F + 2 * D - 4 * H }), // 4h
        dep('skew', F + 3 * D, { firstCommitAt: F + 3 * D + 10 * M }), // −10min → 0
        dep('nocommit', F + 4 * D), // no first commit time: left out
        dep('failed', F + 5 * D, { result: 'failure', firstCommitAt: F }), // not a success
        dep('late', window.to, { firstCommitAt: F }), // at `to`: excluded
      ],
      window,
    );
    // sorted [0, 2h, 4h]: p50 = ceil(1.5) = 2nd = 2h, p90 = ceil(2.7) = 3rd = 4h
    expect(v).toEqual({
      metric: 'leadTime',
      definitionVersion: 1,
      unit: 'ms',
      state: 'ok',
      value: 2 * H,
      count: 3,
      minimumCount: 3,
      p50: 2 * H,
      p90: 4 * H,
      details: { clamped: 1, withoutCommitTime: 1 },
    });
  });

  it('takes the lower middle value for an even count', () => {
    const v = computeLeadTime(
      [1, 2, 3, 4].map(h =>
        dep(`d${h}`, F + D, { firstCommitAt: F + D - h * H }),
      ),
      window,
    );
    // sorted [1h, 2h, 3h, 4h]: p50 = 2nd = 2h, p90 = ceil(3.6) = 4th = 4h
    expect(v).toMatchObject({ value: 2 * H, p50: 2 * H, p90: 4 * H, count: 4 });
  });

  it('has not enough data below three deployments', () => {
    const v = computeLeadTime([dep('a', F + D, { firstCommitAt: F })], window);
    expect(v).toMatchObject({
      state: 'not-enough-data',
      value: null,
      p50: null,
      p90: null,
      count: 1,
    });
    expect(computeLeadTime([], window)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
    });
  });
});

describe('computeChangeFailureRate', () => {
  it('is the share of failed, rolled back or incident-causing deployments', () => {
    const deployments = [
      dep('s1', F),
      dep('s2', F + D), // caused an incident
      dep('f1', F + 2 * D, { result: 'failure' }),
      dep('r1', F + 3 * D, { result: 'rollback' }),
      dep('s3', F + 4 * D), // named by an incident from the alerting tool: ids match across sources
      dep('s4', F + 5 * D),
      dep('f-at-to', window.to, { result: 'failure' }), // excluded
    ];
    const incidents = [
      causedBy('i1', 's2', F + D + H),
      causedBy('i2', 's3', null, 'pagerduty'),
    ];
    // failed: s2, f1, r1, s3 = 4 of 6 → 0.6667
    expect(
      computeChangeFailureRate(deployments, incidents, window),
    ).toMatchObject({
      metric: 'changeFailureRate',
      state: 'ok',
      value: 4 / 6,
      count: 6,
      minimumCount: 5,
      details: { failed: 4, failures: 1, rollbacks: 1, causedIncident: 2 },
    });
  });

  it('has not enough data below five deployments', () => {
    const v = computeChangeFailureRate(
      [dep('f', F, { result: 'failure' })],
      [],
      window,
    );
    expect(v).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 1,
    });
    expect(computeChangeFailureRate([], [], window)).toMatchObject({
      value: null,
      count: 0,
    });
  });
});

describe('computeRecoveryTime', () => {
  const b = { entityRef: 'component:default/b' };
  const c = { entityRef: 'component:default/c' };

  it('runs from a failure to the next success of the same entity, or to a later incident resolution', () => {
    const deployments = [
      dep('before', F - H, { result: 'failure' }), // before the window: not counted
      dep('d1', F + H, { result: 'failure' }),
      dep('other', F + 2 * H, b), // another entity's success does not recover d1
      dep('d2', F + 3 * H), // recovers d1: 2h
      dep('d3', F + D), // caused i1, resolved at +5h
      dep('d4', F + D + H), // next success after d3 at +1h; the resolution is later → 5h
      dep('d5', F + 2 * D, { ...b, result: 'rollback' }), // caused i2, resolved at +30min
      dep('d6', F + 2 * D + 3 * H, b), // later than that resolution → 3h
      dep('d7', F + 3 * D, { ...c, result: 'failure' }), // no later success: unrecovered
      dep('d8', window.to - H, { result: 'failure' }), // recovered after the window ends
      dep('d9', window.to + H), // → 2h
    ];
    const incidents = [
      causedBy('i1', 'd3', F + D + 5 * H),
      causedBy('i2', 'd5', F + 2 * D + 30 * M),
    ];
    // recovered [2h, 5h, 3h, 2h] → sorted [2h, 2h, 3h, 5h]: p50 = 2nd = 2h, p90 = ceil(3.6) = 4th = 5h
    expect(computeRecoveryTime(deployments, incidents, window)).toEqual({
      metric: 'recoveryTime',
      definitionVersion: 1,
      unit: 'ms',
      state: 'ok',
      value: 2 * H,
      count: 4,
      minimumCount: 1,
      p50: 2 * H,
      p90: 5 * H,
      details: { failed: 5, unrecovered: 1 },
    });
  });

  it('leaves a failure with no later success unrecovered', () => {
    const v = computeRecoveryTime(
      [dep('f', F + H, { result: 'failure' }), dep('s', F)],
      [],
      window,
    );
    expect(v).toMatchObject({
      state: 'not-enough-data',
      value: null,
      p50: null,
      p90: null,
      count: 0,
      details: { failed: 1, unrecovered: 1 },
    });
  });

  it('ends at the incident resolution when no success followed', () => {
    // d caused i, resolved 90 minutes after d finished
    const v = computeRecoveryTime(
      [dep('d', F + H)],
      [causedBy('i', 'd', F + H + 90 * M)],
      window,
    );
    expect(v).toMatchObject({
      value: 90 * M,
      count: 1,
      details: { failed: 1, unrecovered: 0 },
    });
  });

  it('is not recovered while an incident it caused is still open', () => {
    const v = computeRecoveryTime(
      [dep('d', F + H), dep('next', F + 2 * H)],
      [causedBy('i', 'd', null)],
      window,
    );
    expect(v).toMatchObject({
      value: null,
      count: 0,
      details: { failed: 1, unrecovered: 1 },
    });
  });

  it('takes the latest resolution when a deployment caused several incidents', () => {
    // i1 resolved at +1h, i2 at +4h; next success at +2h → 4h
    const v = computeRecoveryTime(
      [dep('d', F), dep('next', F + 2 * H)],
      [causedBy('i1', 'd', F + H), causedBy('i2', 'd', F + 4 * H)],
      window,
    );
    expect(v).toMatchObject({ value: 4 * H, p90: 4 * H, count: 1 });
  });

  it('has not enough data in an empty window', () => {
    expect(computeRecoveryTime([], [], window)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { failed: 0, unrecovered: 0 },
    });
  });
});

describe('computeDeploymentReworkRate', () => {
  it('is the share of deployments that fixed an incident', () => {
    const v = computeDeploymentReworkRate(
      [
        dep('a', F, { fixesIncident: 'i1' }), // at `from`: included
        dep('b', F + D),
        dep('c', F + 2 * D, { fixesIncident: 'i2' }),
        dep('d', F + 3 * D, { result: 'failure' }),
        dep('e', F + 4 * D),
        dep('f', window.to, { fixesIncident: 'i3' }), // at `to`: excluded
      ],
      window,
    );
    // 2 of 5 → 0.4
    expect(v).toMatchObject({
      metric: 'deploymentReworkRate',
      state: 'ok',
      value: 0.4,
      count: 5,
      minimumCount: 5,
      details: { rework: 2 },
    });
  });

  it('has not enough data below five deployments', () => {
    expect(computeDeploymentReworkRate([], window)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { rework: 0 },
    });
  });
});
