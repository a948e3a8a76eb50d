import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import opmodelModule from '@opmodel/plugin-catalog-backend-module-opmodel';

jest.setTimeout(120_000);

// The example backend's own catalog configuration (rules and locations), as app-config.yaml has it
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);
const catalog = {
  ...appConfig.catalog,
  locations: appConfig.catalog.locations.map(
    (l: { type: string; target: string }) => ({
      ...l,
      target: path.resolve(__dirname, '..', l.target),
    }),
  ),
};

// What the example organisation declares, at least: the catalog has loaded it once every kind reaches its count
const expectedAtLeast: Record<string, number> = {
  group: 9,
  user: 1,
  component: 20,
  api: 1,
  system: 1,
  platform: 3,
  operatingrole: 6,
  fundingline: 5,
};

const platformRelations = [
  'ownedBy',
  'includes',
  'platformConsumedBy',
  'fundedBy',
  'hasRoleHolder',
];

function isStitched(relationTypes: string[]) {
  return platformRelations.every(t => relationTypes.includes(t));
}

function isLoaded(counts: Record<string, number>) {
  return Object.entries(expectedAtLeast).every(
    ([kind, min]) => (counts[kind] ?? 0) >= min,
  );
}

function kindCounts(body: {
  facets: { kind: Array<{ value: string; count: number }> };
}) {
  return Object.fromEntries(
    body.facets.kind.map(f => [f.value.toLocaleLowerCase('en-US'), f.count]),
  );
}

describe('the example backend catalog', () => {
  it('loads the whole example organisation, opmodel kinds included, with their relations', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        opmodelModule,
        mockServices.rootConfig.factory({ data: { catalog } }),
      ],
    });
    try {
      const get = (url: string) =>
        request(backend.server)
          .get(url)
          .set('Authorization', mockCredentials.user.header());
      const relationTypes = async () => {
        const res = await get(
          '/api/catalog/entities/by-name/platform/default/developer-platform',
        );
        return res.status === 200
          ? (res.body.relations as Array<{ type: string }>).map(r => r.type)
          : [];
      };
      // Processing and stitching are asynchronous: wait until every kind is in and the platform's relations are stitched
      let counts: Record<string, number> = {};
      let relations: string[] = [];
      const deadline = Date.now() + 100_000;
      while (Date.now() < deadline) {
        counts = kindCounts(
          (await get('/api/catalog/entity-facets?facet=kind')).body,
        );
        relations = await relationTypes();
        if (isLoaded(counts) && isStitched(relations)) break;
        await new Promise(r => setTimeout(r, 500));
      }
      const missing = Object.entries(expectedAtLeast)
        .filter(([kind, min]) => (counts[kind] ?? 0) < min)
        .map(([kind, min]) => `${kind}: ${counts[kind] ?? 0} of ${min}`);
      expect(missing).toEqual([]);
      expect(counts.platform).toBe(3);
      expect(counts.fundingline).toBe(5);
      expect(relations).toEqual(expect.arrayContaining(platformRelations));
    } finally {
      await backend.stop();
    }
  });
});
