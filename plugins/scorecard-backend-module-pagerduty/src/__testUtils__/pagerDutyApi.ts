import { createHmac } from 'node:crypto';
import { http, HttpResponse } from 'msw';

/**
 * A stand-in for the PagerDuty REST API v2 (https://api.pagerduty.com, `Accept:
 * application/vnd.pagerduty+json;version=2`), answering with the shapes of PagerDuty's API
 * reference (github.com/PagerDuty/api-schema, reference/REST/openapiv3.json, API version 2.0.0):
 *
 * - `GET /services/{id}`: `{ service }`, or 404 `{ error: { message: 'Not Found', code: 2100 } }`;
 * - `GET /incidents`: `{ incidents, limit, offset, more, total }` for `service_ids[]`, the
 *   incidents created in [since, until), at most 6 months apart (400 otherwise, as PagerDuty
 *   answers a longer range), in pages of `pageSize`;
 * - `GET /incidents/{id}`: `{ incident }`;
 * - `GET /incidents/{id}/log_entries`: `{ log_entries, limit, offset, more, total }`, entries of
 *   types `trigger_log_entry`, `acknowledge_log_entry` and `resolve_log_entry`.
 */
export const API = 'https://api.pagerduty.com';
export const TOKEN = 'pd-test-token';

export type FixtureIncident = {
  id: string;
  serviceId: string;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority?: string;
  createdAt: string;
  acknowledgedAt?: string[];
  resolvedAt?: string;
};

export function incidentJson(i: FixtureIncident) {
  const ref = (type: string, id: string, summary: string) => ({
    id,
    type,
    summary,
    self: `${API}/${type.replace('_reference', '')}s/${id}`,
    html_url: `https://acme.pagerduty.com/${type.replace(
      '_reference',
      '',
    )}s/${id}`,
  });
  return {
    id: i.id,
    type: 'incident',
    summary: `[#1] ${i.title}`,
    self: `${API}/incidents/${i.id}`,
    html_url: `https://acme.pagerduty.com/incidents/${i.id}`,
    incident_number: 1,
    title: i.title,
    created_at: i.createdAt,
    updated_at: i.resolvedAt ?? i.acknowledgedAt?.at(-1) ?? i.createdAt,
    status: i.status,
    incident_key: `key-${i.id}`,
    service: ref('service_reference', i.serviceId, 'Checkout'),
    assignments: [],
    assigned_via: 'escalation_policy',
    last_status_change_at:
      i.resolvedAt ?? i.acknowledgedAt?.at(-1) ?? i.createdAt,
    resolved_at: i.status === 'resolved' ? i.resolvedAt : null,
    first_trigger_log_entry: {
      id: `T${i.id}`,
      type: 'trigger_log_entry_reference',
      summary: 'Triggered through the API',
      self: `${API}/log_entries/T${i.id}?incident_id=${i.id}`,
      html_url: `https://acme.pagerduty.com/incidents/${i.id}/log_entries/T${i.id}`,
    },
    alert_counts: { all: 1, triggered: 0, resolved: 1 },
    is_mergeable: true,
    incident_type: { name: 'incident_default' },
    escalation_policy: ref('escalation_policy_reference', 'PT20YPA', 'Ops'),
    teams: [],
    pending_actions: [],
    acknowledgements:
      i.status === 'acknowledged'
        ? (i.acknowledgedAt ?? []).map(at => ({
            at,
            acknowledger: ref('user_reference', 'PXPGF42', 'Earline'),
          }))
        : [],
    urgency: i.urgency,
    priority: i.priority
      ? {
          id: `PRI${i.priority}`,
          type: 'priority',
          summary: i.priority,
          self: `${API}/priorities/PRI${i.priority}`,
          name: i.priority,
          description: '',
          color: 'a8171c',
          order: 1,
        }
      : null,
  };
}

function logEntries(i: FixtureIncident) {
  const entry = (type: string, at: string, n: number) => ({
    id: `${type[0].toUpperCase()}${n}${i.id}`,
    type,
    summary: type,
    self: `${API}/log_entries/${n}${i.id}?incident_id=${i.id}`,
    html_url: `https://acme.pagerduty.com/incidents/${i.id}/log_entries/${n}`,
    created_at: at,
    agent: { id: 'PXPGF42', type: 'user_reference', summary: 'Earline' },
    channel: { type: 'web_ui' },
    incident: { id: i.id, type: 'incident_reference' },
    teams: [],
    contexts: [],
  });
  // newest first, as PagerDuty lists an incident's log
  return [
    ...(i.resolvedAt ? [entry('resolve_log_entry', i.resolvedAt, 9)] : []),
    ...(i.acknowledgedAt ?? [])
      .map((at, n) => entry('acknowledge_log_entry', at, n + 1))
      .reverse(),
    entry('trigger_log_entry', i.createdAt, 0),
  ];
}

export type PagerDutyFixture = {
  incidents: Map<string, FixtureIncident>;
  /** Every `GET /incidents` list request: service, since, until, offset. */
  listRequests: Array<{
    service: string;
    since: string;
    until: string;
    offset: number;
  }>;
  /** Responses to serve before any other, per service: a 429 or a 5xx. */
  failures: Map<string, Array<() => Response>>;
  /** Services that answer 429 with a long Retry-After while true. */
  limited: Set<string>;
  pageSize: number;
};

const MAX_RANGE_MS = 184 * 24 * 60 * 60 * 1000;

export function pagerDutyHandlers(fx: PagerDutyFixture) {
  const authorized = (request: Request) =>
    request.headers.get('authorization') === `Token token=${TOKEN}` &&
    request.headers.get('accept') ===
      'application/vnd.pagerduty+json;version=2';
  const unauthorized = () =>
    HttpResponse.json(
      { error: { message: 'Unauthorized', code: 2006 } },
      { status: 401 },
    );
  const notFound = () =>
    HttpResponse.json(
      { error: { message: 'Not Found', code: 2100 } },
      { status: 404 },
    );
  const services = () =>
    new Set([...fx.incidents.values()].map(i => i.serviceId));
  return [
    http.get(`${API}/services/:id`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized();
      const id = String(params.id);
      if (!services().has(id) && !fx.limited.has(id) && !fx.failures.has(id))
        return notFound();
      return HttpResponse.json({
        service: {
          id,
          type: 'service',
          summary: id,
          name: id,
          self: `${API}/services/${id}`,
          html_url: `https://acme.pagerduty.com/service-directory/${id}`,
          status: 'active',
        },
      });
    }),
    http.get(`${API}/incidents`, ({ request }) => {
      if (!authorized(request)) return unauthorized();
      const url = new URL(request.url);
      const service = url.searchParams.get('service_ids[]') ?? '';
      const since = url.searchParams.get('since') ?? '';
      const until = url.searchParams.get('until') ?? '';
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(
        Number(url.searchParams.get('limit') ?? 25),
        fx.pageSize,
      );
      fx.listRequests.push({ service, since, until, offset });
      if (fx.limited.has(service))
        return HttpResponse.json(
          { error: { message: 'Rate Limit Exceeded', code: 2020 } },
          { status: 429, headers: { 'Retry-After': '3600' } },
        );
      const failure = fx.failures.get(service)?.shift();
      if (failure) return failure();
      if (Date.parse(until) - Date.parse(since) > MAX_RANGE_MS)
        return HttpResponse.json(
          {
            error: {
              message: 'Invalid Input Provided',
              code: 2001,
              errors: ['Date range may not exceed 6 months'],
            },
          },
          { status: 400 },
        );
      const all = [...fx.incidents.values()]
        .filter(
          i =>
            i.serviceId === service &&
            i.createdAt >= new Date(since).toISOString() &&
            i.createdAt < new Date(until).toISOString(),
        )
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const page = all.slice(offset, offset + limit);
      return HttpResponse.json({
        incidents: page.map(incidentJson),
        limit,
        offset,
        more: offset + limit < all.length,
        total: null,
      });
    }),
    http.get(`${API}/incidents/:id`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized();
      const i = fx.incidents.get(String(params.id));
      return i ? HttpResponse.json({ incident: incidentJson(i) }) : notFound();
    }),
    http.get(`${API}/incidents/:id/log_entries`, ({ request, params }) => {
      if (!authorized(request)) return unauthorized();
      const i = fx.incidents.get(String(params.id));
      if (!i) return notFound();
      const entries = logEntries(i);
      return HttpResponse.json({
        log_entries: entries,
        limit: 100,
        offset: 0,
        more: false,
        total: null,
      });
    }),
  ];
}

/**
 * A PagerDuty v3 webhook (developer.pagerduty.com, "V3 Webhooks": `{ event: { id, event_type,
 * resource_type, occurred_at, agent, client, data } }`, data an incident with a
 * `priority_reference`), and its body signed as PagerDuty signs it: `X-PagerDuty-Signature:
 * v1=<hex HMAC-SHA256 of the body>`, one `v1=` per secret of the subscription.
 */
export function webhook(
  eventType: string,
  i: FixtureIncident,
  occurredAt: string,
) {
  return JSON.stringify({
    event: {
      id: `01E${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt,
      agent: {
        html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
        id: 'PLH1HKV',
        self: `${API}/users/PLH1HKV`,
        summary: 'Tenex Engineer',
        type: 'user_reference',
      },
      client: null,
      data: {
        id: i.id,
        type: 'incident',
        self: `${API}/incidents/${i.id}`,
        html_url: `https://acme.pagerduty.com/incidents/${i.id}`,
        number: 2,
        status: i.status,
        incident_key: `key-${i.id}`,
        created_at: i.createdAt,
        title: i.title,
        service: {
          html_url: `https://acme.pagerduty.com/services/${i.serviceId}`,
          id: i.serviceId,
          self: `${API}/services/${i.serviceId}`,
          summary: 'Checkout',
          type: 'service_reference',
        },
        assignees: [],
        escalation_policy: {
          id: 'PT20YPA',
          type: 'escalation_policy_reference',
          summary: 'Ops',
        },
        teams: [],
        priority: i.priority
          ? {
              id: `PRI${i.priority}`,
              summary: i.priority,
              type: 'priority_reference',
            }
          : null,
        urgency: i.urgency,
        conference_bridge: null,
        resolve_reason: null,
      },
    },
  });
}

export function sign(body: string, secret: string) {
  return `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
