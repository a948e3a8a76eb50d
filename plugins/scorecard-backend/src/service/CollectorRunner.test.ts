import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { ScorecardCollector } from '@opmodel/plugin-scorecard-node';
import { knex as createKnex } from 'knex';
import { DatabaseCollectorStateStore } from '../database/CollectorStateStore';
import { CollectorRunner } from './CollectorRunner';

// these tests are about retries: the collector never reads or writes its state
const collectorState = new DatabaseCollectorStateStore(
  createKnex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  }),
);

const SECOND = 1000;

/** A runner around a collector that fails as long as `failing` says, with a scheduler whose triggers the test sees. */
function setUp(options: { retry?: ScorecardCollector['retry'] } = {}) {
  const state = { failing: true };
  const triggerTask = jest.fn(async (_id: string) => {});
  const runner = new CollectorRunner({
    collector: {
      id: 'test',
      schedule: { frequency: { hours: 6 }, timeout: { minutes: 5 } },
      retry: options.retry,
      async collect() {
        if (state.failing)
          throw new Error('component:default/x is not in the catalog');
      },
    },
    scheduler: { triggerTask } as any,
    writer: { write: jest.fn() },
    logger: mockServices.logger.mock(),
    state: collectorState,
  });
  return { runner, state, triggerTask };
}

describe('CollectorRunner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('triggers the task again after a failed run, waiting longer after each failure', async () => {
    const { runner, triggerTask } = setUp();
    await expect(runner.run()).rejects.toThrow('not in the catalog');
    await jest.advanceTimersByTimeAsync(15 * SECOND - 1);
    expect(triggerTask).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(triggerTask).toHaveBeenCalledWith('scorecard-collector-test');

    await expect(runner.run()).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(30 * SECOND - 1);
    expect(triggerTask).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(triggerTask).toHaveBeenCalledTimes(2);
  });

  it('stops retrying once a run succeeds, and starts over at the next failure', async () => {
    const { runner, state, triggerTask } = setUp();
    await expect(runner.run()).rejects.toThrow();
    await expect(runner.run()).rejects.toThrow();
    state.failing = false;
    await runner.run();
    await jest.advanceTimersByTimeAsync(60 * 60 * SECOND);
    expect(triggerTask).not.toHaveBeenCalled();

    state.failing = true;
    await expect(runner.run()).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(15 * SECOND);
    expect(triggerTask).toHaveBeenCalledTimes(1);
  });

  it('leaves a collector that keeps failing to its schedule after its retries', async () => {
    const { runner, triggerTask } = setUp({
      retry: { initialDelay: { seconds: 1 }, maxRetries: 2 },
    });
    for (let run = 0; run < 3; run++) {
      await expect(runner.run()).rejects.toThrow();
      await jest.advanceTimersByTimeAsync(60 * 60 * SECOND);
    }
    expect(triggerTask).toHaveBeenCalledTimes(2);
  });

  it('asks again later while the task is still running, never in a tight loop', async () => {
    const { runner, triggerTask } = setUp();
    triggerTask.mockRejectedValueOnce(
      new ConflictError('Task scorecard-collector-test is currently running'),
    );
    await expect(runner.run()).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(15 * SECOND);
    expect(triggerTask).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(15 * SECOND - 1);
    expect(triggerTask).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(triggerTask).toHaveBeenCalledTimes(2);
  });

  it('asks again when the scheduler’s database refuses a trigger for a moment', async () => {
    const { runner, triggerTask } = setUp();
    triggerTask.mockRejectedValueOnce(
      new Error(
        'Knex: Timeout acquiring a connection. The pool is probably full.',
      ),
    );
    await expect(runner.run()).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(15 * SECOND);
    expect(triggerTask).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(15 * SECOND);
    expect(triggerTask).toHaveBeenCalledTimes(2);
    // the second trigger went through: nothing more until the run it started says how it went
    await jest.advanceTimersByTimeAsync(60 * 60 * SECOND);
    expect(triggerTask).toHaveBeenCalledTimes(2);
  });

  it('gives up on triggers that keep failing, and on a task the scheduler no longer has', async () => {
    const broken = setUp({
      retry: { initialDelay: { seconds: 1 }, maxRetries: 3 },
    });
    broken.triggerTask.mockRejectedValue(new Error('connection refused'));
    await expect(broken.runner.run()).rejects.toThrow();
    const gone = setUp();
    gone.triggerTask.mockRejectedValue(
      new NotFoundError('Task scorecard-collector-test does not exist'),
    );
    await expect(gone.runner.run()).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(60 * 60 * SECOND);
    expect(broken.triggerTask).toHaveBeenCalledTimes(4);
    expect(gone.triggerTask).toHaveBeenCalledTimes(1);
  });

  it('does not retry after shutdown, nor when the collector asks for none', async () => {
    const stopped = setUp();
    await expect(stopped.runner.run()).rejects.toThrow();
    stopped.runner.stop();
    const noRetry = setUp({ retry: false });
    await expect(noRetry.runner.run()).rejects.toThrow();
    await jest.advanceTimersByTimeAsync(60 * 60 * SECOND);
    expect(stopped.triggerTask).not.toHaveBeenCalled();
    expect(noRetry.triggerTask).not.toHaveBeenCalled();
  });
});
