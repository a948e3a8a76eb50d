import { validateOpmodelEntity } from './validation';
import { validFundingLine, validPlatform } from './testing';

/** The FundingLine the catalog stores for a declared one: the same, periods without amounts. */
function storedFundingLine() {
  const declared = validFundingLine();
  return {
    ...declared,
    spec: {
      ...declared.spec,
      periods: declared.spec.periods.map(({ start, end }) => ({ start, end })),
    },
  };
}

describe('the declared and the stored form of an entity', () => {
  it('accepts a FundingLine without amounts as stored, and requires them as declared', () => {
    const stored = storedFundingLine();
    expect(validateOpmodelEntity(stored, { form: 'stored' })).toEqual([]);
    expect(validateOpmodelEntity(stored).map(i => i.path)).toEqual([
      'spec.periods[0].amount',
      'spec.periods[1].amount',
    ]);
  });

  it('rejects a stored FundingLine that still carries an amount', () => {
    expect(
      validateOpmodelEntity(validFundingLine(), { form: 'stored' }),
    ).toEqual([
      expect.objectContaining({
        path: 'spec.periods[0].amount',
        message: 'is not a known field',
      }),
      expect.objectContaining({
        path: 'spec.periods[1].amount',
        message: 'is not a known field',
      }),
    ]);
  });

  it('validates the other kinds the same in both forms', () => {
    expect(validateOpmodelEntity(validPlatform(), { form: 'stored' })).toEqual(
      [],
    );
  });
});

describe('issues about amounts', () => {
  // processing errors reach catalog responses that readers without the amounts permission get
  it.each<[string, (periods: any[]) => unknown]>([
    ['a negative amount', p => [{ ...p[0], amount: -1234567 }]],
    ['an amount written as text', p => [{ ...p[0], amount: '1,234,567' }]],
    ['a period written as a bare number', () => [1234567]],
    ['periods written as a bare number', () => 1234567],
  ])('name the field but never quote the value: %s', (_case, periods) => {
    const entity = validFundingLine();
    (entity.spec as any).periods = periods(entity.spec.periods);
    const issues = validateOpmodelEntity(entity);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].path).toMatch(/^spec\.periods/);
    expect(JSON.stringify(issues)).not.toMatch(/1234567|1,234,567/);
  });

  it('still quote a wrong date, which is no secret', () => {
    const entity = validFundingLine();
    (entity.spec as any).periods[0].start = 20260101;
    expect(validateOpmodelEntity(entity)).toEqual([
      expect.objectContaining({
        path: 'spec.periods[0].start',
        message: expect.stringContaining('(got 20260101)'),
      }),
    ]);
  });
});
