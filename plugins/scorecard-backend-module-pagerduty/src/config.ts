import type { Config } from '@backstage/config';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { IncidentImpact } from '@opmodel/plugin-scorecard-common';

/** How one PagerDuty account is reached: a REST API token or a scoped OAuth app. */
export type PagerDutyAccount = {
  id: string;
  apiBaseUrl: string;
  apiToken?: string;
  oauth?: {
    clientId: string;
    clientSecret: string;
    region: string;
    subDomain: string;
    identityUrl: string;
  };
};

export type PagerDutyAccounts = {
  byId: Map<string, PagerDutyAccount>;
  /** The account of an entity without `pagerduty.com/account`. */
  defaultAccount?: PagerDutyAccount;
};

export type PagerDutyCollectorOptions = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  backfillDays: number;
  maxRateLimitWaitMs: number;
  severityByUrgency: Record<string, string>;
  impact: {
    priorities: Record<string, IncidentImpact>;
    urgencies: Record<string, IncidentImpact>;
    default: IncidentImpact;
  };
  webhookSecrets: string[];
};

const DEFAULT_API = 'https://api.pagerduty.com';
const DEFAULT_IDENTITY = 'https://identity.pagerduty.com/oauth/token';
const IMPACTS: IncidentImpact[] = ['outage', 'partial', 'degraded', 'none'];

function readOAuth(config: Config | undefined) {
  if (!config) return undefined;
  return {
    clientId: config.getString('clientId'),
    clientSecret: config.getString('clientSecret'),
    subDomain: config.getString('subDomain'),
    region: config.getOptionalString('region') ?? 'us',
    identityUrl: config.getOptionalString('identityUrl') ?? DEFAULT_IDENTITY,
  };
}

/**
 * Reads `pagerDuty` as PagerDuty's own Backstage plugin does: `accounts` when present (the one
 * marked `isDefault`, or the only one, is the default), otherwise `apiToken` or `oauth` as the
 * default account.
 */
export function readPagerDutyAccounts(config: Config): PagerDutyAccounts {
  const pd = config.getOptionalConfig('pagerDuty');
  const byId = new Map<string, PagerDutyAccount>();
  if (!pd) return { byId };
  const accounts = pd.getOptionalConfigArray('accounts');
  if (accounts && accounts.length > 0) {
    let defaultAccount: PagerDutyAccount | undefined;
    for (const a of accounts) {
      const account: PagerDutyAccount = {
        id: a.getString('id'),
        apiBaseUrl: trimSlash(a.getOptionalString('apiBaseUrl') ?? DEFAULT_API),
        apiToken: a.getOptionalString('apiToken'),
        oauth: readOAuth(a.getOptionalConfig('oauth')),
      };
      byId.set(account.id, account);
      if (a.getOptionalBoolean('isDefault') && !defaultAccount)
        defaultAccount = account;
    }
    if (!defaultAccount && accounts.length === 1)
      defaultAccount = byId.values().next().value;
    return { byId, defaultAccount };
  }
  const apiToken = pd.getOptionalString('apiToken');
  const oauth = readOAuth(pd.getOptionalConfig('oauth'));
  if (!apiToken && !oauth) return { byId };
  const account: PagerDutyAccount = {
    id: 'default',
    apiBaseUrl: trimSlash(pd.getOptionalString('apiBaseUrl') ?? DEFAULT_API),
    apiToken,
    oauth,
  };
  byId.set(account.id, account);
  return { byId, defaultAccount: account };
}

function trimSlash(url: string) {
  return url.replace(/\/+$/, '');
}

function readImpacts(
  config: Config | undefined,
  key: string,
): Record<string, IncidentImpact> | undefined {
  const c = config?.getOptionalConfig(key);
  if (!c) return undefined;
  const out: Record<string, IncidentImpact> = {};
  for (const k of c.keys()) out[k] = readImpact(c, k)!;
  return out;
}

function readImpact(config: Config, key: string): IncidentImpact | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  if (!IMPACTS.includes(value as IncidentImpact))
    throw new Error(
      `opmodel.scorecard.pagerduty.impact: '${value}' at '${key}' is not an impact; use one of ${IMPACTS.join(
        ', ',
      )}`,
    );
  return value as IncidentImpact;
}

export function readCollectorOptions(
  config: Config,
): PagerDutyCollectorOptions {
  const c = config.getOptionalConfig('opmodel.scorecard.pagerduty');
  const impact = c?.getOptionalConfig('impact');
  const severityUrgencies = c?.getOptionalConfig('severity.urgencies');
  return {
    schedule: c?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : { frequency: { minutes: 10 }, timeout: { minutes: 10 } },
    backfillDays: c?.getOptionalNumber('backfillDays') ?? 90,
    maxRateLimitWaitMs:
      (c?.getOptionalNumber('maxRateLimitWaitSeconds') ?? 60) * 1000,
    severityByUrgency: Object.fromEntries(
      (severityUrgencies?.keys() ?? []).map(k => [
        k,
        severityUrgencies!.getString(k),
      ]),
    ),
    impact: {
      priorities: readImpacts(impact, 'priorities') ?? {
        P1: 'outage',
        P2: 'partial',
      },
      urgencies: readImpacts(impact, 'urgencies') ?? {},
      default: (impact && readImpact(impact, 'default')) ?? 'none',
    },
    webhookSecrets: c?.getOptionalStringArray('webhookSecrets') ?? [],
  };
}
