import type { LoggerService } from '@backstage/backend-plugin-api';
import { RequestRetries } from '@opmodel/plugin-scorecard-node';

/**
 * GitLab refuses requests on a host until `until` (ms since the epoch). The run stops reading the
 * projects of that host; the next run goes on from where each one stopped.
 */
export class RateLimitedError extends Error {
  constructor(readonly host: string, readonly until: number) {
    super(
      `GitLab rate limit reached on ${host}; reading goes on after ${new Date(
        until,
      ).toISOString()}`,
    );
    this.name = 'RateLimitedError';
  }
}

/** A request GitLab answered with an error status. */
export class GitlabResponseError extends Error {
  constructor(readonly status: number, readonly path: string, message: string) {
    super(
      `GitLab answered ${status} to GET ${path}${
        message ? `: ${message}` : ''
      }`,
    );
    this.name = 'GitlabResponseError';
  }
}

export type GitlabPage<T> = { data: T; next?: string };

/** The `rel="next"` URL of a `Link` header. */
export function nextPageUrl(
  link: string | null | undefined,
): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * How long GitLab asks to wait before the next request, from a 429 answer, following "Rate
 * limits" of the GitLab documentation: `Retry-After` (seconds) when given, else until
 * `RateLimit-Reset` (epoch seconds), else a minute.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('ratelimit-reset'));
  if (headers.get('ratelimit-reset') !== null && Number.isFinite(reset)) {
    return Math.max(0, reset * 1000 - now);
  }
  return 60_000;
}

export type GitlabApiOptions = {
  host: string;
  /** `https://gitlab.com/api/v4`, as `integrations.gitlab[].apiBaseUrl` has it. */
  apiBaseUrl: string;
  headers?: Record<string, string>;
  logger: LoggerService;
  signal?: AbortSignal;
  maxRateLimitWaitMs: number;
  serverErrorBackoffMs: number;
  serverErrorRetries: number;
};

/**
 * GET requests to one GitLab host's REST API v4 with: offset pagination (`X-Next-Page`, or the
 * `Link` header's `rel="next"`), rate limits honoured (a 429 with a short `Retry-After` or
 * `RateLimit-Reset` is waited out once or twice, a longer one stops with
 * {@link RateLimitedError}, never a tight loop) and a 5xx sent again a few times after a doubling
 * back-off.
 */
export class GitlabApi {
  constructor(private readonly options: GitlabApiOptions) {}

  /** One page: `path` is relative to the API base (`/projects/1/deployments`) or a `next` URL. */
  async get<T>(
    path: string,
    params: Record<string, string | number | undefined> = {},
  ): Promise<GitlabPage<T>> {
    const { signal, host } = this.options;
    const url = /^https?:\/\//.test(path)
      ? new URL(path)
      : new URL(`${this.options.apiBaseUrl.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const retries = new RequestRetries({
      ...this.options,
      label: `GitLab on ${host}`,
    });
    for (;;) {
      const res = await fetch(url, {
        method: 'GET',
        headers: {
          accept: 'application/json',
          'user-agent': 'opmodel-scorecard-gitlab-collector',
          ...this.options.headers,
        },
        signal,
      });
      if (res.ok) {
        const data = (await res.json()) as T;
        const nextPage = res.headers.get('x-next-page');
        let next: string | undefined;
        if (nextPage && nextPage.trim() !== '') {
          const u = new URL(url);
          u.searchParams.set('page', nextPage.trim());
          next = u.toString();
        } else {
          next = nextPageUrl(res.headers.get('link'));
        }
        return { data, next };
      }
      const text = await res.text().catch(() => '');
      if (res.status === 429) {
        const waitMs = rateLimitWaitMs(res.headers, Date.now());
        if (await retries.waitOutRateLimit(waitMs)) continue;
        throw new RateLimitedError(host, Date.now() + waitMs);
      }
      if (await retries.waitAfterServerError(res.status)) continue;
      let message = '';
      try {
        const body = JSON.parse(text);
        message = String(body.message ?? body.error ?? '');
      } catch {
        message = text.slice(0, 200);
      }
      throw new GitlabResponseError(res.status, url.pathname, message);
    }
  }
}
