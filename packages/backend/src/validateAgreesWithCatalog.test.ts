import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import opmodelModule from '@opmodel/plugin-catalog-backend-module-opmodel';
import {
  assignmentState,
  checkModel,
  isPlatformEntity,
  type ModelFinding,
} from '@opmodel/plugin-opmodel-common';
import {
  buildMalformedEntity,
  malformedCases,
  validFundingLine,
  validPlatform,
  waitFor,
} from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(300_000);

// `opmodel validate` as a platform team runs it in CI, from this repository's sources
const cli = path.resolve(__dirname, '../../../plugins/opmodel-cli/bin/opmodel');
const examples = path.resolve(__dirname, '../../../examples');
const NOW = '2026-06-15';
const now = new Date(`${NOW}T12:00:00Z`);

const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Entities beside the example organisation that a namespace can trip up: platforms in `payments`
 * naming the example's roles (defined in `default`) with and without the namespace, and funding
 * lines naming them from their own namespace and from another.
 */
function namespacedEntities(): Entity[] {
  const platform = (name: string, roles: string[]) => {
    const p = validPlatform(name);
    p.metadata.namespace = 'payments';
    p.spec.roles = roles.map(role => ({ role, holder: 'user:default/jane' }));
    return p;
  };
  const funding = (name: string, namespace: string, target: string) => {
    const f = validFundingLine(name);
    f.metadata.namespace = namespace;
    f.spec.allocations = [{ target, share: 1 }];
    return f;
  };
  return [
    platform('roles-without-namespace', [
      'operatingrole:platform-product-owner',
      'operatingrole:service-manager',
    ]),
    platform('roles-with-namespace', [
      'operatingrole:default/platform-product-owner',
      'operatingrole:default/service-manager',
    ]),
    funding('payments-run', 'payments', 'platform:roles-with-namespace'),
    funding('finance-run', 'finance', 'platform:roles-without-namespace'),
  ];
}

const findingKey = (f: {
  entityRef?: string;
  entity?: string;
  check?: string;
  path: string;
  severity: string;
  message: string;
  fix: string;
}) =>
  [
    lower(f.entityRef ?? f.entity ?? ''),
    f.check,
    f.path,
    f.severity,
    f.message,
    f.fix,
  ].join(' | ');

describe('opmodel validate and the catalog', () => {
  let dir: string;
  let files: string[];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let cliReports: Array<{
    entity: string;
    check?: string;
    path: string;
    severity: string;
    message: string;
    fix: string;
  }>;
  let catalogEntities: Entity[];
  let catalogRejected: string[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-agreement-'));
    const extra = path.join(dir, 'namespaced.yaml');
    fs.writeFileSync(
      extra,
      namespacedEntities()
        .map(e => JSON.stringify(e))
        .join('\n---\n'),
    );
    const malformed = path.join(dir, 'malformed.yaml');
    fs.writeFileSync(
      malformed,
      malformedCases
        .map(c => JSON.stringify(buildMalformedEntity(c)))
        .join('\n---\n'),
    );
    files = [
      ...fs
        .readdirSync(examples)
        .filter(f => f.endsWith('.yaml'))
        .map(f => path.join(examples, f)),
      extra,
      malformed,
    ];

    const run = spawnSync(
      process.execPath,
      [cli, 'validate', '--json', '--now', NOW, ...files],
      { encoding: 'utf8' },
    );
    if (!run.stdout) throw new Error(`opmodel validate failed: ${run.stderr}`);
    cliReports = JSON.parse(run.stdout).reports;

    backend = await startTestBackend({
      features: [
        catalogPlugin,
        unprocessedModule,
        opmodelModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: appConfig.catalog.rules,
              locations: files.map(target => ({ type: 'file', target })),
            },
          },
        }),
      ],
    });
    const get = (url: string) =>
      request(backend.server)
        .get(url)
        .set('Authorization', mockCredentials.user.header());

    // the catalog has settled once it serves, or reports as failed, every entity the files hold
    const declared = files
      .flatMap(f =>
        fs
          .readFileSync(f, 'utf8')
          .split(/^---$/m)
          .map(doc => parse(doc) as Entity | null),
      )
      .filter((e): e is Entity => !!e?.kind && !!e.metadata?.name)
      .map(e => lower(stringifyEntityRef(e)));
    await waitFor(
      'the catalog to serve or reject every declared entity',
      async () => {
        const served: Entity[] = (await get('/api/catalog/entities')).body;
        const rejected: string[] = [];
        for (const reason of ['failed', 'pending']) {
          const res = await get(`/api/catalog/entities/unprocessed/${reason}`);
          for (const row of res.body.entities ?? []) {
            if (row.errors?.length)
              rejected.push(lower(stringifyEntityRef(row.unprocessed_entity)));
          }
        }
        const known = new Set([
          ...served.map(e => lower(stringifyEntityRef(e))),
          ...rejected,
        ]);
        if (!declared.every(ref => known.has(ref))) return undefined;
        catalogEntities = served;
        catalogRejected = rejected.sort();
        return true;
      },
    );
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('reject the same entities', () => {
    const cliRejected = [
      ...new Set(cliReports.filter(r => !r.check).map(r => lower(r.entity))),
    ].sort();
    expect(cliRejected).toHaveLength(malformedCases.length);
    expect(catalogRejected).toEqual(cliRejected);
  });

  it('find the same faults in every entity, with the same fixes', () => {
    // the catalog's side is what the portfolio page checks: every opmodel entity the catalog serves
    const fromCatalog = checkModel(catalogEntities, now).map(findingKey).sort();
    const fromCli = cliReports
      .filter(r => r.check)
      .map(findingKey)
      .sort();
    expect(fromCli).toEqual(fromCatalog);
    expect(fromCli.length).toBeGreaterThan(0);
  });

  it('resolve a role ref without a namespace where the catalog draws its relation', () => {
    const platform = catalogEntities.find(
      e =>
        lower(stringifyEntityRef(e)) ===
        'platform:payments/roles-without-namespace',
    )!;
    expect(
      platform
        .relations!.filter(r => r.type === 'assignsRole')
        .map(r => r.targetRef),
    ).toEqual(
      expect.arrayContaining(['operatingrole:payments/platform-product-owner']),
    );
    const about = (ref: string) =>
      cliReports
        .filter(r => r.entity === ref)
        .map(r => r.check)
        .sort();
    expect(about('platform:payments/roles-without-namespace')).toEqual([
      'platform.required-role-missing',
      'platform.required-role-missing',
      'platform.unfunded',
      'platform.unknown-role',
      'platform.unknown-role',
    ]);
    expect(about('platform:payments/roles-with-namespace')).toEqual([]);
  });

  it('never give as a fix a role a platform already assigns', () => {
    const findings = checkModel(catalogEntities, now);
    const byRef = new Map(
      catalogEntities.map(e => [lower(stringifyEntityRef(e)), e]),
    );
    const suggested = (f: ModelFinding) => f.fix.match(/role: ([^\s,)]+)/)?.[1];
    for (const f of findings.filter(x => suggested(x))) {
      const entity = byRef.get(f.entityRef)!;
      if (!isPlatformEntity(entity)) continue;
      const namespace = entity.metadata.namespace ?? 'default';
      const resolve = (ref: string) =>
        lower(
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'operatingrole',
              defaultNamespace: namespace,
            }),
          ),
        );
      const has = (entity.spec.roles ?? [])
        .filter(a => assignmentState(a, now) === 'active')
        .map(a => resolve(a.role));
      expect({ finding: f.fix, has }).not.toEqual({
        finding: f.fix,
        has: expect.arrayContaining([resolve(suggested(f)!)]),
      });
    }
  });
});
