import { metric } from '../../testing/fixtures';
import { fundingPerDay, valueFinding } from './valueCheck';

const line = {
  entityRef: 'fundingline:default/data-platform-run',
  share: 1,
  periods: [
    { start: '2026-01-01', end: '2026-07-01' },
    { start: '2026-07-01', end: '2027-01-01' },
  ],
};
// 181 days at 1,000 a day, then 184 days at 1,500
const amounts = new Map([
  [
    'fundingline:default/data-platform-run',
    {
      entityRef: 'fundingline:default/data-platform-run',
      currency: 'EUR',
      periods: [
        { start: '2026-01-01', end: '2026-07-01', amount: 181_000 },
        { start: '2026-07-01', end: '2027-01-01', amount: 276_000 },
      ],
    },
  ],
]);
const windows = {
  now: '2026-08-15T00:00:00.000Z',
  before: '2026-06-15T00:00:00.000Z',
};
const row = {
  entityRef: 'platform:default/data-platform',
  lifecycle: 'production',
  metrics: [
    metric('csat', { value: 2.5 }),
    metric('adoptionShare', { value: 0.4 }),
  ],
  previous: [
    metric('csat', { value: 3.2 }),
    metric('adoptionShare', { value: 0.6 }),
  ],
  funding: [line],
};

describe('the portfolio’s value check', () => {
  it('flags a row whose satisfaction and adoption fell while its funding per day grew', () => {
    expect(valueFinding(row, amounts, windows)).toMatchObject({
      check: 'platform.value-parting',
      entityRef: 'platform:default/data-platform',
      message:
        'satisfaction fell from 3.2 to 2.5 and adoption from 60 % to 40 % of stream-aligned teams, while its funding grew by 50 % a day',
    });
  });

  it('finds nothing without the amounts, or without enough survey responses before', () => {
    expect(valueFinding(row, undefined, windows)).toBeUndefined();
    expect(
      valueFinding(
        {
          ...row,
          previous: [
            metric('csat', { state: 'not-enough-data', value: null }),
            metric('adoptionShare', { value: 0.6 }),
          ],
        },
        amounts,
        windows,
      ),
    ).toBeUndefined();
  });

  it('sums the lines’ funding per day, unknown when a line’s amount is', () => {
    expect(
      fundingPerDay([line, { ...line, share: 0.5 }], amounts, '2026-03-01'),
    ).toBe(1_500);
    expect(
      fundingPerDay(
        [
          line,
          {
            entityRef: 'fundingline:default/other',
            share: 1,
            periods: line.periods,
          },
        ],
        amounts,
        '2026-03-01',
      ),
    ).toBeUndefined();
    expect(fundingPerDay([], amounts, '2026-03-01')).toBeUndefined();
  });
});
