import { num, numOrNull } from './sql';
import type { DeploymentWrite, IncidentWrite } from './types';

/* Event rows as the database returns them (bigints as strings on PostgreSQL), as records. */

export function toDeployment(r: any): DeploymentWrite {
  return {
    source: r.source,
    id: r.id,
    entityRef: r.entity_ref,
    environment: r.environment,
    result: r.result,
    startedAt: numOrNull(r.started_at),
    finishedAt: num(r.finished_at),
    firstCommitAt: numOrNull(r.first_commit_at),
    fixesIncident: r.fixes_incident ?? null,
    url: r.url ?? null,
  };
}

export function toIncident(r: any): IncidentWrite {
  return {
    source: r.source ?? '',
    id: r.id,
    entityRef: r.entity_ref,
    severity: r.severity,
    impact: r.impact,
    triggeredAt: num(r.triggered_at),
    acknowledgedAt: numOrNull(r.acknowledged_at),
    mitigatedAt: numOrNull(r.mitigated_at),
    resolvedAt: numOrNull(r.resolved_at),
    causedByDeployment: r.caused_by_deployment ?? null,
    title: r.title ?? null,
    url: r.url ?? null,
  };
}
