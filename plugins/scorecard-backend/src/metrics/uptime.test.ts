import { DURATION } from '@opmodel/plugin-scorecard-common';
import {
  computeErrorBudgetRemaining,
  computeUptimeFromCounts,
  computeUptimeFromIncidents,
} from './uptime';
import type { IncidentRecord } from './types';

const H = DURATION.HOUR;
const F = Date.UTC(2026, 0, 5);
// A 10-hour window, so one hour of outage is 0.1 of it.
const window = { from: F, to: F + 10 * H };
const after = window.to + 24 * H;

let seq = 0;
function incident(
  triggeredAt: number,
  resolvedAt: number | null,
  impact: IncidentRecord['impact'] = 'outage',
): IncidentRecord {
  seq++;
  return {
    source: 'pagerduty',
    id: `i${seq}`,
    entityRef: 'component:default/shop',
    severity: 'sev1',
    impact,
    triggeredAt,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt,
    causedByDeployment: null,
  };
}

const uptime = (
  incidents: IncidentRecord[],
  now = after,
  partialWeight = 0.5,
) => computeUptimeFromIncidents(incidents, window, { partialWeight, now });

describe('computeUptimeFromCounts', () => {
  it('is good / total', () => {
    // 999 / 1000 = 0.999
    expect(computeUptimeFromCounts({ good: 999, total: 1000 })).toEqual({
      metric: 'uptime',
      definitionVersion: 1,
      unit: 'ratio',
      state: 'ok',
      value: 0.999,
      count: 1000,
      minimumCount: 1,
      details: { good: 999, total: 1000, basis: 'counts' },
    });
  });

  it('has not enough data without probes', () => {
    const v = computeUptimeFromCounts({ good: 0, total: 0 });
    expect(v).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      minimumCount: 1,
    });
  });

  it('counts a single probe', () => {
    // 0 / 1 = 0: one failed probe is a real (bad) answer
    expect(computeUptimeFromCounts({ good: 0, total: 1 })).toMatchObject({
      state: 'ok',
      value: 0,
      count: 1,
    });
  });
});

describe('computeUptimeFromIncidents', () => {
  it('is 1 with no incidents: no recorded downtime, and minimumCount 0', () => {
    expect(uptime([])).toEqual({
      metric: 'uptime',
      definitionVersion: 1,
      unit: 'ratio',
      state: 'ok',
      value: 1,
      count: 0,
      minimumCount: 0,
      details: { outageMs: 0, basis: 'incidents' },
    });
  });

  it('subtracts a single outage', () => {
    // [1h, 2h): 1 − 1h / 10h = 0.9
    const v = uptime([incident(F + H, F + 2 * H)]);
    expect(v).toMatchObject({
      state: 'ok',
      value: 0.9,
      count: 1,
      details: { outageMs: H },
    });
  });

  it('clips incidents spanning the window edges', () => {
    // [−2h, 1h) → [0, 1h) = 1h; [9h, 15h) → [9h, 10h) = 1h; 1 − 2h / 10h = 0.8
    const v = uptime([
      incident(F - 2 * H, F + H),
      incident(F + 9 * H, window.to + 5 * H),
    ]);
    expect(v).toMatchObject({
      value: 0.8,
      count: 2,
      details: { outageMs: 2 * H },
    });
    // one incident covering the whole window and more: 1 − 10h / 10h = 0
    expect(uptime([incident(F - H, window.to + H)])).toMatchObject({
      value: 0,
      count: 1,
    });
  });

  it('ignores incidents ending at `from` or starting at `to`', () => {
    // [−3h, 0) ends where the window starts; [10h, 11h) starts at `to`: no overlap, uptime 1
    const v = uptime([
      incident(F - 3 * H, F),
      incident(window.to, window.to + H),
    ]);
    expect(v).toMatchObject({ value: 1, count: 0, details: { outageMs: 0 } });
  });

  it('counts an incident starting exactly at `from`', () => {
    // [0, 30min): 1 − 0.5h / 10h = 0.95
    expect(uptime([incident(F, F + H / 2)])).toMatchObject({
      value: 0.95,
      count: 1,
    });
  });

  it('does not double-count identical outages', () => {
    // [1h, 3h) twice: union 2h → 1 − 2/10 = 0.8
    const v = uptime([incident(F + H, F + 3 * H), incident(F + H, F + 3 * H)]);
    expect(v).toMatchObject({
      value: 0.8,
      count: 2,
      details: { outageMs: 2 * H },
    });
  });

  it('takes the union of partly overlapping outages', () => {
    // [1h, 3h) ∪ [2h, 4h) = [1h, 4h) = 3h → 0.7
    const v = uptime([
      incident(F + 2 * H, F + 4 * H),
      incident(F + H, F + 3 * H),
    ]);
    expect(v).toMatchObject({
      value: 0.7,
      count: 2,
      details: { outageMs: 3 * H },
    });
  });

  it('charges a nested partial outage nothing inside a full one', () => {
    // outage [1h, 5h) holds partial [2h, 3h): max weight is 1 throughout, 4h → 0.6
    const v = uptime([
      incident(F + H, F + 5 * H),
      incident(F + 2 * H, F + 3 * H, 'partial'),
    ]);
    expect(v).toMatchObject({ value: 0.6, details: { outageMs: 4 * H } });
  });

  it('weighs a partial outage and lets a nested full outage take over', () => {
    // partial [1h, 5h) at 0.5 with outage [2h, 3h) inside:
    // [1h,2h) 0.5h + [2h,3h) 1h + [3h,5h) 1h = 2.5h → 1 − 2.5/10 = 0.75
    const v = uptime([
      incident(F + H, F + 5 * H, 'partial'),
      incident(F + 2 * H, F + 3 * H),
    ]);
    expect(v).toMatchObject({ value: 0.75, details: { outageMs: 2.5 * H } });
  });

  it('counts degraded and no-impact incidents as up', () => {
    const v = uptime([
      incident(F + H, F + 5 * H, 'degraded'),
      incident(F, F + 10 * H, 'none'),
    ]);
    expect(v).toMatchObject({ value: 1, count: 2, details: { outageMs: 0 } });
  });

  it('runs an open incident up to now, or to `to` when now is later', () => {
    // open since 8h, now = 9h: [8h, 9h) = 1h → 0.9
    expect(uptime([incident(F + 8 * H, null)], F + 9 * H)).toMatchObject({
      value: 0.9,
      count: 1,
    });
    // open since 8h, now long after: [8h, 10h) = 2h → 0.8
    expect(uptime([incident(F + 8 * H, null)])).toMatchObject({
      value: 0.8,
      count: 1,
    });
  });

  it('clamps the partial weight to 0..1', () => {
    // partial [0, 2h) with weight 2 → 1: 1 − 2/10 = 0.8
    expect(uptime([incident(F, F + 2 * H, 'partial')], after, 2)).toMatchObject(
      { value: 0.8 },
    );
  });

  it('has not enough data for an empty window', () => {
    const v = computeUptimeFromIncidents(
      [],
      { from: F, to: F },
      { partialWeight: 0.5, now: F },
    );
    expect(v).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
    });
  });
});

describe('computeErrorBudgetRemaining', () => {
  it('is 1 − (1 − uptime) / (1 − objective)', () => {
    // 1 − 0.0005 / 0.001 = 0.5
    const v = computeErrorBudgetRemaining(0.9995, 0.999);
    expect(v).toMatchObject({
      metric: 'errorBudgetRemaining',
      unit: 'ratio',
      state: 'ok',
      count: 1,
    });
    expect(v.value).toBeCloseTo(0.5, 10);
    // untouched budget: 1 − 0 / 0.001 = 1
    expect(computeErrorBudgetRemaining(1, 0.999).value).toBe(1);
  });

  it('goes negative when overspent', () => {
    // 1 − 0.002 / 0.001 = −1
    expect(computeErrorBudgetRemaining(0.998, 0.999).value).toBeCloseTo(-1, 10);
  });

  it('says why there is no figure', () => {
    expect(computeErrorBudgetRemaining(null, 0.999)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { reason: 'no uptime figure for the window' },
    });
    expect(computeErrorBudgetRemaining(0.99, undefined)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      details: { objective: null, reason: 'no availability objective' },
    });
    expect(computeErrorBudgetRemaining(0.99, 1)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      details: {
        objective: 1,
        reason: 'an objective of 100 % or more leaves no error budget to spend',
      },
    });
  });
});
