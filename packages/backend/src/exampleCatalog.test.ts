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

function isLoaded(counts: Record<string, number>, kinds: string[]) {
  return (
    kinds.every(k => counts[k] > 0) &&
    counts.fundingline >= 5 &&
    counts.component >= 20
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
      const kinds = [
        'group',
        'user',
        'component',
        'api',
        'system',
        'platform',
        'operatingrole',
        'fundingline',
      ];
      let counts: Record<string, number> = {};
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        counts = kindCounts(
          (await get('/api/catalog/entity-facets?facet=kind')).body,
        );
        if (isLoaded(counts, kinds)) break;
        await new Promise(r => setTimeout(r, 500));
      }
      expect(counts.platform).toBe(3);
      expect(counts.operatingrole).toBeGreaterThanOrEqual(6);
      expect(counts.fundingline).toBe(5);
      expect(counts.component).toBeGreaterThanOrEqual(20);
      expect(counts.group).toBeGreaterThanOrEqual(9);
      const platform = await get(
        '/api/catalog/entities/by-name/platform/default/developer-platform',
      );
      expect(platform.status).toBe(200);
      expect(
        platform.body.relations.map((r: { type: string }) => r.type),
      ).toEqual(
        expect.arrayContaining([
          'ownedBy',
          'includes',
          'platformConsumedBy',
          'fundedBy',
          'hasRoleHolder',
        ]),
      );
    } finally {
      await backend.stop();
    }
  });
});
