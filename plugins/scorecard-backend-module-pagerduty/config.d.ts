import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The configuration of PagerDuty's own Backstage plugin (`@pagerduty/backstage-plugin-backend`),
   * read as it reads it: only the keys declared here are read.
   * @visibility frontend
   */
  pagerDuty?: {
    /**
     * The REST API's base URL. Default: https://api.pagerduty.com.
     * @visibility frontend
     */
    apiBaseUrl?: string;
    /**
     * A REST API token (account or user token, read access).
     * @visibility secret
     */
    apiToken?: string;
    /**
     * A scoped OAuth app: a client-credentials token for `as_account-<region>.<subDomain>`.
     * @deepVisibility secret
     */
    oauth?: {
      clientId: string;
      clientSecret: string;
      /** Default: us. */
      region?: string;
      subDomain: string;
      /** Default: https://identity.pagerduty.com/oauth/token. */
      identityUrl?: string;
    };
    /**
     * Several PagerDuty accounts; an entity names its account with the `pagerduty.com/account`
     * annotation, or gets the default one.
     * @deepVisibility secret
     */
    accounts?: Array<{
      id: string;
      isDefault?: boolean;
      eventsBaseUrl?: string;
      apiBaseUrl?: string;
      apiToken?: string;
      oauth?: {
        clientId: string;
        clientSecret: string;
        region?: string;
        subDomain: string;
        identityUrl?: string;
      };
    }>;
  };
  opmodel?: {
    scorecard?: {
      /** The PagerDuty collector of the scorecard. */
      pagerduty?: {
        /** How often the incidents are pulled. Default: every 10 minutes, 10 minutes at most. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** How many days back a service's first pull reads. Default: 90. */
        backfillDays?: number;
        /**
         * The longest wait, in seconds, for a rate limit to reset within a run; past it, the run
         * leaves the service to the next run. Default: 60.
         */
        maxRateLimitWaitSeconds?: number;
        /**
         * The severity of an incident without a priority, per urgency. Default: the urgency
         * itself (`high`, `low`). An incident with a priority has the priority's name (P1…P5).
         */
        severity?: {
          urgencies?: { [urgency: string]: string };
        };
        /**
         * The impact of an incident: by its priority's name first, then by its urgency, else
         * `default`. Each is outage, partial, degraded or none. Default: P1 outage, P2 partial,
         * anything else none.
         */
        impact?: {
          priorities?: { [priority: string]: string };
          urgencies?: { [urgency: string]: string };
          default?: string;
        };
        /**
         * The secrets of the PagerDuty v3 webhook subscriptions that send incident events to
         * `/api/events/http/pagerduty`; a webhook is taken when its `X-PagerDuty-Signature`
         * matches one of them. Several during a secret's rotation, or for several subscriptions.
         * @deepVisibility secret
         */
        webhookSecrets?: string[];
      };
    };
  };
}
