import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  at,
  BASE,
  CI,
  DAY,
  DEV,
  FROM,
  HOUR,
  metric,
  NOBODY,
  READER,
  startScorecardTestBackend,
  TO,
  TODAY,
  type ScorecardTestBackend,
} from './__testUtils__/startScorecardTestBackend';

jest.setTimeout(240_000);

/*
 * The platform as a product over HTTP, with the real catalog: survey responses and support
 * requests posted through the ingestion API, read back as the developer platform's scorecard,
 * trend, portfolio and drill-down, with comments kept from callers without their permission.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const team = (name: string) => `group:default/${name}`;
const day = (ms: number) => at(ms).slice(0, 10);

/**
 * Six responses: five from four of the developer platform's seven consumer teams, one from
 * marketing-tech, which does not consume it.
 */
const survey = () => ({
  source: 'survey-tool',
  feedback: [
    {
      id: 'resp-1',
      entityRef: DEV,
      team: team('payments'),
      respondedAt: at(BASE),
      satisfaction: 5,
      recommendation: 10,
      effort: 2,
      capability: 'developer-portal',
      comment: 'Templates saved us a week',
    },
    {
      id: 'resp-2',
      entityRef: DEV,
      team: team('checkout'),
      respondedAt: at(BASE + DAY),
      satisfaction: 4,
      recommendation: 9,
      effort: 3,
      capability: 'developer-portal',
    },
    {
      id: 'resp-3',
      entityRef: DEV,
      team: team('catalog-search'),
      respondedAt: at(BASE + 2 * DAY),
      satisfaction: 4,
      recommendation: 8,
      effort: 2,
    },
    {
      id: 'resp-4',
      entityRef: DEV,
      team: team('customer-accounts'),
      respondedAt: at(BASE + 3 * DAY),
      satisfaction: 5,
      recommendation: 10,
      effort: 1,
    },
    {
      id: 'resp-5',
      entityRef: DEV,
      team: team('payments'),
      respondedAt: at(BASE + 4 * DAY),
      satisfaction: 3,
      recommendation: 6,
      effort: 4,
      comment: 'Build minutes run out at month end',
    },
    {
      id: 'resp-6',
      entityRef: DEV,
      team: team('marketing-tech'),
      respondedAt: at(BASE + 5 * DAY),
      satisfaction: 3,
      recommendation: 7,
      effort: 5,
    },
  ],
});

/**
 * Four requests: two met any sensible target, one was answered only after 30 hours and resolved
 * after 10 days, one is still open (opened an hour before the window's end).
 */
const helpdesk = () => ({
  source: 'helpdesk',
  supportRequests: [
    {
      id: 'REQ-1',
      entityRef: DEV,
      team: team('payments'),
      channel: 'Slack',
      openedAt: at(BASE),
      firstResponseAt: at(BASE + HOUR),
      resolvedAt: at(BASE + 6 * HOUR),
      title: 'Cannot push images',
    },
    {
      id: 'REQ-2',
      entityRef: DEV,
      team: team('checkout'),
      channel: 'jira',
      openedAt: at(BASE + DAY),
      firstResponseAt: at(BASE + DAY + 2 * HOUR),
      resolvedAt: at(BASE + 2 * DAY),
    },
    {
      id: 'REQ-3',
      entityRef: DEV,
      team: team('payments'),
      channel: 'slack',
      openedAt: at(BASE + 2 * DAY),
      firstResponseAt: at(BASE + 2 * DAY + 30 * HOUR),
      resolvedAt: at(BASE + 12 * DAY),
    },
    {
      id: 'REQ-4',
      entityRef: DEV,
      team: team('fulfilment'),
      channel: 'slack',
      openedAt: at(TODAY - HOUR),
    },
  ],
});

describe.each(databases.eachSupportedId())(
  'the platform as a product over HTTP on %s',
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
      // the catalog sync looks at adoption: the consumer teams the rates are measured against
      const sync = await t.runTask('scorecard-catalog-sync');
      if (sync.lastRunError)
        throw new Error(`the catalog sync failed: ${sync.lastRunError}`);
    });

    afterAll(async () => {
      await t?.stop();
    });

    const scorecard = async (user = READER) => {
      const res = await t.get(
        `/api/scorecard/scorecard?entityRef=${DEV}&from=${FROM}&to=${TO}`,
        user,
      );
      expect(res.status).toBe(200);
      return res.body;
    };

    it('rejects a response about something other than a Platform, or from something other than a Group, storing nothing', async () => {
      const bad = survey();
      bad.feedback[0].entityRef = 'component:default/argo-cd';
      bad.feedback[1].team = 'platform:default/data-platform';
      (bad.feedback[2] as any).satisfaction = 6;
      delete (bad.feedback[3] as any).satisfaction;
      delete (bad.feedback[3] as any).recommendation;
      delete (bad.feedback[3] as any).effort;
      const res = await t.post('/api/scorecard/events', bad);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'feedback[2].satisfaction: must be from 1 to 5',
      );
      expect(res.body.error.message).toContain(
        'feedback[3]: answers no question',
      );
      // the kinds are checked once the fields are right
      bad.feedback.splice(2, 2);
      const kinds = await t.post('/api/scorecard/events', bad);
      expect(kinds.status).toBe(400);
      expect(kinds.body.error.message).toContain(
        'feedback[0].entityRef: component:default/argo-cd is a component; this field names a Platform',
      );
      expect(kinds.body.error.message).toContain(
        'feedback[1].team: platform:default/data-platform is a platform; this field names a Group (the team)',
      );
      // a capability the platform does not declare, named by its id
      const unknownCapability = survey();
      unknownCapability.feedback[1].capability = 'deplyo';
      const capability = await t.post(
        '/api/scorecard/events',
        unknownCapability,
      );
      expect(capability.status).toBe(400);
      expect(capability.body.error.message).toContain(
        "feedback[1].capability: 'deplyo' is not a capability of platform:default/developer-platform; use the id of one of its spec.capabilities: developer-portal, new-service,",
      );
      const late = helpdesk();
      late.supportRequests[0].firstResponseAt = at(BASE - HOUR);
      const order = await t.post('/api/scorecard/events', late);
      expect(order.status).toBe(400);
      expect(order.body.error.message).toContain(
        'supportRequests[0].firstResponseAt: is before openedAt',
      );
      expect(
        Number((await t.knex('scorecard_feedback').count({ n: '*' }))[0].n),
      ).toBe(0);
      expect(
        Number(
          (await t.knex('scorecard_support_requests').count({ n: '*' }))[0].n,
        ),
      ).toBe(0);
    });

    it('stores responses and requests idempotently and grades the developer platform on them', async () => {
      const posted = await t.post('/api/scorecard/events', survey());
      expect(posted.body.error?.message).toBeUndefined();
      expect(posted.status).toBe(200);
      expect(posted.body.received).toMatchObject({
        feedback: 6,
        supportRequests: 0,
      });
      expect(
        (await t.post('/api/scorecard/events', helpdesk())).body.received,
      ).toMatchObject({ supportRequests: 4 });
      // sent again: the same six responses, replaced by themselves
      expect((await t.post('/api/scorecard/events', survey())).status).toBe(
        200,
      );
      expect(
        Number((await t.knex('scorecard_feedback').count({ n: '*' }))[0].n),
      ).toBe(6);

      const card = await scorecard();
      // (5 + 4 + 4 + 5 + 3 + 3) / 6
      expect(metric(card, 'csat')).toMatchObject({
        state: 'ok',
        value: 4,
        count: 6,
        details: {
          responses: 6,
          respondingTeams: 5,
          consumerTeams: 7,
          responseRate: 4 / 7,
        },
        byCapability: { 'developer-portal': { value: null, count: 2 } },
      });
      // promoters 10, 9, 10; detractors 6: (3 - 1) / 6 × 100
      expect(metric(card, 'nps').value).toBeCloseTo(100 / 3);
      // (2 + 3 + 2 + 1 + 4 + 5) / 6
      expect(metric(card, 'customerEffort').value).toBeCloseTo(17 / 6);
      // answered in 1 h, 2 h and 30 h; REQ-4 not yet
      expect(metric(card, 'supportTimeToFirstResponse')).toMatchObject({
        value: 2 * HOUR,
        p90: 30 * HOUR,
        count: 3,
        details: { unanswered: 1 },
      });
      // resolved in 6 h, 1 day and 10 days
      expect(metric(card, 'supportTimeToResolve')).toMatchObject({
        value: DAY,
        p90: 10 * DAY,
        count: 3,
        details: { open: 1 },
      });
      expect(metric(card, 'supportRequestsPerTeam')).toMatchObject({
        value: 4 / 7,
        details: { requests: 4, 'channel:slack': 3, 'channel:jira': 1 },
      });
      // five of the six stream-aligned teams consume the developer platform
      expect(metric(card, 'adoptionShare')).toMatchObject({
        value: 5 / 6,
        count: 6,
      });
      // a Component's scorecard has no product metrics
      const component = await t.get(
        `/api/scorecard/scorecard?entityRef=component:default/argo-cd&from=${FROM}&to=${TO}`,
      );
      expect(component.body.metrics.map((m: any) => m.metric)).not.toContain(
        'csat',
      );
    });

    it('lists the responses behind the figure, with their comments for those allowed to read them', async () => {
      const list = async (user: string) => {
        const res = await t.get(
          `/api/scorecard/events?entityRef=${DEV}&type=feedback&from=${FROM}&to=${TO}`,
          user,
        );
        expect(res.status).toBe(200);
        return res.body.events;
      };
      const allowed = await list(CI);
      expect(allowed.map((e: any) => e.id)).toEqual([
        'resp-6',
        'resp-5',
        'resp-4',
        'resp-3',
        'resp-2',
        'resp-1',
      ]);
      expect(allowed[5]).toMatchObject({
        team: team('payments'),
        respondedAt: at(BASE),
        satisfaction: 5,
        capability: 'developer-portal',
        comment: 'Templates saved us a week',
      });
      expect(allowed[5]).not.toHaveProperty('commentHidden');
      // the reader may read the scorecard, not the comments
      const reader = await list(READER);
      expect(reader[5]).toMatchObject({
        satisfaction: 5,
        comment: null,
        commentHidden: true,
      });
      // a response without a comment hides nothing
      expect(reader[4]).toMatchObject({ comment: null });
      expect(reader[4]).not.toHaveProperty('commentHidden');
      expect(JSON.stringify(reader)).not.toContain('Templates');
      expect(
        (
          await t.get(
            `/api/scorecard/events?entityRef=${DEV}&type=feedback`,
            NOBODY,
          )
        ).status,
      ).toBe(403);
      const requests = await t.get(
        `/api/scorecard/events?entityRef=${DEV}&type=supportRequest&from=${FROM}&to=${TO}`,
      );
      expect(requests.body.events.map((e: any) => e.id)).toEqual([
        'REQ-4',
        'REQ-3',
        'REQ-2',
        'REQ-1',
      ]);
      expect(requests.body.events[3]).toMatchObject({
        channel: 'slack',
        openedAt: at(BASE),
        firstResponseAt: at(BASE + HOUR),
        title: 'Cannot push images',
      });
      expect(requests.body.events[0].resolvedAt).toBeNull();
    });

    it('shows the product metrics in the portfolio and their history in the trend', async () => {
      const portfolio = await t.get(
        `/api/scorecard/portfolio?from=${FROM}&to=${TO}`,
      );
      expect(portfolio.status).toBe(200);
      const dev = portfolio.body.platforms.find(
        (p: any) => p.entityRef === DEV,
      );
      expect(dev.metrics.find((m: any) => m.metric === 'csat')).toMatchObject({
        value: 4,
        count: 6,
      });
      expect(
        dev.metrics.find((m: any) => m.metric === 'supportTimeToFirstResponse'),
      ).toMatchObject({ value: 2 * HOUR });

      // the daily snapshot, on its first run, takes every past day's figures
      expect(
        (await t.runTask('scorecard-snapshots')).lastRunError,
      ).toBeUndefined();
      const trend = await t.get(
        `/api/scorecard/trend?entityRef=${DEV}&metric=csat&from=${at(
          BASE - 2 * DAY,
        )}&to=${TO}`,
      );
      expect(trend.status).toBe(200);
      const points = new Map(
        trend.body.points.map((p: any) => [p.day, [p.state, p.value]]),
      );
      // each day's snapshot covers the 28 days up to its end: five responses by the fifth day
      expect(points.get(day(BASE + 3 * DAY))).toEqual([
        'not-enough-data',
        null,
      ]);
      // (5 + 4 + 4 + 5 + 3) / 5
      expect(points.get(day(BASE + 4 * DAY))).toEqual(['ok', 4.2]);
      expect(points.get(day(TODAY - DAY))).toEqual(['ok', 4]);
    });

    it('keeps what an update of a request leaves out, replaces a response sent again, and shows both at the next portfolio read', async () => {
      const before = await t.get(
        `/api/scorecard/portfolio?from=${FROM}&to=${TO}`,
      );
      const csatOf = (body: any) =>
        body.platforms
          .find((p: any) => p.entityRef === DEV)
          .metrics.find((m: any) => m.metric === 'csat');
      expect(csatOf(before.body)).toMatchObject({ value: 4, count: 6 });
      // REQ-1 again, without its first response and title: both stay
      const [first] = helpdesk().supportRequests;
      const { firstResponseAt: _answered, title: _title, ...update } = first;
      expect(
        (
          await t.post('/api/scorecard/events', {
            source: 'helpdesk',
            supportRequests: [update],
          })
        ).status,
      ).toBe(200);
      const [stored] = await t
        .knex('scorecard_support_requests')
        .where({ id: 'REQ-1' });
      expect(Number(stored.first_response_at)).toBe(BASE + HOUR);
      expect(stored.title).toBe('Cannot push images');
      // resp-6 again with another score: the response is replaced, not added
      const resent = survey().feedback[5];
      expect(
        (
          await t.post('/api/scorecard/events', {
            source: 'survey-tool',
            feedback: [{ ...resent, satisfaction: 5 }],
          })
        ).status,
      ).toBe(200);
      const after = await t.get(
        `/api/scorecard/portfolio?from=${FROM}&to=${TO}`,
      );
      // (5 + 4 + 4 + 5 + 3 + 5) / 6
      expect(csatOf(after.body)).toMatchObject({ value: 26 / 6, count: 6 });
    });

    // last: the examples' events change the developer platform's figures
    it('accepts the curl examples of docs/scorecard.md as written', async () => {
      const docs = fs.readFileSync(
        path.resolve(__dirname, '../../../docs/scorecard.md'),
        'utf8',
      );
      const bodies = [...docs.matchAll(/-d '(\{[\s\S]*?\})'\n/g)]
        .map(m => JSON.parse(m[1]))
        .filter(b => b.feedback || b.supportRequests);
      expect(bodies.map(b => Object.keys(b).sort())).toEqual([
        ['feedback', 'source'],
        ['source', 'supportRequests'],
      ]);
      for (const body of bodies) {
        const res = await t.post('/api/scorecard/events', body);
        expect(res.body.error?.message).toBeUndefined();
        expect(res.status).toBe(200);
      }
    });
  },
);
