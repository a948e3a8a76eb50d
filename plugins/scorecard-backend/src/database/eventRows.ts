import type { DeploymentRecord, IncidentRecord } from '../metrics/types';
import { num, numOrNull } from './sql';
import type { DeploymentWrite, IncidentWrite } from './types';

/* Event rows as the database returns them (bigints as strings on PostgreSQL), as records. */

/** A bigint or numeric column: a number on SQLite, a string on PostgreSQL. */
type DbNumber = number | string;

/** A `scorecard_deployments` row, or the columns of it a window read selects. */
export type DeploymentRow = {
  source?: string;
  id: string;
  entity_ref: string;
  environment?: string;
  result: DeploymentRecord['result'];
  started_at?: DbNumber | null;
  finished_at: DbNumber;
  first_commit_at: DbNumber | null;
  fixes_incident?: string | null;
  url?: string | null;
};

/** A `scorecard_incidents` row, or the columns of it a window read selects. */
export type IncidentRow = {
  source?: string;
  id: string;
  entity_ref: string;
  severity: string;
  impact: IncidentRecord['impact'];
  triggered_at: DbNumber;
  acknowledged_at: DbNumber | null;
  mitigated_at: DbNumber | null;
  resolved_at: DbNumber | null;
  caused_by_deployment?: string | null;
  title?: string | null;
  url?: string | null;
};

/** Availability summed per entity (or per owner, when the read joins the membership). */
export type AvailabilitySumRow = {
  entity_ref: string;
  owner?: string;
  good: DbNumber;
  total: DbNumber;
};

export function toDeployment(r: DeploymentRow): DeploymentWrite {
  return {
    source: r.source ?? '',
    id: r.id,
    entityRef: r.entity_ref,
    environment: r.environment ?? '',
    result: r.result,
    startedAt: numOrNull(r.started_at),
    finishedAt: num(r.finished_at),
    firstCommitAt: numOrNull(r.first_commit_at),
    fixesIncident: r.fixes_incident ?? null,
    url: r.url ?? null,
  };
}

export function toIncident(r: IncidentRow): IncidentWrite {
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
