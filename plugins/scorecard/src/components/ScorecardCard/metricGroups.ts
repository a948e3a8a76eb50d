import {
  PRODUCT_METRICS,
  type GradedMetric,
  type MetricId,
} from '@opmodel/plugin-scorecard-common';

/** A heading of the card and the metrics under it, in the order they are read. */
export type MetricGroup = {
  id: string;
  title: string;
  metrics: GradedMetric[];
};

const GROUPS: { id: string; title: string; metrics: MetricId[] }[] = [
  {
    id: 'availability',
    title: 'Availability',
    metrics: ['uptime', 'errorBudgetRemaining'],
  },
  {
    id: 'delivery',
    title: 'Delivery',
    metrics: [
      'deploymentFrequency',
      'leadTime',
      'changeFailureRate',
      'deploymentReworkRate',
    ],
  },
  {
    id: 'incident-response',
    title: 'Incident response',
    metrics: [
      'recoveryTime',
      'timeToAcknowledge',
      'timeToResolve',
      'responseTargetCompliance',
    ],
  },
  {
    id: 'product',
    title: 'The platform as a product',
    metrics: PRODUCT_METRICS,
  },
];

/**
 * The scorecard's metrics under their headings: availability, delivery, incident response and,
 * for a Platform, the platform as a product (who uses it, how its consumers rate it, the help
 * they need). A
 * metric no heading names (one a newer backend computes) goes under "Other", so it is never
 * hidden; a heading without metrics is left out.
 */
export function groupMetrics(metrics: GradedMetric[]): MetricGroup[] {
  const byId = new Map(metrics.map(m => [m.metric, m]));
  const placed = new Set<string>();
  const groups: MetricGroup[] = GROUPS.map(g => ({
    id: g.id,
    title: g.title,
    metrics: g.metrics.flatMap(id => {
      const m = byId.get(id);
      if (!m) return [];
      placed.add(id);
      return [m];
    }),
  }));
  groups.push({
    id: 'other',
    title: 'Other',
    metrics: metrics.filter(m => !placed.has(m.metric)),
  });
  return groups.filter(g => g.metrics.length > 0);
}
