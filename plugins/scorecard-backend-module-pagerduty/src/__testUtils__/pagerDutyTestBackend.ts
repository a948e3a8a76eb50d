import { HttpResponse } from 'msw';
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  componentCatalog,
  setupFakeApiServer,
  startCollectorTestBackend,
  type CollectorTestBackend,
} from '@opmodel/plugin-scorecard-node/testing';
import pagerDutyFeatures from '../index';
import {
  API,
  TOKEN,
  pagerDutyHandlers,
  type FixtureIncident,
  type PagerDutyFixture,
} from './pagerDutyApi';
// the real scorecard backend, which this module is a module of
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';

/*
 * What the PagerDuty module's test runs on: the catalog and the incidents behind it, the backend
 * (the module and the events backend, the collector on a short schedule of its own) and the reads
 * of what it stored.
 */

export const DAY = 24 * 3600_000;
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const service = (name: string, serviceId: string) => ({
  name,
  owner: 'group:shop',
  annotations: { 'pagerduty.com/service-id': serviceId },
});

const catalog = componentCatalog(
  service('checkout', 'PCHECK1'),
  service('billing', 'PBILL01'),
  service('ledger', 'PLEDGER'),
  service('search', 'PGHOST9'),
  { name: 'docs', owner: 'group:shop' },
);

/** A time as `GET /events` gives it back: ISO 8601 in UTC, with milliseconds. */
export const iso = (time: string) => new Date(time).toISOString();

export type StoredIncident = {
  id: string;
  entityRef: string;
  severity: string;
  impact: string;
  triggeredAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  title: string | null;
  url: string | null;
};

/**
 * A PagerDuty behind MSW for the tests of this block (PLEDGER rate-limited, pages of two);
 * requests to the backend go through.
 */
export function usePagerDuty() {
  const fx: PagerDutyFixture = {
    incidents: new Map(),
    listRequests: [],
    failures: new Map(),
    limited: new Set(['PLEDGER']),
    pageSize: 2,
  };
  setupFakeApiServer(...pagerDutyHandlers(fx));
  return { fx, add: (i: FixtureIncident) => fx.incidents.set(i.id, i) };
}

/**
 * checkout's five incidents over 400 days, one still open; billing's one behind a 429 and a 503;
 * ledger's one behind a rate limit that resets in an hour.
 */
export function seedIncidents(
  fx: PagerDutyFixture,
  add: (i: FixtureIncident) => void,
) {
  // checkout: five incidents over 400 days (pages of two, three windows), one still open
  add({
    id: 'POLD001',
    serviceId: 'PCHECK1',
    title: 'Database failover',
    status: 'resolved',
    urgency: 'high',
    priority: 'P1',
    createdAt: ago(380 * DAY),
    acknowledgedAt: [ago(380 * DAY - 4 * 60_000)],
    resolvedAt: ago(380 * DAY - 3600_000),
  });
  add({
    id: 'PMID002',
    serviceId: 'PCHECK1',
    title: 'Slow checkout',
    status: 'resolved',
    urgency: 'high',
    priority: 'P2',
    createdAt: ago(200 * DAY),
    // acknowledged twice (unacknowledged in between): the first one counts
    acknowledgedAt: [
      ago(200 * DAY - 10 * 60_000),
      ago(200 * DAY - 30 * 60_000),
    ],
    resolvedAt: ago(200 * DAY - 2 * 3600_000),
  });
  add({
    id: 'PLOW003',
    serviceId: 'PCHECK1',
    title: 'Disk at 80%',
    status: 'resolved',
    urgency: 'low',
    createdAt: ago(20 * DAY),
    resolvedAt: ago(20 * DAY - 3600_000),
  });
  add({
    id: 'PNEW004',
    serviceId: 'PCHECK1',
    title: 'Card payments failing',
    status: 'resolved',
    urgency: 'high',
    priority: 'P1',
    createdAt: ago(2 * DAY),
    acknowledgedAt: [ago(2 * DAY - 5 * 60_000)],
    resolvedAt: ago(2 * DAY - 40 * 60_000),
  });
  add({
    id: 'POPEN05',
    serviceId: 'PCHECK1',
    title: 'Error rate up',
    status: 'triggered',
    urgency: 'high',
    priority: 'P3',
    createdAt: ago(3 * 3600_000),
  });
  // billing: a 429 with a short Retry-After, then a 503, then the incident
  add({
    id: 'PBILL01',
    serviceId: 'PBILL01',
    title: 'Invoices late',
    status: 'resolved',
    urgency: 'high',
    priority: 'P2',
    createdAt: ago(5 * DAY),
    resolvedAt: ago(5 * DAY - 3600_000),
  });
  fx.failures.set('PBILL01', [
    () =>
      HttpResponse.json(
        { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        { status: 429, headers: { 'Retry-After': '1' } },
      ),
    () => new HttpResponse('upstream unavailable', { status: 503 }),
  ]);
  add({
    id: 'PLEDG01',
    serviceId: 'PLEDGER',
    title: 'Ledger stuck',
    status: 'resolved',
    urgency: 'low',
    createdAt: ago(DAY),
    resolvedAt: ago(DAY - 600_000),
  });
}

export function startPagerDutyBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  return startCollectorTestBackend({
    scorecard: scorecardPlugin,
    databases,
    databaseId,
    catalog,
    events: true,
    features: [pagerDutyFeatures],
    config: {
      pagerDuty: { apiToken: TOKEN, apiBaseUrl: API },
      opmodel: {
        scorecard: {
          pagerduty: {
            schedule: {
              frequency: { seconds: 2 },
              timeout: { minutes: 2 },
            },
            backfillDays: 400,
            maxRateLimitWaitSeconds: 5,
            impact: {
              priorities: { P1: 'outage', P2: 'partial' },
              urgencies: { low: 'none' },
              default: 'degraded',
            },
            severity: { urgencies: { low: 'P4' } },
            webhookSecrets: ['old-secret', 'new-secret'],
          },
        },
      },
    },
  });
}

/** The incidents stored for a Component, over 500 days; undefined unless the backend answers. */
export const incidentsOf = (backend: CollectorTestBackend, name: string) =>
  backend.eventsOf<StoredIncident>(`component:default/${name}`, {
    type: 'incident',
    from: ago(500 * DAY),
  });
