import { valueForMoney } from './valueForMoney';

const euros = (value: number) => ({ value, currency: 'EUR' });

describe('valueForMoney', () => {
  it('sets each platform’s funding against its consumer teams, and flags money and use parting', () => {
    const values = valueForMoney([
      {
        entityRef: 'platform:default/dev',
        funding: euros(400_000),
        consumerTeams: 8,
        consumingEntities: 16,
      },
      {
        entityRef: 'platform:default/data',
        funding: euros(600_000),
        consumerTeams: 2,
        consumingEntities: 4,
      },
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
      perEntity: 150_000,
      fundingShare: 0.6,
      adoptionShare: 0.2,
      parted: true,
    });
  });

  it('flags parting from exactly twice the adoption share', () => {
    const values = valueForMoney([
      { entityRef: 'a', funding: euros(2), consumerTeams: 1 },
      { entityRef: 'b', funding: euros(2), consumerTeams: 3 },
    ]);
    // a: half the money for a quarter of the teams
    expect(values.get('a')?.parted).toBe(true);
    expect(values.get('b')?.parted).toBe(false);
  });

  it('leaves out what it does not know: amounts, other currencies, consumers', () => {
    const values = valueForMoney([
      { entityRef: 'dev', funding: euros(100_000), consumerTeams: 4 },
      {
        entityRef: 'usd',
        funding: { value: 100_000, currency: 'USD' },
        consumerTeams: 4,
      },
      { entityRef: 'hidden', consumerTeams: 2 },
      { entityRef: 'unseen', funding: euros(100_000) },
    ]);
    // the EUR platforms share the EUR total; USD is not compared with them
    expect(values.get('dev')?.fundingShare).toBe(0.5);
    expect(values.get('usd')).toMatchObject({
      perTeam: 25_000,
      fundingShare: undefined,
    });
    expect(values.get('hidden')).toMatchObject({
      funding: undefined,
      perTeam: undefined,
      adoptionShare: 0.2,
      parted: false,
    });
    expect(values.get('unseen')).toMatchObject({
      perTeam: undefined,
      adoptionShare: undefined,
      parted: false,
    });
  });

  it('has no shares for an empty comparison, one without amounts, or one without consumers', () => {
    expect(valueForMoney([]).size).toBe(0);
    expect(
      valueForMoney([{ entityRef: 'a', consumerTeams: 2 }]).get('a'),
    ).toMatchObject({ funding: undefined, fundingShare: undefined });
    expect(
      valueForMoney([
        { entityRef: 'a', funding: euros(1), consumerTeams: 0 },
      ]).get('a'),
    ).toMatchObject({ perTeam: undefined, adoptionShare: undefined });
  });
});
