import { setTimeout as sleep } from 'node:timers/promises';
import type { PrometheusInstance } from './config';

/** A Prometheus failure, in words a user can act on; the collector reports it as coverage. */
export class PrometheusQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

/** One series of a range query: its labels and `[unix seconds, "value"]` samples. */
export type RangeSeries = {
  metric: Record<string, string>;
  values: [number, string][];
};

type ApiResponse = {
  status?: 'success' | 'error';
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
};

const MAX_WAIT_MS = 60_000;

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Range queries against one Prometheus server's HTTP API v1 (`POST /api/v1/query_range`, form
 * encoded, so that long queries fit). A 5xx answer or a connection failure is tried again, after
 * the server's `Retry-After` when it sends one, otherwise after a delay that doubles each time.
 */
export class PrometheusClient {
  constructor(
    private readonly instance: PrometheusInstance,
    private readonly options: { retries: number; retryDelayMs: number },
  ) {}

  get name(): string {
    return this.instance.name;
  }

  /**
   * `what` names the query in messages (the annotation it came from). Times are unix seconds;
   * `step` is in seconds.
   */
  async queryRange(
    what: string,
    query: string,
    range: { start: number; end: number; step: number },
    signal?: AbortSignal,
  ): Promise<RangeSeries[]> {
    const { name, baseUrl, headers } = this.instance;
    const url = `${baseUrl}/api/v1/query_range`;
    const body = new URLSearchParams({
      query,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
    });
    let delay = this.options.retryDelayMs;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.options.retries;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            ...headers,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body,
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        if (!last) {
          await sleep(delay, undefined, { signal });
          delay *= 2;
          continue;
        }
        const cause = (error as any)?.cause?.message ?? String(error);
        throw new PrometheusQueryError(
          `Could not reach Prometheus '${name}' at ${baseUrl} for ${what}: ${cause}`,
        );
      }

      if (response.status >= 500 && !last) {
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? delay;
        await response.text().catch(() => undefined);
        await sleep(Math.min(wait, MAX_WAIT_MS), undefined, { signal });
        delay *= 2;
        continue;
      }

      const text = await response.text();
      let parsed: ApiResponse | undefined;
      try {
        parsed = JSON.parse(text) as ApiResponse;
      } catch {
        parsed = undefined;
      }

      if (parsed?.status === 'error' || !response.ok) {
        const attempts =
          response.status >= 500 && attempt > 0
            ? ` (after ${attempt + 1} attempts)`
            : '';
        if (parsed?.status === 'error' && parsed.error) {
          const verb = response.status >= 500 ? 'could not run' : 'rejected';
          throw new PrometheusQueryError(
            `Prometheus '${name}' ${verb} the query for ${what}: ${
              parsed.error
            }${parsed.errorType ? ` (${parsed.errorType})` : ''}${attempts}`,
          );
        }
        let hint = '';
        if (response.status === 401 || response.status === 403) {
          hint = `; check the instance's headers (Authorization)`;
        } else if (response.status === 404) {
          hint = `; check its baseUrl (${baseUrl}), the server's address without /api/v1`;
        }
        throw new PrometheusQueryError(
          `Prometheus '${name}' answered HTTP ${response.status}${
            response.statusText ? ` ${response.statusText}` : ''
          } to the query for ${what}${hint}${attempts}`,
        );
      }

      if (parsed?.status !== 'success' || !parsed.data) {
        throw new PrometheusQueryError(
          `Prometheus '${name}' at ${baseUrl} answered the query for ${what} with something other than a Prometheus API response; check its baseUrl`,
        );
      }
      const { resultType, result } = parsed.data;
      if (resultType !== 'matrix' || !Array.isArray(result)) {
        throw new PrometheusQueryError(
          `Prometheus '${name}' answered the query for ${what} with a ${resultType} result, where a range query gives a matrix`,
        );
      }
      return result as RangeSeries[];
    }
  }
}
