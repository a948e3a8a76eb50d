/** Every metric the scorecard computes. Definitions: {@link METRIC_DEFINITIONS}. */
export type MetricId =
  | 'uptime'
  | 'errorBudgetRemaining'
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'recoveryTime'
  | 'deploymentReworkRate'
  | 'timeToAcknowledge'
  | 'timeToResolve'
  | 'responseTargetCompliance';

/** `ratio` is 0..1; `perWeek` counts per 7 days; `ms` is a duration in milliseconds. */
export type MetricUnit = 'ratio' | 'perWeek' | 'ms';

/** A duration distribution: medians and p90s, never means. */
export type Distribution = {
  count: number;
  p50: number | null;
  p90: number | null;
};

/**
 * One metric computed over one window. `not-enough-data` is its own state: `value` is then null,
 * never a zero.
 */
export type MetricValue = {
  metric: MetricId;
  definitionVersion: number;
  state: 'ok' | 'not-enough-data';
  /** The headline figure in `unit`: a ratio, deployments per week, or a p50 duration. */
  value: number | null;
  unit: MetricUnit;
  /** How many data points the figure stands on (deployments, incidents, probes, ...). */
  count: number;
  /** Below this many data points the state is `not-enough-data`. */
  minimumCount: number;
  p50?: number | null;
  p90?: number | null;
  /** Metric-specific figures, e.g. perDay and deployDaysPerWeek, or open and unacknowledged counts. */
  details?: Record<string, number | string | null>;
  /** Durations per incident severity. */
  bySeverity?: Record<string, Distribution>;
};

/** Where a grade's threshold came from, in the order they are tried. */
export type GradeSource = 'objective' | 'config' | 'profile';

/** good / warning / poor is for colour; `label` is the words shown with it. */
export type GradeStatus = 'good' | 'warning' | 'poor' | 'none';

export type Grade = {
  status: GradeStatus;
  /** `met`, `missed`, or a profile level such as `elite`; `not enough data` or `ungraded` otherwise. */
  label: string;
  rule: {
    source: GradeSource | 'none';
    /** The profile id (`dora-2024`) when source is `profile`. */
    profile?: string;
    /** The threshold in the metric's unit, and which side of it is good. */
    threshold?: number;
    better?: 'higher' | 'lower';
    description: string;
  };
};

export type GradedMetric = MetricValue & { grade: Grade };

export type ScorecardWindow = { from: string; to: string };

export type Scorecard = {
  entityRef: string;
  window: ScorecardWindow;
  /** The entities whose events count: the entity itself and what it includes or owns. */
  members: string[];
  metrics: GradedMetric[];
  computedAt: string;
};

export type TrendPoint = {
  day: string;
  value: number | null;
  state: MetricValue['state'];
  grade: GradeStatus;
  definitionVersion: number;
};

export type Trend = {
  entityRef: string;
  metric: MetricId;
  window: ScorecardWindow;
  points: TrendPoint[];
  frozen?: { name: string; from: string; to: string }[];
};

/** Several metrics' daily histories for one entity, from one request. */
export type Trends = {
  entityRef: string;
  window: ScorecardWindow;
  /** Each asked metric's points, oldest first (an empty list when none is stored). */
  trends: Partial<Record<MetricId, TrendPoint[]>>;
  frozen: { name: string; from: string; to: string }[];
};

export type PortfolioEntry = {
  entityRef: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  metrics: GradedMetric[];
};

export type Portfolio = {
  window: ScorecardWindow;
  platforms: PortfolioEntry[];
};

export type FrozenPeriod = {
  name: string;
  from: string;
  to: string;
  frozenAt: string;
  frozenBy: string;
};

// ---- ingestion -------------------------------------------------------------------------------

export type DeploymentResult = 'success' | 'failure' | 'rollback';
export type IncidentImpact = 'outage' | 'partial' | 'degraded' | 'none';

/** Times are ISO 8601 with a zone, e.g. 2026-11-20T10:15:00Z. */
export type DeploymentEventInput = {
  /** Unique per source; posting the same id again changes nothing. */
  id: string;
  entityRef: string;
  environment: string;
  result: DeploymentResult;
  startedAt?: string;
  finishedAt: string;
  commits?: { sha: string; time: string }[];
  /** When commits are not listed: the time of the first commit in this deployment. */
  firstCommitAt?: string;
  /** The id of the incident this deployment was an unplanned fix for (as the alerting tool sent it). */
  fixesIncident?: string;
  url?: string;
};

export type IncidentEventInput = {
  /** Unique per source; send the incident again as it is acknowledged, mitigated and resolved. */
  id: string;
  entityRef: string;
  severity: string;
  impact: IncidentImpact;
  triggeredAt: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  /** The id of the deployment that caused it, when known (as its CI sent it). */
  causedByDeployment?: string;
  title?: string;
  url?: string;
};

export type AvailabilityProbeInput = {
  entityRef: string;
  time: string;
  up: boolean;
};

export type AvailabilityBucketInput = {
  entityRef: string;
  start: string;
  lengthSeconds: number;
  good: number;
  total: number;
};

export type IngestRequest = {
  /** Names the sender, e.g. `github-actions` or `pagerduty`; ids are unique within it. */
  source: string;
  deployments?: DeploymentEventInput[];
  incidents?: IncidentEventInput[];
  availability?: {
    probes?: AvailabilityProbeInput[];
    buckets?: AvailabilityBucketInput[];
  };
};

export type IngestResponse = {
  source: string;
  received: {
    deployments: number;
    incidents: number;
    probes: number;
    buckets: number;
  };
};

/** One item of a rejected batch: where it is and what to write instead. */
export type IngestIssue = {
  path: string;
  message: string;
};

/**
 * One collector's coverage of one entity: whether it reads the entity's data, when it last did,
 * when it last wrote events for it, and why it could not, in words.
 *
 * @public
 */
export type SourceCoverage = {
  /** The collector (a backend module's collector id, such as `github`). */
  collector: string;
  /** The source its events are written under. */
  source: string;
  /** The entity it reads: the one asked for, or one of its members. */
  entityRef: string;
  /** The kinds of events it writes (`deployments`, `incidents`, `availability`), when declared. */
  writes?: string[];
  /** ISO 8601. */
  lastRunAt: string;
  /** ISO 8601; absent when it never wrote an event for the entity. */
  lastWrittenAt?: string;
  lastWrittenCount?: number;
  /** Why the last run could not read the entity's data; absent when it could. */
  lastError?: string;
};

/**
 * Which collectors cover an entity and, for a Platform, System or Group, its members.
 *
 * @public
 */
export type Coverage = {
  entityRef: string;
  sources: SourceCoverage[];
};
