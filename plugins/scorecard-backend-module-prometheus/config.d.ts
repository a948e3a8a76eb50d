import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  opmodel?: {
    scorecard?: {
      /** The scorecard's Prometheus collector (@opmodel/plugin-scorecard-backend-module-prometheus). */
      prometheus?: {
        /**
         * The Prometheus servers entities may be read from, picked by the
         * `opmodel.dev/prometheus-instance` (or Roadie's `prometheus.io/service-name`) annotation.
         * When absent, the instances of Roadie's Prometheus plugin (`prometheus.proxyPath`,
         * `prometheus.instances`) are used, through the proxy endpoints they name.
         */
        instances?: Array<{
          /** What entities call the instance. */
          name: string;
          /** The server's address, without /api/v1, e.g. https://prometheus.example.com */
          baseUrl: string;
          /**
           * Sent with every request, e.g. Authorization.
           * @visibility secret
           */
          headers?: { [name: string]: string };
        }>;
        /** The instance of entities that name none. Default: `default` if listed, else the first. */
        defaultInstance?: string;
        /** How many days of hours a first run reads. Default: 28. */
        backfillDays?: number;
        /** Hourly points asked for in one range query, at most 11000. Default: 168 (a week). */
        hoursPerRequest?: number;
        /** How long after an hour ends it is read, for samples still on their way. Default: 2. */
        settleMinutes?: number;
        /** How often a 5xx answer or a failed connection is tried again. Default: 3. */
        requestRetries?: number;
        /** The first wait before such a retry, doubling each time, unless the server sends Retry-After. Default: 2. */
        retryDelaySeconds?: number;
        /** When the collector runs. Default: every 15 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
