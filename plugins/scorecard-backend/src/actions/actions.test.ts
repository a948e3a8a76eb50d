import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { checkModel } from '@opmodel/plugin-opmodel-common';
import {
  DORA_2024,
  METRIC_DEFINITIONS,
} from '@opmodel/plugin-scorecard-common';
import {
  authHeader,
  DEV,
  FROM,
  metric,
  NOBODY,
  OUTSIDER,
  postExampleEvents,
  READER,
  startScorecardTestBackend,
  TEMPORARY,
  TO,
  type ScorecardTestBackend,
} from '../__testUtils__/startScorecardTestBackend';

jest.setTimeout(180_000);

/*
 * The scorecard's actions, called as the MCP actions backend calls them: through the plugin's
 * actions registry (the real one, with its HTTP endpoint), as users with and without the
 * opmodel.scorecard.read permission.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ACTIONS = '/api/scorecard/.backstage/actions/v1/actions';

/** One input per action, each of which the reader is answered. */
const CALLS: Array<[string, object]> = [
  ['get-scorecard', { entityRef: DEV, from: FROM, to: TO }],
  ['get-portfolio', { from: FROM, to: TO }],
  ['get-platform-findings', { entityRef: DEV }],
  ['get-metric-definition', { metric: 'leadTime' }],
];

describe.each(databases.eachSupportedId())(
  'the scorecard actions on %s',
  databaseId => {
    let t: ScorecardTestBackend;

    beforeAll(async () => {
      t = await startScorecardTestBackend(databases, databaseId);
      await postExampleEvents(t);
    });

    afterAll(async () => {
      await t?.stop();
    });

    /** Invokes `scorecard:<name>` through the registry as `user`. */
    const invoke = (name: string, input: object, user: string = READER) =>
      request(t.server)
        .post(`${ACTIONS}/scorecard:${name}/invoke`)
        .set('Authorization', authHeader(user))
        .send(input);

    it('lists the four actions, read-only, with their input and output schemas', async () => {
      const res = await t.get(ACTIONS);
      expect(res.status).toBe(200);
      const actions = new Map<string, any>(
        res.body.actions.map((a: any) => [a.id, a]),
      );
      expect([...actions.keys()].sort()).toEqual(
        CALLS.map(([name]) => `scorecard:${name}`).sort(),
      );
      for (const action of actions.values()) {
        expect(action.attributes).toEqual({
          readOnly: true,
          destructive: false,
          idempotent: true,
        });
        expect(action.description).toContain('opmodel.scorecard.read');
        expect(action.examples.length).toBeGreaterThan(0);
      }
      const card = actions.get('scorecard:get-scorecard');
      expect(card.schema.input.required).toEqual(['entityRef']);
      expect(Object.keys(card.schema.input.properties).sort()).toEqual([
        'entityRef',
        'from',
        'to',
      ]);
      expect(card.schema.output.required).toEqual([
        'entityRef',
        'window',
        'members',
        'metrics',
        'computedAt',
      ]);
      expect(
        actions.get('scorecard:get-metric-definition').schema.input.properties
          .metric.enum,
      ).toEqual(Object.keys(METRIC_DEFINITIONS));
    });

    it.each(CALLS)(
      'refuses %s to a caller without opmodel.scorecard.read, and to an anonymous one',
      async (name, input) => {
        const refused = await invoke(name, input, NOBODY);
        expect(refused.status).toBe(403);
        expect(refused.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: 'This needs the opmodel.scorecard.read permission',
        });
        // the plugin's router asks for credentials before the registry sees the call
        const anonymous = await request(t.server)
          .post(`${ACTIONS}/scorecard:${name}/invoke`)
          .send(input);
        expect(anonymous.status).toBe(401);
        expect((await invoke(name, input)).status).toBe(200);
      },
    );

    it("answers get-scorecard with the entity's scorecard, as GET /scorecard gives it", async () => {
      const res = await invoke('get-scorecard', {
        // the namespace may be left out
        entityRef: 'platform:developer-platform',
        from: FROM,
        to: TO,
      });
      expect(res.status).toBe(200);
      const card = res.body.output;
      const http = await t.get(
        `/api/scorecard/scorecard?entityRef=${DEV}&from=${FROM}&to=${TO}`,
      );
      expect(card).toEqual({ ...http.body, computedAt: card.computedAt });
      expect(card.window).toEqual({ from: FROM, to: TO });
      expect(new Date(card.computedAt).toISOString()).toBe(card.computedAt);
      expect(metric(card, 'deploymentFrequency')).toMatchObject({
        state: 'ok',
        value: 1,
        count: 4,
        grade: { label: 'missed', rule: { source: 'objective' } },
      });
      expect(metric(card, 'changeFailureRate').value).toBe(0.2);
    });

    it('refuses get-scorecard for an entity the caller may not see, one the catalog lacks, and a bad window, naming the field', async () => {
      const hidden = await invoke(
        'get-scorecard',
        { entityRef: DEV },
        OUTSIDER,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toMatchObject({
        name: 'NotFoundError',
        message: `No entity ${DEV} in the catalog`,
      });
      const unknown = await invoke('get-scorecard', {
        entityRef: 'component:default/nope',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No entity component:default/nope in the catalog',
      });
      const badFrom = await invoke('get-scorecard', {
        entityRef: DEV,
        from: 'last tuesday',
      });
      expect(badFrom.status).toBe(400);
      expect(badFrom.body.error.name).toBe('InputError');
      expect(badFrom.body.error.message).toMatch(/^from: 'last tuesday'/);
      const reversed = await invoke('get-scorecard', {
        entityRef: DEV,
        from: TO,
        to: FROM,
      });
      expect(reversed.status).toBe(400);
      expect(reversed.body.error.message).toBe('from must be before to');
      const noKind = await invoke('get-scorecard', { entityRef: 'argo-cd' });
      expect(noKind.status).toBe(400);
      expect(noKind.body.error.message).toMatch(/^entityRef: 'argo-cd'/);
    });

    it('answers get-portfolio with the platforms the caller may see, as GET /portfolio gives them', async () => {
      const res = await invoke('get-portfolio', { from: FROM, to: TO });
      expect(res.status).toBe(200);
      const http = await t.get(
        `/api/scorecard/portfolio?from=${FROM}&to=${TO}`,
      );
      expect(res.body.output).toEqual(http.body);
      const refs = res.body.output.platforms.map((p: any) => p.entityRef);
      expect(refs).toContain(DEV);
      const dev = res.body.output.platforms.find(
        (p: any) => p.entityRef === DEV,
      );
      expect(metric(dev, 'deploymentFrequency').value).toBe(1);
      // the outsider may read scorecards, but not see the developer platform
      const seen = await invoke('get-portfolio', {}, OUTSIDER);
      expect(seen.status).toBe(200);
      expect(seen.body.output.platforms.map((p: any) => p.entityRef)).toEqual(
        refs.filter((ref: string) => ref !== DEV),
      );
    });

    it("answers get-platform-findings with the model checks' findings over what the caller reads in the catalog", async () => {
      const model = [
        ...(await t.catalogEntities('kind=platform')),
        ...(await t.catalogEntities('kind=operatingrole')),
        ...(await t.catalogEntities('kind=fundingline')),
      ];
      // the roles and funding lines of the examples, which the checks read
      expect(model.map(e => e.kind)).toEqual(
        expect.arrayContaining(['OperatingRole', 'FundingLine']),
      );
      const expected = (ref: string) =>
        checkModel(model)
          .filter(f => f.entityRef === ref)
          .map(f => ({ check: f.check, path: f.path, fix: f.fix }));

      for (const ref of [DEV, TEMPORARY]) {
        const res = await invoke('get-platform-findings', {
          entityRef: ref,
        });
        expect(res.status).toBe(200);
        const out = res.body.output;
        expect(out.entityRef).toBe(ref);
        expect(new Date(out.checkedAt).toISOString()).toBe(out.checkedAt);
        expect(
          out.findings.map((f: any) => ({
            check: f.check,
            path: f.path,
            fix: f.fix,
          })),
        ).toEqual(expected(ref));
        for (const f of out.findings) {
          expect(f.description.length).toBeGreaterThan(10);
          expect(['error', 'warning']).toContain(f.severity);
        }
      }
      // the temporary platform declares nothing a product needs
      const temporary = await invoke('get-platform-findings', {
        entityRef: 'temporary-platform',
      });
      expect(temporary.body.output).toMatchObject({
        entityRef: TEMPORARY,
        lifecycle: 'experimental',
      });
      expect(temporary.body.output.findings.map((f: any) => f.check)).toEqual(
        expect.arrayContaining([
          'platform.no-support-channel',
          'platform.no-feedback-ritual',
          'platform.no-value-proposition',
        ]),
      );

      const hidden = await invoke(
        'get-platform-findings',
        { entityRef: DEV },
        OUTSIDER,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(`No entity ${DEV} in the catalog`);
      const unknown = await invoke('get-platform-findings', {
        entityRef: 'platform:default/nope',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.name).toBe('NotFoundError');
      const notPlatform = await invoke('get-platform-findings', {
        entityRef: 'component:default/argo-cd',
      });
      expect(notPlatform.status).toBe(400);
      expect(notPlatform.body.error.message).toMatch(/^entityRef: /);
    });

    it("answers get-metric-definition with the metric's definition and the benchmark that grades it", async () => {
      const lead = await invoke('get-metric-definition', {
        metric: 'leadTime',
      });
      expect(lead.status).toBe(200);
      expect(lead.body.output).toEqual({
        metric: METRIC_DEFINITIONS.leadTime,
        benchmark: {
          profile: 'dora-2024',
          title: DORA_2024.title,
          levels: DORA_2024.metrics.leadTime!.levels,
          fallback: 'low',
        },
      });
      // the DORA profile does not grade uptime: objectives do
      const uptime = await invoke('get-metric-definition', {
        metric: 'uptime',
      });
      expect(uptime.body.output).toEqual({
        metric: METRIC_DEFINITIONS.uptime,
        benchmark: null,
      });
      const unknown = await invoke('get-metric-definition', {
        metric: 'happiness',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.name).toBe('InputError');
    });
  },
);
