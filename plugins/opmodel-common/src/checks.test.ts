import {
  checkModel,
  checkPlatform,
  checkFundingLine,
  assignmentState,
  MODEL_CHECKS,
} from './checks';
import { validFundingLine, validOperatingRole, validPlatform } from './testing';
import type { ModelFinding } from './checks';
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

  describe('a platform outside the default namespace', () => {
    const inPayments = (...roleRefs: string[]) => {
      const p = validPlatform('payments-platform');
      p.metadata.namespace = 'payments';
      p.spec.roles = roleRefs.map(ref => ({ role: ref, holder: 'user:jane' }));
      return p;
    };
    const rolesIn = (namespace: string) =>
      roles.map(r => ({
        ...r,
        metadata: { ...r.metadata, namespace },
      }));
    const fixesOf = (findings: ModelFinding[]) => findings.map(f => f.fix);

    it('holds the built-in product owner by a ref in its own namespace or in default', () => {
      for (const ref of [
        'operatingrole:platform-product-owner',
        'operatingrole:default/platform-product-owner',
        'operatingrole:payments/platform-product-owner',
        'platform-product-owner',
      ]) {
        expect({
          ref,
          checks: checksOf(checkPlatform(inPayments(ref), { now })),
        }).toEqual({ ref, checks: [] });
      }
    });

    it('sees two holders of the built-in role, whichever way each names it', () => {
      const p = inPayments(
        'operatingrole:platform-product-owner',
        'operatingrole:default/platform-product-owner',
      );
      expect(checksOf(checkPlatform(p, { now }))).toEqual([
        'platform.exclusive-role-shared',
      ]);
    });

    it('holds a defined role only where the catalog resolves the ref, as its relation does', () => {
      const bare = inPayments(
        'operatingrole:platform-product-owner',
        'operatingrole:service-manager',
      );
      expect(
        checksOf(checkPlatform(bare, { roles: rolesIn('payments'), now })),
      ).toEqual([]);
      const qualified = inPayments(
        'operatingrole:default/platform-product-owner',
        'operatingrole:default/service-manager',
      );
      expect(checksOf(checkPlatform(qualified, { roles, now }))).toEqual([]);
    });

    it('tells a platform naming a role of another namespace to write its namespace, not the line it has', () => {
      const p = inPayments(
        'operatingrole:platform-product-owner',
        'operatingrole:default/service-manager',
      );
      const findings = checkPlatform(p, { roles, now });
      expect(checksOf(findings)).toEqual([
        'platform.required-role-missing',
        'platform.unknown-role',
      ]);
      for (const fix of fixesOf(findings)) {
        expect(fix).toContain('operatingrole:default/platform-product-owner');
        expect(fix).not.toMatch(/role: operatingrole:platform-product-owner\b/);
      }
      expect(
        findings.find(f => f.check === 'platform.required-role-missing')!.fix,
      ).toContain('spec.roles[0].role');
    });

    it('suggests a ref that resolves to the role from the platform', () => {
      const p = inPayments('operatingrole:default/service-manager');
      expect(fixesOf(checkPlatform(p, { roles, now }))).toEqual([
        'add - { role: operatingrole:default/platform-product-owner, holder: user:<name> } to spec.roles',
      ]);
      const home = inPayments('operatingrole:service-manager');
      expect(
        fixesOf(checkPlatform(home, { roles: rolesIn('payments'), now })),
      ).toEqual([
        'add - { role: operatingrole:platform-product-owner, holder: user:<name> } to spec.roles',
      ]);
      expect(fixesOf(checkPlatform(inPayments(), { now }))).toEqual([
        'add - { role: operatingrole:platform-product-owner, holder: user:<name> } to spec.roles',
      ]);
    });

    it('is funded by a funding line naming it from another namespace only with its namespace', () => {
      const p = inPayments(
        'operatingrole:platform-product-owner',
        'operatingrole:service-manager',
      );
      const line = validFundingLine();
      line.spec.allocations = [
        { target: 'platform:payments-platform', share: 1 },
      ];
      const [finding] = checkPlatform(p, {
        roles: rolesIn('payments'),
        fundingLines: [line],
        now,
      });
      expect(finding).toMatchObject({
        check: 'platform.unfunded',
        fix: expect.stringContaining(
          'write target: platform:payments/payments-platform in spec.allocations[0].target of fundingline:default/test-funding',
        ),
      });
      line.spec.allocations[0].target = 'platform:payments/payments-platform';
      expect(
        checkPlatform(p, {
          roles: rolesIn('payments'),
          fundingLines: [line],
          now,
        }),
      ).toEqual([]);
      expect(
        checkPlatform(p, {
          roles: rolesIn('payments'),
          fundingLines: [],
          now,
        })[0].fix,
      ).toContain('- { target: platform:payments/payments-platform, share');
    });
  });

  it('asks for a consumer team in the feedback ritual it has, not for a second ritual', () => {
    const p = validPlatform();
    p.spec.collaboration = [
      {
        ritual: 'stand-up',
        cadence: 'daily',
        participants: ['group:platform-team'],
      },
      {
        ritual: 'consumer-feedback',
        cadence: 'monthly',
        participants: ['group:platform-team'],
      },
    ];
    expect(checkPlatform(p, { roles, now })).toEqual([
      expect.objectContaining({
        check: 'platform.no-feedback-ritual',
        path: 'spec.collaboration[1]',
        fix: 'add a consumer team such as group:checkout to spec.collaboration[1].participants',
      }),
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
