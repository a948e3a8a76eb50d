import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  opmodel?: {
    scorecard?: {
      /** Environments whose deployments count. Default: [production]. */
      environments?: string[];
      /** Weight of a `partial` outage in incident-based uptime, 0..1. Default: 0.5. */
      partialOutageWeight?: number;
      /** Days in the default window of a scorecard read. Default: 28. */
      defaultWindowDays?: number;
      /**
       * Objectives used when an entity has none of its own (same shape as a Platform's
       * `spec.objectives`; durations as 15m, 4h, 2d or 1w).
       */
      defaults?: {
        objectives?: {
          availability?: { target: number };
          deploymentFrequency?: { perDay?: number; perWeek?: number };
          changeFailureRate?: number;
          deploymentReworkRate?: number;
          leadTime?: string;
          recoveryTime?: string;
          timeToAcknowledge?: string;
          timeToResolve?: string;
          responseTargetCompliance?: number;
          feedback?: {
            /**
             * Survey metrics (CSAT, NPS, customer effort) with fewer responses than this in a window
             * are "not enough data", overall and per capability. Default: 5.
             */
            minimumResponses?: number;
          };
          adoption?: { share?: number };
          satisfaction?: { csat?: number; nps?: number; effort?: number };
          support?: {
            firstResponse?: string;
            resolve?: string;
            targetCompliance?: number;
            requestsPerTeam?: number;
          };
        };
      };
      /** The benchmark profile that grades what objectives leave ungraded. Default: dora-2024. */
      benchmarkProfile?: string;
      ingestion?: {
        /** Most events in one batch (deployments + incidents + probes + buckets). Default: 5000. */
        maxBatchItems?: number;
        /** Largest accepted request body, e.g. 5mb. Default: 5mb. */
        maxBodySize?: string;
        /** How far in the future an event time may be (clock skew), in seconds. Default: 300. */
        maxClockSkewSeconds?: number;
        /**
         * Who may write each source, when the permission policy allows
         * `opmodel.scorecard.events.create` outright (a conditional decision names the sources
         * itself). A writer is a principal as Backstage names it: a static token's `subject`, a
         * user's entity ref (`user:default/alice`), a group the user belongs to
         * (`group:default/sre`), or `plugin:<id>`. A source not listed here may be written by
         * every caller the policy allows.
         */
        sources?: Array<{ source: string; writers: string[] }>;
      };
      database?: {
        /**
         * PostgreSQL: the longest any statement of the scorecard may run (a locked table, an
         * overloaded server); the request is then answered with 503 and Retry-After. A batch's
         * write is bounded by its own 10 s deadline. Default: { seconds: 15 }.
         */
        statementTimeout?: HumanDuration | string;
        /**
         * The longest a request waits for a database connection (the server is unreachable or
         * every connection is busy) before it is answered with 503. Default: { seconds: 10 }.
         */
        connectionTimeout?: HumanDuration | string;
      };
      retention?: {
        /** Raw events older than this many days are removed; snapshots stay. Default: 400. */
        rawEventDays?: number;
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      snapshots?: {
        /**
         * When the daily snapshot of every scorecard runs. Default: every day at 00:30 UTC, and
         * never in the first minute after a start (`initialDelay`), so that a run overdue at
         * start-up waits until the start-up's memory has been collected.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        lateEvents?: {
          /**
           * How often the snapshots of past days that events arrived for late (a backfill, a
           * collector's first read) are taken again, from the earliest such day to yesterday.
           * Default: every 10 minutes, the first two minutes after a start.
           */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
      indexSummaries?: {
        /**
         * PostgreSQL: how often the BRIN time indexes summarise the block ranges written since
         * the last run (until then every query reads those ranges whole). Default: every minute.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      portfolio?: {
        /**
         * How often each backend replica brings its in-memory portfolios up to date (the
         * default window's, and every window length a request read in the last hour), so the
         * portfolio page answers from what is already computed. A read still recomputes every
         * platform with events stored since. Default: every 30 seconds.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      notifications?: {
        /**
         * Sends a notification through Backstage's notifications service when a Platform's or
         * Component's metric goes from met to missed, or its error budget runs out, on the daily
         * snapshot: one per entity and day, to its owner and, for a Platform, the holders of the
         * `roles` below; and when a model check finds something new on a Platform, FundingLine
         * or OperatingRole after a catalog sync. Needs the notifications backend
         * (`@backstage/plugin-notifications-backend`) installed. Default: false.
         */
        enabled?: boolean;
        /**
         * The OperatingRoles (by name, as in `operatingrole:default/<name>`) whose holders in a
         * Platform's `spec.roles` are notified besides its owner.
         * Default: [product-owner, service-manager].
         */
        roles?: string[];
      };
      adoption?: {
        /**
         * The Group `spec.type` values (compared without case) of the organisation's
         * stream-aligned teams: a Platform's adoption is the share of these Groups that consume
         * it. Default: [stream-aligned].
         */
        streamAlignedGroupTypes?: string[];
      };
      catalogSync?: {
        /** How often entity membership (includes, ownership) is read from the catalog. Default: every 5 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
