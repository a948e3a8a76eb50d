import { setTimeout as sleep } from 'node:timers/promises';
import type { PagerDutyAccount } from './config';

/** The fields of a PagerDuty REST API v2 incident that the scorecard reads. */
export type PagerDutyIncident = {
  id: string;
  title?: string;
  html_url?: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: string;
  created_at: string;
  resolved_at?: string | null;
  last_status_change_at?: string;
  service?: { id: string };
  priority?: { name?: string; summary?: string } | null;
};

type LogEntry = { type: string; created_at: string };

/** A response PagerDuty refused with 404. */
export class PagerDutyNotFoundError extends Error {
  name = 'PagerDutyNotFoundError';
}

/** PagerDuty's rate limit resets later than a run is willing to wait. */
/** PagerDuty refused an account's credentials: an error in configuration, not a passing one. */
export class PagerDutyCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PagerDutyCredentialsError';
  }
}

export class PagerDutyRateLimitedError extends Error {
  name = 'PagerDutyRateLimitedError';
  constructor(readonly waitMs: number) {
    super(
      `PagerDuty's rate limit resets in ${Math.ceil(
        waitMs / 1000,
      )} s; reading resumes at the next run`,
    );
  }
}

const MAX_ATTEMPTS = 4;

/** How long a 429 asks to wait: `Retry-After` (seconds or a date), else `ratelimit-reset`. */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const s = Number(retryAfter);
    if (Number.isFinite(s)) return Math.max(0, s * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
    const value = Number(headers.get(name));
    if (headers.get(name) && Number.isFinite(value)) {
      // a reset far beyond any window is an epoch time
      return value > 1e9
        ? Math.max(0, value * 1000 - now)
        : Math.max(0, value * 1000);
    }
  }
  return 60_000;
}

/**
 * A small client of the PagerDuty REST API v2 for one account: authenticates with a token or a
 * scoped OAuth app, waits out 429s up to a bound (then throws PagerDutyRateLimitedError), and
 * retries 5xx and network failures a few times with a growing pause.
 */
export class PagerDutyClient {
  private oauthToken?: { value: string; expiresAt: number };

  constructor(
    private readonly account: PagerDutyAccount,
    private readonly options: {
      maxRateLimitWaitMs: number;
      /** The first pause after a 5xx; it doubles each time. Default: 1 s. */
      retryBaseMs?: number;
      signal?: AbortSignal;
    },
  ) {}

  private async authorization(): Promise<string> {
    const { apiToken, oauth } = this.account;
    if (apiToken) return `Token token=${apiToken}`;
    if (!oauth)
      throw new PagerDutyCredentialsError(
        `PagerDuty account ${this.account.id} has neither an apiToken nor an oauth app configured`,
      );
    if (this.oauthToken && this.oauthToken.expiresAt > Date.now() + 60_000)
      return `Bearer ${this.oauthToken.value}`;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      scope: `as_account-${oauth.region}.${oauth.subDomain} incidents.read services.read`,
    });
    const res = await fetch(oauth.identityUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      signal: this.options.signal,
    });
    if (!res.ok)
      throw new PagerDutyCredentialsError(
        `PagerDuty refused the OAuth client credentials of account ${this.account.id} (HTTP ${res.status})`,
      );
    const json = (await res.json()) as {
      access_token: string;
      expires_in: number;
    };
    this.oauthToken = {
      value: json.access_token,
      expiresAt: Date.now() + json.expires_in * 1000,
    };
    return `Bearer ${json.access_token}`;
  }

  async get<T>(path: string, query: Array<[string, string]> = []): Promise<T> {
    const url = new URL(`${this.account.apiBaseUrl}${path}`);
    for (const [k, v] of query) url.searchParams.append(k, v);
    const retryBaseMs = this.options.retryBaseMs ?? 1000;
    let failure = '';
    for (let attempt = 1; ; attempt++) {
      let res: Response | undefined;
      try {
        res = await fetch(url, {
          headers: {
            Accept: 'application/vnd.pagerduty+json;version=2',
            Authorization: await this.authorization(),
          },
          signal: this.options.signal,
        });
      } catch (error) {
        // refused credentials stay refused: asking again only delays the message
        if (
          this.options.signal?.aborted ||
          error instanceof PagerDutyCredentialsError
        )
          throw error;
        failure = `could not reach PagerDuty: ${error}`;
      }
      if (res?.ok) return (await res.json()) as T;
      if (res?.status === 404) throw new PagerDutyNotFoundError(`${path}: 404`);
      if (res?.status === 429) {
        const wait = rateLimitWaitMs(res.headers);
        if (wait > this.options.maxRateLimitWaitMs || attempt >= MAX_ATTEMPTS)
          throw new PagerDutyRateLimitedError(wait);
        await sleep(wait, undefined, { signal: this.options.signal });
        continue;
      }
      if (res && res.status < 500)
        throw new Error(
          `PagerDuty answered ${res.status} to GET ${path}${
            res.status === 401 || res.status === 403
              ? ` with the credentials of account ${this.account.id}`
              : ''
          }`,
        );
      if (res) failure = `PagerDuty answered ${res.status} to GET ${path}`;
      if (attempt >= MAX_ATTEMPTS)
        throw new Error(`${failure} (${attempt} attempts)`);
      await sleep(retryBaseMs * 2 ** (attempt - 1), undefined, {
        signal: this.options.signal,
      });
    }
  }

  /** Every incident of a service created in [since, until), page by page. */
  async *incidents(
    serviceId: string,
    since: Date,
    until: Date,
  ): AsyncGenerator<PagerDutyIncident[]> {
    for (let offset = 0; ; ) {
      const page = await this.get<{
        incidents: PagerDutyIncident[];
        more?: boolean;
        limit?: number;
      }>('/incidents', [
        ['service_ids[]', serviceId],
        ['since', since.toISOString()],
        ['until', until.toISOString()],
        ['time_zone', 'UTC'],
        ['sort_by', 'created_at:asc'],
        ['limit', '100'],
        ['offset', String(offset)],
        ['total', 'false'],
      ]);
      yield page.incidents;
      if (!page.more || page.incidents.length === 0) return;
      offset += page.incidents.length;
    }
  }

  async incident(id: string): Promise<PagerDutyIncident> {
    const { incident } = await this.get<{ incident: PagerDutyIncident }>(
      `/incidents/${encodeURIComponent(id)}`,
    );
    return incident;
  }

  async service(id: string): Promise<{ id: string; name?: string }> {
    const { service } = await this.get<{
      service: { id: string; name?: string };
    }>(`/services/${encodeURIComponent(id)}`);
    return service;
  }

  /** The first acknowledgement and the last resolution in an incident's log. */
  async milestones(
    id: string,
  ): Promise<{ acknowledgedAt?: string; resolvedAt?: string }> {
    let acknowledgedAt: number | undefined;
    let resolvedAt: number | undefined;
    for (let offset = 0; ; ) {
      const page = await this.get<{
        log_entries: LogEntry[];
        more?: boolean;
      }>(`/incidents/${encodeURIComponent(id)}/log_entries`, [
        ['is_overview', 'true'],
        ['time_zone', 'UTC'],
        ['limit', '100'],
        ['offset', String(offset)],
      ]);
      for (const entry of page.log_entries) {
        const t = Date.parse(entry.created_at);
        if (!Number.isFinite(t)) continue;
        if (entry.type === 'acknowledge_log_entry')
          acknowledgedAt = Math.min(acknowledgedAt ?? t, t);
        if (entry.type === 'resolve_log_entry')
          resolvedAt = Math.max(resolvedAt ?? t, t);
      }
      if (!page.more || page.log_entries.length === 0) break;
      offset += page.log_entries.length;
    }
    return {
      acknowledgedAt:
        acknowledgedAt === undefined
          ? undefined
          : new Date(acknowledgedAt).toISOString(),
      resolvedAt:
        resolvedAt === undefined
          ? undefined
          : new Date(resolvedAt).toISOString(),
    };
  }
}
