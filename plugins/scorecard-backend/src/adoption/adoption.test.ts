import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ARGO,
  DEV,
  NOBODY,
  OUTSIDER,
  startScorecardTestBackend,
  type ScorecardTestBackend,
} from '../__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * A Platform's adoption through the API, from the example catalog read by the real catalog
 * backend: who declares, who is observed, the share of stream-aligned teams, per capability, the
 * mismatches with their fixes, and the day's figures stored as history.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('adoption on %s', databaseId => {
  let t: ScorecardTestBackend;

  beforeAll(async () => {
    t = await startScorecardTestBackend(databases, databaseId);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('finds the developer platform’s consumer teams, declared and observed, and the share of stream-aligned teams', async () => {
    expect(
      (await t.runTask('scorecard-catalog-sync')).lastRunError,
    ).toBeUndefined();
    const res = await t.get(`/api/scorecard/adoption?entityRef=${DEV}`);
    expect(res.status).toBe(200);
    const teams = Object.fromEntries(
      res.body.teams.map((x: any) => [
        x.team,
        [x.declared, x.observed, x.streamAligned],
      ]),
    );
    expect(teams).toEqual({
      'group:default/catalog-search': [true, true, true],
      'group:default/checkout': [true, true, true],
      'group:default/customer-accounts': [true, true, true],
      // a platform team running its jobs on the shared cluster: a consumer, not stream-aligned
      'group:default/data-platform-team': [false, true, false],
      // declared, but its services run on nothing the platform provides
      'group:default/fulfilment': [true, false, true],
      // its log pipeline runs on the shared cluster
      'group:default/observability-team': [false, true, false],
      'group:default/payments': [true, true, true],
    });
    const checkout = res.body.teams.find(
      (x: any) => x.team === 'group:default/checkout',
    );
    expect(checkout.via).toEqual([
      'component:default/cart-service',
      'component:default/checkout-service',
    ]);
    expect(res.body.streamAligned).toEqual({
      consuming: 5,
      total: 6,
      share: 5 / 6,
    });
    const running = res.body.capabilities.find(
      (c: any) => c.id === 'run-containers',
    );
    expect(running.streamAligned).toEqual({
      consuming: 4,
      total: 6,
      share: 4 / 6,
    });
    expect(res.body.findings.map((f: any) => [f.team, f.kind])).toEqual([
      ['group:default/data-platform-team', 'observed-not-declared'],
      ['group:default/fulfilment', 'declared-not-observed'],
      ['group:default/observability-team', 'observed-not-declared'],
    ]);
    // today's figures are the first day of its history
    expect(res.body.history).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        consumers: 7,
        streamAligned: { consuming: 5, total: 6, share: 5 / 6 },
      },
    ]);
  });

  it('lists every Platform’s adoption in figures, those the caller may see', async () => {
    const res = await t.get('/api/scorecard/adoptions');
    expect(res.status).toBe(200);
    const dev = res.body.platforms.find((p: any) => p.entityRef === DEV);
    expect(dev).toMatchObject({
      consumers: 7,
      streamAligned: { consuming: 5, total: 6 },
    });
    expect(dev.consumingEntities).toBeGreaterThanOrEqual(7);
    expect(res.body.platforms.map((p: any) => p.entityRef)).toEqual(
      expect.arrayContaining([
        'platform:default/data-platform',
        'platform:default/observability-platform',
      ]),
    );
    // the policy hides the developer platform from the outsider
    const outsider = await t.get('/api/scorecard/adoptions', OUTSIDER);
    expect(outsider.status).toBe(200);
    expect(outsider.body.platforms.map((p: any) => p.entityRef)).not.toContain(
      DEV,
    );
    expect((await t.get('/api/scorecard/adoptions', NOBODY)).status).toBe(403);
  });

  it('measures Platforms only, and applies the read permission and the catalog’s visibility', async () => {
    const component = await t.get(`/api/scorecard/adoption?entityRef=${ARGO}`);
    expect(component.status).toBe(400);
    expect(component.body.error.message).toBe(
      `entityRef: ${ARGO} is a component; adoption is measured for Platforms`,
    );
    expect(
      (await t.get(`/api/scorecard/adoption?entityRef=${DEV}`, NOBODY)).status,
    ).toBe(403);
    expect(
      (await t.get(`/api/scorecard/adoption?entityRef=${DEV}`, OUTSIDER))
        .status,
    ).toBe(404);
  });
});
