import { daysToSnapshot } from './tasks';

describe('daysToSnapshot', () => {
  const now = Date.parse('2026-11-22T00:30:00Z');

  it('fills every missing day of the backfill range and always redoes yesterday', async () => {
    const days = await daysToSnapshot(
      new Set(['2026-11-19', '2026-11-21']),
      now,
      4,
    );
    expect(days).toEqual(['2026-11-18', '2026-11-20', '2026-11-21']);
  });

  it('never snapshots today, which has not ended', async () => {
    expect(await daysToSnapshot(new Set(), now, 1)).toEqual(['2026-11-21']);
  });
});
