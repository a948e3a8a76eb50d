import { earliestPastDay } from './earliestPastDay';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-28T12:00:00Z');

const batch = (times: {
  deployments?: number[];
  incidents?: number[];
  availability?: number[];
}) =>
  ({
    deployments: (times.deployments ?? []).map(finishedAt => ({ finishedAt })),
    incidents: (times.incidents ?? []).map(triggeredAt => ({ triggeredAt })),
    availability: (times.availability ?? []).map(start => ({ start })),
  } as any);

describe('earliestPastDay', () => {
  it('is the earliest day before today that any event falls on', () => {
    expect(
      earliestPastDay(
        batch({
          deployments: [NOW - DAY],
          incidents: [NOW - 3 * DAY],
          availability: [NOW - 2 * DAY],
        }),
        NOW,
      ),
    ).toBe('2026-11-25');
  });

  it('is nothing for a batch of today, and never before the snapshots’ backfill limit', () => {
    expect(earliestPastDay(batch({ deployments: [NOW - 60_000] }), NOW)).toBe(
      undefined,
    );
    expect(earliestPastDay(batch({}), NOW)).toBe(undefined);
    expect(earliestPastDay(batch({ incidents: [NOW - 400 * DAY] }), NOW)).toBe(
      '2026-08-30',
    );
  });
});
