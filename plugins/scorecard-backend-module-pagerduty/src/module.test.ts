import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { setupServer } from 'msw/node';
import { HttpResponse } from 'msw';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scorecardPlugin from '@opmodel/plugin-scorecard-backend';
import type { Coverage } from '@opmodel/plugin-scorecard-common';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import pagerDutyFeatures from './index';
import {
  API,
  TOKEN,
  pagerDutyHandlers,
  sign,
  webhook,
  type FixtureIncident,
  type PagerDutyFixture,
} from './__testUtils__/pagerDutyApi';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const component = (name: string, annotations?: Record<string, string>) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  ${annotations ? `annotations: ${JSON.stringify(annotations)}` : ''}
spec: { type: service, lifecycle: production, owner: group:shop }
`;

const catalogFile = [
  component('checkout', { 'pagerduty.com/service-id': 'PCHECK1' }),
  component('billing', { 'pagerduty.com/service-id': 'PBILL01' }),
  component('ledger', { 'pagerduty.com/service-id': 'PLEDGER' }),
  component('search', { 'pagerduty.com/service-id': 'PGHOST9' }),
  component('docs'),
].join('---\n');

const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } };
const DAY = 24 * 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

type StoredIncident = {
  id: string;
  entityRef: string;
  severity: string;
  impact: string;
  triggeredAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  title: string | null;
  url: string | null;
};

describe.each(databases.eachSupportedId())(
  'PagerDuty incidents into the scorecard on %s',
  databaseId => {
    const fx: PagerDutyFixture = {
      incidents: new Map(),
      listRequests: [],
      failures: new Map(),
      limited: new Set(['PLEDGER']),
      pageSize: 2,
    };
    const add = (i: FixtureIncident) => fx.incidents.set(i.id, i);
    const server = setupServer(...pagerDutyHandlers(fx));
    beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
    afterAll(() => server.close());

    it('pulls, pages, splits windows, backs off, reports coverage and takes signed webhooks', async () => {
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

      const knex = await databases.init(databaseId);
      // the events backend in a database of its own, so that its migrations and the catalog's
      // do not create the same migrations table at once
      const eventsKnex = await databases.init(databaseId);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-pagerduty-'));
      fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), catalogFile);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          scorecardPlugin,
          eventsPlugin,
          pagerDutyFeatures,
          eventsServiceFactory,
          schedulerServiceFactory,
          createServiceFactory({
            service: coreServices.database,
            deps: { pluginMetadata: coreServices.pluginMetadata },
            factory: ({ pluginMetadata }) => ({
              getClient: async () =>
                pluginMetadata.getId() === 'events' ? eventsKnex : knex,
            }),
          }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [{ allow: ['Component'] }],
                locations: [
                  { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
                ],
              },
              pagerDuty: { apiToken: TOKEN, apiBaseUrl: API },
              opmodel: {
                scorecard: {
                  catalogSync: { schedule: never },
                  snapshots: { schedule: never },
                  retention: { schedule: never },
                  indexSummaries: { schedule: never },
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
          }),
        ],
      });
      const user = mockCredentials.user.header();
      const coverageOf = async (entityRef: string) => {
        const res = await request(backend.server)
          .get(`/api/scorecard/coverage?entityRef=${entityRef}`)
          .set('Authorization', user);
        return res.status === 200 ? (res.body as Coverage) : undefined;
      };
      const incidentsOf = async (name: string) => {
        const res = await request(backend.server)
          .get(
            `/api/scorecard/events?entityRef=component:default/${name}&type=incident&from=${ago(
              500 * DAY,
            )}`,
          )
          .set('Authorization', user);
        return res.status === 200
          ? (res.body.events as StoredIncident[])
          : undefined;
      };
      const byId = async (name: string, id: string) =>
        (await incidentsOf(name))?.find(e => e.id === id);
      try {
        // --- the pull ---------------------------------------------------------------------
        const checkout = await waitFor(
          'checkout’s five incidents',
          async () => {
            const events = await incidentsOf('checkout');
            return events?.length === 5 ? events : undefined;
          },
          120_000,
        );
        const of = (id: string) => checkout.find(e => e.id === id)!;
        expect(of('POLD001')).toMatchObject({
          severity: 'P1',
          impact: 'outage',
          title: 'Database failover',
          url: 'https://acme.pagerduty.com/incidents/POLD001',
          triggeredAt: Date.parse(fx.incidents.get('POLD001')!.createdAt),
          acknowledgedAt: Date.parse(
            fx.incidents.get('POLD001')!.acknowledgedAt![0],
          ),
          resolvedAt: Date.parse(fx.incidents.get('POLD001')!.resolvedAt!),
        });
        expect(of('PMID002')).toMatchObject({
          severity: 'P2',
          impact: 'partial',
          acknowledgedAt: Date.parse(
            fx.incidents.get('PMID002')!.acknowledgedAt![0],
          ),
        });
        // no priority: severity and impact by urgency
        expect(of('PLOW003')).toMatchObject({
          severity: 'P4',
          impact: 'none',
          acknowledgedAt: null,
        });
        expect(of('POPEN05')).toMatchObject({
          severity: 'P3',
          impact: 'degraded',
          acknowledgedAt: null,
          resolvedAt: null,
        });

        // every list request stayed within PagerDuty's 6 months; the 400 days took 3 windows
        const checkoutLists = fx.listRequests.filter(
          r => r.service === 'PCHECK1',
        );
        for (const r of checkoutLists)
          expect(Date.parse(r.until) - Date.parse(r.since)).toBeLessThanOrEqual(
            180 * DAY,
          );
        const firstRun = checkoutLists.filter(
          r => Date.parse(r.since) < Date.now() - 399 * DAY,
        );
        expect(firstRun).toHaveLength(1);
        const windowsOfFirstRun = new Set(
          checkoutLists
            .filter(r => Date.parse(r.since) < Date.now() - 300 * DAY)
            .map(r => r.since),
        );
        expect(windowsOfFirstRun.size).toBe(1);
        // the last window has three incidents in pages of two: offsets 0 and 2
        expect(
          checkoutLists.some(
            r => r.offset === 2 && r.since !== firstRun[0].since,
          ),
        ).toBe(true);

        // billing: read after the 429 (Retry-After: 1 s) and the 503
        expect(
          await waitFor('billing’s incident', () => byId('billing', 'PBILL01')),
        ).toMatchObject({ severity: 'P2', impact: 'partial' });
        expect(fx.failures.get('PBILL01')).toHaveLength(0);

        // coverage: read, not found, rate-limited; the entity without annotation is not there
        const searchCoverage = await waitFor('search’s coverage', async () =>
          (await coverageOf('component:default/search'))?.sources.at(0),
        );
        expect(searchCoverage).toMatchObject({
          collector: 'pagerduty',
          source: 'pagerduty',
          lastError:
            'PagerDuty service PGHOST9 not found with the configured token',
        });
        const ledgerCoverage = await waitFor('ledger’s coverage', async () =>
          (await coverageOf('component:default/ledger'))?.sources.at(0),
        );
        expect(ledgerCoverage.lastError).toMatch(
          /PagerDuty service PLEDGER: PagerDuty's rate limit resets in 3600 s; reading resumes at the next run/,
        );
        expect(await coverageOf('component:default/docs')).toEqual({
          entityRef: 'component:default/docs',
          sources: [],
        });
        expect(
          (await coverageOf('component:default/checkout'))?.sources[0],
        ).toMatchObject({ collector: 'pagerduty', lastWrittenCount: 5 });
        // a long reset is not waited for in a loop: one request per run
        const ledgerRequests = fx.listRequests.filter(
          r => r.service === 'PLEDGER',
        ).length;
        // ...and once the limit is lifted, the next run reads the service
        fx.limited.delete('PLEDGER');
        expect(
          await waitFor('ledger’s incident', () => byId('ledger', 'PLEDG01')),
        ).toMatchObject({ severity: 'P4', impact: 'none' });
        expect(ledgerRequests).toBeLessThan(10);
        expect(
          (await coverageOf('component:default/ledger'))?.sources[0].lastError,
        ).toBeUndefined();

        // the open incident goes on: acknowledged and resolved, the same event updated
        const open = fx.incidents.get('POPEN05')!;
        open.status = 'resolved';
        open.acknowledgedAt = [ago(2 * 3600_000)];
        open.resolvedAt = ago(3600_000);
        const resolved = await waitFor('POPEN05 resolved', async () => {
          const e = await byId('checkout', 'POPEN05');
          return e?.resolvedAt ? e : undefined;
        });
        expect(resolved).toMatchObject({
          acknowledgedAt: Date.parse(open.acknowledgedAt[0]),
          resolvedAt: Date.parse(open.resolvedAt),
        });
        expect(await incidentsOf('checkout')).toHaveLength(5);

        // --- webhooks ---------------------------------------------------------------------
        const post = (body: string, signature: string) =>
          request(backend.server)
            .post('/api/events/http/pagerduty')
            .set('Content-Type', 'application/json')
            .set('X-PagerDuty-Signature', signature)
            .send(body);

        // an incident the pull has no more reason to list (created before its cursor)
        const late: FixtureIncident = {
          id: 'PLATE06',
          serviceId: 'PCHECK1',
          title: 'Cache stampede',
          status: 'triggered',
          urgency: 'high',
          priority: 'P1',
          createdAt: ago(10 * DAY),
        };
        add(late);
        const forged = webhook('incident.triggered', late, late.createdAt);
        const refused = await post(forged, sign(forged, 'not-the-secret'));
        expect(refused.status).toBe(401);
        const unsigned = await request(backend.server)
          .post('/api/events/http/pagerduty')
          .set('Content-Type', 'application/json')
          .send(forged);
        expect(unsigned.status).toBe(401);

        // a second incident, signed with the second secret beside a stale signature
        const other: FixtureIncident = {
          id: 'PLATE07',
          serviceId: 'PCHECK1',
          title: 'Queue backlog',
          status: 'acknowledged',
          urgency: 'low',
          createdAt: ago(9 * DAY),
          acknowledgedAt: [ago(9 * DAY - 60_000)],
        };
        add(other);
        const rotated = webhook(
          'incident.acknowledged',
          other,
          other.acknowledgedAt![0],
        );
        const accepted = await post(
          rotated,
          `v1=${'0'.repeat(64)},${sign(rotated, 'new-secret')}`,
        );
        expect(accepted.status).toBe(202);
        expect(
          await waitFor('PLATE07 from its webhook', () =>
            byId('checkout', 'PLATE07'),
          ),
        ).toMatchObject({
          severity: 'P4',
          impact: 'none',
          acknowledgedAt: Date.parse(other.acknowledgedAt![0]),
        });
        // the refused one wrote nothing, though it came first
        expect(await byId('checkout', 'PLATE06')).toBeUndefined();

        // a re-opened incident: triggered, resolved, re-opened, resolved again; one event
        const triggered = webhook('incident.triggered', late, late.createdAt);
        expect(
          (await post(triggered, sign(triggered, 'old-secret'))).status,
        ).toBe(202);
        await waitFor('PLATE06 from its webhook', () =>
          byId('checkout', 'PLATE06'),
        );
        late.status = 'resolved';
        late.acknowledgedAt = [ago(10 * DAY - 5 * 60_000)];
        late.resolvedAt = ago(10 * DAY - 20 * 60_000);
        const first = webhook('incident.resolved', late, late.resolvedAt);
        await post(first, sign(first, 'old-secret'));
        await waitFor('PLATE06 resolved', async () =>
          (await byId('checkout', 'PLATE06'))?.resolvedAt ? true : undefined,
        );
        late.status = 'triggered';
        const reopened = webhook(
          'incident.reopened',
          late,
          ago(10 * DAY - 30 * 60_000),
        );
        expect(
          (await post(reopened, sign(reopened, 'old-secret'))).status,
        ).toBe(202);
        late.status = 'resolved';
        late.resolvedAt = ago(10 * DAY - 90 * 60_000);
        const again = webhook('incident.resolved', late, late.resolvedAt);
        await post(again, sign(again, 'old-secret'));
        const final = await waitFor('PLATE06 resolved again', async () => {
          const e = await byId('checkout', 'PLATE06');
          return e?.resolvedAt === Date.parse(late.resolvedAt!) ? e : undefined;
        });
        expect(final).toMatchObject({
          triggeredAt: Date.parse(late.createdAt),
          acknowledgedAt: Date.parse(late.acknowledgedAt[0]),
          severity: 'P1',
          impact: 'outage',
        });

        // a webhook of an incident the pull also reads: stored once
        const fresh: FixtureIncident = {
          id: 'PBOTH08',
          serviceId: 'PCHECK1',
          title: 'TLS expiry',
          status: 'triggered',
          urgency: 'high',
          priority: 'P2',
          createdAt: ago(60_000),
        };
        add(fresh);
        const both = webhook('incident.triggered', fresh, fresh.createdAt);
        expect((await post(both, sign(both, 'old-secret'))).status).toBe(202);
        const listsBefore = fx.listRequests.length;
        await waitFor('a pull after the webhook', () =>
          fx.listRequests.length > listsBefore + 2 ? true : undefined,
        );
        const events = await incidentsOf('checkout');
        expect(events!.filter(e => e.id === 'PBOTH08')).toHaveLength(1);
        expect(events!.map(e => e.id).sort()).toEqual([
          'PBOTH08',
          'PLATE06',
          'PLATE07',
          'PLOW003',
          'PMID002',
          'PNEW004',
          'POLD001',
          'POPEN05',
        ]);
      } finally {
        await backend.stop();
      }
    });
  },
);
