#!/usr/bin/env node
/*
 * The app-config that points the scorecard's GitHub, PagerDuty and Prometheus collector modules
 * at the stand-in upstream (server.mjs), with schedules short enough that the first runs happen
 * within seconds.
 *
 *   node e2e/upstream/config.mjs http://127.0.0.1:7300 > app-config.upstream.yaml
 */
import { stringify } from 'yaml';

/** The app-config object for a stand-in at `url` (no trailing slash). */
export function upstreamConfig(url) {
  const base = String(url).replace(/\/+$/, '');
  // a new object each time, so that the YAML printed has no anchors
  const schedule = () => ({
    frequency: { seconds: 30 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 1 },
  });
  return {
    integrations: {
      // host github.com, so that `github.com/project-slug` alone names the repository
      github: [
        {
          host: 'github.com',
          apiBaseUrl: `${base}/github`,
          token: 'ghp_standInUpstreamToken0000000000000000',
        },
      ],
    },
    pagerDuty: {
      apiToken: 'pd-stand-in-token',
      apiBaseUrl: `${base}/pagerduty`,
    },
    opmodel: {
      scorecard: {
        github: { schedule: schedule(), backfillDays: 90 },
        pagerduty: { schedule: schedule(), backfillDays: 90 },
        prometheus: {
          instances: [{ name: 'default', baseUrl: `${base}/prometheus` }],
          schedule: schedule(),
          backfillDays: 28,
          // hours that ended a minute ago are complete on the stand-in
          settleMinutes: 1,
        },
      },
    },
  };
}

// run as a CLI (a check on the script's path, not import.meta, so that Jest can load the module)
if (/(^|[\\/])config\.mjs$/.test(process.argv[1] ?? '')) {
  const url = process.argv[2] ?? 'http://127.0.0.1:7300';
  process.stdout.write(stringify(upstreamConfig(url)));
}
