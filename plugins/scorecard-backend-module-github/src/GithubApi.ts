import type { LoggerService } from '@backstage/backend-plugin-api';
import { RequestRetries } from '@opmodel/plugin-scorecard-node';
import { Octokit } from '@octokit/rest';

/** The GitHub REST API version every request asks for. */
export const GITHUB_API_VERSION = '2022-11-28';

/**
 * GitHub refuses requests on a host until `until` (ms since the epoch). The run stops reading
 * the repositories of that host; the next run goes on from where each one stopped.
 */
export class RateLimitedError extends Error {
  constructor(
    readonly host: string,
    readonly until: number,
    readonly kind: 'primary' | 'secondary',
  ) {
    super(
      `GitHub ${
        kind === 'primary' ? 'rate limit' : 'secondary rate limit'
      } reached on ${host}; reading goes on after ${new Date(
        until,
      ).toISOString()}`,
    );
    this.name = 'RateLimitedError';
  }
}

export type GithubPage<T> =
  | { notModified: false; data: T; etag?: string; next?: string }
  | { notModified: true };

type RequestFailure = Error & {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
};

/** The `rel="next"` URL of a `Link` header. */
export function nextPageUrl(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * How long GitHub asks to wait before the next request, from a 403 or 429 answer, following
 * "Rate limits for the REST API": `retry-after` (seconds) when given; else, with no requests
 * left, until `x-ratelimit-reset` (epoch seconds); else, for a secondary rate limit named only in
 * the message, at least a minute. Undefined for a 403 that is not a rate limit.
 */
export function rateLimitWaitMs(
  status: number,
  headers: Record<string, string | number | undefined>,
  message: string,
  now: number,
): { waitMs: number; kind: 'primary' | 'secondary' } | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers['retry-after']);
  const remaining = headers['x-ratelimit-remaining'];
  const reset = Number(headers['x-ratelimit-reset']);
  const secondary = /secondary rate limit|abuse/i.test(message);
  if (Number.isFinite(retryAfter) && headers['retry-after'] !== undefined) {
    return {
      waitMs: Math.max(0, retryAfter * 1000),
      kind: secondary || String(remaining) !== '0' ? 'secondary' : 'primary',
    };
  }
  if (String(remaining) === '0' && Number.isFinite(reset)) {
    return { waitMs: Math.max(0, reset * 1000 - now), kind: 'primary' };
  }
  if (secondary || /rate limit/i.test(message) || status === 429) {
    return { waitMs: 60_000, kind: 'secondary' };
  }
  return undefined;
}

export type GithubApiOptions = {
  host: string;
  baseUrl: string;
  headers?: Record<string, string>;
  logger: LoggerService;
  signal?: AbortSignal;
  maxRateLimitWaitMs: number;
  serverErrorBackoffMs: number;
  serverErrorRetries: number;
};

/**
 * GET requests to one GitHub host's REST API with: conditional requests (`If-None-Match`; a 304
 * costs no rate limit), `Link` pagination, rate limits honoured (a short wait is waited once or
 * twice, a longer one stops with {@link RateLimitedError}, never a tight loop) and a 5xx sent
 * again a few times after a doubling back-off.
 */
export class GithubApi {
  private readonly octokit: Octokit;

  constructor(private readonly options: GithubApiOptions) {
    this.octokit = new Octokit({
      baseUrl: options.baseUrl,
      userAgent: 'opmodel-scorecard-github-collector',
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => options.logger.debug(message),
        error: (message: string) => options.logger.debug(message),
      },
    });
  }

  /** One page: `route` is an endpoint (`/repos/{owner}/{repo}/deployments`) or a `next` URL. */
  async get<T>(
    route: string,
    params: Record<string, string | number> = {},
    etag?: string,
  ): Promise<GithubPage<T>> {
    const { signal } = this.options;
    const retries = new RequestRetries({
      ...this.options,
      label: `GitHub on ${this.options.host}`,
    });
    for (;;) {
      try {
        const res = await this.octokit.request({
          method: 'GET',
          url: route,
          ...params,
          headers: {
            ...this.options.headers,
            'x-github-api-version': GITHUB_API_VERSION,
            ...(etag ? { 'if-none-match': etag } : {}),
          },
          request: { signal },
        });
        const headers = res.headers as Record<string, string | undefined>;
        return {
          notModified: false,
          data: res.data as T,
          etag: headers.etag,
          next: nextPageUrl(headers.link),
        };
      } catch (e) {
        const error = e as RequestFailure;
        const status = error.status ?? 0;
        if (status === 304) return { notModified: true };
        const limit = rateLimitWaitMs(
          status,
          error.response?.headers ?? {},
          error.message ?? '',
          Date.now(),
        );
        if (limit) {
          if (await retries.waitOutRateLimit(limit.waitMs, limit.kind))
            continue;
          throw new RateLimitedError(
            this.options.host,
            Date.now() + limit.waitMs,
            limit.kind,
          );
        }
        if (await retries.waitAfterServerError(status)) continue;
        throw error;
      }
    }
  }
}
