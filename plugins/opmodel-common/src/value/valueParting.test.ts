import { checkValueParting, type PlatformValueFigures } from './valueParting';

const parting: PlatformValueFigures = {
  entityRef: 'platform:default/data-platform',
  lifecycle: 'production',
  satisfaction: { before: 3.4, now: 2.6 },
  adoption: { before: 0.5, now: 0.33 },
  fundingPerDay: { before: 2_000, now: 2_500 },
};

describe('checkValueParting', () => {
  it('flags a production platform whose satisfaction and adoption fell while its funding grew', () => {
    expect(checkValueParting(parting)).toEqual({
      check: 'platform.value-parting',
      severity: 'warning',
      entityRef: 'platform:default/data-platform',
      path: 'spec.objectives.satisfaction',
      message:
        'satisfaction fell from 3.4 to 2.6 and adoption from 50 % to 33 % of stream-aligned teams, while its funding grew by 25 % a day',
      fix: expect.stringContaining('ask the consumer teams why'),
    });
  });

  it('finds nothing when any of the three did not move that way, or is unknown', () => {
    expect(
      checkValueParting({
        ...parting,
        satisfaction: { before: 2.6, now: 2.6 },
      }),
    ).toBeUndefined();
    expect(
      checkValueParting({ ...parting, adoption: { before: 0.33, now: 0.5 } }),
    ).toBeUndefined();
    expect(
      checkValueParting({
        ...parting,
        fundingPerDay: { before: 2_500, now: 2_500 },
      }),
    ).toBeUndefined();
    // a reader without the amounts: funding unknown
    expect(
      checkValueParting({ ...parting, fundingPerDay: {} }),
    ).toBeUndefined();
    // too few survey responses in the window before
    expect(
      checkValueParting({ ...parting, satisfaction: { now: 2.6 } }),
    ).toBeUndefined();
  });

  it('leaves platforms not in production alone', () => {
    expect(
      checkValueParting({ ...parting, lifecycle: 'experimental' }),
    ).toBeUndefined();
  });
});
