import type { JsonObject } from '@backstage/types';
import type { Entity } from '@backstage/catalog-model';
import { computeAdoption } from './computeAdoption';

/** An entity as the catalog serves it: relations already drawn. */
const entity = (
  ref: string,
  spec: JsonObject,
  relations: [string, string][] = [],
): Entity => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
};

const group = (name: string, type: string) =>
  entity(`Group:default/${name}`, { type, children: [] });

const CATALOG = [
  entity(
    'Platform:default/dev',
    {
      owner: 'group:platform-team',
      consumers: [{ team: 'group:checkout' }, { team: 'marketing' }],
      capabilities: [
        { id: 'deploy', title: 'Deploy a service', implementedBy: ['argo-cd'] },
      ],
    },
    [
      ['includes', 'system:default/ci-cd'],
      ['includes', 'resource:default/shared-cluster'],
      ['ownedBy', 'group:default/platform-team'],
    ],
  ),
  entity('System:default/ci-cd', { owner: 'platform-team' }, [
    ['hasPart', 'component:default/argo-cd'],
  ]),
  entity('Component:default/argo-cd', { owner: 'platform-team' }, [
    ['providesApi', 'api:default/deploy-api'],
    ['dependsOn', 'resource:default/shared-cluster'],
    ['ownedBy', 'group:default/platform-team'],
  ]),
  entity('API:default/deploy-api', { owner: 'platform-team' }),
  entity('Resource:default/shared-cluster', { owner: 'platform-team' }),
  // the platform team's own tooling on its cluster: no consumer of its own platform
  entity('Component:default/tooling', { owner: 'platform-team' }, [
    ['dependsOn', 'resource:default/shared-cluster'],
    ['ownedBy', 'group:default/platform-team'],
  ]),
  entity('Component:default/shop', { owner: 'checkout' }, [
    ['dependsOn', 'resource:default/shared-cluster'],
    ['ownedBy', 'group:default/checkout'],
  ]),
  entity('Component:default/pay', { owner: 'payments' }, [
    ['consumesApi', 'api:default/deploy-api'],
    ['ownedBy', 'group:default/payments'],
  ]),
  // depends on nothing the platform provides
  entity('Component:default/search', { owner: 'search' }, [
    ['dependsOn', 'resource:default/elsewhere'],
    ['ownedBy', 'group:default/search'],
  ]),
  group('checkout', 'stream-aligned'),
  group('payments', 'stream-aligned'),
  group('marketing', 'stream-aligned'),
  group('search', 'Stream-Aligned'),
  group('platform-team', 'platform'),
];

describe('computeAdoption', () => {
  const [dev] = computeAdoption(CATALOG, {
    streamAlignedTypes: ['stream-aligned'],
  });

  it('finds the declared teams and the teams observed using what the platform provides', () => {
    expect(dev.entityRef).toBe('platform:default/dev');
    expect(dev.teams).toEqual([
      {
        team: 'group:default/checkout',
        declared: true,
        observed: true,
        via: ['component:default/shop'],
        streamAligned: true,
      },
      {
        team: 'group:default/marketing',
        declared: true,
        observed: false,
        via: [],
        streamAligned: true,
      },
      // through an API a component of an included system provides
      {
        team: 'group:default/payments',
        declared: false,
        observed: true,
        via: ['component:default/pay'],
        streamAligned: true,
      },
    ]);
  });

  it('counts the stream-aligned teams that consume, of all of them (types compared without case)', () => {
    expect(dev.streamAligned).toEqual({ consuming: 3, total: 4, share: 0.75 });
  });

  it('finds the teams of each capability: those using what implements it', () => {
    expect(dev.capabilities).toEqual([
      {
        id: 'deploy',
        title: 'Deploy a service',
        teams: ['group:default/payments'],
        streamAligned: { consuming: 1, total: 4, share: 0.25 },
      },
    ]);
  });

  it('says which teams are declared but not observed, and the other way round, with the fix', () => {
    expect(dev.findings).toEqual([
      expect.objectContaining({
        team: 'group:default/marketing',
        kind: 'declared-not-observed',
        fix: expect.stringContaining(
          'remove group:default/marketing from spec.consumers',
        ),
      }),
      expect.objectContaining({
        team: 'group:default/payments',
        kind: 'observed-not-declared',
        message: expect.stringContaining('component:default/pay'),
        fix: 'add - { team: group:default/payments, interaction: x-as-a-service } to spec.consumers',
      }),
    ]);
  });

  it('gives no share when no Group counts as stream-aligned', () => {
    const [none] = computeAdoption(CATALOG, { streamAlignedTypes: ['team'] });
    expect(none.streamAligned).toEqual({ consuming: 0, total: 0, share: null });
    expect(none.teams).toHaveLength(3);
  });
});
