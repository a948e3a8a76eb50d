import { metric } from '../../testing/fixtures';
import type { PortfolioRow } from './columns';
import { valueForMoney } from './valueForMoney';

const row = (
  name: string,
  funding: { value: number; currency: string }[] | 'unknown',
  consumers?: number,
  consumingEntities = consumers,
): PortfolioRow => ({
  entityRef: `platform:default/${name}`,
  metrics: [metric('uptime')],
  findings: [],
  funding:
    funding === 'unknown'
      ? [{ entityRef: 'fundingline:default/x', share: 1 }]
      : funding.map((amount, i) => ({
          entityRef: `fundingline:default/${name}-${i}`,
          share: 1,
          amount,
        })),
  adoption:
    consumers === undefined
      ? undefined
      : {
          entityRef: `platform:default/${name}`,
          computedAt: '2026-11-28T00:00:00Z',
          consumers,
          consumingEntities: consumingEntities!,
          streamAligned: {
            consuming: consumers,
            total: 10,
            share: consumers / 10,
          },
        },
});

const euros = (value: number) => ({ value, currency: 'EUR' });

/*
 * The portfolio's rows as opmodel-common's valueForMoney reads them (whose own tests hold the
 * arithmetic): a row's funding is the sum of its lines' amounts, known only when every line's is,
 * in one currency; its use is its adoption.
 */
describe('the portfolio’s value for money', () => {
  it('sums a row’s lines and sets them against its consumer teams and consuming entities', () => {
    const values = valueForMoney([
      row('dev', [euros(300_000), euros(100_000)], 8, 16),
      row('data', [euros(600_000)], 2, 4),
    ]);
    expect(values.get('platform:default/dev')).toEqual({
      funding: euros(400_000),
      perTeam: 50_000,
      perEntity: 25_000,
      fundingShare: 0.4,
      adoptionShare: 0.8,
      parted: false,
    });
    expect(values.get('platform:default/data')?.parted).toBe(true);
  });

  it('knows no funding for a row with a line of unknown amount, or lines in two currencies', () => {
    const values = valueForMoney([
      row('hidden', 'unknown', 2),
      row('mixed', [euros(100_000), { value: 100_000, currency: 'USD' }], 2),
      row('unseen', [euros(100_000)]),
    ]);
    expect(values.get('platform:default/hidden')).toMatchObject({
      funding: undefined,
      adoptionShare: 0.5,
    });
    expect(values.get('platform:default/mixed')?.funding).toBeUndefined();
    // no adoption loaded for it: no consumer teams to divide by
    expect(values.get('platform:default/unseen')).toMatchObject({
      funding: euros(100_000),
      perTeam: undefined,
      adoptionShare: undefined,
    });
  });
});
