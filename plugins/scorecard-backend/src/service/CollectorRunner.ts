import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ScorecardCollector,
  ScorecardCollectorCoverage,
  ScorecardCollectorCursors,
  ScorecardEventWriter,
} from '@opmodel/plugin-scorecard-node';
import { collectorCoverage, collectorCursors } from './collectorState';
import type { CollectorStateStore } from '../database/CollectorStateStore';
import {
  collectorRetryPolicy,
  retryDelayMs,
  type CollectorRetryPolicy,
} from './collectorRetryPolicy';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Runs one collector as its scheduled task's function and, when a run fails, triggers the task
 * again after a growing delay instead of leaving it to the next scheduled run, which may be hours
 * away. A collector most often fails because the entities it writes for are not in the catalog
 * yet, as on a first start, when it can run before the catalog has read them.
 *
 * The retry is a trigger of the same task, so the scheduler still runs the collector on one
 * replica at a time, whichever claims it; a replica only keeps a timer in memory until then. A
 * retry lost with its replica costs nothing but the wait for the next scheduled run.
 */
export class CollectorRunner {
  readonly taskId: string;
  private readonly policy?: CollectorRetryPolicy;
  /** Runs in a row that failed on this replica. */
  private failures = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  /** Triggers in a row that failed for a reason other than a run in progress. */
  private triggerFailures = 0;
  /** Whether this replica is running the collector now. */
  private running = false;
  private stopped = false;
  /** The collector's own cursors and coverage reports, kept in the scorecard's database. */
  private readonly cursors: ScorecardCollectorCursors;
  private readonly coverage: ScorecardCollectorCoverage;

  constructor(
    private readonly options: {
      collector: ScorecardCollector;
      scheduler: SchedulerService;
      writer: ScorecardEventWriter;
      logger: LoggerService;
      state: CollectorStateStore;
    },
  ) {
    this.taskId = `scorecard-collector-${options.collector.id}`;
    this.policy = collectorRetryPolicy(options.collector);
    const { id, writes } = options.collector;
    this.cursors = collectorCursors(options.state, id);
    this.coverage = collectorCoverage(options.state, id, () => writes);
  }

  /** One run, for the scheduler: a failure is rethrown, so the scheduler records it as usual. */
  async run(signal?: AbortSignal): Promise<void> {
    const { collector, writer, logger } = this.options;
    // whatever started this run, its outcome decides whether another comes early
    this.running = true;
    this.triggerFailures = 0;
    this.cancelRetry();
    try {
      await collector.collect({
        writer,
        logger,
        signal,
        cursors: this.cursors,
        coverage: this.coverage,
      });
      this.failures = 0;
      this.cancelRetry();
    } catch (error) {
      this.failures += 1;
      this.retryAfterFailure(error);
      throw error;
    } finally {
      this.running = false;
    }
  }

  /** Stops retrying, at shutdown: the task's next scheduled run on any replica remains. */
  stop(): void {
    this.stopped = true;
    this.cancelRetry();
  }

  private retryAfterFailure(error: unknown) {
    const { logger } = this.options;
    const delay = this.policy && retryDelayMs(this.policy, this.failures);
    if (delay === undefined) {
      logger.warn(
        `collector ${this.options.collector.id} failed ${
          this.failures === 1 ? 'once' : `${this.failures} times in a row`
        }; it runs again at its next scheduled run: ${error}`,
      );
      return;
    }
    logger.warn(
      `collector ${
        this.options.collector.id
      } failed; it runs again in ${seconds(delay)} (retry ${this.failures} of ${
        this.policy!.maxRetries
      }) instead of at its next scheduled run: ${error}`,
    );
    this.armRetry(delay);
  }

  private armRetry(delay: number) {
    if (this.stopped) return;
    this.cancelRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.trigger(delay);
    }, delay);
    // a pending retry never keeps a process alive that is otherwise done
    this.retryTimer.unref?.();
  }

  private cancelRetry() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async trigger(delay: number) {
    const { scheduler, logger } = this.options;
    try {
      await scheduler.triggerTask(this.taskId);
    } catch (error) {
      // a run that started here meanwhile decides for itself
      if (this.stopped || this.running) return;
      if ((error as Error)?.name === 'ConflictError') {
        // A run is in progress: this replica's failed run while the scheduler still releases
        // it, or another replica's run. The scheduler never starts a second one, so asking
        // again after the same wait at most repeats a run that succeeded, which is harmless.
        logger.debug(
          `${this.taskId} is running; asking again in ${seconds(delay)}`,
        );
        this.armRetry(delay);
        return;
      }
      // The scheduler's database may refuse for a moment, as a busy one does: ask again after
      // the same wait, as often as the policy retries a run, so one refusal does not put the
      // collector off until its next scheduled run.
      this.triggerFailures += 1;
      const gone = (error as Error)?.name === 'NotFoundError';
      if (gone || this.triggerFailures > this.policy!.maxRetries) {
        logger.warn(
          `could not trigger a retry of ${this.taskId}; it runs again at its next scheduled run: ${error}`,
        );
        return;
      }
      logger.warn(
        `could not trigger a retry of ${this.taskId}; asking again in ${seconds(
          delay,
        )}: ${error}`,
      );
      this.armRetry(delay);
    }
  }
}
