import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  opmodel?: {
    scorecard?: {
      /**
       * The GitLab deployments collector. Hosts and tokens come from `integrations.gitlab`.
       */
      gitlab?: {
        /** When the collector runs. Default: every 10 minutes, for at most 8 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * GitLab environment names whose deployments count as production, exactly as GitLab
         * names them; they are written as environment `production`. Default: production, prod.
         */
        productionEnvironments?: string[];
        /** How many days back the first run of a project reads. Default: 90. */
        backfillDays?: number;
        /**
         * The longest a run waits for a rate limit to reset; past it the run stops that project
         * (and the others on the same host) and the next run goes on from there. Default: 1 minute.
         */
        maxRateLimitWait?: HumanDuration | string;
        /** The first wait before a request answered with a 5xx is sent again; it doubles. Default: 1 second. */
        serverErrorBackoff?: HumanDuration | string;
        /** How many times a request answered with a 5xx is sent again. Default: 3. */
        serverErrorRetries?: number;
      };
    };
  };
}
