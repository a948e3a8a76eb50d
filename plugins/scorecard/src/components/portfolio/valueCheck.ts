import {
  checkValueParting,
  platformFundingPerDayAt,
  type FundingAmounts,
  type ModelFinding,
} from '@opmodel/plugin-opmodel-common';
import type { GradedMetric, MetricId } from '@opmodel/plugin-scorecard-common';
import type { PlatformFunding } from './catalogSide';

/** A metric's figure, when there was enough data for one. */
const figure = (metrics: GradedMetric[] | undefined, id: MetricId) => {
  const m = metrics?.find(x => x.metric === id);
  return m?.state === 'ok' && m.value !== null ? m.value : undefined;
};

/**
 * A platform's funding per day on `day`, summed over its lines; unknown unless every line's
 * amount is known (and gives a share), in one currency.
 */
export function fundingPerDay(
  funding: PlatformFunding[],
  amounts: Map<string, FundingAmounts> | undefined,
  day: string,
): number | undefined {
  if (funding.some(f => f.share === undefined)) return undefined;
  return platformFundingPerDayAt(
    funding.map(f => ({
      periods: f.periods ?? [],
      amounts: amounts?.get(f.entityRef.toLocaleLowerCase('en-US')),
      share: f.share!,
    })),
    day,
  )?.value;
}

/**
 * The value check of one portfolio row (see checkValueParting): its satisfaction and adoption in
 * the window against the window before, and its funding per day at each window's end. Without
 * amounts (a reader who may not see them) it finds nothing.
 */
export function valueFinding(
  row: {
    entityRef: string;
    lifecycle?: string;
    metrics: GradedMetric[];
    previous?: GradedMetric[];
    funding: PlatformFunding[];
  },
  amounts: Map<string, FundingAmounts> | undefined,
  windows: { now: string; before: string },
): ModelFinding | undefined {
  return checkValueParting({
    entityRef: row.entityRef,
    lifecycle: row.lifecycle,
    satisfaction: {
      now: figure(row.metrics, 'csat'),
      before: figure(row.previous, 'csat'),
    },
    adoption: {
      now: figure(row.metrics, 'adoptionShare'),
      before: figure(row.previous, 'adoptionShare'),
    },
    fundingPerDay: {
      now: fundingPerDay(row.funding, amounts, windows.now.slice(0, 10)),
      before: fundingPerDay(row.funding, amounts, windows.before.slice(0, 10)),
    },
  });
}
