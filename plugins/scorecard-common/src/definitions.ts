import type { components } from './generated/openapi';
import type { MetricId } from './types';

/** What a metric means, its unit, which way is better and its definition version. */
export type MetricDefinition = components['schemas']['MetricDefinition'];

const DAY = 86_400_000;

/** The metric contract of SCORECARD.md, written once. */
export const METRIC_DEFINITIONS: Record<MetricId, MetricDefinition> = {
  uptime: {
    id: 'uptime',
    title: 'Uptime',
    unit: 'ratio',
    better: 'higher',
    version: 1,
    minimumCount: 1,
    definition:
      'From availability probes or buckets when there are any: good / total over the window. Otherwise from incidents, when the entity has an incident source (an incident ever recorded for it, or a collector that reads its incidents): 1 − (length of the union of outage intervals inside the window) / window length; a partial outage counts with the configured weight (default 0.5), degraded counts as up. With neither, not enough data.',
  },
  errorBudgetRemaining: {
    id: 'errorBudgetRemaining',
    title: 'Error budget left',
    unit: 'ratio',
    better: 'higher',
    version: 1,
    minimumCount: 1,
    definition:
      '1 − (1 − uptime) / (1 − availability objective). Negative when the budget is overspent; needs an availability objective.',
  },
  deploymentFrequency: {
    id: 'deploymentFrequency',
    title: 'Deployment frequency',
    unit: 'perWeek',
    better: 'higher',
    version: 1,
    minimumCount: 1,
    definition:
      'Successful production deployments per week over the window (details: per day, and deploy days per week).',
  },
  leadTime: {
    id: 'leadTime',
    title: 'Lead time for changes',
    unit: 'ms',
    better: 'lower',
    version: 1,
    minimumCount: 3,
    definition:
      'Finished time of a successful production deployment − the time of its first commit; p50 and p90.',
  },
  changeFailureRate: {
    id: 'changeFailureRate',
    title: 'Change failure rate',
    unit: 'ratio',
    better: 'lower',
    version: 1,
    minimumCount: 5,
    definition:
      'Share of production deployments that were rolled back, failed in production, or caused an incident.',
  },
  recoveryTime: {
    id: 'recoveryTime',
    title: 'Failed deployment recovery time',
    unit: 'ms',
    better: 'lower',
    version: 1,
    minimumCount: 1,
    definition:
      'From a failed (failed, rolled back or incident-causing) production deployment to the next successful one, or to the resolution of the incident it caused when that is later; p50 and p90.',
  },
  deploymentReworkRate: {
    id: 'deploymentReworkRate',
    title: 'Deployment rework rate',
    unit: 'ratio',
    better: 'lower',
    version: 1,
    minimumCount: 5,
    definition:
      'Share of production deployments that were unplanned fixes for an incident.',
  },
  timeToAcknowledge: {
    id: 'timeToAcknowledge',
    title: 'Time to acknowledge',
    unit: 'ms',
    better: 'lower',
    version: 1,
    minimumCount: 1,
    definition:
      'Acknowledged − triggered for incidents triggered in the window; p50 and p90, overall and per severity. Unacknowledged incidents are counted apart.',
  },
  timeToResolve: {
    id: 'timeToResolve',
    title: 'Time to resolve',
    unit: 'ms',
    better: 'lower',
    version: 1,
    minimumCount: 1,
    definition:
      'Resolved − triggered for incidents triggered in the window; p50 and p90, overall and per severity. Open incidents are counted apart.',
  },
  responseTargetCompliance: {
    id: 'responseTargetCompliance',
    title: 'Response-target compliance',
    unit: 'ratio',
    better: 'higher',
    version: 1,
    minimumCount: 1,
    definition:
      "Share of incidents (with a response target for their severity in the platform's support.responseTargets) acknowledged and resolved within it. An incident still open past its target counts as missed.",
  },
  adoptionShare: {
    id: 'adoptionShare',
    title: 'Adoption',
    unit: 'ratio',
    better: 'higher',
    version: 1,
    minimumCount: 1,
    definition:
      "Share of the organisation's stream-aligned teams that consume the Platform (declared in spec.consumers or observed through dependsOn and consumesApi relations), as of the last look at the catalog on or before the window's last day; count is the number of stream-aligned teams.",
  },
  csat: {
    id: 'csat',
    title: 'Satisfaction (CSAT)',
    unit: 'score',
    better: 'higher',
    version: 1,
    minimumCount: 5,
    definition:
      'Mean satisfaction score (1–5) of the survey responses given in the window; per capability too. details: responses, respondingTeams, consumerTeams and responseRate (the share of consumer teams that responded).',
  },
  nps: {
    id: 'nps',
    title: 'Net promoter score',
    unit: 'score',
    better: 'higher',
    version: 1,
    minimumCount: 5,
    definition:
      'Share of promoters (9–10) minus share of detractors (0–6) among the recommendation answers (0–10) given in the window, × 100 (−100..100); per capability too.',
  },
  customerEffort: {
    id: 'customerEffort',
    title: 'Customer effort',
    unit: 'score',
    better: 'lower',
    version: 1,
    minimumCount: 5,
    definition:
      'Mean effort score (1 very little … 7 very much) of the survey responses given in the window: the cognitive load the platform puts on its consumers; per capability too.',
  },
  supportTimeToFirstResponse: {
    id: 'supportTimeToFirstResponse',
    title: 'Support: first response',
    unit: 'ms',
    better: 'lower',
    version: 1,
    minimumCount: 1,
    definition:
      'First response − opened for support requests opened in the window; p50 and p90. Requests not answered yet are counted apart.',
  },
  supportTimeToResolve: {
    id: 'supportTimeToResolve',
    title: 'Support: resolution',
    unit: 'ms',
    better: 'lower',
    version: 1,
    minimumCount: 1,
    definition:
      'Resolved − opened for support requests opened in the window; p50 and p90. Open requests are counted apart.',
  },
  supportTargetCompliance: {
    id: 'supportTargetCompliance',
    title: 'Support: within targets',
    unit: 'ratio',
    better: 'higher',
    version: 1,
    minimumCount: 1,
    definition:
      "Share of support requests opened in the window answered and resolved within the platform's spec.support.requestTargets. A request still waiting past its target counts as missed.",
  },
  supportRequestsPerTeam: {
    id: 'supportRequestsPerTeam',
    title: 'Support requests per team',
    unit: 'perTeam',
    better: 'lower',
    version: 1,
    minimumCount: 1,
    definition:
      'Support requests opened in the window / consumer teams: a platform that needs many is not self-service. details: requests, consumerTeams, requestingTeams, and requests per channel.',
  },
};

export const METRIC_IDS = Object.keys(METRIC_DEFINITIONS) as MetricId[];

/** The metrics a portfolio row shows: throughput and stability together, as DORA asks. */
export const HEADLINE_METRICS: MetricId[] = [
  'uptime',
  'deploymentFrequency',
  'changeFailureRate',
  'leadTime',
  'recoveryTime',
  'timeToAcknowledge',
];

/**
 * The platform-as-a-product metrics: who uses the Platform, how its consumers rate it, and the
 * help they need. Measured for Platforms only.
 */
export const PRODUCT_METRICS: MetricId[] = [
  'adoptionShare',
  'csat',
  'nps',
  'customerEffort',
  'supportTimeToFirstResponse',
  'supportTimeToResolve',
  'supportTargetCompliance',
  'supportRequestsPerTeam',
];

/**
 * The product metrics a portfolio row shows beside the headline ones: who uses each platform,
 * how its consumers rate it and how soon they are helped.
 */
export const PORTFOLIO_PRODUCT_METRICS: MetricId[] = [
  'adoptionShare',
  'csat',
  'supportTimeToFirstResponse',
];

export const DURATION = {
  HOUR: 3_600_000,
  DAY,
  WEEK: 7 * DAY,
  MONTH: 30 * DAY,
};
