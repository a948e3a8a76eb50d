import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { childPath } from '../paths';
import { isFundingLineEntity } from '../typeGuards';
import type { PlatformEntity } from '../types';
import { assignmentState, checkAssignments } from './roleAssignments';
import { entityRefOf, nameOf, normalize, readsAs, refFrom } from './refs';
import type { ModelContext, ModelFinding } from './types';

/**
 * Finds a production platform that no funding line current today allocates money to. The
 * caller passes every FundingLine known, so a platform is never reported unfunded on a guess.
 */
export function checkPlatformFunded(
  platform: PlatformEntity,
  fundingLines: Entity[],
  now: Date,
  findings: ModelFinding[],
) {
  const entityRef = entityRefOf(platform);
  const current = fundingLines.filter(isFundingLineEntity).filter(fl =>
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
  if (allocations.some(al => al.target === entityRef)) return;
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
      ? `write target: ${refFrom(target, misnamed.namespace)} in ${childPath(
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
