import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ScorecardCollector,
  ScorecardCollectorContext,
} from '@opmodel/plugin-scorecard-node';
import type { IncidentEventInput } from '@opmodel/plugin-scorecard-common';
import type {
  PagerDutyAccount,
  PagerDutyAccounts,
  PagerDutyCollectorOptions,
} from './config';
import { PagerDutyClient, PagerDutyNotFoundError } from './PagerDutyClient';
import {
  SERVICE_ID_ANNOTATION,
  SOURCE,
  targetOf,
  toIncidentEvent,
  type ServiceTarget,
} from './incidents';

const DAY = 24 * 60 * 60 * 1000;
/** PagerDuty takes at most 6 months between `since` and `until`. */
export const MAX_WINDOW_MS = 180 * DAY;
/** Each run reads a little before where the last one stopped, for incidents that showed late. */
const OVERLAP_MS = 5 * 60 * 1000;

/** What a run keeps per service between runs. */
type ServiceCursor = {
  /** Incidents created before this were read. */
  until: string;
  /** Incidents read while not yet resolved: read again each run until they are. */
  open: string[];
};

function parseCursor(value: string | undefined): ServiceCursor | undefined {
  if (!value) return undefined;
  try {
    const c = JSON.parse(value);
    if (typeof c?.until === 'string')
      return { until: c.until, open: Array.isArray(c.open) ? c.open : [] };
  } catch {
    // an unreadable cursor starts over with the backfill
  }
  return undefined;
}

/** [since, until) cut into windows PagerDuty accepts. */
export function windows(since: Date, until: Date): Array<[Date, Date]> {
  const out: Array<[Date, Date]> = [];
  for (let start = since.getTime(); start < until.getTime(); ) {
    const end = Math.min(start + MAX_WINDOW_MS, until.getTime());
    out.push([new Date(start), new Date(end)]);
    start = end;
  }
  return out;
}

export type PagerDutyDeps = {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  accounts: PagerDutyAccounts;
  options: PagerDutyCollectorOptions;
  /** The first pause after a 5xx from PagerDuty; tests make it short. */
  retryBaseMs?: number;
};

/** The annotated entities, and which one reads each (account, service): the first by ref. */
export async function annotatedTargets(
  deps: Pick<PagerDutyDeps, 'catalog' | 'auth'>,
  serviceId?: string,
): Promise<ServiceTarget[]> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${SERVICE_ID_ANNOTATION}`]:
          serviceId ?? CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  return items
    .map(targetOf)
    .filter((t): t is ServiceTarget => t !== undefined)
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}

export function accountOf(
  accounts: PagerDutyAccounts,
  target: ServiceTarget,
): PagerDutyAccount | string {
  if (accounts.byId.size === 0)
    return 'no PagerDuty credentials are configured (pagerDuty.apiToken, pagerDuty.oauth or pagerDuty.accounts)';
  if (target.accountId) {
    const account = accounts.byId.get(target.accountId);
    return (
      account ??
      `PagerDuty account ${target.accountId} (annotation pagerduty.com/account) is not among pagerDuty.accounts`
    );
  }
  return (
    accounts.defaultAccount ??
    'several PagerDuty accounts are configured and none is the default (isDefault); name one with the pagerduty.com/account annotation'
  );
}

/** The collector that pulls the incidents of every annotated entity's PagerDuty service. */
export function createPagerDutyCollector(
  deps: PagerDutyDeps,
): ScorecardCollector {
  return {
    id: SOURCE,
    schedule: deps.options.schedule,
    writes: ['incidents'],
    async collect(context) {
      const targets = await annotatedTargets(deps);
      const clients = new Map<string, PagerDutyClient>();
      const claimedBy = new Map<string, string>();
      for (const target of targets) {
        if (context.signal?.aborted) return;
        const account = accountOf(deps.accounts, target);
        if (typeof account === 'string') {
          await context.coverage.failed(target.entityRef, {
            source: SOURCE,
            error: account,
          });
          continue;
        }
        const key = `${account.id}/${target.serviceId}`;
        const owner = claimedBy.get(key);
        if (owner) {
          await context.coverage.failed(target.entityRef, {
            source: SOURCE,
            error: `PagerDuty service ${target.serviceId} is annotated on ${owner} too; its incidents count for ${owner}`,
          });
          continue;
        }
        claimedBy.set(key, target.entityRef);
        let client = clients.get(account.id);
        if (!client) {
          client = new PagerDutyClient(account, {
            maxRateLimitWaitMs: deps.options.maxRateLimitWaitMs,
            retryBaseMs: deps.retryBaseMs,
            signal: context.signal,
          });
          clients.set(account.id, client);
        }
        try {
          const written = await pullService(deps, context, client, key, target);
          await context.coverage.read(target.entityRef, {
            source: SOURCE,
            written,
          });
        } catch (error) {
          if (context.signal?.aborted) throw error;
          const message =
            error instanceof PagerDutyNotFoundError
              ? `PagerDuty service ${target.serviceId} not found with the configured token`
              : `PagerDuty service ${target.serviceId}: ${
                  (error as Error)?.message ?? error
                }`;
          deps.logger.warn(`${target.entityRef}: ${message}`);
          await context.coverage.failed(target.entityRef, {
            source: SOURCE,
            error: message,
          });
        }
      }
    },
  };
}

async function pullService(
  deps: PagerDutyDeps,
  context: ScorecardCollectorContext,
  client: PagerDutyClient,
  cursorKey: string,
  target: ServiceTarget,
): Promise<number> {
  const { writer, cursors } = context;
  // a service the token cannot see is reported, not read as "no incidents"
  await client.service(target.serviceId);
  const cursor = parseCursor(await cursors.get(cursorKey));
  const now = new Date();
  const since = cursor
    ? new Date(Date.parse(cursor.until) - OVERLAP_MS)
    : new Date(now.getTime() - deps.options.backfillDays * DAY);
  const open = new Set(cursor?.open ?? []);
  const seen = new Set<string>();
  let written = 0;

  const write = async (incidents: IncidentEventInput[]) => {
    if (incidents.length === 0) return;
    const { received } = await writer.write({ source: SOURCE, incidents });
    written += received.incidents;
  };

  for (const [from, to] of windows(since, now)) {
    for await (const page of client.incidents(target.serviceId, from, to)) {
      const events: IncidentEventInput[] = [];
      for (const incident of page) {
        if (seen.has(incident.id)) continue;
        seen.add(incident.id);
        if (incident.status === 'resolved') open.delete(incident.id);
        else open.add(incident.id);
        events.push(
          await toIncidentEvent(
            incident,
            target.entityRef,
            client,
            deps.options,
          ),
        );
      }
      await write(events);
    }
    // progress is kept window by window, so a run cut short goes on from here
    await cursors.set(
      cursorKey,
      JSON.stringify({ until: to.toISOString(), open: [...open] }),
    );
  }

  // incidents created earlier and still open when last read: how they went on since
  const events: IncidentEventInput[] = [];
  for (const id of [...open]) {
    if (seen.has(id)) continue;
    try {
      const incident = await client.incident(id);
      if (incident.status === 'resolved') open.delete(id);
      events.push(
        await toIncidentEvent(incident, target.entityRef, client, deps.options),
      );
    } catch (error) {
      if (!(error instanceof PagerDutyNotFoundError)) throw error;
      open.delete(id); // deleted or merged into another incident
    }
  }
  await write(events);
  await cursors.set(
    cursorKey,
    JSON.stringify({ until: now.toISOString(), open: [...open] }),
  );
  return written;
}
