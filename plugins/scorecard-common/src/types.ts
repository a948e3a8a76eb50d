import type { components } from './generated/openapi';

/*
 * The scorecard's API types, named. Each is the schema of the same name in the scorecard's
 * OpenAPI document (plugins/scorecard-backend/src/schema/openapi.yaml), where its fields are
 * described; they are generated from it, never written here.
 */
/** Every metric the scorecard computes. Definitions: {@link METRIC_DEFINITIONS}. */
export type MetricId = components['schemas']['MetricId'];
/** `ratio` is 0..1; `perWeek` counts per 7 days; `ms` is a duration in milliseconds. */
export type MetricUnit = components['schemas']['MetricUnit'];
/** A duration distribution: medians and p90s, never means. */
export type Distribution = components['schemas']['Distribution'];
/** One metric computed over one window; `not-enough-data` has a null value, never a zero. */
export type MetricValue = components['schemas']['MetricValue'];
/** Where a grade's threshold came from, in the order they are tried. */
export type GradeSource = components['schemas']['GradeSource'];
/** good / warning / poor is for colour; a grade's `label` is the words shown with it. */
export type GradeStatus = components['schemas']['GradeStatus'];
export type Grade = components['schemas']['Grade'];
export type GradedMetric = components['schemas']['GradedMetric'];
export type ScorecardWindow = components['schemas']['ScorecardWindow'];
export type Scorecard = components['schemas']['Scorecard'];
export type TrendPoint = components['schemas']['TrendPoint'];
export type Trend = components['schemas']['Trend'];
/** Several metrics' daily histories for one entity, from one request. */
export type Trends = components['schemas']['Trends'];
export type PortfolioEntry = components['schemas']['PortfolioEntry'];
export type Portfolio = components['schemas']['Portfolio'];
export type FrozenPeriod = components['schemas']['FrozenPeriod'];
/** A stored deployment as `GET /events` lists it; times are ISO 8601, null when not sent. */
export type StoredDeployment = components['schemas']['StoredDeployment'];
/** A stored incident as `GET /events` lists it; times are ISO 8601, null for steps not reached. */
export type StoredIncident = components['schemas']['StoredIncident'];
/**
 * A stored survey response as `GET /events` lists it; its comment is null, and `commentHidden`
 * true, for a caller who may not read comments.
 *
 * @public
 */
export type StoredFeedback = components['schemas']['StoredFeedback'];
/**
 * A stored support request as `GET /events` lists it; null for a step not reached yet.
 *
 * @public
 */
export type StoredSupportRequest =
  components['schemas']['StoredSupportRequest'];
/** A stored event as `GET /events` lists it. */
export type ScorecardEvent =
  | StoredDeployment
  | StoredIncident
  | StoredFeedback
  | StoredSupportRequest;
/** The events behind a figure, newest first, as `GET /events` gives them. */
export type EventList = components['schemas']['EventList'];

/** Times are ISO 8601 with a zone, e.g. 2026-11-20T10:15:00Z. */
export type DeploymentEventInput =
  components['schemas']['DeploymentEventInput'];
export type DeploymentResult = DeploymentEventInput['result'];
export type IncidentEventInput = components['schemas']['IncidentEventInput'];
export type IncidentImpact = IncidentEventInput['impact'];
export type AvailabilityProbeInput =
  components['schemas']['AvailabilityProbeInput'];
export type AvailabilityBucketInput =
  components['schemas']['AvailabilityBucketInput'];
/**
 * One consumer survey response about a Platform, as `POST /events` takes it.
 *
 * @public
 */
export type FeedbackEventInput = components['schemas']['FeedbackEventInput'];
/**
 * A consumer team's support request to a Platform, as `POST /events` takes it.
 *
 * @public
 */
export type SupportRequestEventInput =
  components['schemas']['SupportRequestEventInput'];
/** A batch of events from one source, as `POST /events` takes it. */
export type IngestRequest = components['schemas']['IngestRequest'];
export type IngestResponse = components['schemas']['IngestResponse'];
/** One item of a rejected batch: where it is and what to write instead. */
export type IngestIssue = components['schemas']['IngestIssue'];

/**
 * One collector's coverage of one entity: whether it reads the entity's data, when it last did,
 * when it last wrote events for it, and why it could not, in words.
 */
export type SourceCoverage = components['schemas']['SourceCoverage'];
/** Which collectors cover an entity and, for a Platform, System or Group, its members. */
export type Coverage = components['schemas']['Coverage'];
/**
 * Who uses a Platform, from the catalog alone, with its daily history.
 *
 * @public
 */
export type Adoption = components['schemas']['Adoption'];
/**
 * A team that consumes a Platform: declared, observed, or both.
 *
 * @public
 */
export type ConsumerTeam = components['schemas']['ConsumerTeam'];
/**
 * How many of the stream-aligned teams consume, of how many.
 *
 * @public
 */
export type TeamShare = components['schemas']['TeamShare'];
/**
 * A Platform capability's consumer teams, and the share of stream-aligned teams among them.
 *
 * @public
 */
export type CapabilityAdoption = components['schemas']['CapabilityAdoption'];
/**
 * A team declared a consumer but not observed using the platform, or the other way round, with the fix.
 *
 * @public
 */
export type AdoptionFinding = components['schemas']['AdoptionFinding'];
/**
 * One day of a Platform's adoption history: its consumer teams and stream-aligned share.
 *
 * @public
 */
export type AdoptionPoint = components['schemas']['AdoptionPoint'];
/**
 * A Platform's adoption in figures, as of the last look: consumer teams, the Components and
 * Systems they use it through, and the share of stream-aligned teams.
 *
 * @public
 */
export type AdoptionSummary = components['schemas']['AdoptionSummary'];

/** Metric definitions, benchmark profiles and the profile grades use, as `GET /definitions` gives them. */
export type Definitions = components['schemas']['Definitions'];

/** The generated description of every operation, for typed clients of the HTTP API. */
export type {
  components as ScorecardApiComponents,
  operations as ScorecardApiOperations,
  paths as ScorecardApiPaths,
} from './generated/openapi';
