import { formatMoney, type ModelFinding } from '@opmodel/plugin-opmodel-common';
import {
  METRIC_DEFINITIONS,
  HEADLINE_METRICS,
  METRIC_IDS,
  PORTFOLIO_PRODUCT_METRICS,
  type AdoptionSummary,
  type GradedMetric,
  type MetricId,
  type PortfolioEntry,
} from '@opmodel/plugin-scorecard-common';
import { formatCount, formatRatio } from '../format';
import type { PlatformFunding } from './catalogSide';

/**
 * A portfolio row: the platform's figures, those of the window before (when they loaded), and its
 * funding lines and findings from the catalog.
 */
export type PortfolioRow = PortfolioEntry & {
  previous?: GradedMetric[];
  funding: PlatformFunding[];
  findings: ModelFinding[];
  /** Its adoption as of the last look at the catalog, once loaded. */
  adoption?: AdoptionSummary;
};

/**
 * A funding line as a cell reads it: its title or name, the platform's share of it and, for those
 * who may see amounts, the platform's part of the period's amount.
 */
export function fundingText(f: PlatformFunding, locale?: string): string {
  const name = f.title ?? f.entityRef.replace(/^[^:]+:(default\/)?/, '');
  const parts = [
    f.share === undefined ? undefined : formatRatio(f.share, locale),
    f.amount && formatMoney(f.amount.value, f.amount.currency),
  ].filter(Boolean);
  return parts.length === 0 ? name : `${name} (${parts.join(', ')})`;
}

/** The columns that can be shown or hidden; the platform and its owner always are. */
export type OptionalColumn =
  | 'lifecycle'
  | MetricId
  | 'adoption'
  | 'funding'
  | 'value'
  | 'findings';

/**
 * Every optional column, in the order the table shows them: of the metrics, those the portfolio
 * computes, in the order of their definitions: the headline metrics, then, beside adoption, the
 * product metrics (satisfaction, support).
 */
export const OPTIONAL_COLUMNS: OptionalColumn[] = [
  'lifecycle',
  ...METRIC_IDS.filter(id => HEADLINE_METRICS.includes(id)),
  'adoption',
  ...METRIC_IDS.filter(id => PORTFOLIO_PRODUCT_METRICS.includes(id)),
  'funding',
  'value',
  'findings',
];

/**
 * What fits 1400 px without scrolling sideways: the headline figures people read first. Lead
 * time stays in: the browser check sorts by it.
 */
export const DEFAULT_COLUMNS: OptionalColumn[] = [
  'uptime',
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'recoveryTime',
  'timeToAcknowledge',
];

export const isMetricColumn = (c: OptionalColumn): c is MetricId =>
  c in METRIC_DEFINITIONS;

export function columnTitle(c: OptionalColumn): string {
  if (isMetricColumn(c)) return METRIC_DEFINITIONS[c].title;
  return {
    lifecycle: 'Lifecycle',
    adoption: 'Consumer teams',
    funding: 'Funding',
    value: 'Value for money',
    findings: 'Findings',
  }[c];
}

/**
 * The shown columns from the URL's `columns` (comma-separated ids), in the table's order;
 * unknown ids are ignored, and without any known one the defaults are shown.
 */
export function parseColumns(param: string | null): OptionalColumn[] {
  const asked = new Set((param ?? '').split(',').map(s => s.trim()));
  const known = OPTIONAL_COLUMNS.filter(c => asked.has(c));
  return known.length > 0 ? known : DEFAULT_COLUMNS;
}

/** The URL's `columns` for a choice: empty (left out of the URL) when it is the default. */
export function formatColumns(columns: OptionalColumn[]): string {
  const ordered = OPTIONAL_COLUMNS.filter(c => columns.includes(c));
  const isDefault =
    ordered.length === DEFAULT_COLUMNS.length &&
    DEFAULT_COLUMNS.every(c => ordered.includes(c));
  return isDefault ? '' : ordered.join(',');
}

/** Findings counted by severity: "1 error, 2 warnings", or "none". */
export function findingsSummary(
  findings: ModelFinding[],
  locale?: string,
): string {
  if (findings.length === 0) return 'none';
  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const count = (n: number, what: string) =>
    n ? `${formatCount(n, locale)} ${what}${n > 1 ? 's' : ''}` : '';
  return [count(errors, 'error'), count(warnings, 'warning')]
    .filter(Boolean)
    .join(', ');
}
