import { fundingPerDayAt, platformFundingPerDayAt } from './fundingRate';

const periods = [
  { start: '2026-01-01', end: '2026-07-01' },
  { start: '2026-07-01', end: '2027-01-01' },
];
const amounts = {
  entityRef: 'fundingline:default/data-run',
  currency: 'EUR',
  periods: [
    { start: '2026-01-01', end: '2026-07-01', amount: 181_000 },
    { start: '2026-07-01', end: '2027-01-01', amount: 184_000 * 2 },
  ],
};

describe('fundingPerDayAt', () => {
  it('spreads the share of the period holding the day over the period’s days', () => {
    // 181 days from January to July
    expect(fundingPerDayAt(periods, amounts, 1, '2026-03-15')).toEqual({
      value: 1_000,
      currency: 'EUR',
    });
    // the second half year: 184 days, twice the money, half of it allocated
    expect(fundingPerDayAt(periods, amounts, 0.5, '2026-07-01')).toEqual({
      value: 1_000,
      currency: 'EUR',
    });
  });

  it('is nothing outside every period: the line funds nothing then', () => {
    expect(fundingPerDayAt(periods, amounts, 1, '2027-01-01')).toEqual({
      value: 0,
      currency: 'EUR',
    });
  });

  it('is unknown without the amounts, or without the amount of the period holding the day', () => {
    expect(
      fundingPerDayAt(periods, undefined, 1, '2026-03-15'),
    ).toBeUndefined();
    expect(
      fundingPerDayAt(
        periods,
        { ...amounts, periods: amounts.periods.slice(1) },
        1,
        '2026-03-15',
      ),
    ).toBeUndefined();
  });
});

describe('platformFundingPerDayAt', () => {
  it('sums the lines’ rates, unknown when one is or when currencies mix', () => {
    const line = { periods, amounts, share: 1 };
    expect(
      platformFundingPerDayAt([line, { ...line, share: 0.5 }], '2026-03-15'),
    ).toEqual({ value: 1_500, currency: 'EUR' });
    expect(
      platformFundingPerDayAt(
        [line, { ...line, amounts: undefined }],
        '2026-03-15',
      ),
    ).toBeUndefined();
    expect(
      platformFundingPerDayAt(
        [line, { ...line, amounts: { ...amounts, currency: 'USD' } }],
        '2026-03-15',
      ),
    ).toBeUndefined();
    expect(platformFundingPerDayAt([], '2026-03-15')).toBeUndefined();
  });
});
