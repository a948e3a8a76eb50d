import type { GradedMetric, Scorecard } from '@opmodel/plugin-scorecard-common';

/*
 * The callers, entities, times and events of the tests that run the scorecard backend with the
 * real catalog over the examples (see startScorecardTestBackend).
 */

/** May only read scorecards (and the catalog). */
export const READER = 'user:default/reader';
/** May do nothing. */
export const NOBODY = 'user:default/nobody';
/** May read scorecards, but not see the developer platform in the catalog. */
export const OUTSIDER = 'user:default/outsider';
/** May write events of the pagerduty source only. */
export const PAGER = 'user:default/pager';
/** May write events, but is no configured writer of the CI pipeline's source. */
export const INTRUDER = 'user:default/intruder';
/** The CI pipeline, a configured writer of the github-actions source. */
export const CI = 'user:default/ci';
export const ARGO = 'component:default/argo-cd';
export const DEV = 'platform:default/developer-platform';
/** A Platform of a file of its own, which a test deletes from the catalog. */
export const TEMPORARY = 'platform:default/temporary-platform';
/** Every Platform of the test catalog. */
export const PLATFORMS = [
  DEV,
  'platform:default/data-platform',
  'platform:default/observability-platform',
  TEMPORARY,
];

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
// Everything happens in the last 28 whole UTC days, so the default-window snapshots see it.
export const TODAY = Math.floor(Date.now() / DAY) * DAY;
export const BASE = TODAY - 20 * DAY;
export const at = (ms: number) => new Date(ms).toISOString();
export const FROM = at(TODAY - 28 * DAY);
export const TO = at(TODAY);

/** One metric of a scorecard. */
export const metric = (card: Scorecard, id: string): GradedMetric =>
  card.metrics.find(m => m.metric === id)!;

/** What a CI pipeline would send for argo-cd (in ci-cd, in the developer platform). */
export function ciBatch() {
  const deployments = [0, 1, 2, 3].map(d => ({
    id: `run-${d}`,
    entityRef: ARGO,
    environment: 'production',
    result: 'success',
    startedAt: at(BASE + d * DAY + 9 * HOUR),
    finishedAt: at(BASE + d * DAY + 10 * HOUR),
    firstCommitAt: at(BASE + d * DAY + 8 * HOUR),
  }));
  deployments.push(
    {
      id: 'run-bad',
      entityRef: ARGO,
      environment: 'production',
      result: 'failure',
      startedAt: at(BASE + 5 * DAY),
      finishedAt: at(BASE + 5 * DAY + HOUR),
      firstCommitAt: at(BASE + 5 * DAY - HOUR),
    },
    {
      id: 'run-staging',
      entityRef: ARGO,
      environment: 'staging',
      result: 'success',
      startedAt: at(BASE),
      finishedAt: at(BASE + HOUR),
      firstCommitAt: at(BASE - HOUR),
    },
  );
  return { source: 'github-actions', deployments };
}

/** What an alerting webhook sends as the incident the failed deployment caused is triggered. */
export function incidentTriggered() {
  return {
    source: 'pagerduty',
    incidents: [
      {
        id: 'PD-1',
        entityRef: ARGO,
        severity: 'P1',
        impact: 'outage',
        triggeredAt: at(BASE + 5 * DAY + 2 * HOUR),
        causedByDeployment: 'run-bad',
        title: 'Deploys stuck',
      },
    ],
  };
}

/** The same incident sent again, acknowledged and resolved, leaving out the title (which it keeps). */
export function incidentResolved() {
  const update = incidentTriggered();
  Object.assign(update.incidents[0], {
    acknowledgedAt: at(BASE + 5 * DAY + 2 * HOUR + 10 * 60_000),
    resolvedAt: at(BASE + 5 * DAY + 4 * HOUR),
  });
  delete (update.incidents[0] as any).title;
  return update;
}

/** Availability from a blackbox exporter, as pre-counted hourly buckets: 999 of 1000 good. */
export function blackboxAvailability() {
  const buckets = [0, 1, 2, 3].map(h => ({
    entityRef: ARGO,
    start: at(BASE + h * HOUR),
    lengthSeconds: 3600,
    good: h === 0 ? 249 : 250,
    total: 250,
  }));
  return { source: 'blackbox', availability: { buckets } };
}

/** Every batch the example events are sent in, in the order they are sent. */
export const exampleEvents = () => [
  ciBatch(),
  incidentTriggered(),
  incidentResolved(),
  blackboxAvailability(),
];
