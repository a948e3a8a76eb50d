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

/**
 * Roles assumed required when no OperatingRole definitions are available. A platform holds one by
 * a ref that resolves to it in `default` or in the platform's own namespace.
 */
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

/**
 * A ref as the catalog resolves it for a relation: a missing kind is the field's kind, a missing
 * namespace is the referring entity's namespace. Lower case, so refs compare as the catalog
 * compares them.
 */
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

function nameOf(fullRef: string): string | undefined {
  try {
    return lower(parseEntityRef(fullRef).name);
  } catch {
    return undefined;
  }
}

/** The shortest ref to a full ref that resolves to it from an entity in `namespace`. */
function refFrom(fullRef: string, namespace: string): string {
  try {
    const { kind, namespace: ns, name } = parseEntityRef(fullRef);
    return lower(ns) === lower(namespace)
      ? `${kind}:${name}`
      : `${kind}:${ns}/${name}`;
  } catch {
    return fullRef;
  }
}

/** How a ref was read, for a fix: a missing namespace is the usual reason it names another entity. */
function readsAs(written: string, resolved: string, namespace: string) {
  return written.includes('/')
    ? `${written} resolves to ${resolved}`
    : `${written} resolves to ${resolved}: a ref without a namespace resolves in its entity's own namespace, ${namespace}`;
}

/** An OperatingRole as the checks of one platform see it. */
type RoleDefinition = {
  /** The role, as a full ref. */
  ref: string;
  title: string;
  requiredFor: string[];
  exclusive: boolean;
  /** The full refs an assignment may resolve to and hold the role. */
  heldAs: Set<string>;
  /** What a fix tells the platform to write in an assignment's `role`. */
  suggested: string;
};

/**
 * The roles a platform is checked against. A defined OperatingRole is held only by assignments
 * that resolve to it as the catalog resolves them (its `assignsRole` relation), so the checks and
 * the catalog agree: a platform in `payments` naming `operatingrole:platform-product-owner` holds
 * `operatingrole:payments/platform-product-owner`. The roles assumed when no definitions are
 * known stand for whichever definition the organisation keeps: in `default`, where the built-in
 * ones live, or in the platform's own namespace, where a ref without a namespace points; either
 * holds them, since the checks cannot know which one exists.
 */
function roleDefinitions(
  namespace: string,
  roles: OperatingRoleEntity[] | undefined,
): RoleDefinition[] {
  if (roles) {
    return roles.map(r => {
      const ref = entityRefOf(r);
      return {
        ref,
        title: r.metadata.title ?? r.metadata.name,
        requiredFor: r.spec.requiredFor ?? [],
        exclusive: !!r.spec.exclusive,
        heldAs: new Set([ref]),
        suggested: refFrom(stringifyEntityRef(r), namespace),
      };
    });
  }
  return DEFAULT_REQUIRED_ROLES.map(r => {
    const { kind, name } = parseEntityRef(r.ref);
    const ref = lower(r.ref);
    return {
      ref,
      title: name,
      requiredFor: r.requiredFor,
      exclusive: r.exclusive,
      heldAs: new Set([ref, lower(`${kind}:${namespace}/${name}`)]),
      suggested: `${kind}:${name}`,
    };
  });
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
  const assigned = roles.map((a, i) => ({
    a,
    i,
    role: normalize(a.role, 'operatingrole', ns),
  }));
  const active = assigned.filter(x => assignmentState(x.a, now) === 'active');
  const definitions = roleDefinitions(ns, ctx.roles);

  for (const def of definitions) {
    const holders = active.filter(x => def.heldAs.has(x.role));
    if (def.requiredFor.includes(spec.lifecycle) && holders.length === 0) {
      // an assignment of a role of the same name elsewhere is the likelier mistake than none
      const misnamed = active.find(
        x => nameOf(x.role) === nameOf(def.ref) && !def.heldAs.has(x.role),
      );
      const rolePath =
        misnamed && `${childPath('spec.roles', misnamed.i)}.role`;
      findings.push({
        check: 'platform.required-role-missing',
        severity: 'error',
        entityRef,
        path: 'spec.roles',
        message: `a ${spec.lifecycle} platform needs a ${def.title}, and none holds the role now`,
        fix: misnamed
          ? `write role: ${def.suggested} in ${rolePath} (${readsAs(
              misnamed.a.role,
              misnamed.role,
              ns,
            )})`
          : `add - { role: ${def.suggested}, holder: user:<name> } to spec.roles`,
      });
    }
    if (def.exclusive && holders.length > 1) {
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
  if (ctx.roles) {
    const known = new Set(definitions.map(d => d.ref));
    for (const x of assigned) {
      if (known.has(x.role)) continue;
      const sameName = definitions
        .filter(d => nameOf(d.ref) === nameOf(x.role))
        .sort(
          (d1, d2) =>
            Number(d2.ref.includes(':default/')) -
            Number(d1.ref.includes(':default/')),
        );
      findings.push({
        check: 'platform.unknown-role',
        severity: 'warning',
        entityRef,
        path: `${childPath('spec.roles', x.i)}.role`,
        message: `${x.a.role} is not a defined OperatingRole`,
        fix: sameName.length
          ? `write ${sameName[0].suggested} (${readsAs(x.a.role, x.role, ns)})`
          : 'use a role your operating-model owner defines, or define it as an OperatingRole',
      });
    }
  }
  checkAssignments(platform, roles, now, findings);

  if (ctx.fundingLines && spec.lifecycle === 'production') {
    const current = ctx.fundingLines.filter(isFundingLineEntity).filter(fl =>
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
    const allocations = current.flatMap(fl =>
      fl.spec.allocations.map((al, i) => {
        const flNamespace = fl.metadata.namespace ?? 'default';
        return {
          fundingLine: fl,
          i,
          written: al.target,
          namespace: flNamespace,
          target: normalize(al.target, 'platform', flNamespace),
        };
      }),
    );
    if (!allocations.some(al => al.target === entityRef)) {
      // a current funding line naming a platform of this name in another namespace meant this one
      const misnamed = allocations.find(
        al =>
          al.target.startsWith('platform:') &&
          nameOf(al.target) === nameOf(entityRef),
      );
      const target = stringifyEntityRef(platform);
      findings.push({
        check: 'platform.unfunded',
        severity: 'error',
        entityRef,
        path: 'metadata.name',
        message:
          'no funding line allocates money to this production platform for today',
        fix: misnamed
          ? `write target: ${refFrom(
              target,
              misnamed.namespace,
            )} in ${childPath(
              'spec.allocations',
              misnamed.i,
            )}.target of ${stringifyEntityRef(misnamed.fundingLine)} (${readsAs(
              misnamed.written,
              misnamed.target,
              misnamed.namespace,
            )})`
          : `ask the budget holder for a FundingLine with - { target: ${target}, share: <0..1> } in spec.allocations`,
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
  const feedbackRituals = (spec.collaboration ?? [])
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.ritual === 'consumer-feedback');
  const hearsConsumers = feedbackRituals.some(
    ({ r }) =>
      consumers.size === 0 ||
      (r.participants ?? []).some(p =>
        consumers.has(normalize(p, 'group', ns)),
      ),
  );
  if (!hearsConsumers) {
    // a ritual that only lacks a consumer team needs the team, not a second ritual
    const ritual = feedbackRituals[0];
    findings.push({
      check: 'platform.no-feedback-ritual',
      severity: 'warning',
      entityRef,
      path: ritual
        ? childPath('spec.collaboration', ritual.i)
        : 'spec.collaboration',
      message:
        'has no recurring consumer-feedback ritual with its consumer teams',
      fix: ritual
        ? `add a consumer team such as ${refFrom(
            [...consumers][0],
            ns,
          )} to ${childPath('spec.collaboration', ritual.i)}.participants`
        : 'add - { ritual: consumer-feedback, cadence: monthly, participants: [operatingrole:platform-product-owner, group:<consumer>] } to spec.collaboration',
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
