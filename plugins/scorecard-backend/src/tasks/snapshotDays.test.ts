import {
  daysToSnapshot,
  firstBackfillDay,
  storedPastDays,
} from './snapshotDays';

describe('daysToSnapshot', () => {
  const now = Date.parse('2026-11-22T00:30:00Z');

  it('fills every missing day of the backfill range and always redoes yesterday', () => {
    const days = daysToSnapshot(new Set(['2026-11-19', '2026-11-21']), now, 4);
    expect(days).toEqual(['2026-11-18', '2026-11-20', '2026-11-21']);
  });

  it('never snapshots today, which has not ended', () => {
    expect(daysToSnapshot(new Set(), now, 1)).toEqual(['2026-11-21']);
  });

  it('asks the store only for days inside the backfill range', () => {
    expect(firstBackfillDay(now, 4)).toBe('2026-11-18');
    expect(daysToSnapshot(new Set(), now, 4)[0]).toBe(firstBackfillDay(now, 4));
  });
});

describe('storedPastDays', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  it('gives the stored days before today, oldest first, and leaves the others to the snapshot task', () => {
    expect(
      storedPastDays(
        new Set(['2026-11-21', '2026-11-19', '2026-11-22', '2026-11-18']),
        now,
      ),
    ).toEqual(['2026-11-18', '2026-11-19', '2026-11-21']);
  });

  it('gives no day before the snapshot task has stored one (a first start)', () => {
    expect(storedPastDays(new Set(), now)).toEqual([]);
  });
});
