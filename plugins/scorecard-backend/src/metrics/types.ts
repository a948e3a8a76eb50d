/**
 * The plain data the metric functions read. Times are epoch milliseconds; the store maps its rows
 * to these at the boundary.
 */
export type TimeWindow = { from: number; to: number };

export type DeploymentRecord = {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  result: 'success' | 'failure' | 'rollback';
  startedAt: number | null;
  finishedAt: number;
  /** The earliest commit time of the deployment, when known. */
  firstCommitAt: number | null;
  /** Id (same source) of the incident this deployment was an unplanned fix for. */
  fixesIncident: string | null;
};

export type IncidentRecord = {
  source: string;
  id: string;
  entityRef: string;
  severity: string;
  impact: 'outage' | 'partial' | 'degraded' | 'none';
  triggeredAt: number;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  /** Id (same source) of the deployment that caused it. */
  causedByDeployment: string | null;
};

/** Probes and buckets both reduce to good/total counts; the store sums them in SQL. */
export type AvailabilityCounts = { good: number; total: number };

/** A response target per severity, in milliseconds. */
export type ResponseTargetMs = {
  severity: string;
  acknowledge?: number;
  resolve?: number;
};

/** One consumer survey response; a score is null when its question was not answered. */
export type FeedbackRecord = {
  source: string;
  id: string;
  /** The Platform the response is about. */
  entityRef: string;
  /** The responding team's Group ref, normalised. */
  team: string;
  respondedAt: number;
  /** 1–5. */
  satisfaction: number | null;
  /** 0–10. */
  recommendation: number | null;
  /** 1 (very little) – 7 (very much). */
  effort: number | null;
  /** The id of the Platform capability (in spec.capabilities) it is about, if any. */
  capability: string | null;
};

/** One support request to a Platform's team. */
export type SupportRequestRecord = {
  source: string;
  id: string;
  /** The Platform the request is about. */
  entityRef: string;
  /** The requesting team's Group ref, normalised. */
  team: string;
  channel: string;
  openedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
};

/** A Platform's support request targets (spec.support.requestTargets), in milliseconds. */
export type RequestTargetsMs = { firstResponse?: number; resolve?: number };
