/**
 * The scorecard's metric functions: pure, over plain records with epoch-millisecond times, each
 * returning a full MetricValue. Windows are [from, to).
 */
export * from './types';
export { percentile, distribution } from './percentiles';
export { inWindow } from './metricValue';
export {
  computeUptimeFromCounts,
  computeUptimeFromIncidents,
  computeErrorBudgetRemaining,
  uptimeWithoutData,
} from './uptime';
export {
  computeDeploymentFrequency,
  computeLeadTime,
  computeChangeFailureRate,
  computeRecoveryTime,
  computeDeploymentReworkRate,
} from './delivery';
export {
  computeTimeToAcknowledge,
  computeTimeToResolve,
  computeResponseTargetCompliance,
} from './incidents';
export {
  computeCsat,
  computeNps,
  computeCustomerEffort,
  type SurveyContext,
} from './feedback';
export {
  computeSupportTimeToFirstResponse,
  computeSupportTimeToResolve,
  computeSupportTargetCompliance,
  computeSupportRequestsPerTeam,
} from './support';
export { computeAdoptionShare, type StreamAlignedCounts } from './adoption';
