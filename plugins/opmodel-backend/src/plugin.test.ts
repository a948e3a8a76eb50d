import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import catalogModuleOpmodel from '@opmodel/plugin-catalog-backend-module-opmodel';
import { fundingAmountsReadPermission } from '@opmodel/plugin-opmodel-common';
import { opmodelPlugin } from './plugin';

jest.setTimeout(180_000);

const GUEST = 'user:default/guest';
const CAROL = 'user:default/carol';
/** In finance, but not allowed to see anything in the catalog. */
const BLIND = 'user:default/blind';

/** The adopter's policy stand-in: carol and blind may see amounts, blind may read no entity. */
function decide(user: string | undefined, permission: Permission) {
  if (permission.name === fundingAmountsReadPermission.name)
    return user === CAROL || user === BLIND
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  if (permission.name === 'catalog.entity.read' && user === BLIND)
    return AuthorizeResult.DENY;
  return AuthorizeResult.ALLOW;
}

/**
 * Decides in-process for every plugin. The permission backend cannot run here: it refuses the
 * catalog's resource checks for the mock auth's on-behalf-of tokens, which carry no actor.
 */
const permissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const answer = (
      requests: Array<{ permission: Permission }>,
      options: { credentials: BackstageCredentials },
    ) => {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      return Promise.resolve(
        requests.map(r => ({
          result: decide(principal.userEntityRef, r.permission),
        })) as any,
      );
    };
    return { authorize: answer, authorizeConditional: answer };
  },
});

const fundingLine = (
  name: string,
  periods: Array<{ start: string; end: string; amount: unknown }>,
  currency = 'EUR',
) => ({
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'FundingLine',
  metadata: { name },
  spec: {
    type: 'operational',
    owner: 'group:finance',
    currency,
    periods,
    allocations: [{ target: 'platform:developer-platform', share: 1 }],
  },
});
const yamlOf = (...docs: object[]) =>
  docs.map(d => JSON.stringify(d)).join('\n---\n');

const ALPHA_PERIODS = [
  { start: '2026-01-01', end: '2026-07-01', amount: 420000 },
  { start: '2026-07-01', end: '2027-01-01', amount: 460000 },
];
const BETA_PERIODS = [
  { start: '2026-03-01', end: '2026-10-01', amount: 310000 },
];
const REMOTE_PERIODS = [
  { start: '2026-01-01', end: '2027-01-01', amount: 99000 },
];
const ONE_YEAR = [{ start: '2026-01-01', end: '2027-01-01', amount: 5000 }];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-backend-'));
const file = (name: string) => path.join(dir, name);

describe('GET and POST /api/opmodel/funding/amounts', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let remote: http.Server;
  const as = (user: string) => mockCredentials.user.header(user);
  const amounts = (user: string, entityRef?: string) =>
    request(backend.server)
      .get('/api/opmodel/funding/amounts')
      .query(entityRef === undefined ? {} : { entityRef })
      .set('Authorization', as(user));
  const batch = (user: string, body: unknown) =>
    request(backend.server)
      .post('/api/opmodel/funding/amounts/by-refs')
      .set('Authorization', as(user))
      .send(body as object);

  beforeAll(async () => {
    fs.writeFileSync(
      file('funding.yaml'),
      yamlOf(
        fundingLine('alpha-run', ALPHA_PERIODS),
        fundingLine('beta-project', BETA_PERIODS, 'USD'),
      ),
    );
    for (const name of ['vanishing', 'gone', 'broken'])
      fs.writeFileSync(
        file(`${name}.yaml`),
        yamlOf(fundingLine(`${name}-run`, ONE_YEAR)),
      );
    // a source behind a URL, read through the UrlReader like a file on GitHub would be
    remote = http.createServer((req, res) => {
      if (req.url === '/catalog/remote.yaml') {
        res.setHeader('content-type', 'text/yaml');
        res.end(yamlOf(fundingLine('remote-run', REMOTE_PERIODS)));
      } else {
        res.statusCode = 404;
        res.end('not here');
      }
    });
    await new Promise<void>(r => remote.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(remote.address() as AddressInfo).port}`;

    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleOpmodel,
        opmodelPlugin,
        permissionsFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host }] } },
            catalog: {
              rules: [{ allow: ['Location', 'FundingLine', 'Group'] }],
              locations: [
                ...['funding', 'vanishing', 'gone', 'broken'].map(name => ({
                  type: 'file',
                  target: file(`${name}.yaml`),
                })),
                { type: 'url', target: `http://${host}/catalog/remote.yaml` },
              ],
            },
          },
        }),
      ],
    });

    const deadline = Date.now() + 120_000;
    for (;;) {
      const res = await request(backend.server)
        .get('/api/catalog/entities?filter=kind=fundingline')
        .set('Authorization', as(CAROL));
      if (res.body.length === 6) break;
      if (Date.now() > deadline)
        throw new Error(
          `the FundingLines were not ingested: ${res.status} ${res.text}`,
        );
      await new Promise(r => setTimeout(r, 300));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(r => remote?.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a caller without the amounts permission, naming it, and returns no amount', async () => {
    const one = await amounts(GUEST, 'fundingline:default/alpha-run');
    expect(one.status).toBe(403);
    expect(one.body.error).toEqual({
      name: 'NotAllowedError',
      message: expect.stringContaining('opmodel.funding.amounts.read'),
    });
    const many = await batch(GUEST, {
      entityRefs: ['fundingline:default/alpha-run', 'beta-project'],
    });
    expect(many.status).toBe(403);
    for (const res of [one, many])
      expect(res.text).not.toMatch(/amount"|420000|460000|310000/);
  });

  it('serves the amounts of a FundingLine read from a file to a caller allowed to see them', async () => {
    const res = await amounts(CAROL, 'fundingline:default/alpha-run');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'fundingline:default/alpha-run',
      currency: 'EUR',
      periods: ALPHA_PERIODS,
    });
  });

  it('serves the amounts of a FundingLine read from a URL through the UrlReader', async () => {
    const res = await amounts(CAROL, 'remote-run');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'fundingline:default/remote-run',
      currency: 'EUR',
      periods: REMOTE_PERIODS,
    });
  });

  it('answers a batch in the order asked, with an error for each line it cannot serve', async () => {
    const res = await batch(CAROL, {
      entityRefs: [
        'fundingline:default/beta-project',
        'fundingline:default/no-such-line',
        'FundingLine:default/Alpha-Run',
        'remote-run',
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        entityRef: 'fundingline:default/beta-project',
        currency: 'USD',
        periods: BETA_PERIODS,
      },
      {
        entityRef: 'fundingline:default/no-such-line',
        error: {
          name: 'NotFoundError',
          message:
            'No FundingLine fundingline:default/no-such-line in the catalog',
        },
      },
      {
        entityRef: 'fundingline:default/alpha-run',
        currency: 'EUR',
        periods: ALPHA_PERIODS,
      },
      {
        entityRef: 'fundingline:default/remote-run',
        currency: 'EUR',
        periods: REMOTE_PERIODS,
      },
    ]);
  });

  it('answers 404, as the catalog would, for a FundingLine the caller may not read', async () => {
    const hidden = await amounts(BLIND, 'fundingline:default/alpha-run');
    const absent = await amounts(CAROL, 'fundingline:default/no-such-line');
    expect(hidden.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      'No FundingLine fundingline:default/alpha-run in the catalog',
    );
    expect(hidden.text).not.toMatch(/420000/);
  });

  it.each([
    [undefined, /entityRef is missing/],
    ['component:default/argo-cd', /names a component; only FundingLine/],
    ['fundingline:default/', /is not an entity ref/],
  ])(
    'answers 400 for entityRef %p, saying what is wrong',
    async (ref, said) => {
      const res = await amounts(CAROL, ref);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(said);
    },
  );

  it('answers 400 for a batch that is not a list of refs', async () => {
    for (const body of [{}, { entityRefs: [] }, { entityRefs: 'alpha-run' }]) {
      const res = await batch(CAROL, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/entityRefs/);
    }
  });

  it('answers 503 with a plain message when the source file cannot be read', async () => {
    fs.rmSync(file('vanishing.yaml'));
    const res = await amounts(CAROL, 'fundingline:default/vanishing-run');
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({
      name: 'ServiceUnavailableError',
      message: `Could not read ${file('vanishing.yaml')}: it does not exist`,
    });
    expect(res.text).not.toMatch(/stack|\n\s+at /);
  });

  it('answers 502 when the source no longer declares the FundingLine', async () => {
    fs.writeFileSync(
      file('gone.yaml'),
      yamlOf(fundingLine('someone-else', ONE_YEAR)),
    );
    const res = await amounts(CAROL, 'fundingline:default/gone-run');
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('BadSourceError');
    expect(res.body.error.message).toBe(
      `file:${file(
        'gone.yaml',
      )} no longer declares fundingline:default/gone-run`,
    );
  });

  it('answers 502 naming the field when the source declares a bad amount, without quoting it', async () => {
    fs.writeFileSync(
      file('broken.yaml'),
      yamlOf(
        fundingLine('broken-run', [
          { start: '2026-01-01', end: '2027-01-01', amount: '4,321,000' },
        ]),
      ),
    );
    const res = await amounts(CAROL, 'fundingline:default/broken-run');
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(
      /spec\.periods\[0\]\.amount: must be a number/,
    );
    expect(res.text).not.toContain('4,321,000');
  });

  it('lists the amounts permission among the plugin’s permissions', async () => {
    const res = await request(backend.server)
      .get('/api/opmodel/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual([
      'opmodel.funding.amounts.read',
    ]);
  });
});
