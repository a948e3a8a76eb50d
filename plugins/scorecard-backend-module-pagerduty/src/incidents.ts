import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { IncidentEventInput } from '@opmodel/plugin-scorecard-common';
import type { PagerDutyCollectorOptions } from './config';
import type { PagerDutyClient, PagerDutyIncident } from './PagerDutyClient';

export const SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';
export const ACCOUNT_ANNOTATION = 'pagerduty.com/account';
export const SOURCE = 'pagerduty';

/** The priority's name (P1…P5), else the urgency mapped by config, else the urgency itself. */
export function severityOf(
  incident: PagerDutyIncident,
  options: PagerDutyCollectorOptions,
): string {
  const priority = incident.priority?.name ?? incident.priority?.summary;
  if (priority) return priority;
  const urgency = incident.urgency ?? 'high';
  return options.severityByUrgency[urgency] ?? urgency;
}

export function impactOf(
  incident: PagerDutyIncident,
  options: PagerDutyCollectorOptions,
): IncidentEventInput['impact'] {
  const priority = incident.priority?.name ?? incident.priority?.summary;
  const { impact } = options;
  return (
    (priority !== undefined ? impact.priorities[priority] : undefined) ??
    (incident.urgency !== undefined
      ? impact.urgencies[incident.urgency]
      : undefined) ??
    impact.default
  );
}

/**
 * The scorecard's incident for a PagerDuty incident: triggered when created, acknowledged at the
 * first acknowledgement in its log, resolved when resolved (its `resolved_at`, else the last
 * resolution in its log, else its last status change). The id is PagerDuty's, so every later
 * read of the same incident, pulled or pushed, updates the same event.
 */
export async function toIncidentEvent(
  incident: PagerDutyIncident,
  entityRef: string,
  client: PagerDutyClient,
  options: PagerDutyCollectorOptions,
): Promise<IncidentEventInput> {
  // a triggered incident has nothing in its log the scorecard reads
  const milestones =
    incident.status === 'triggered' ? {} : await client.milestones(incident.id);
  return incidentEvent(incident, entityRef, options, milestones);
}

/** The scorecard's incident for a PagerDuty incident and what its log says. */
export function incidentEvent(
  incident: PagerDutyIncident,
  entityRef: string,
  options: PagerDutyCollectorOptions,
  milestones: { acknowledgedAt?: string; resolvedAt?: string },
): IncidentEventInput {
  const resolvedAt =
    incident.status === 'resolved'
      ? incident.resolved_at ??
        milestones.resolvedAt ??
        incident.last_status_change_at
      : undefined;
  const event: IncidentEventInput = {
    id: incident.id,
    entityRef,
    severity: severityOf(incident, options),
    impact: impactOf(incident, options),
    triggeredAt: incident.created_at,
  };
  if (milestones.acknowledgedAt)
    event.acknowledgedAt = milestones.acknowledgedAt;
  if (resolvedAt) event.resolvedAt = resolvedAt;
  if (incident.title) event.title = incident.title;
  if (incident.html_url) event.url = incident.html_url;
  return event;
}

/** What an annotated entity reads from: its account and service. */
export type ServiceTarget = {
  entityRef: string;
  accountId?: string;
  serviceId: string;
};

export function targetOf(entity: Entity): ServiceTarget | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const serviceId = annotations[SERVICE_ID_ANNOTATION]?.trim();
  if (!serviceId) return undefined;
  return {
    entityRef: stringifyEntityRef(entity),
    accountId: annotations[ACCOUNT_ANNOTATION]?.trim() || undefined,
    serviceId,
  };
}
