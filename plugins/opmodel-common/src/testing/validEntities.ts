// from the package's main entry point, which declares these types for both entry points
import type {
  DeclaredFundingLineEntity,
  OperatingRoleEntity,
  PlatformEntity,
} from '@opmodel/plugin-opmodel-common';

/**
 * A complete, valid Platform, the base the malformed cases are made from.
 *
 * @public
 */
export function validPlatform(name = 'test-platform'): PlatformEntity {
  return {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: {
      name,
      title: 'Test Platform',
      description: 'A platform for tests.',
    },
    spec: {
      type: 'developer-platform',
      lifecycle: 'production',
      owner: 'group:platform-team',
      domain: 'domain:engineering',
      valueProposition: 'Ship a new service to production on day one.',
      includes: ['system:ci-cd', 'resource:shared-cluster'],
      capabilities: [
        {
          id: 'deploy',
          title: 'Deploy a service',
          domain: 'delivery',
          selfService: true,
          interfaces: ['portal', 'cli'],
          implementedBy: ['component:argo-cd'],
        },
        {
          id: 'observe',
          title: 'See logs and metrics',
          domain: 'observability',
          selfService: true,
          interfaces: ['portal'],
        },
      ],
      consumers: [
        {
          team: 'group:checkout',
          interaction: 'x-as-a-service',
          since: '2025-01-01',
        },
      ],
      roles: [
        {
          role: 'operatingrole:platform-product-owner',
          holder: 'user:jane',
          since: '2025-01-01',
        },
        {
          role: 'operatingrole:platform-engineer',
          holder: 'group:platform-team',
        },
        {
          role: 'operatingrole:service-manager',
          holder: 'user:bob',
          until: '2099-12-31',
        },
      ],
      support: {
        channels: [
          { type: 'slack', target: '#platform-help', purpose: 'support' },
        ],
        docs: 'https://docs.example.com/platform',
        responseTargets: [
          { severity: 'P1', acknowledge: '15m', resolve: '4h' },
        ],
      },
      feedback: { surveyUrl: 'https://forms.example.com/platform' },
      collaboration: [
        {
          ritual: 'consumer-feedback',
          cadence: 'monthly',
          participants: [
            'operatingrole:platform-product-owner',
            'group:checkout',
          ],
        },
      ],
      objectives: {
        availability: { target: 0.999, window: '28d' },
        deploymentFrequency: { perWeek: 5 },
        changeFailureRate: 0.15,
      },
    },
  };
}

/**
 * A complete, valid OperatingRole.
 *
 * @public
 */
export function validOperatingRole(name = 'test-role'): OperatingRoleEntity {
  return {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'OperatingRole',
    metadata: { name, title: 'Test Role' },
    spec: {
      owner: 'group:platform-office',
      category: 'product',
      exclusive: true,
      requiredFor: ['production'],
      responsibilities: [
        { activity: 'roadmap', raci: 'A' },
        { activity: 'user-feedback', raci: 'R' },
      ],
    },
  };
}

/**
 * A complete, valid FundingLine, as its file declares it (amounts included).
 *
 * @public
 */
export function validFundingLine(
  name = 'test-funding',
): DeclaredFundingLineEntity {
  return {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'FundingLine',
    metadata: { name },
    spec: {
      type: 'operational',
      owner: 'group:finance',
      costCenter: 'CC-4711',
      currency: 'EUR',
      model: 'showback',
      periods: [
        { start: '2026-01-01', end: '2027-01-01', amount: 1200000 },
        { start: '2027-01-01', end: '2028-01-01', amount: 1300000 },
      ],
      allocations: [
        { target: 'platform:test-platform', share: 0.8 },
        { target: 'platform:data-platform', share: 0.2 },
      ],
      expectedValue: 'Every stream-aligned team deploys daily without tickets.',
      roles: [{ role: 'operatingrole:budget-holder', holder: 'user:carol' }],
    },
  };
}
