import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  buildMalformedEntity,
  malformedCases,
  waitFor,
  opmodelCatalogRules,
} from '@opmodel/plugin-opmodel-common/testing';
import {
  OPMODEL_RELATION_PAIRS,
  RELATION_ASSIGNS_ROLE,
  RELATION_CONSUMES_PLATFORM,
  RELATION_FUNDS,
  RELATION_HOLDS_ROLE_IN,
  RELATION_INCLUDES,
} from '@opmodel/plugin-opmodel-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import { catalogModuleOpmodel } from './module';

jest.setTimeout(180_000);

const examples = path.resolve(__dirname, '../../../examples');
const exampleFiles = [
  'org.yaml',
  'systems.yaml',
  'platforms.yaml',
  'roles.yaml',
  'funding.yaml',
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
if (process.env.OPMODEL_TEST_REQUIRE_POSTGRES) {
  it('runs against PostgreSQL', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toContain(
      'POSTGRES_15',
    );
  });
}

function writeMalformedFile(dir: string): string {
  const file = path.join(dir, 'malformed.yaml');
  // One file holds every malformed case between two valid siblings
  const docs = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'sibling-before' },
      spec: { type: 'team', children: [] },
    },
    ...malformedCases.map(buildMalformedEntity),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'sibling-after' },
      spec: { type: 'team', children: [] },
    },
  ];
  fs.writeFileSync(file, docs.map(d => JSON.stringify(d)).join('\n---\n'));
  return file;
}

let server: any;
const api = (url: string) =>
  request(server).get(url).set('Authorization', mockCredentials.user.header());

const refOf = (e: Entity) => stringifyEntityRef(e);
const has = (e: Entity, type: string, target: string) =>
  (e.relations ?? []).some(r => r.type === type && r.targetRef === target);

/** [source, forward, target, reverse]: every relation of MODEL.md the examples declare. */
function relationExpectations(): Array<[string, string, string, string]> {
  const platform = 'platform:default/developer-platform';
  return [
    // [source, forward, target, reverse]
    [platform, 'ownedBy', 'group:default/platform-team', 'ownerOf'],
    [platform, 'partOf', 'domain:default/engineering', 'hasPart'],
    [platform, RELATION_INCLUDES, 'system:default/ci-cd', 'includedIn'],
    [
      platform,
      RELATION_INCLUDES,
      'resource:default/shared-cluster',
      'includedIn',
    ],
    [platform, RELATION_INCLUDES, 'component:default/argo-cd', 'includedIn'],
    [
      'group:default/checkout',
      RELATION_CONSUMES_PLATFORM,
      platform,
      'platformConsumedBy',
    ],
    [
      'fundingline:default/developer-platform-run-fy26',
      RELATION_FUNDS,
      platform,
      'fundedBy',
    ],
    [
      'fundingline:default/developer-platform-run-fy26',
      'ownedBy',
      'group:default/finance',
      'ownerOf',
    ],
    ['user:default/jane', RELATION_HOLDS_ROLE_IN, platform, 'hasRoleHolder'],
    [
      'group:default/platform-team',
      RELATION_HOLDS_ROLE_IN,
      platform,
      'hasRoleHolder',
    ],
    [
      'user:default/carol',
      RELATION_HOLDS_ROLE_IN,
      'fundingline:default/developer-platform-run-fy26',
      'hasRoleHolder',
    ],
    [
      platform,
      RELATION_ASSIGNS_ROLE,
      'operatingrole:default/platform-product-owner',
      'roleAssignedIn',
    ],
    [
      'fundingline:default/developer-platform-run-fy26',
      RELATION_ASSIGNS_ROLE,
      'operatingrole:default/budget-holder',
      'roleAssignedIn',
    ],
    [
      'operatingrole:default/platform-product-owner',
      'ownedBy',
      'group:default/platform-office',
      'ownerOf',
    ],
  ];
}

describe.each(databases.eachSupportedId())(
  'catalog with the opmodel module on %s',
  databaseId => {
    let entities: Map<string, Entity>;
    let failed: Array<{
      entity_ref: string;
      errors: Array<{ name: string; message: string }>;
    }>;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-catalog-'));
      const malformed = writeMalformedFile(dir);
      backend = await startTestBackend({
        features: [
          catalogPlugin,
          unprocessedModule,
          catalogModuleOpmodel,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: opmodelCatalogRules,
                locations: [
                  ...exampleFiles.map(f => ({
                    type: 'file',
                    target: path.join(examples, f),
                  })),
                  { type: 'file', target: malformed },
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;

      const expectedBad = malformedCases.length;
      // An entity that never passed processing has no final entity: the unprocessed-entities module
      // lists it as pending or failed, with the processing errors the catalog recorded for it.
      failed = await waitFor(
        'every malformed case to be reported',
        async () => {
          const list = [];
          for (const reason of ['failed', 'pending']) {
            const res = await api(
              `/api/catalog/entities/unprocessed/${reason}`,
            );
            if (res.status !== 200)
              throw new Error(
                `unprocessed entities: ${res.status} ${res.text}`,
              );
            for (const row of res.body.entities ?? []) {
              if (row.errors?.length) {
                list.push({
                  entity_ref: stringifyEntityRef(
                    row.unprocessed_entity,
                  ).toLocaleLowerCase('en-US'),
                  errors: row.errors,
                });
              }
            }
          }
          return list.length >= expectedBad ? list : undefined;
        },
      );
      entities = await waitFor('the example entities', async () => {
        const res = await api('/api/catalog/entities');
        const list: Entity[] = res.body;
        const byRef = new Map(list.map(e => [refOf(e), e]));
        const ready = [
          'platform:default/developer-platform',
          'platform:default/data-platform',
          'platform:default/observability-platform',
          'fundingline:default/golden-paths-2026',
          'group:default/sibling-before',
          'group:default/sibling-after',
        ].every(
          r => byRef.get(r)?.relations?.length !== undefined && byRef.has(r),
        );
        const relationsReady = (
          byRef.get('group:default/checkout')?.relations ?? []
        ).some(r => r.type === RELATION_CONSUMES_PLATFORM);
        // processing and stitching finish entity by entity: wait for both ends of every relation
        // the tests below look at, not only for the platforms
        const stitched = relationExpectations().every(
          ([source, forward, target, reverse]) => {
            const from = byRef.get(source);
            const to = byRef.get(target);
            return (
              from &&
              to &&
              has(from, forward, target) &&
              has(to, reverse, source)
            );
          },
        );
        return ready && relationsReady && stitched ? byRef : undefined;
      });
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const get = (ref: string) => {
      const e = entities.get(ref);
      if (!e) throw new Error(`${ref} is not in the catalog`);
      return e;
    };

    it('stores the example platforms, roles and funding lines', () => {
      const kinds = [...entities.values()].map(e => e.kind);
      expect(kinds.filter(k => k === 'Platform').length).toBeGreaterThanOrEqual(
        3,
      );
      expect(
        kinds.filter(k => k === 'OperatingRole').length,
      ).toBeGreaterThanOrEqual(6);
      expect(
        kinds.filter(k => k === 'FundingLine').length,
      ).toBeGreaterThanOrEqual(2);
    });

    it('emits every relation of MODEL.md in both directions', () => {
      const expectations = relationExpectations();
      for (const [source, forward, target, reverse] of expectations) {
        expect({
          source,
          forward,
          target,
          found: has(get(source), forward, target),
        }).toEqual({ source, forward, target, found: true });
        expect({
          target,
          reverse,
          source,
          found: has(get(target), reverse, source),
        }).toEqual({ target, reverse, source, found: true });
      }
      // every opmodel relation pair is exercised
      const types = new Set(expectations.flatMap(([, f, , r]) => [f, r]));
      for (const [f, r] of OPMODEL_RELATION_PAIRS) {
        expect(types).toContain(f);
        expect(types).toContain(r);
      }
    });

    it('reports every malformed declaration on its entity, naming the field', () => {
      for (const c of malformedCases) {
        const ref = `${buildMalformedEntity(c).kind.toLocaleLowerCase(
          'en-US',
        )}:default/bad-${c.id}`;
        const item = failed.find(f => f.entity_ref === ref);
        expect({ ref, reported: !!item }).toEqual({ ref, reported: true });
        const text = item!.errors.map(e => e.message).join('\n');
        expect({
          ref,
          mentionsField:
            text.includes(`${c.expectPath}:`) ||
            text.includes(` ${c.expectPath} `),
        }).toEqual({ ref, mentionsField: true });
        expect(entities.has(ref)).toBe(false);
      }
    });

    it('keeps the valid siblings of malformed declarations', () => {
      expect(entities.has('group:default/sibling-before')).toBe(true);
      expect(entities.has('group:default/sibling-after')).toBe(true);
    });

    it('still serves the catalog after the malformed input', async () => {
      const res = await api(
        '/api/catalog/entities/by-name/platform/default/data-platform',
      );
      expect(res.status).toBe(200);
      expect(res.body.spec.owner).toBe('group:data-platform-team');
    });
  },
);
