import { computeAdoptionShare } from './adoption';

describe('computeAdoptionShare', () => {
  it('is the share of stream-aligned teams that consume the platform', () => {
    expect(computeAdoptionShare({ consuming: 3, total: 4 })).toMatchObject({
      metric: 'adoptionShare',
      unit: 'ratio',
      state: 'ok',
      value: 0.75,
      count: 4,
      details: { consuming: 3, streamAligned: 4 },
    });
  });

  it('is not enough data before the first look, or without stream-aligned teams', () => {
    expect(computeAdoptionShare(undefined)).toMatchObject({
      state: 'not-enough-data',
      value: null,
      count: 0,
    });
    expect(computeAdoptionShare({ consuming: 0, total: 0 }).state).toBe(
      'not-enough-data',
    );
  });
});
