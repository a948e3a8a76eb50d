import { fundingPeriodAt, fundingShareOf, formatMoney } from './funding';
import type { FundingLineEntity } from './types';

const line = (
  namespace: string,
  allocations: FundingLineEntity['spec']['allocations'],
): FundingLineEntity => ({
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'FundingLine',
  metadata: { name: 'run', namespace },
  spec: {
    type: 'operational',
    owner: 'group:finance',
    currency: 'EUR',
    periods: [
      { start: '2026-01-01', end: '2026-07-01' },
      { start: '2026-07-01', end: '2027-01-01' },
    ],
    allocations,
  },
});

describe('funding', () => {
  it('finds a platform’s share whichever way the allocation names it, in the line’s namespace', () => {
    const l = line('finance', [
      { target: 'dev', share: 0.5 },
      { target: 'platform:finance/dev', share: 0.1 },
      { target: 'platform:default/dev', share: 0.3 },
      { target: 'not a ref:::', share: 0.9 },
    ]);
    expect(fundingShareOf(l, 'platform:finance/dev')).toBeCloseTo(0.6);
    expect(fundingShareOf(l, 'Platform:Default/Dev')).toBeCloseTo(0.3);
    expect(fundingShareOf(l, 'platform:finance/other')).toBe(0);
  });

  it('finds the period holding a day, periods being [start, end)', () => {
    const { periods } = line('default', []).spec;
    expect(fundingPeriodAt(periods, '2026-06-30')?.start).toBe('2026-01-01');
    expect(fundingPeriodAt(periods, '2026-07-01')?.start).toBe('2026-07-01');
    expect(fundingPeriodAt(periods, '2027-01-01')).toBeUndefined();
  });

  it('formats money in its currency, and an unknown currency after the amount', () => {
    expect(formatMoney(360_000, 'EUR')).toBe('€360,000');
    expect(formatMoney(1200.4, 'XYZ1')).toBe('1,200.4 XYZ1');
  });
});
