import { durationToMilliseconds, type HumanDuration } from '@backstage/types';
import {
  SCORECARD_COLLECTOR_RETRY_DEFAULTS,
  type ScorecardCollector,
  type ScorecardCollectorDuration,
} from '@opmodel/plugin-scorecard-node';

/** When the failed runs of one collector are tried again. */
export type CollectorRetryPolicy = {
  initialDelayMs: number;
  maxDelayMs: number;
  maxRetries: number;
};

// A retry waits at most this share of the collector's frequency, so it comes well before the
// next scheduled run, which would make it pointless.
const MAX_SHARE_OF_FREQUENCY = 1 / 4;

function toMs(duration: ScorecardCollectorDuration): number {
  // a luxon Duration converts itself; the rest is a HumanDuration
  const converts = duration as { toMillis?: () => number };
  return typeof converts.toMillis === 'function'
    ? converts.toMillis()
    : durationToMilliseconds(duration as HumanDuration);
}

/** The collector's frequency, when it is a duration: a cron expression or a manual trigger has none. */
function frequencyMs(collector: ScorecardCollector): number | undefined {
  const { frequency } = collector.schedule;
  if ('cron' in frequency || 'trigger' in frequency) return undefined;
  return toMs(frequency);
}

/** The collector's retry option, with the defaults filled in; undefined when it never retries. */
export function collectorRetryPolicy(
  collector: ScorecardCollector,
): CollectorRetryPolicy | undefined {
  const { retry } = collector;
  if (retry === false) return undefined;
  const defaults = SCORECARD_COLLECTOR_RETRY_DEFAULTS;
  const frequency = frequencyMs(collector);
  const maxDelayMs = Math.min(
    toMs(retry?.maxDelay ?? defaults.maxDelay),
    frequency === undefined ? Infinity : frequency * MAX_SHARE_OF_FREQUENCY,
  );
  const initialDelayMs = Math.min(
    toMs(retry?.initialDelay ?? defaults.initialDelay),
    maxDelayMs,
  );
  const maxRetries = retry?.maxRetries ?? defaults.maxRetries;
  if (maxRetries < 1 || !(initialDelayMs > 0)) return undefined;
  return { initialDelayMs, maxDelayMs, maxRetries };
}

/**
 * How long to wait before retrying after `failures` runs in a row failed: twice as long after each
 * further failure, up to the policy's longest wait; undefined once the retries are used up.
 */
export function retryDelayMs(
  policy: CollectorRetryPolicy,
  failures: number,
): number | undefined {
  if (failures < 1 || failures > policy.maxRetries) return undefined;
  return Math.min(
    policy.initialDelayMs * 2 ** (failures - 1),
    policy.maxDelayMs,
  );
}
