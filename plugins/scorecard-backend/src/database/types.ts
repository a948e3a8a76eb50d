import type { GradedMetric } from '@opmodel/plugin-scorecard-common';
import type { PlatformObjectives } from '@opmodel/plugin-opmodel-common';
import type {
  AvailabilityCounts,
  DeploymentRecord,
  FeedbackRecord,
  IncidentRecord,
  SupportRequestRecord,
  TimeWindow,
} from '../metrics/types';

export type AvailabilityRecord = {
  source: string;
  entityRef: string;
  start: number;
  lengthMs: number;
  good: number;
  total: number;
};

export type DeploymentWrite = DeploymentRecord & { url: string | null };
export type IncidentWrite = IncidentRecord & {
  title: string | null;
  url: string | null;
};

export type FeedbackWrite = FeedbackRecord & { comment: string | null };
export type SupportRequestWrite = SupportRequestRecord & {
  title: string | null;
  url: string | null;
};

export type EventBatch = {
  deployments: DeploymentWrite[];
  incidents: IncidentWrite[];
  availability: AvailabilityRecord[];
  /** Survey responses; left out, none. */
  feedback?: FeedbackWrite[];
  /** Support requests; left out, none. */
  supportRequests?: SupportRequestWrite[];
};

/** What the scorecard keeps of a catalog entity: enough to grade it and list it. */
export type KnownEntity = {
  entityRef: string;
  kind: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  objectives?: PlatformObjectives;
  responseTargets?: {
    severity: string;
    acknowledge?: string;
    resolve?: string;
  }[];
  /** A Platform's spec.support.requestTargets. */
  requestTargets?: { firstResponse?: string; resolve?: string };
  /** The ids of a Platform's spec.capabilities. */
  capabilities?: string[];
};

/** The events that count towards one entity (its own and its members'), for one window. */
export type EntityEvents = {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  availability: AvailabilityCounts;
};

export type SnapshotRow = {
  entityRef: string;
  day: string;
  windowDays: number;
  metric: GradedMetric;
};

export const EVENT_KINDS = [
  'deployments',
  'incidents',
  'availability',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The events about a Platform as a product, read for the Platform itself (no roll-up). */
export type ProductEvents = {
  feedback: FeedbackRecord[];
  supportRequests: SupportRequestRecord[];
};
export const PRODUCT_EVENT_KINDS = ['feedback', 'supportRequests'] as const;
export type ProductEventKind = (typeof PRODUCT_EVENT_KINDS)[number];
/** Every kind of event whose writes may change a figure. */
export type TrackedKind = EventKind | ProductEventKind;
/** What `GET /events` lists. */
export type ListedEventType =
  | 'deployment'
  | 'incident'
  | 'feedback'
  | 'supportRequest';

export type EventQuery = {
  /** Only these kinds of events; the others come back empty. Default: all. */
  kinds?: EventKind[];
  window: TimeWindow;
  /** Deployments and incidents up to here are read too: a recovery may end after the window. */
  horizon: number;
  environments: string[];
};

/** What changedOwners looks for. */
export type ChangeQuery = {
  /** Events written (inserted or updated) at or after this time, epoch ms; none when left out. */
  since?: number;
  /**
   * Time ranges [from, to) the window's edges moved through: a deployment finished, an
   * availability sample started, or an incident triggered or resolved in one of them is a change.
   * Empty ranges are ignored.
   */
  ranges: Array<[number, number]>;
  /**
   * Owners for whom an incident open across a range is a change too: those whose uptime comes
   * from incidents, where an outage's length in the window moves with the window.
   */
  spanning: string[];
};

/**
 * The scorecard's events: batch writes, set-based reads per owner, whether an entity has an
 * incident source, and the events behind a figure.
 */
export interface EventStore {
  /**
   * Writes a whole batch in one transaction: all of it or nothing, each event with the principal
   * that wrote it.
   */
  writeBatch(batch: EventBatch, writtenBy?: string): Promise<void>;
  /**
   * Events per owner entity, read set-based for many owners at once: `owners` maps each owner to
   * the entities whose events count towards it.
   */
  readEvents(
    owners: Map<string, string[]>,
    query: EventQuery,
  ): Promise<Map<string, EntityEvents>>;
  /**
   * The entities, of those given, with an incident source: an incident stored for them (at any
   * time), or a collector that reads their incidents and last read them without an error, or
   * has written for them before.
   */
  withIncidentSource(entityRefs: string[]): Promise<Set<string>>;
  /**
   * The survey responses and support requests about each Platform given, in the window (support
   * requests opened in it; their targets are judged against now, so no horizon is needed).
   */
  readProductEvents(
    platformRefs: string[],
    window: TimeWindow,
  ): Promise<Map<string, ProductEvents>>;
  /** The events behind an entity's figures in a window, newest first. */
  listEvents(
    entityRef: string,
    type: ListedEventType,
    window: TimeWindow,
    limit: number,
  ): Promise<
    Array<DeploymentWrite | IncidentWrite | FeedbackWrite | SupportRequestWrite>
  >;
}
