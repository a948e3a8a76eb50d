// The stand-in PagerDuty: REST API v2, under ${url}/pagerduty.
import { MINUTE, HOUR, DAY, iso, sha1, send, intParam } from './http.mjs';

/**
 * PagerDuty service PSVC<i>: four incidents over the last `days` days. The three older ones are
 * acknowledged and resolved; the newest, triggered two to four hours ago, is acknowledged and open. Severity comes as a
 * priority (P1, P2) except for one incident with no priority and a low urgency.
 */
function serviceIncidents(i, now, days) {
  const base = Math.floor(now / MINUTE) * MINUTE;
  const span = Math.max(1, days) * DAY;
  const incidents = [];
  for (let j = 0; j < 4; j++) {
    const open = j === 3;
    // the open one was triggered a few hours ago; the others are spread over the window
    const createdAt = open
      ? base - (2 + (i % 3)) * HOUR - (i % 7) * 5 * MINUTE
      : base -
        Math.round((span * (4 - j)) / 5) +
        ((i * 37 + j * 53) % 180) * MINUTE;
    const acknowledgedAt = createdAt + (3 + ((i + j) % 4) * 6) * MINUTE;
    const resolvedAt = open
      ? undefined
      : createdAt + (45 + ((i * 3 + j * 11) % 6) * 40) * MINUTE;
    const priority = j === 1 ? undefined : j % 2 === 0 ? 'P1' : 'P2';
    incidents.push({
      id: `Q${String(i).padStart(4, '0')}INC${j}`,
      number: i * 10 + j + 1,
      serviceId: `PSVC${i}`,
      title: `service-${i}: ${
        ['checkout errors', 'slow responses', 'queue backlog', 'elevated 5xx'][
          j
        ]
      }`,
      status: open ? 'acknowledged' : 'resolved',
      urgency: priority === undefined ? 'low' : 'high',
      priority,
      createdAt,
      acknowledgedAt,
      resolvedAt,
    });
  }
  return incidents;
}

export function pagerDutyHandler({ count, now, days, stats }) {
  const api = '/pagerduty';
  const PD = 'https://acme.pagerduty.com';
  const services = new Map();
  const incidentsOf = serviceId => {
    const m = serviceId.match(/^PSVC(\d+)$/);
    if (!m || Number(m[1]) >= count || String(Number(m[1])) !== m[1])
      return undefined;
    if (!services.has(serviceId))
      services.set(serviceId, serviceIncidents(Number(m[1]), now, days));
    return services.get(serviceId);
  };
  const incidentById = id => {
    const m = id.match(/^Q(\d{4})INC\d$/);
    return m
      ? incidentsOf(`PSVC${Number(m[1])}`)?.find(x => x.id === id)
      : undefined;
  };

  const handle = (req, res, url, base) => {
    stats.pagerduty.requests++;
    const self = `${base}${api}`;
    // the error body of the REST API v2: { error: { message, code, errors? } }
    const error = (status, message, code, errors) =>
      send(res, status, {
        error: { message, code, ...(errors ? { errors } : {}) },
      });
    const ref = (type, id, summary, path) => ({
      id,
      type,
      summary,
      self: `${self}/${path}/${id}`,
      html_url: `${PD}/${path}/${id}`,
    });
    const escalationPolicy = () =>
      ref(
        'escalation_policy_reference',
        'PEPOLCY',
        'Acme on-call',
        'escalation_policies',
      );
    const incidentJson = x => {
      const lastChange =
        x.status === 'resolved' ? x.resolvedAt : x.acknowledgedAt;
      return {
        id: x.id,
        type: 'incident',
        summary: `[#${x.number}] ${x.title}`,
        self: `${self}/incidents/${x.id}`,
        html_url: `${PD}/incidents/${x.id}`,
        incident_number: x.number,
        title: x.title,
        created_at: iso(x.createdAt),
        updated_at: iso(lastChange),
        status: x.status,
        incident_key: sha1(x.id).slice(0, 32),
        service: ref('service_reference', x.serviceId, x.serviceId, 'services'),
        assignments: [],
        assigned_via: 'escalation_policy',
        last_status_change_at: iso(lastChange),
        resolved_at: x.status === 'resolved' ? iso(x.resolvedAt) : null,
        first_trigger_log_entry: {
          id: `R${x.id}T`,
          type: 'trigger_log_entry_reference',
          summary: 'Triggered through the API.',
          self: `${self}/log_entries/R${x.id}T`,
          html_url: `${PD}/incidents/${x.id}/log_entries/R${x.id}T`,
        },
        alert_counts: {
          all: 1,
          triggered: x.status === 'resolved' ? 0 : 1,
          resolved: x.status === 'resolved' ? 1 : 0,
        },
        is_mergeable: true,
        incident_type: { name: 'incident_default' },
        escalation_policy: escalationPolicy(),
        teams: [],
        pending_actions: [],
        acknowledgements:
          x.status === 'acknowledged'
            ? [
                {
                  at: iso(x.acknowledgedAt),
                  acknowledger: ref(
                    'user_reference',
                    'PUSER01',
                    'On-call engineer',
                    'users',
                  ),
                },
              ]
            : [],
        alert_grouping: null,
        last_status_change_by: ref(
          'user_reference',
          'PUSER01',
          'On-call engineer',
          'users',
        ),
        priority: x.priority
          ? {
              id: `PRIO${x.priority}`,
              type: 'priority',
              summary: x.priority,
              self: `${self}/priorities/PRIO${x.priority}`,
              html_url: null,
              name: x.priority,
              description: '',
              color: x.priority === 'P1' ? 'a8171c' : 'eb6016',
              order: x.priority === 'P1' ? 1 : 2,
            }
          : null,
        urgency: x.urgency,
        resolve_reason: null,
        conference_bridge: null,
        body: { type: 'incident_body', details: '' },
      };
    };
    /** `limit` (default 25, at most 100) and `offset`, answered with `more` (and `total`). */
    const page = (key, items) => {
      const limit = Math.min(intParam(url.searchParams.get('limit'), 25), 100);
      const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0);
      const slice = items.slice(offset, offset + limit);
      send(res, 200, {
        [key]: slice,
        limit,
        offset,
        more: offset + slice.length < items.length,
        total: url.searchParams.get('total') === 'true' ? items.length : null,
      });
    };

    const auth = req.headers.authorization ?? '';
    if (!/^(Token token=|Bearer )\S+/.test(auth)) {
      error(401, 'Unauthorized', 2006);
      return;
    }
    if (req.method !== 'GET') {
      error(404, 'Not Found', 2100);
      return;
    }
    const path = url.pathname.slice(api.length);

    // GET /services/{id}, "Get a service", PagerDuty REST API v2
    let m = path.match(/^\/services\/([^/]+)$/);
    if (m) {
      const id = decodeURIComponent(m[1]);
      if (!incidentsOf(id)) {
        error(404, 'Not Found', 2100);
        return;
      }
      send(res, 200, {
        service: {
          id,
          type: 'service',
          summary: `service-${id.slice(4)}`,
          self: `${self}/services/${id}`,
          html_url: `${PD}/service-directory/${id}`,
          name: `service-${id.slice(4)}`,
          description: `The service-${id.slice(4)} service`,
          auto_resolve_timeout: 14400,
          acknowledgement_timeout: 600,
          created_at: iso(now - 400 * DAY),
          status: 'active',
          alert_creation: 'create_alerts_and_incidents',
          escalation_policy: escalationPolicy(),
          teams: [],
          integrations: [],
          incident_urgency_rule: { type: 'constant', urgency: 'high' },
        },
      });
      return;
    }

    // GET /incidents, "List incidents", PagerDuty REST API v2: service_ids[], since/until (on
    // created_at, at most 6 months apart), statuses[], sort_by, limit/offset
    if (path === '/incidents') {
      const q = url.searchParams;
      const serviceIds = q.getAll('service_ids[]');
      const since = q.has('since')
        ? Date.parse(q.get('since'))
        : Date.now() - 30 * DAY;
      const until = q.has('until') ? Date.parse(q.get('until')) : Date.now();
      if (!Number.isFinite(since) || !Number.isFinite(until) || until < since) {
        error(400, 'Invalid Input Provided', 2001, ['Invalid since/until']);
        return;
      }
      if (until - since > 184 * DAY) {
        error(400, 'Invalid Input Provided', 2001, [
          'Date range may not exceed 6 months',
        ]);
        return;
      }
      const statuses = q.getAll('statuses[]');
      const all = (
        serviceIds.length
          ? serviceIds
          : [...Array(count).keys()].map(n => `PSVC${n}`)
      )
        .flatMap(id => incidentsOf(id) ?? [])
        .filter(
          x =>
            x.createdAt >= since &&
            x.createdAt < until &&
            (!statuses.length || statuses.includes(x.status)),
        )
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      if ((q.get('sort_by') ?? '').endsWith(':desc')) all.reverse();
      page('incidents', all.map(incidentJson));
      return;
    }

    // GET /incidents/{id}, "Get an incident", PagerDuty REST API v2
    m = path.match(/^\/incidents\/([^/]+)$/);
    if (m) {
      const x = incidentById(decodeURIComponent(m[1]));
      if (!x) {
        error(404, 'Not Found', 2100);
        return;
      }
      send(res, 200, { incident: incidentJson(x) });
      return;
    }

    // GET /incidents/{id}/log_entries, "List log entries for an incident", PagerDuty REST API
    // v2: newest first; trigger, notify, acknowledge and resolve entries
    m = path.match(/^\/incidents\/([^/]+)\/log_entries$/);
    if (m) {
      const x = incidentById(decodeURIComponent(m[1]));
      if (!x) {
        error(404, 'Not Found', 2100);
        return;
      }
      const entry = (type, at, suffix, agent, channel) => ({
        id: `R${x.id}${suffix}`,
        type,
        summary: {
          trigger_log_entry: 'Triggered through the API.',
          notify_log_entry: 'Notified On-call engineer by push notification.',
          acknowledge_log_entry: 'Acknowledged by On-call engineer.',
          resolve_log_entry: 'Resolved by On-call engineer.',
        }[type],
        self: `${self}/log_entries/R${x.id}${suffix}`,
        html_url: `${PD}/incidents/${x.id}/log_entries/R${x.id}${suffix}`,
        created_at: iso(at),
        agent,
        channel,
        service: ref('service_reference', x.serviceId, x.serviceId, 'services'),
        incident: ref('incident_reference', x.id, x.title, 'incidents'),
        teams: [],
        contexts: [],
        event_details: {},
      });
      const user = ref(
        'user_reference',
        'PUSER01',
        'On-call engineer',
        'users',
      );
      const api2 = ref(
        'service_reference',
        x.serviceId,
        x.serviceId,
        'services',
      );
      const entries = [
        entry('trigger_log_entry', x.createdAt, 'T', api2, { type: 'api' }),
        entry('notify_log_entry', x.createdAt + 30_000, 'N', user, {
          type: 'auto',
        }),
        entry('acknowledge_log_entry', x.acknowledgedAt, 'A', user, {
          type: 'mobile',
        }),
        ...(x.resolvedAt
          ? [
              entry('resolve_log_entry', x.resolvedAt, 'R', user, {
                type: 'web_ui',
              }),
            ]
          : []),
      ].reverse();
      page('log_entries', entries);
      return;
    }
    error(404, 'Not Found', 2100);
  };

  /**
   * A new P1 incident of `serviceId`, triggered two minutes ago and acknowledged a minute later:
   * what a benchmark announces with an incident.triggered webhook. Returns the webhook's
   * `event.data` (the incident's id and service, which the module reads the rest by).
   */
  handle.addIncident = serviceId => {
    const incidents = incidentsOf(serviceId);
    if (!incidents) throw new Error(`no service ${serviceId} in the stand-in`);
    if (incidents.length >= 10)
      throw new Error(`the stand-in holds at most 10 incidents a service`);
    const createdAt = Date.now() - 2 * MINUTE;
    const i = Number(serviceId.slice('PSVC'.length));
    const x = {
      id: `Q${String(i).padStart(4, '0')}INC${incidents.length}`,
      number: i * 10 + incidents.length + 1,
      serviceId,
      title: `service-${i}: announced by a webhook`,
      status: 'acknowledged',
      urgency: 'high',
      priority: 'P1',
      createdAt,
      acknowledgedAt: createdAt + MINUTE,
      resolvedAt: undefined,
    };
    incidents.push(x);
    return {
      id: x.id,
      type: 'incident',
      title: x.title,
      status: 'triggered',
      created_at: iso(createdAt),
      service: { id: serviceId, type: 'service_reference' },
    };
  };
  return handle;
}
