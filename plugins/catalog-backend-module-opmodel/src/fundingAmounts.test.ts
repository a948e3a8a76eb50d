import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  ANNOTATION_FUNDING_AMOUNTS,
  FUNDING_AMOUNTS_IN_SOURCE_LOCATION,
  validateOpmodelEntity,
} from '@opmodel/plugin-opmodel-common';
import { catalogModuleOpmodel } from './module';

jest.setTimeout(180_000);

const fundingFile = path.resolve(__dirname, '../../../examples/funding.yaml');
const orgFile = path.resolve(__dirname, '../../../examples/org.yaml');

/** Every amount the example file declares: none of them may come back from the catalog. */
const declaredAmounts: number[] = parseAllDocuments(
  fs.readFileSync(fundingFile, 'utf8'),
).flatMap(doc =>
  (doc.toJS().spec.periods as Array<{ amount: number }>).map(p => p.amount),
);
const fundingLineNames: string[] = parseAllDocuments(
  fs.readFileSync(fundingFile, 'utf8'),
).map(doc => doc.toJS().metadata.name);

/** The amount the changing line gets once it is broken, written as text so validation fails. */
const BROKEN_AMOUNT = '7,654,321';
const changingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-amounts-'));
const changingFile = path.join(changingDir, 'changing.yaml');
const writeChangingLine = (amount: number | string) =>
  fs.writeFileSync(
    changingFile,
    JSON.stringify({
      apiVersion: 'opmodel.dev/v1alpha1',
      kind: 'FundingLine',
      metadata: { name: 'changing-line' },
      spec: {
        type: 'operational',
        owner: 'group:finance',
        currency: 'EUR',
        periods: [{ start: '2026-01-01', end: '2027-01-01', amount }],
        allocations: [{ target: 'platform:developer-platform', share: 1 }],
      },
    }),
  );

/** Fails when a response body carries an amount: the field itself, or any declared value. */
function expectNoAmounts(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/"amount"/);
  for (const amount of [...declaredAmounts, 7654321]) {
    expect({
      amount,
      found: new RegExp(`(?<![\\d.])${amount}(?![\\d])`).test(text),
    }).toEqual({ amount, found: false });
  }
  expect(text).not.toContain(BROKEN_AMOUNT);
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms = 120_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 300));
  }
}

describe('FundingLine amounts in the catalog', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  // a reader the catalog lets see every entity; the catalog has no way to ask about amounts
  const guest = mockCredentials.user.header('user:default/guest');
  const get = (url: string) =>
    request(backend.server).get(url).set('Authorization', guest);
  const post = (url: string, body: object) =>
    request(backend.server).post(url).set('Authorization', guest).send(body);

  // the example funding file behind a URL, as registering it through the catalog API needs
  let served: http.Server;
  let servedHost: string;

  beforeAll(async () => {
    served = http.createServer((_req, res) => {
      res.end(fs.readFileSync(fundingFile));
    });
    await new Promise<void>(r => served.listen(0, '127.0.0.1', r));
    servedHost = `127.0.0.1:${(served.address() as AddressInfo).port}`;
    writeChangingLine(5_000_000);
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleOpmodel,
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: servedHost }] } },
            catalog: {
              rules: [{ allow: ['Group', 'User', 'Location', 'FundingLine'] }],
              locations: [
                { type: 'file', target: orgFile },
                { type: 'file', target: fundingFile },
                { type: 'file', target: changingFile },
              ],
            },
          },
        }),
      ],
    });
    await waitFor('every funding line', async () => {
      const res = await get('/api/catalog/entities?filter=kind=fundingline');
      return res.body.length === fundingLineNames.length + 1 ? true : undefined;
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(r => served?.close(r));
    fs.rmSync(changingDir, { recursive: true, force: true });
  });

  it('stores every example FundingLine with its periods’ dates and without their amounts', async () => {
    for (const name of fundingLineNames) {
      const res = await get(
        `/api/catalog/entities/by-name/fundingline/default/${name}`,
      );
      expect(res.status).toBe(200);
      expectNoAmounts(res.body);
      expect(res.body.spec.periods.length).toBeGreaterThan(0);
      for (const period of res.body.spec.periods)
        expect(Object.keys(period).sort()).toEqual(['end', 'start']);
      expect(res.body.metadata.annotations[ANNOTATION_FUNDING_AMOUNTS]).toBe(
        FUNDING_AMOUNTS_IN_SOURCE_LOCATION,
      );
      expect(validateOpmodelEntity(res.body, { form: 'stored' })).toEqual([]);
    }
  });

  it('returns no amount from any way of reading entities', async () => {
    const refs = fundingLineNames.map(n => `fundingline:default/${n}`);
    const responses = [
      await get('/api/catalog/entities'),
      await get('/api/catalog/entities?filter=kind=fundingline'),
      await get(
        '/api/catalog/entities?filter=kind=fundingline&fields=spec.periods',
      ),
      await get('/api/catalog/entities?fields=spec'),
      await get('/api/catalog/entities/by-query?filter=kind=fundingline'),
      await get(
        '/api/catalog/entities/by-query?filter=kind=fundingline&fields=spec.periods,metadata.name',
      ),
      await post('/api/catalog/entities/by-refs', { entityRefs: refs }),
      await post('/api/catalog/entities/by-refs', {
        entityRefs: refs,
        fields: ['spec.periods'],
      }),
      await get(
        `/api/catalog/entities/by-name/fundingline/default/${fundingLineNames[0]}/ancestry`,
      ),
    ];
    for (const res of responses) {
      expect(res.status).toBe(200);
      expectNoAmounts(res.body);
    }
    // the periods themselves are there, so the fields filter did select something
    const periods = await get(
      '/api/catalog/entities?filter=kind=fundingline&fields=spec.periods',
    );
    expect(
      periods.body.every((e: Entity) => (e.spec?.periods as any[]).length > 0),
    ).toBe(true);
  });

  it('cannot be asked for an amount through facets or filters', async () => {
    const facets = await get(
      '/api/catalog/entity-facets?facet=spec.periods.amount&facet=spec.periods.start',
    );
    expect(facets.status).toBe(200);
    expect(facets.body.facets['spec.periods.amount']).toEqual([]);
    // the same question about a field the catalog does keep has answers
    expect(facets.body.facets['spec.periods.start'].length).toBeGreaterThan(0);
    for (const amount of declaredAmounts) {
      const res = await get(
        `/api/catalog/entities?filter=spec.periods.amount=${amount}`,
      );
      expect(res.body).toEqual([]);
    }
  });

  it('answers a dry run of registering the funding file without amounts', async () => {
    const res = await post('/api/catalog/locations?dryRun=true', {
      type: 'url',
      target: `http://${servedHost}/funding.yaml`,
    });
    expect(res.status).toBe(201);
    expect(
      res.body.entities.filter((e: Entity) => e.kind === 'FundingLine').length,
    ).toBe(fundingLineNames.length);
    expectNoAmounts(res.body);
  });

  it('reports a bad amount on the stored entity without quoting it', async () => {
    writeChangingLine(BROKEN_AMOUNT);
    const ref = 'fundingline:default/changing-line';
    await post('/api/catalog/refresh', { entityRef: ref });
    const entity = await waitFor('the processing error', async () => {
      const res = await get(
        '/api/catalog/entities/by-name/fundingline/default/changing-line',
      );
      return res.body.status?.items?.length ? res.body : undefined;
    });
    const messages = entity.status.items.map(
      (i: { message: string }) => i.message,
    );
    expect(messages.join('\n')).toMatch(
      /spec\.periods\[0\]\.amount: must be a number/,
    );
    expectNoAmounts(entity);
  });
});
