import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { childPath } from './paths';
import {
  isFundingLineEntity,
  isOperatingRoleEntity,
  isPlatformEntity,
} from './typeGuards';
import type {
  OperatingRoleEntity,
  PlatformEntity,
  RoleAssignment,
} from './types';

/** A fault in the operating model that no schema can see. */
export interface ModelFinding {
  /** Stable id of the check, for example `platform.required-role-missing`. */
  check: string;
  severity: 'error' | 'warning';
  /** The entity the finding is about. */
  entityRef: string;
  /** The field to change. */
  path: string;
  message: string;
  /** What to write instead. */
  fix: string;
}

/** The rest of the model a check may look at; unknown parts are skipped, never guessed. */
export interface ModelContext {
  /** Every OperatingRole definition known; when absent, the roles MODEL.md requires are assumed. */
  roles?: OperatingRoleEntity[];
  /** Every FundingLine known; when absent, funding is not checked. */
  fundingLines?: Entity[];
  now?: Date;
}

/** Roles assumed required when no OperatingRole definitions are available. */
export const DEFAULT_REQUIRED_ROLES: Array<{
  ref: string;
  requiredFor: string[];
  exclusive: boolean;
}> = [
  {
    ref: 'operatingrole:default/platform-product-owner',
    requiredFor: ['production'],
    exclusive: true,
  },
];

/** Every model check by id, with what it finds: for documentation and for UIs that explain a finding. */
export const MODEL_CHECKS: Record<string, string> = {
  'platform.required-role-missing':
    'a platform lacks a holder of a role required for its lifecycle (for example a production platform with no product owner)',
  'platform.exclusive-role-shared':
    'an exclusive role has two or more holders at the same time',
  'role-assignment.ended': "a role assignment's period has ended",
  'role-assignment.not-started':
    "a role assignment's period has not started yet",
  'platform.unfunded':
    'a production platform has no funding line allocating money to it',
  'platform.no-support-channel': 'a platform names no support channel',
  'platform.no-feedback-ritual':
    'a platform has no recurring feedback ritual with its consumers',
  'platform.no-consumers': 'a production platform names no consumer teams',
  'platform.no-value-proposition':
    'a platform does not say what its consumers gain',
  'platform.unknown-role':
    'a role assignment names an OperatingRole that is not defined',
  'funding-line.expired': 'every period of a funding line has ended',
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

function normalize(
  ref: string,
  defaultKind: string,
  namespace: string,
): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
      ),
    );
  } catch {
    return lower(ref);
  }
}

function entityRefOf(entity: Entity): string {
  return lower(stringifyEntityRef(entity));
}

type AssignmentState = 'active' | 'ended' | 'not-started';

/** Whether a role assignment holds on a day; `until` is the last day it holds. */
export function assignmentState(
  a: { since?: string; until?: string },
  now: Date,
): AssignmentState {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;
  if (a.since && a.since > today) return 'not-started';
  if (a.until && a.until < today) return 'ended';
  return 'active';
}

function checkAssignments(
  entity: Entity,
  roles: RoleAssignment[] | undefined,
  now: Date,
  findings: ModelFinding[],
) {
  const entityRef = entityRefOf(entity);
  (roles ?? []).forEach((a, i) => {
    const state = assignmentState(a, now);
    if (state === 'ended') {
      findings.push({
        check: 'role-assignment.ended',
        severity: 'warning',
        entityRef,
        path: `${childPath('spec.roles', i)}.until`,
        message: `${a.holder}'s assignment as ${a.role} ended on ${a.until}`,
        fix: 'remove the assignment, name the new holder, or move until to a later date',
      });
    } else if (state === 'not-started') {
      findings.push({
        check: 'role-assignment.not-started',
        severity: 'warning',
        entityRef,
        path: `${childPath('spec.roles', i)}.since`,
        message: `${a.holder}'s assignment as ${a.role} only starts on ${a.since}`,
        fix: 'name who holds the role until then in another assignment',
      });
    }
  });
}

/** Findings for one Platform, given what else is known of the model. */
export function checkPlatform(
  platform: PlatformEntity,
  ctx: ModelContext = {},
): ModelFinding[] {
  const now = ctx.now ?? new Date();
  const ns = platform.metadata.namespace ?? 'default';
  const entityRef = entityRefOf(platform);
  const { spec } = platform;
  const findings: ModelFinding[] = [];
  const roles = spec.roles ?? [];
  const active = roles
    .map((a, i) => ({ a, i, role: normalize(a.role, 'operatingrole', ns) }))
    .filter(x => assignmentState(x.a, now) === 'active');

  const definitions = ctx.roles
    ? ctx.roles.map(r => ({
        ref: entityRefOf(r),
        title: r.metadata.title ?? r.metadata.name,
        requiredFor: r.spec.requiredFor ?? [],
        exclusive: !!r.spec.exclusive,
      }))
    : DEFAULT_REQUIRED_ROLES.map(r => ({
        ...r,
        title: parseEntityRef(r.ref).name,
      }));

  for (const def of definitions) {
    if (
      def.requiredFor.includes(spec.lifecycle) &&
      !active.some(x => x.role === def.ref)
    ) {
      findings.push({
        check: 'platform.required-role-missing',
        severity: 'error',
        entityRef,
        path: 'spec.roles',
        message: `a ${spec.lifecycle} platform needs a ${def.title}, and none holds the role now`,
        fix: `add - { role: ${def.ref.replace(
          /:default\//,
          ':',
        )}, holder: user:<name> } to spec.roles`,
      });
    }
    if (def.exclusive) {
      const holders = active.filter(x => x.role === def.ref);
      if (holders.length > 1) {
        findings.push({
          check: 'platform.exclusive-role-shared',
          severity: 'error',
          entityRef,
          path: childPath('spec.roles', holders[1].i),
          message: `${def.title} is exclusive, but ${holders
            .map(h => h.a.holder)
            .join(' and ')} hold it at the same time`,
          fix: 'keep one holder, or end the earlier assignment with until',
        });
      }
    }
  }
  if (ctx.roles) {
    const known = new Set(definitions.map(d => d.ref));
    roles.forEach((a, i) => {
      if (!known.has(normalize(a.role, 'operatingrole', ns))) {
        findings.push({
          check: 'platform.unknown-role',
          severity: 'warning',
          entityRef,
          path: `${childPath('spec.roles', i)}.role`,
          message: `${a.role} is not a defined OperatingRole`,
          fix: 'use a role your operating-model owner defines, or define it as an OperatingRole',
        });
      }
    });
  }
  checkAssignments(platform, roles, now, findings);

  if (ctx.fundingLines && spec.lifecycle === 'production') {
    const funded = ctx.fundingLines.filter(isFundingLineEntity).some(
      fl =>
        fl.spec.allocations.some(
          al =>
            normalize(
              al.target,
              'platform',
              fl.metadata.namespace ?? 'default',
            ) === entityRef,
        ) &&
        fl.spec.periods.some(
          p =>
            assignmentState(
              {
                since: p.start,
                until: DateTime.fromISO(p.end).minus({ days: 1 }).toISODate()!,
              },
              now,
            ) === 'active',
        ),
    );
    if (!funded) {
      findings.push({
        check: 'platform.unfunded',
        severity: 'error',
        entityRef,
        path: 'metadata.name',
        message:
          'no funding line allocates money to this production platform for today',
        fix: `ask the budget holder for a FundingLine with - { target: platform:${platform.metadata.name}, share: <0..1> } in spec.allocations`,
      });
    }
  }
  if (!spec.support?.channels?.length) {
    findings.push({
      check: 'platform.no-support-channel',
      severity: 'warning',
      entityRef,
      path: 'spec.support.channels',
      message:
        'names no support channel, so consumers cannot tell where to ask for help',
      fix: "add spec.support.channels: [{ type: slack, target: '#<channel>', purpose: support }]",
    });
  }
  const consumers = new Set(
    (spec.consumers ?? []).map(c => normalize(c.team, 'group', ns)),
  );
  const hearsConsumers = (spec.collaboration ?? []).some(
    r =>
      r.ritual === 'consumer-feedback' &&
      (consumers.size === 0 ||
        (r.participants ?? []).some(p =>
          consumers.has(normalize(p, 'group', ns)),
        )),
  );
  if (!hearsConsumers) {
    findings.push({
      check: 'platform.no-feedback-ritual',
      severity: 'warning',
      entityRef,
      path: 'spec.collaboration',
      message:
        'has no recurring consumer-feedback ritual with its consumer teams',
      fix: 'add - { ritual: consumer-feedback, cadence: monthly, participants: [operatingrole:platform-product-owner, group:<consumer>] } to spec.collaboration',
    });
  }
  if (spec.lifecycle === 'production' && consumers.size === 0) {
    findings.push({
      check: 'platform.no-consumers',
      severity: 'warning',
      entityRef,
      path: 'spec.consumers',
      message: 'a production platform names no consumer teams',
      fix: 'add - { team: group:<team>, interaction: x-as-a-service } to spec.consumers',
    });
  }
  if (!spec.valueProposition) {
    findings.push({
      check: 'platform.no-value-proposition',
      severity: 'warning',
      entityRef,
      path: 'spec.valueProposition',
      message: 'does not say what a consumer gains from the platform',
      fix: 'add spec.valueProposition: one sentence, for example "Ship a new service to production on day one."',
    });
  }
  return findings;
}

/** Findings for one FundingLine. */
export function checkFundingLine(
  entity: Entity,
  ctx: ModelContext = {},
): ModelFinding[] {
  if (!isFundingLineEntity(entity)) return [];
  const now = ctx.now ?? new Date();
  const findings: ModelFinding[] = [];
  checkAssignments(entity, entity.spec.roles, now, findings);
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;
  if (entity.spec.periods.every(p => p.end <= today)) {
    findings.push({
      check: 'funding-line.expired',
      severity: 'warning',
      entityRef: entityRefOf(entity),
      path: 'spec.periods',
      message: `every period has ended (the last on ${entity.spec.periods
        .map(p => p.end)
        .sort()
        .pop()})`,
      fix: 'add the next period, or retire the funding line',
    });
  }
  return findings;
}

/** Findings for any opmodel entity; other entities have none. */
export function checkEntity(
  entity: Entity,
  ctx: ModelContext = {},
): ModelFinding[] {
  if (isPlatformEntity(entity)) return checkPlatform(entity, ctx);
  if (isFundingLineEntity(entity)) return checkFundingLine(entity, ctx);
  return [];
}

/** Findings for a whole set of entities, each checked against the others. */
export function checkModel(
  entities: Entity[],
  now: Date = new Date(),
): ModelFinding[] {
  const roles = entities.filter(isOperatingRoleEntity);
  const fundingLines = entities.filter(isFundingLineEntity);
  const ctx: ModelContext = {
    roles: roles.length ? roles : undefined,
    fundingLines: fundingLines.length ? fundingLines : undefined,
    now,
  };
  return entities.flatMap(e => checkEntity(e, ctx));
}
