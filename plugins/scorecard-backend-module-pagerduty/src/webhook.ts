import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EventParams,
  RequestValidator,
} from '@backstage/plugin-events-node';
import type { IncidentEventInput } from '@opmodel/plugin-scorecard-common';
import type { ScorecardEventWriter } from '@opmodel/plugin-scorecard-node';
import { accountOf, annotatedTargets, type PagerDutyDeps } from './collector';
import { PagerDutyClient, type PagerDutyIncident } from './PagerDutyClient';
import {
  incidentEvent as incidentEventOf,
  SOURCE,
  toIncidentEvent,
} from './incidents';

/** The events topic PagerDuty's webhooks are published under: `/api/events/http/pagerduty`. */
export const PAGERDUTY_TOPIC = 'pagerduty';

export const INCIDENT_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.priority_updated',
  'incident.resolved',
  'incident.reopened',
];

/**
 * Accepts a request whose `X-PagerDuty-Signature` holds, among its comma-separated `v1=<hex>`
 * signatures, the HMAC-SHA256 of the raw body with one of `secrets`; refuses it with 401
 * otherwise, so that nothing of it is published.
 */
export function pagerDutySignatureValidator(
  secrets: string[],
): RequestValidator {
  return async (request, context) => {
    const header = request.headers['x-pagerduty-signature'];
    const signatures = (Array.isArray(header) ? header.join(',') : header ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(s => s.startsWith('v1='))
      .map(s => Buffer.from(s.slice(3), 'hex'));
    const ok = secrets.some(secret => {
      const expected = createHmac('sha256', secret)
        .update(request.raw.body)
        .digest();
      return signatures.some(
        s => s.length === expected.length && timingSafeEqual(s, expected),
      );
    });
    if (!ok)
      context.reject({
        status: 401,
        payload: {
          message:
            'X-PagerDuty-Signature matches none of opmodel.scorecard.pagerduty.webhookSecrets',
        },
      });
  };
}

type WebhookPayload = {
  event?: {
    event_type?: string;
    resource_type?: string;
    occurred_at?: string;
    data?: PagerDutyIncident;
  };
};

/**
 * Handles a PagerDuty v3 webhook's incident event: reads the incident through the REST API as
 * the pull does (so both write the same event, under the same id) and writes it with the
 * scorecard's own writer, as the collector writes. When the API cannot be read, the webhook's own copy of the incident
 * is written instead, with the acknowledgement or resolution time it announces.
 */
export function createWebhookHandler(
  deps: PagerDutyDeps & { writer: ScorecardEventWriter },
) {
  const logger: LoggerService = deps.logger;
  return async (params: EventParams) => {
    const { event } = (params.eventPayload ?? {}) as WebhookPayload;
    if (
      event?.resource_type !== 'incident' ||
      !INCIDENT_EVENT_TYPES.includes(event.event_type ?? '') ||
      !event.data?.id ||
      !event.data.service?.id
    )
      return;
    const serviceId = event.data.service.id;
    const [target] = await annotatedTargets(deps, serviceId);
    if (!target) {
      logger.debug(
        `PagerDuty webhook for service ${serviceId}: no entity is annotated with it`,
      );
      return;
    }
    const account = accountOf(deps.accounts, target);
    let incidentEvent: IncidentEventInput | undefined;
    if (typeof account !== 'string') {
      const client = new PagerDutyClient(account, {
        maxRateLimitWaitMs: deps.options.maxRateLimitWaitMs,
        retryBaseMs: deps.retryBaseMs,
      });
      try {
        incidentEvent = await toIncidentEvent(
          await client.incident(event.data.id),
          target.entityRef,
          client,
          deps.options,
        );
      } catch (error) {
        logger.warn(
          `PagerDuty incident ${event.data.id}: could not read it from the API (${error}); writing the webhook's copy`,
        );
      }
    }
    if (!incidentEvent) {
      // the webhook's copy of the incident, with the moment it announces
      const announced: { acknowledgedAt?: string; resolvedAt?: string } = {};
      if (event.event_type === 'incident.acknowledged')
        announced.acknowledgedAt = event.occurred_at;
      if (event.event_type === 'incident.resolved')
        announced.resolvedAt = event.occurred_at;
      incidentEvent = incidentEventOf(
        { ...event.data, resolved_at: announced.resolvedAt },
        target.entityRef,
        deps.options,
        announced,
      );
    }
    await deps.writer.write({ source: SOURCE, incidents: [incidentEvent] });
  };
}
