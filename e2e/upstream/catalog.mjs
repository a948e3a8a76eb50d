#!/usr/bin/env node
/*
 * The catalog the stand-in upstream (server.mjs) answers for: a Platform that includes `count`
 * Components service-<i>, each annotated for the GitHub, PagerDuty and Prometheus collectors.
 *
 *   node e2e/upstream/catalog.mjs --count 3 > catalog.yaml
 */
import { stringify } from 'yaml';
import { promQuery } from './prometheus.mjs';

/** A multi-document YAML string: the Platform, then its Components. */
export function upstreamCatalog({
  count,
  platform = 'collected-platform',
  owner = 'group:default/platform-team',
}) {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`count must be a whole number, not ${count}`);
  const components = Array.from({ length: n }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `service-${i}`,
      title: `Service ${i}`,
      description: `A service whose deployments, incidents and availability come from the stand-in upstream`,
      annotations: {
        'github.com/project-slug': `acme/service-${i}`,
        'pagerduty.com/service-id': `PSVC${i}`,
        'opmodel.dev/prometheus-good': promQuery(i, 'good'),
        'opmodel.dev/prometheus-total': promQuery(i, 'total'),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  }));
  const platforms = platformNames(n, platform).map((name, k) =>
    platformEntity(
      name,
      owner,
      components.slice(k * PLATFORM_SIZE, (k + 1) * PLATFORM_SIZE),
    ),
  );
  return [...platforms, ...components]
    .map(doc => `---\n${stringify(doc, { lineWidth: 0 })}`)
    .join('');
}

/** A Platform includes at most this many entities (the kind's schema). */
const PLATFORM_SIZE = 500;

/** The Platforms that include `count` Components: `platform`, then `platform-2`, … */
export function platformNames(count, platform = 'collected-platform') {
  const n = Math.max(1, Math.ceil(count / PLATFORM_SIZE));
  return Array.from({ length: n }, (_, k) =>
    k === 0 ? platform : `${platform}-${k + 1}`,
  );
}

function platformEntity(platform, owner, components) {
  return {
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'Platform',
    metadata: {
      name: platform,
      title: 'Collected Platform',
      description:
        'A platform whose scorecard is read by the GitHub, PagerDuty and Prometheus collectors.',
    },
    spec: {
      type: 'developer-platform',
      lifecycle: 'production',
      owner,
      valueProposition:
        'Services whose delivery and operations figures are collected, not typed in.',
      includes: components.map(c => `component:default/${c.metadata.name}`),
      consumers: [
        { team: 'group:default/checkout', interaction: 'x-as-a-service' },
      ],
      roles: [
        {
          role: 'operatingrole:default/platform-product-owner',
          holder: 'user:default/jane',
        },
      ],
      collaboration: [
        {
          ritual: 'consumer-feedback',
          cadence: 'monthly',
          participants: [
            'operatingrole:default/platform-product-owner',
            'group:default/checkout',
          ],
        },
      ],
      support: {
        channels: [
          { type: 'slack', target: '#collected-platform', purpose: 'support' },
          { type: 'pager', target: 'collected-oncall', purpose: 'incidents' },
        ],
        responseTargets: [
          { severity: 'P1', acknowledge: '15m', resolve: '4h' },
          { severity: 'P2', acknowledge: '1h', resolve: '1d' },
        ],
      },
      objectives: {
        availability: { target: 0.999, window: '28d' },
        deploymentFrequency: { perWeek: 5 },
        changeFailureRate: 0.15,
      },
    },
  };
}

// run as a CLI (a check on the script's path, not import.meta, so that Jest can load the module)
if (/(^|[\\/])catalog\.mjs$/.test(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const arg = name => {
    const i = args.indexOf(`--${name}`);
    if (i >= 0) return args[i + 1];
    return args.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  process.stdout.write(
    upstreamCatalog({
      count: Number(arg('count') ?? 3),
      ...(arg('platform') ? { platform: arg('platform') } : {}),
      ...(arg('owner') ? { owner: arg('owner') } : {}),
    }),
  );
}
