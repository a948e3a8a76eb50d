import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';

/**
 * How one request to a source's API is asked again: a short rate limit is waited out (twice at
 * most, so a source that keeps limiting stops the read rather than holding the run), a 5xx is
 * asked again after a doubling back-off, a few times. One instance serves one request and its
 * retries.
 *
 * @public
 */
export class RequestRetries {
  private rateLimitWaits = 0;
  private serverErrors = 0;

  constructor(
    private readonly options: {
      /** The source and host, for the log: `GitHub on github.com`. */
      label: string;
      logger: LoggerService;
      signal?: AbortSignal;
      maxRateLimitWaitMs: number;
      serverErrorBackoffMs: number;
      serverErrorRetries: number;
    },
  ) {}

  /**
   * Waits out a rate limit of `waitMs` when it is short enough and not waited twice already;
   * false when the caller should stop (and say when to come back).
   */
  async waitOutRateLimit(waitMs: number, kind = ''): Promise<boolean> {
    const { options } = this;
    if (waitMs > options.maxRateLimitWaitMs || this.rateLimitWaits >= 2)
      return false;
    this.rateLimitWaits += 1;
    options.logger.info(
      `${options.label}: ${
        kind ? `${kind} ` : ''
      }rate limit; waiting ${Math.ceil(waitMs / 1000)} s`,
    );
    await sleep(waitMs, undefined, { signal: options.signal });
    return true;
  }

  /** Waits before asking again after a server error; false when the retries are used up. */
  async waitAfterServerError(status: number): Promise<boolean> {
    const { options } = this;
    if (status < 500 || this.serverErrors >= options.serverErrorRetries)
      return false;
    const wait = options.serverErrorBackoffMs * 2 ** this.serverErrors;
    this.serverErrors += 1;
    options.logger.info(
      `${options.label} answered ${status}; asking again in ${wait} ms`,
    );
    await sleep(wait, undefined, { signal: options.signal });
    return true;
  }
}
