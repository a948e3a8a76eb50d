import type { MetricId, MetricValue } from '@opmodel/plugin-scorecard-common';
import { parseDuration } from '@opmodel/plugin-opmodel-common';
import {
  computeAdoptionShare,
  computeCsat,
  computeCustomerEffort,
  computeNps,
  computeSupportRequestsPerTeam,
  computeSupportTargetCompliance,
  computeSupportTimeToFirstResponse,
  computeSupportTimeToResolve,
} from '../metrics';
import type { TimeWindow } from '../metrics/types';
import type { ConsumerBase } from '../database/AdoptionStore';
import type { KnownEntity, ProductEvents } from '../database/types';

/** What a Platform's product metrics stand on: its product events and its consumers. */
export type ProductInputs = {
  events: ProductEvents;
  /** As of the look at the catalog that stands for the window; none before the first look. */
  consumers?: ConsumerBase;
};

export const NO_PRODUCT_INPUTS: ProductInputs = {
  events: { feedback: [], supportRequests: [] },
};

type ProductMetricId =
  | 'adoptionShare'
  | 'csat'
  | 'nps'
  | 'customerEffort'
  | 'supportTimeToFirstResponse'
  | 'supportTimeToResolve'
  | 'supportTargetCompliance'
  | 'supportRequestsPerTeam';

/** Each product metric of one Platform, computed when asked for. */
export function computeProductMetrics(
  { events, consumers }: ProductInputs,
  window: TimeWindow,
  now: number,
  options: {
    requestTargets: KnownEntity['requestTargets'];
    minimumResponses: number;
  },
): Record<ProductMetricId & MetricId, () => MetricValue> {
  const consumerTeams = new Set(consumers?.consumerTeams ?? []);
  const survey = {
    consumerTeams,
    minimumResponses: options.minimumResponses,
  };
  const { feedback, supportRequests } = events;
  return {
    adoptionShare: () => computeAdoptionShare(consumers?.streamAligned),
    csat: () => computeCsat(feedback, window, survey),
    nps: () => computeNps(feedback, window, survey),
    customerEffort: () => computeCustomerEffort(feedback, window, survey),
    supportTimeToFirstResponse: () =>
      computeSupportTimeToFirstResponse(supportRequests, window),
    supportTimeToResolve: () =>
      computeSupportTimeToResolve(supportRequests, window),
    supportTargetCompliance: () =>
      computeSupportTargetCompliance(
        supportRequests,
        window,
        {
          firstResponse: parseDuration(options.requestTargets?.firstResponse),
          resolve: parseDuration(options.requestTargets?.resolve),
        },
        now,
      ),
    supportRequestsPerTeam: () =>
      computeSupportRequestsPerTeam(supportRequests, window, consumerTeams),
  };
}
