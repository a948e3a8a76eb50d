import { DURATION } from '@opmodel/plugin-scorecard-common';
import {
  computeResponseTargetCompliance,
  computeTimeToAcknowledge,
  computeTimeToResolve,
} from './incidents';
import type { IncidentRecord } from './types';

const { HOUR: H, DAY: D } = DURATION;
const M = 60_000;
const F = Date.UTC(2026, 0, 5);
const window = { from: F, to: F + 7 * D };

function inc(
  id: string,
  severity: string,
  triggeredAt: number,
  times: { ack?: number; resolved?: number } = {},
): IncidentRecord {
  return {
    source: 'pagerduty',
    id,
    entityRef: 'component:default/shop',
    severity,
    impact: 'outage',
    triggeredAt,
    acknowledgedAt: times.ack ?? null,
    mitigatedAt: null,
    resolvedAt: times.resolved ?? null,
    causedByDeployment: null,
  };
}

describe('computeTimeToAcknowledge', () => {
  it('gives p50 and p90 overall and per severity, counting unacknowledged apart', () => {
    const v = computeTimeToAcknowledge(
      [
        inc('i1', 'sev1', F, { ack: F + 5 * M }), // at `from`: included, 5min
        inc('i2', 'sev1', F + H, { ack: F + H + 15 * M }), // 15min
        inc('i3', 'sev2', F + 2 * H, { ack: F + 2 * H + 10 * M }), // 10min
        inc('i4', 'sev2', F + 3 * H), // unacknowledged
        inc('i5', 'sev3', F + 4 * H), // unacknowledged; its severity still shows
        inc('i6', 'sev1', window.to, { ack: window.to + M }), // at `to`: excluded
        inc('i7', 'sev2', F - M, { ack: F + M }), // triggered before the window: excluded
      ],
      window,
    );
    // overall sorted [5, 10, 15] min: p50 = 2nd = 10min, p90 = ceil(2.7) = 3rd = 15min
    // sev1 [5, 15]: p50 = lower middle = 5min, p90 = ceil(1.8) = 2nd = 15min; sev2 [10]
    expect(v).toEqual({
      metric: 'timeToAcknowledge',
      definitionVersion: 1,
      unit: 'ms',
      state: 'ok',
      value: 10 * M,
      count: 3,
      minimumCount: 1,
      p50: 10 * M,
      p90: 15 * M,
      bySeverity: {
        sev1: { count: 2, p50: 5 * M, p90: 15 * M },
        sev2: { count: 1, p50: 10 * M, p90: 10 * M },
        sev3: { count: 0, p50: null, p90: null },
      },
      details: { unacknowledged: 2 },
    });
  });

  it('handles a single incident, and clamps an acknowledgement before the trigger to 0', () => {
    expect(
      computeTimeToAcknowledge(
        [inc('i', 'sev1', F + H, { ack: F + H + 7 * M })],
        window,
      ),
    ).toMatchObject({
      value: 7 * M,
      p50: 7 * M,
      p90: 7 * M,
      count: 1,
    });
    expect(
      computeTimeToAcknowledge(
        [inc('i', 'sev1', F + H, { ack: F + H - M })],
        window,
      ),
    ).toMatchObject({
      value: 0,
      count: 1,
    });
  });

  it('has not enough data in an empty window or with only unacknowledged incidents', () => {
    expect(computeTimeToAcknowledge([], window)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      p50: null,
      p90: null,
      count: 0,
      bySeverity: {},
      details: { unacknowledged: 0 },
    });
    expect(
      computeTimeToAcknowledge([inc('i', 'sev1', F)], window),
    ).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { unacknowledged: 1 },
    });
  });
});

describe('computeTimeToResolve', () => {
  it('gives p50 and p90 with ties, counting open incidents apart', () => {
    const v = computeTimeToResolve(
      [
        inc('i1', 'sev1', F, { resolved: F + 2 * H }), // 2h
        inc('i2', 'sev1', F + H, { resolved: F + 2 * H }), // 1h
        inc('i3', 'sev1', F + 2 * H, { resolved: F + 3 * H }), // 1h
        inc('i4', 'sev2', F + 3 * H, { ack: F + 3 * H + M }), // open
        inc('i5', 'sev2', window.to, { resolved: window.to + H }), // at `to`: excluded
      ],
      window,
    );
    // sorted [1h, 1h, 2h]: p50 = 2nd = 1h, p90 = 3rd = 2h
    expect(v).toMatchObject({
      metric: 'timeToResolve',
      state: 'ok',
      value: H,
      p50: H,
      p90: 2 * H,
      count: 3,
      bySeverity: {
        sev1: { count: 3, p50: H, p90: 2 * H },
        sev2: { count: 0, p50: null, p90: null },
      },
      details: { open: 1 },
    });
  });

  it('takes the lower middle value for an even count', () => {
    const v = computeTimeToResolve(
      [1, 4, 2, 3].map(h =>
        inc(`i${h}`, 'sev1', F + h * D, { resolved: F + h * D + h * H }),
      ),
      window,
    );
    // sorted [1h, 2h, 3h, 4h]: p50 = 2nd = 2h, p90 = ceil(3.6) = 4th = 4h
    expect(v).toMatchObject({
      value: 2 * H,
      p50: 2 * H,
      p90: 4 * H,
      count: 4,
      details: { open: 0 },
    });
  });
});

describe('computeResponseTargetCompliance', () => {
  const targets = [
    { severity: 'sev1', acknowledge: 15 * M, resolve: 4 * H },
    { severity: 'sev2', resolve: D },
  ];
  const now = F + 2 * D;

  it('is the share of assessed incidents that met every target for their severity', () => {
    const v = computeResponseTargetCompliance(
      [
        inc('a', 'sev1', F, { ack: F + 10 * M, resolved: F + 3 * H }), // both met
        inc('b', 'sev1', F + H, { ack: F + H + 20 * M, resolved: F + 2 * H }), // ack 20min > 15: missed
        inc('c', 'sev1', now - 10 * M), // unacknowledged for 10min ≤ 15: pending
        inc('d', 'sev1', now - H, { ack: now - H + 5 * M }), // ack met, open 1h ≤ 4h: pending
        inc('e', 'sev1', F + 3 * H, { ack: F + 3 * H + 5 * M }), // open for 45h > 4h: missed
        inc('f', 'sev2', F + 5 * H, { resolved: F + 5 * H + D }), // exactly 1 day ≤ 1 day: met
        inc('g', 'sev3', F + 6 * H, { resolved: F + 7 * H }), // no target for sev3
        inc('h', 'sev1', F + 7 * H, { resolved: F + 7 * H + 10 * M }), // resolved in 10min: ack met too
        inc('i', 'sev1', window.to), // at `to`: excluded
        inc('j', 'sev1', F - H), // before `from`: excluded
      ],
      window,
      targets,
      now,
    );
    // compliant a, f, h = 3; missed b, e = 2; assessed 5 → 3 / 5 = 0.6
    expect(v).toEqual({
      metric: 'responseTargetCompliance',
      definitionVersion: 1,
      unit: 'ratio',
      state: 'ok',
      value: 0.6,
      count: 5,
      minimumCount: 1,
      details: { compliant: 3, missed: 2, pending: 2, untargeted: 1 },
    });
  });

  it('misses an unacknowledged incident only once now is past its target', () => {
    // 15min after the trigger is not past a 15min target: pending, nothing assessed
    const atTarget = computeResponseTargetCompliance(
      [inc('c', 'sev1', F)],
      window,
      targets,
      F + 15 * M,
    );
    expect(atTarget).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { pending: 1, missed: 0 },
    });
    // 1 ms later it has missed: 0 / 1 = 0
    const past = computeResponseTargetCompliance(
      [inc('c', 'sev1', F)],
      window,
      targets,
      F + 15 * M + 1,
    );
    expect(past).toMatchObject({
      state: 'ok',
      value: 0,
      count: 1,
      details: { pending: 0, missed: 1 },
    });
  });

  it('has not enough data without incidents or without targets', () => {
    expect(
      computeResponseTargetCompliance([], window, targets, now),
    ).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
    });
    const v = computeResponseTargetCompliance(
      [inc('a', 'sev1', F, { ack: F, resolved: F })],
      window,
      [],
      now,
    );
    expect(v).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
      details: { untargeted: 1 },
    });
  });
});
