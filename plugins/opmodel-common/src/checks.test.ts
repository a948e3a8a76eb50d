import {
  checkModel,
  checkPlatform,
  checkFundingLine,
  assignmentState,
  MODEL_CHECKS,
} from './checks';
import { validFundingLine, validOperatingRole, validPlatform } from './testing';
import type { OperatingRoleEntity } from './types';

const now = new Date('2026-06-15T12:00:00Z');

function role(
  name: string,
  spec: Partial<OperatingRoleEntity['spec']> = {},
): OperatingRoleEntity {
  const r = validOperatingRole(name);
  r.spec = { ...r.spec, exclusive: false, requiredFor: [], ...spec };
  return r;
}

const roles = [
  role('platform-product-owner', {
    exclusive: true,
    requiredFor: ['production'],
  }),
  role('platform-engineer'),
  role('service-manager', { exclusive: true, requiredFor: ['production'] }),
];

const checksOf = (findings: { check: string }[]) =>
  findings.map(f => f.check).sort();

describe('model checks', () => {
  it('finds nothing wrong with a well-run platform', () => {
    expect(
      checkPlatform(validPlatform(), {
        roles,
        fundingLines: [validFundingLine()],
        now,
      }),
    ).toEqual([]);
  });

  it('flags a production platform without a product owner', () => {
    const p = validPlatform();
    p.spec.roles = p.spec.roles!.filter(r => !r.role.includes('product-owner'));
    const findings = checkPlatform(p, { roles, now });
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'platform.required-role-missing',
        severity: 'error',
        path: 'spec.roles',
        entityRef: 'platform:default/test-platform',
        fix: expect.stringContaining('operatingrole:platform-product-owner'),
      }),
    ]);
  });

  it('does not require production roles of an experimental platform', () => {
    const p = validPlatform();
    p.spec.lifecycle = 'experimental';
    p.spec.roles = [];
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([]);
  });

  it('treats an ended assignment as no holder, and says it ended', () => {
    const p = validPlatform();
    p.spec.roles![2].until = '2026-06-14';
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([
      'platform.required-role-missing',
      'role-assignment.ended',
    ]);
  });

  it('flags two holders of an exclusive role at the same time', () => {
    const p = validPlatform();
    p.spec.roles!.push({
      role: 'operatingrole:platform-product-owner',
      holder: 'user:max',
    });
    const [finding] = checkPlatform(p, { roles, now });
    expect(finding).toMatchObject({
      check: 'platform.exclusive-role-shared',
      path: 'spec.roles[3]',
    });
  });

  it('allows a handover: an exclusive role held by one, then by another', () => {
    const p = validPlatform();
    p.spec.roles![0].until = '2026-03-31';
    p.spec.roles!.push({
      role: 'operatingrole:platform-product-owner',
      holder: 'user:max',
      since: '2026-04-01',
    });
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([
      'role-assignment.ended',
    ]);
  });

  it('flags an unfunded production platform when funding lines are known', () => {
    const p = validPlatform('unfunded');
    expect(
      checksOf(
        checkPlatform(p, { roles, fundingLines: [validFundingLine()], now }),
      ),
    ).toEqual(['platform.unfunded']);
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([]);
  });

  it('flags a platform without support channel, feedback ritual, consumers and value proposition', () => {
    const p = validPlatform();
    delete p.spec.support;
    delete p.spec.collaboration;
    delete p.spec.consumers;
    delete p.spec.valueProposition;
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([
      'platform.no-consumers',
      'platform.no-feedback-ritual',
      'platform.no-support-channel',
      'platform.no-value-proposition',
    ]);
  });

  it('wants the feedback ritual to include a consumer team', () => {
    const p = validPlatform();
    p.spec.collaboration = [
      {
        ritual: 'consumer-feedback',
        cadence: 'monthly',
        participants: ['group:platform-team'],
      },
    ];
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([
      'platform.no-feedback-ritual',
    ]);
  });

  it('flags a role that is not defined', () => {
    const p = validPlatform();
    p.spec.roles!.push({
      role: 'operatingrole:chief-vibes-officer',
      holder: 'user:max',
    });
    expect(checksOf(checkPlatform(p, { roles, now }))).toEqual([
      'platform.unknown-role',
    ]);
  });

  it('falls back to requiring a product owner when no roles are defined', () => {
    const p = validPlatform();
    p.spec.roles = [];
    expect(checksOf(checkPlatform(p, { now }))).toEqual([
      'platform.required-role-missing',
    ]);
  });

  it('flags a funding line whose periods all ended', () => {
    const f = validFundingLine();
    expect(checkFundingLine(f, { now: new Date('2028-02-01') })).toEqual([
      expect.objectContaining({
        check: 'funding-line.expired',
        path: 'spec.periods',
      }),
    ]);
    expect(checkFundingLine(f, { now })).toEqual([]);
  });

  it('checks a whole model at once', () => {
    const p = validPlatform();
    p.spec.roles = [];
    const findings = checkModel([p, validFundingLine(), ...roles], now);
    expect(
      findings.filter(f => f.check === 'platform.required-role-missing'),
    ).toHaveLength(2);
  });

  it('documents every check it can report', () => {
    const p = validPlatform('unfunded');
    p.spec.roles = [
      { role: 'operatingrole:nobody', holder: 'user:x', until: '2020-01-01' },
    ];
    delete p.spec.support;
    delete p.spec.consumers;
    delete p.spec.valueProposition;
    const findings = [
      ...checkPlatform(p, { roles, fundingLines: [validFundingLine()], now }),
      ...checkFundingLine(validFundingLine(), { now: new Date('2030-01-01') }),
    ];
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings)
      expect(Object.keys(MODEL_CHECKS)).toContain(f.check);
  });

  it('knows when an assignment holds', () => {
    expect(assignmentState({ since: '2026-06-15' }, now)).toBe('active');
    expect(assignmentState({ until: '2026-06-15' }, now)).toBe('active');
    expect(assignmentState({ since: '2026-06-16' }, now)).toBe('not-started');
    expect(assignmentState({ until: '2026-06-14' }, now)).toBe('ended');
  });
});
