import { CatalogClient, type CatalogApi } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  defaultEntityPresentation,
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import {
  IdentityPermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { SWRConfig } from 'swr';
import {
  ANNOTATION_FUNDING_AMOUNTS,
  FUNDING_AMOUNTS_IN_SOURCE_LOCATION,
  type FundingAmounts,
} from '@opmodel/plugin-opmodel-common';
import { FundingAmountsClient } from '@opmodel/plugin-opmodel-common';
import { fundingAmountsApiRef } from '../api/fundingAmountsApiRef';
import { catalogHandlers, type CatalogRequest } from './fakeCatalog';

export {
  expectFields,
  ROLE_ASSIGNING_FIELDS,
  type CatalogRequest,
} from './fakeCatalog';

export const BASE = 'http://localhost:7007/api';
const year = new Date().getUTCFullYear();
/** A period holding today, whatever year the tests run in. */
export const THIS_YEAR = { start: `${year}-01-01`, end: `${year + 1}-01-01` };

export const platform: Entity = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'Platform',
  metadata: {
    name: 'developer-platform',
    namespace: 'default',
    title: 'Developer Platform',
    description: 'Build, deploy and run services.',
  },
  spec: {
    type: 'developer-platform',
    lifecycle: 'production',
    owner: 'group:platform-team',
    valueProposition: 'Ship a new service on day one.',
    capabilities: [
      {
        id: 'deploy',
        title: 'Deploy a service',
        domain: 'delivery',
        selfService: true,
        interfaces: ['git', 'cli'],
        implementedBy: ['component:argo-cd'],
      },
    ],
    consumers: [
      {
        team: 'group:checkout',
        interaction: 'x-as-a-service',
        since: '2024-06-01',
      },
      { team: 'group:payments', interaction: 'x-as-a-service' },
      { team: 'group:search', interaction: 'collaboration' },
    ],
    roles: [
      {
        role: 'operatingrole:platform-engineer',
        holder: 'group:platform-team',
      },
      {
        role: 'platform-product-owner',
        holder: 'user:jane',
        until: '2020-12-31',
      },
    ],
    support: {
      channels: [
        { type: 'slack', target: '#platform-help', purpose: 'support' },
      ],
      responseTargets: [{ severity: 'P1', acknowledge: '15m', resolve: '4h' }],
    },
  },
  // as the opmodel processor relates it: every role it assigns, whatever the period
  relations: [
    {
      type: 'assignsRole',
      targetRef: 'operatingrole:default/platform-engineer',
    },
    {
      type: 'assignsRole',
      targetRef: 'operatingrole:default/platform-product-owner',
    },
  ],
};

export const productOwner: Entity = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'OperatingRole',
  metadata: {
    name: 'platform-product-owner',
    namespace: 'default',
    title: 'Platform Product Owner',
  },
  spec: {
    owner: 'group:platform-office',
    category: 'product',
    exclusive: true,
    requiredFor: ['production'],
    responsibilities: [
      { activity: 'roadmap', raci: 'A', description: 'what comes next' },
      { activity: 'onboarding', raci: 'C' },
    ],
  },
};

export const engineer: Entity = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'OperatingRole',
  metadata: {
    name: 'platform-engineer',
    namespace: 'default',
    title: 'Platform Engineer',
  },
  spec: {
    owner: 'group:platform-office',
    category: 'engineering',
    responsibilities: [{ activity: 'build', raci: 'R' }],
  },
};

/** A FundingLine as the catalog stores it: its periods without amounts. */
export const fundingLine: Entity = {
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'FundingLine',
  metadata: {
    name: 'platform-run',
    namespace: 'default',
    title: 'Platform run budget',
    annotations: {
      [ANNOTATION_FUNDING_AMOUNTS]: FUNDING_AMOUNTS_IN_SOURCE_LOCATION,
    },
  },
  spec: {
    type: 'operational',
    owner: 'group:finance',
    currency: 'EUR',
    model: 'showback',
    periods: [{ ...THIS_YEAR }],
    allocations: [
      { target: 'platform:developer-platform', share: 0.8 },
      { target: 'platform:data-platform', share: 0.2 },
    ],
    expectedValue: 'Every team deploys daily.',
    roles: [{ role: 'operatingrole:budget-holder', holder: 'user:carol' }],
  },
  // as the opmodel processor relates it: every platform it funds, every role it assigns
  relations: [
    { type: 'funds', targetRef: 'platform:default/developer-platform' },
    { type: 'funds', targetRef: 'platform:default/data-platform' },
    { type: 'assignsRole', targetRef: 'operatingrole:default/budget-holder' },
  ],
};

/** What the opmodel backend serves for {@link fundingLine} to a user allowed to see amounts. */
export const FUNDING_AMOUNTS: FundingAmounts = {
  entityRef: 'fundingline:default/platform-run',
  currency: 'EUR',
  periods: [{ ...THIS_YEAR, amount: 1_200_000 }],
};

export const CATALOG = [platform, productOwner, engineer, fundingLine];

/** The opmodel backend's answer for one line: its amounts, or the error it gives for it. */
function amountsOrError(ref: string) {
  return ref.toLocaleLowerCase('en-US') === FUNDING_AMOUNTS.entityRef
    ? FUNDING_AMOUNTS
    : {
        entityRef: ref,
        error: { name: 'NotFoundError', message: `No FundingLine ${ref}` },
      };
}

/**
 * The catalog, permission and opmodel backends as MSW handlers. `amounts` decides the funding
 * permission, which the opmodel backend enforces too; `amountsStatus` makes it fail instead.
 * The returned list records the catalog's entity queries as their path and query string; its
 * `catalog` every request to the catalog, parsed, and its `amounts` what the opmodel backend was
 * asked.
 */
export function serveBackends(
  server: SetupServer,
  options: {
    entities?: Entity[];
    amounts?: 'ALLOW' | 'DENY';
    amountsStatus?: number;
    catalogStatus?: number;
    hold?: Promise<void>;
  } = {},
) {
  const entities = options.entities ?? CATALOG;
  const asked: string[] = [];
  const askedCatalog: CatalogRequest[] = [];
  const askedAmounts: string[] = [];
  /** The opmodel backend's refusal or failure, when it would answer with one. */
  const amountsFailure = () => {
    if (options.amountsStatus)
      return HttpResponse.json(
        {
          error: {
            name: 'ServiceUnavailableError',
            message:
              'Could not read /srv/catalog/funding.yaml: it does not exist',
          },
          response: { statusCode: options.amountsStatus },
        },
        { status: options.amountsStatus },
      );
    if ((options.amounts ?? 'DENY') === 'DENY')
      return HttpResponse.json(
        {
          error: {
            name: 'NotAllowedError',
            message:
              'Seeing FundingLine amounts needs the opmodel.funding.amounts.read permission',
          },
          response: { statusCode: 403 },
        },
        { status: 403 },
      );
    return undefined;
  };
  server.use(
    http.get(`${BASE}/opmodel/funding/amounts`, ({ request }) => {
      const ref = new URL(request.url).searchParams.get('entityRef') ?? '';
      askedAmounts.push(ref);
      const failure = amountsFailure();
      if (failure) return failure;
      const answer = amountsOrError(ref);
      return 'error' in answer
        ? HttpResponse.json(
            { error: answer.error, response: { statusCode: 404 } },
            { status: 404 },
          )
        : HttpResponse.json(answer);
    }),
    http.post(
      `${BASE}/opmodel/funding/amounts/by-refs`,
      async ({ request }) => {
        const { entityRefs } = (await request.json()) as {
          entityRefs: string[];
        };
        askedAmounts.push(...entityRefs);
        return (
          amountsFailure() ??
          HttpResponse.json({ items: entityRefs.map(amountsOrError) })
        );
      },
    ),
    ...catalogHandlers(
      `${BASE}/catalog`,
      entities,
      options,
      askedCatalog,
      asked,
    ),
    http.post(`${BASE}/permission/authorize`, async ({ request }) => {
      const { items } = (await request.json()) as {
        items: { id: string; permission: { name: string } }[];
      };
      return HttpResponse.json({
        items: items.map(i => ({
          id: i.id,
          result:
            i.permission.name === 'opmodel.funding.amounts.read'
              ? options.amounts ?? 'DENY'
              : 'ALLOW',
        })),
      });
    }),
  );
  return Object.assign(asked, {
    catalog: askedCatalog,
    amounts: askedAmounts,
  });
}

const discoveryApi = { getBaseUrl: async (id: string) => `${BASE}/${id}` };
const fetchApi = { fetch: (...a: Parameters<typeof fetch>) => fetch(...a) };
const identityApi = {
  getCredentials: async () => ({ token: 'user-token' }),
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  }),
  getProfileInfo: async () => ({}),
  signOut: async () => {},
};

/**
 * Entities presented as the catalog plugin's presentation API presents them: by title (or name),
 * loaded from the catalog for a ref, the ref alone until then or when the catalog has no entity.
 */
function catalogPresentationApi(catalogApi: CatalogApi): EntityPresentationApi {
  return {
    forEntity(entityOrRef, context) {
      const snapshot = defaultEntityPresentation(entityOrRef, context);
      if (typeof entityOrRef !== 'string')
        return { snapshot, promise: Promise.resolve(snapshot) };
      const promise = catalogApi
        .getEntitiesByRefs({ entityRefs: [entityOrRef] })
        .then(({ items: [found] }) =>
          found ? defaultEntityPresentation(found, context) : snapshot,
        );
      return { snapshot, promise };
    },
  };
}

/**
 * Renders on an entity page with the real catalog and permission clients over the mocked HTTP
 * layer. With `entityPresentation`, the app has the catalog's entity presentation API too, which
 * names entities by their titles from the catalog; without, by what their refs say (their
 * names).
 */
export function renderOnEntityPage(
  entity: Entity,
  element: ReactNode,
  options: { entityPresentation?: boolean } = {},
) {
  const catalogApi = new CatalogClient({ discoveryApi, fetchApi });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [identityApiRef, identityApi],
        [catalogApiRef, catalogApi],
        ...(options.entityPresentation
          ? [
              [
                entityPresentationApiRef,
                catalogPresentationApi(catalogApi),
              ] as const,
            ]
          : []),
        [
          fundingAmountsApiRef,
          new FundingAmountsClient({ discoveryApi, fetchApi }),
        ],
        [
          permissionApiRef,
          IdentityPermissionApi.create({
            config: new ConfigReader({ permission: { enabled: true } }),
            discovery: discoveryApi,
            identity: identityApi,
          }),
        ],
      ]}
    >
      {/* usePermission caches decisions in SWR: a fresh cache per render keeps tests apart */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>{element}</EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
