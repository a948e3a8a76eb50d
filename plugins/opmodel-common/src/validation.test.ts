import {
  assertValidOpmodelEntity,
  OpmodelValidationError,
  validateOpmodelEntity,
} from './validation';
import {
  buildMalformedEntity,
  malformedCases,
  validFundingLine,
  validOperatingRole,
  validPlatform,
} from './testing';

describe('validateOpmodelEntity', () => {
  it.each([
    ['Platform', validPlatform()],
    ['OperatingRole', validOperatingRole()],
    ['FundingLine', validFundingLine()],
  ])('accepts a complete %s', (_kind, entity) => {
    expect(validateOpmodelEntity(entity)).toEqual([]);
  });

  it('has at least 40 malformed cases with distinct ids', () => {
    expect(malformedCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(malformedCases.map(c => c.id)).size).toBe(
      malformedCases.length,
    );
  });

  it.each(malformedCases.map(c => [c.id, c] as const))(
    'rejects %s, naming the field and a fix',
    (_id, c) => {
      const issues = validateOpmodelEntity(buildMalformedEntity(c));
      expect(issues.map(i => i.path)).toContain(c.expectPath);
      for (const issue of issues) {
        expect(issue.message.length).toBeGreaterThan(3);
        expect(issue.fix.length).toBeGreaterThan(3);
      }
    },
  );

  it('says what to write for an unknown enum value', () => {
    const entity = validPlatform();
    (entity.spec as any).lifecycle = 'prod';
    expect(validateOpmodelEntity(entity)).toEqual([
      {
        path: 'spec.lifecycle',
        message:
          "must be one of experimental, production, deprecated (got 'prod')",
        fix: 'write one of: experimental, production, deprecated',
      },
    ]);
  });

  it('gives the hint of a field defined in the shared schema (durations, ratios)', () => {
    const entity = validPlatform();
    entity.spec.objectives = {
      leadTime: 'two days',
      changeFailureRate: 15,
    } as any;
    expect(validateOpmodelEntity(entity)).toEqual([
      expect.objectContaining({
        path: 'spec.objectives.changeFailureRate',
        fix: 'a fraction between 0 and 1, for example 0.15 for 15 %',
      }),
      expect.objectContaining({
        path: 'spec.objectives.leadTime',
        fix: 'a duration with a unit, for example 15m, 4h, 2d or 1w',
      }),
    ]);
  });

  it('names the kind a ref must have', () => {
    const entity = validPlatform();
    entity.spec.roles![0].role = 'group:platform-team';
    expect(validateOpmodelEntity(entity)).toEqual([
      expect.objectContaining({
        path: 'spec.roles[0].role',
        message:
          "must refer to operatingrole, not group (got 'group:platform-team')",
      }),
    ]);
  });

  it('accepts refs without a kind where the field has a default kind', () => {
    const entity = validPlatform();
    entity.spec.owner = 'platform-team';
    entity.spec.roles![0].role = 'platform-product-owner';
    expect(validateOpmodelEntity(entity)).toEqual([]);
  });

  it('reports every issue at once, not only the first', () => {
    const entity = validFundingLine();
    (entity.spec as any).currency = 'euro';
    (entity.spec as any).type = 'capex';
    const paths = validateOpmodelEntity(entity).map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['spec.currency', 'spec.type']),
    );
  });

  it('rejects non-objects and foreign kinds', () => {
    expect(validateOpmodelEntity(null)[0].path).toBe('<root>');
    expect(validateOpmodelEntity({ kind: 'Component' })[0].path).toBe('kind');
  });

  it('throws an error that lists the issues', () => {
    const entity = buildMalformedEntity(
      malformedCases.find(c => c.id === 'funding-overlapping-periods')!,
    );
    expect(() => assertValidOpmodelEntity(entity)).toThrow(
      OpmodelValidationError,
    );
    expect(() => assertValidOpmodelEntity(entity)).toThrow(
      /spec\.periods\[1\]\.start: .*overlaps/,
    );
  });
});
