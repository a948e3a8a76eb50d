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
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { Entity } from '@backstage/catalog-model';
import opmodelModule from '@opmodel/plugin-catalog-backend-module-opmodel';
import { waitFor } from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The README's block marked `<!-- marker -->`, as an adopter copies it. */
function readmeSnippet(marker: string): string {
  const block = new RegExp(
    `<!-- ${marker} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``,
  ).exec(readme);
  if (!block) throw new Error(`README.md has no block marked ${marker}`);
  return block[1];
}

it('keeps the README a first page: under 300 lines, reference in docs/', () => {
  expect(readme.split('\n').length).toBeLessThan(300);
});

describe('the README’s platform example', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-readme-'));
  const file = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(file, readmeSnippet('verify-install: platform-yaml'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes `opmodel validate` with no error and no warning', () => {
    const cli = spawnSync(
      process.execPath,
      [
        path.join(root, 'plugins/opmodel-cli/bin/opmodel'),
        'validate',
        '--fail-on-warnings',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(cli.stdout).toContain('0 error(s), 0 warning(s)');
    expect(cli.status).toBe(0);
  });

  it('loads into the catalog, registered as the README says, with every reference resolved', async () => {
    // the README's location entry, its relative path resolved from where the backend would run
    const { catalog: registration } = parse(
      readmeSnippet('verify-install: register-location'),
    );
    expect(registration.locations).toEqual([
      { type: 'file', target: '../../catalog-info.yaml' },
    ]);
    const appConfig = parse(
      fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
    );
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        opmodelModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: appConfig.catalog.rules,
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
      ],
    });
    try {
      const declared = fs
        .readFileSync(file, 'utf8')
        .split(/^---$/m)
        .map(doc => parse(doc) as Entity)
        .filter(Boolean);
      const refOf = (e: Entity) =>
        `${e.kind}:default/${e.metadata.name}`.toLocaleLowerCase('en-US');
      const entities = await waitFor(
        'every entity of the example, with its relations',
        async () => {
          const res = await request(backend.server)
            .get('/api/catalog/entities')
            .set('Authorization', mockCredentials.user.header());
          const items = res.body as Entity[];
          const platform = items.find(e => e.kind === 'Platform');
          return items.length >= declared.length &&
            (platform?.relations ?? []).length >= 5
            ? items
            : undefined;
        },
        120_000,
      );
      const served = new Set(entities.map(refOf));
      expect(declared.map(refOf).filter(ref => !served.has(ref))).toEqual([]);
      // no relation points at an entity the example does not define
      const dangling = entities.flatMap(e =>
        (e.relations ?? [])
          .filter(r => !served.has(r.targetRef.toLocaleLowerCase('en-US')))
          .map(r => `${refOf(e)} ${r.type} ${r.targetRef}`),
      );
      expect(dangling).toEqual([]);
      const platform = entities.find(e => e.kind === 'Platform')!;
      expect(platform.relations!.map(r => r.type)).toEqual(
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
