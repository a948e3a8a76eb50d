import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import type { Permission } from '@backstage/plugin-permission-common';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator, {
  catalogCollatorExtensionPoint,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import opmodelCatalogModule from '@opmodel/plugin-catalog-backend-module-opmodel';
import opmodelBackend from '@opmodel/plugin-opmodel-backend';
import scorecardBackend from '@opmodel/plugin-scorecard-backend';
import { ExamplePermissionPolicy, FINANCE_GROUP } from './permissionPolicy';

jest.setTimeout(300_000);

const root = path.resolve(__dirname, '../../..');
const fundingFile = path.join(root, 'examples/funding.yaml');
const appConfig = parse(
  fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
);

/** Every FundingLine of the example, as its file declares it. */
const declared: Array<{
  name: string;
  title: string;
  periods: Array<{ start: string; end: string; amount: number }>;
}> = parseAllDocuments(fs.readFileSync(fundingFile, 'utf8')).map(doc => {
  const e = doc.toJS();
  return { name: e.metadata.name, title: e.metadata.title, ...e.spec };
});
const declaredAmounts = declared.flatMap(l => l.periods.map(p => p.amount));

/** A FundingLine the catalog refuses for its shares; its amount is valid, and confidential. */
const REFUSED_AMOUNT = 777777;
const refusedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-refused-'));
const refusedFile = path.join(refusedDir, 'refused.yaml');
fs.writeFileSync(
  refusedFile,
  JSON.stringify({
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'FundingLine',
    metadata: { name: 'refused-line' },
    spec: {
      type: 'operational',
      owner: 'group:finance',
      currency: 'EUR',
      periods: [
        { start: '2026-01-01', end: '2027-01-01', amount: REFUSED_AMOUNT },
      ],
      allocations: [{ target: 'platform:developer-platform', share: 1.5 }],
    },
  }),
);

const GUEST = 'user:default/guest';
const CAROL = 'user:default/carol';
/**
 * What the guest and a finance member carry when they sign in: the auth backend's sign-in
 * resolver puts the user and its groups into the token, and the example policy reads them.
 */
const OWNERSHIP: Record<string, string[]> = {
  [GUEST]: [GUEST, 'group:default/checkout'],
  [CAROL]: [CAROL, FINANCE_GROUP],
};

/**
 * The example's own policy, decided in-process for every plugin. The permission backend cannot
 * run here: it refuses the catalog's resource checks for the mock auth's on-behalf-of tokens.
 */
const examplePolicyPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const policy = new ExamplePermissionPolicy();
    const answer = (
      requests: Array<{ permission: Permission }>,
      { credentials }: { credentials: BackstageCredentials },
    ) => {
      const ref = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      const user = ref
        ? {
            credentials: credentials as any,
            info: {
              userEntityRef: ref,
              ownershipEntityRefs: OWNERSHIP[ref] ?? [ref],
            },
          }
        : undefined;
      return Promise.all(
        requests.map(r => policy.handle({ permission: r.permission }, user)),
      ) as any;
    };
    return { authorize: answer, authorizeConditional: answer };
  },
});

/** Every scalar of a value, as words: what a search engine would make of a whole entity. */
function scalars(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [String(value)];
  return Object.values(value).flatMap(scalars);
}

/**
 * Indexes every value of every entity, not only the title and description the default does: an
 * adopter's transformer could, and even then no amount may reach the index.
 */
const indexWholeEntities = createBackendModule({
  pluginId: 'search',
  moduleId: 'index-whole-entities',
  register(reg) {
    reg.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer((entity: Entity) => ({
          ...defaultCatalogCollatorEntityTransformer(entity),
          text: scalars(entity).join(' '),
        }));
      },
    });
  },
});

/**
 * The search plugin's scheduler. The test backend's runs each task once at start-up, before the
 * catalog has its entities; the test runs the catalog's indexing again once it has them.
 */
let searchScheduler: SchedulerService;
const searchSchedulerHandle = createBackendModule({
  pluginId: 'search',
  moduleId: 'scheduler-handle',
  register(reg) {
    reg.registerInit({
      deps: { scheduler: coreServices.scheduler },
      async init({ scheduler }) {
        searchScheduler = scheduler;
      },
    });
  },
});

/** Fails when a response body carries an amount: the field itself, or any declared value. */
function expectNoAmounts(what: string, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const found = [...declaredAmounts, REFUSED_AMOUNT].filter(amount =>
    new RegExp(`(?<![\\d.])${amount}(?![\\d])`).test(text),
  );
  expect({ what, amountField: /"amount"/.test(text), found }).toEqual({
    what,
    amountField: false,
    found: [],
  });
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 180_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

describe('FundingLine amounts across the APIs of the example backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const as = (user: string) => ({
    get: (url: string) =>
      request(backend.server)
        .get(url)
        .set('Authorization', mockCredentials.user.header(user)),
    post: (url: string, body: object) =>
      request(backend.server)
        .post(url)
        .set('Authorization', mockCredentials.user.header(user))
        .send(body),
  });
  const guest = () => as(GUEST);

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        unprocessedModule,
        opmodelCatalogModule,
        opmodelBackend,
        scorecardBackend,
        searchPlugin,
        searchModuleCatalogCollator,
        indexWholeEntities,
        examplePolicyPermissions,
        searchSchedulerHandle,
        mockServices.rootConfig.factory({
          data: {
            opmodel: appConfig.opmodel,
            catalog: {
              rules: appConfig.catalog.rules,
              locations: [
                ...appConfig.catalog.locations.map(
                  (l: { type: string; target: string }) => ({
                    ...l,
                    target: path.resolve(root, 'packages/backend', l.target),
                  }),
                ),
                { type: 'file', target: refusedFile },
              ],
            },
          },
        }),
      ],
    });
    await waitFor('every example FundingLine in the catalog', async () => {
      const res = await guest().get(
        '/api/catalog/entities?filter=kind=fundingline',
      );
      return res.body.length === declared.length ? true : undefined;
    });
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(refusedDir, { recursive: true, force: true });
  });

  it('catalog: returns no amount to a guest, by name or with fields=spec.periods', async () => {
    for (const line of declared) {
      const res = await guest().get(
        `/api/catalog/entities/by-name/fundingline/default/${line.name}`,
      );
      expect(res.status).toBe(200);
      expectNoAmounts(`by-name ${line.name}`, res.body);
      // the periods themselves are served: the page shows them, and shares
      expect(res.body.spec.periods).toEqual(
        line.periods.map(({ start, end }) => ({ start, end })),
      );
    }
    for (const url of [
      '/api/catalog/entities?fields=spec.periods',
      '/api/catalog/entities?filter=kind=fundingline&fields=spec.periods',
      '/api/catalog/entities/by-query?filter=kind=fundingline&fields=spec',
      '/api/catalog/entity-facets?facet=spec.periods.amount',
    ]) {
      const res = await guest().get(url);
      expect(res.status).toBe(200);
      expectNoAmounts(url, res.body);
    }
  });

  it('search: indexes no amount, even indexing every value of the stored entities', async () => {
    const query = (term: string) =>
      guest().get(
        `/api/search/query?term=${encodeURIComponent(
          term,
        )}&types%5B0%5D=software-catalog`,
      );
    // index the catalog as it is now that every example entity is in it
    const indexTask = (await searchScheduler.getScheduledTasks()).find(t =>
      /software.catalog/.test(t.id),
    );
    expect(indexTask).toBeDefined();
    await searchScheduler.triggerTask(indexTask!.id);
    // a figure the stored FundingLine does keep, its cost center, is found
    const found = await query('4711');
    expect(
      found.body.results.map(
        (r: { document: { title: string } }) => r.document.title,
      ),
    ).toContain(declared[0].title);
    expectNoAmounts('a search result for a FundingLine', found.body);
    for (const amount of declaredAmounts) {
      const res = await query(String(amount));
      expect(res.status).toBe(200);
      // the in-memory engine matches loosely (a random uid holding 8000 answers 180000), so
      // what counts is that no indexed document holds the amount itself
      const holding = res.body.results.filter(
        (r: { document: { text?: string } }) =>
          new RegExp(`(^|\\D)${amount}(\\D|$)`).test(r.document.text ?? ''),
      );
      expect({ amount, holding }).toEqual({ amount, holding: [] });
    }
    for (const line of declared) {
      const res = await query(line.title);
      expectNoAmounts(`search for ${line.title}`, res.body);
    }
  });

  it('opmodel: refuses the amounts to a guest, and serves them to finance', async () => {
    const refs = declared.map(l => `fundingline:default/${l.name}`);
    const single = await guest().get(
      `/api/opmodel/funding/amounts?entityRef=${refs[0]}`,
    );
    const many = await guest().post('/api/opmodel/funding/amounts/by-refs', {
      entityRefs: refs,
    });
    for (const res of [single, many]) {
      expect(res.status).toBe(403);
      expectNoAmounts('opmodel for the guest', res.body);
    }
    const finance = await as(CAROL).post(
      '/api/opmodel/funding/amounts/by-refs',
      { entityRefs: refs },
    );
    expect(finance.status).toBe(200);
    expect(finance.body.items).toEqual(
      declared.map(l => ({
        entityRef: `fundingline:default/${l.name}`,
        currency: 'EUR',
        periods: l.periods,
      })),
    );
  });

  it('scorecard: carries no funding in the portfolio, a funded platform’s scorecard, its adoption or the product events behind it', async () => {
    for (const url of [
      '/api/scorecard/portfolio',
      '/api/scorecard/scorecard?entityRef=platform:default/developer-platform',
      '/api/scorecard/adoptions',
      '/api/scorecard/adoption?entityRef=platform:default/developer-platform',
      '/api/scorecard/events?entityRef=platform:default/developer-platform&type=feedback',
      '/api/scorecard/events?entityRef=platform:default/developer-platform&type=supportRequest',
    ]) {
      const res = await guest().get(url);
      expect(res.status).toBe(200);
      expectNoAmounts(url, res.body);
    }
  });

  /** The refused FundingLine's row in the unprocessed-entities view, as a user reads it. */
  async function refusedRow(user: string) {
    return waitFor(
      'the refused FundingLine among the unprocessed',
      async () => {
        for (const reason of ['failed', 'pending']) {
          const res = await as(user).get(
            `/api/catalog/entities/unprocessed/${reason}`,
          );
          if (res.status !== 200) return { status: res.status, body: res.body };
          const row = res.body.entities.find(
            (r: { unprocessed_entity: Entity }) =>
              r.unprocessed_entity.metadata.name === 'refused-line',
          );
          if (row) return { status: res.status, body: row };
        }
        return undefined;
      },
    );
  }

  it('catalog: lists a FundingLine it refused among the unprocessed entities', async () => {
    const row = await refusedRow(CAROL);
    expect(row.status).toBe(200);
    expect(row.body.errors[0].message).toMatch(/spec\.allocations/);
  });

  // That view shows entities as their files declare them, amounts included: the example policy
  // gives catalog.entities.unprocessed.read only to those who may see amounts.
  it('catalog: the unprocessed-entities view returns no amount to a guest', async () => {
    const row = await refusedRow(GUEST);
    // a refusal (403) passes too: then the view is closed to the guest
    expect(JSON.stringify(row.body)).not.toContain(String(REFUSED_AMOUNT));
    expectNoAmounts('the unprocessed-entities view', row.body);
  });
});
