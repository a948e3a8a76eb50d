import { TestDatabases } from '@backstage/backend-test-utils';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';
import {
  sign,
  webhook,
  type FixtureIncident,
} from './__testUtils__/pagerDutyApi';
import {
  iso,
  DAY,
  ago,
  incidentsOf as storedIncidentsOf,
  seedIncidents,
  startPagerDutyBackend,
  usePagerDuty,
} from './__testUtils__/pagerDutyTestBackend';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'PagerDuty incidents into the scorecard on %s',
  databaseId => {
    const { fx, add } = usePagerDuty();

    it('pulls, pages, splits windows, backs off, reports coverage and takes signed webhooks', async () => {
      seedIncidents(fx, add);
      const backend = await startPagerDutyBackend(databases, databaseId);
      const coverageOf = (entityRef: string) => backend.coverageOf(entityRef);
      const incidentsOf = (name: string) => storedIncidentsOf(backend, name);
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
          triggeredAt: iso(fx.incidents.get('POLD001')!.createdAt),
          acknowledgedAt: iso(fx.incidents.get('POLD001')!.acknowledgedAt![0]),
          resolvedAt: iso(fx.incidents.get('POLD001')!.resolvedAt!),
        });
        expect(of('PMID002')).toMatchObject({
          severity: 'P2',
          impact: 'partial',
          acknowledgedAt: iso(fx.incidents.get('PMID002')!.acknowledgedAt![0]),
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
          acknowledgedAt: iso(open.acknowledgedAt[0]),
          resolvedAt: iso(open.resolvedAt),
        });
        expect(await incidentsOf('checkout')).toHaveLength(5);

        // --- webhooks ---------------------------------------------------------------------
        const post = (body: string, signature: string) =>
          backend.postWebhook('pagerduty', body, {
            'X-PagerDuty-Signature': signature,
          });

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
        const unsigned = await backend.postWebhook('pagerduty', forged);
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
          acknowledgedAt: iso(other.acknowledgedAt![0]),
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
          return e?.resolvedAt === iso(late.resolvedAt!) ? e : undefined;
        });
        expect(final).toMatchObject({
          triggeredAt: iso(late.createdAt),
          acknowledgedAt: iso(late.acknowledgedAt[0]),
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
