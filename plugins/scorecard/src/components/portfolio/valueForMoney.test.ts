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

describe('valueForMoney', () => {
  it('sets each platform’s funding against its consumers, and flags money and use parting', () => {
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
    // 60 % of the money for 20 % of the consumer teams
    expect(values.get('platform:default/data')).toMatchObject({
      perTeam: 300_000,
      fundingShare: 0.6,
      adoptionShare: 0.2,
      parted: true,
    });
  });

  it('leaves out what it does not know: amounts, other currencies, adoption', () => {
    const values = valueForMoney([
      row('dev', [euros(100_000)], 4),
      row('usd', [{ value: 100_000, currency: 'USD' }], 4),
      row('hidden', 'unknown', 2),
      row('unseen', [euros(100_000)]),
    ]);
    // the EUR platforms share the EUR total; USD is not compared with them
    expect(values.get('platform:default/dev')?.fundingShare).toBe(0.5);
    expect(values.get('platform:default/usd')).toMatchObject({
      funding: { value: 100_000, currency: 'USD' },
      perTeam: 25_000,
      fundingShare: undefined,
    });
    expect(values.get('platform:default/hidden')).toMatchObject({
      funding: undefined,
      perTeam: undefined,
      adoptionShare: 0.2,
      parted: false,
    });
    expect(values.get('platform:default/unseen')).toMatchObject({
      perTeam: undefined,
      adoptionShare: undefined,
    });
  });
});
