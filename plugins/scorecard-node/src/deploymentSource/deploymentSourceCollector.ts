import type {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { ScorecardCollector } from '../extensions';
import type { DeploymentSourceContext } from './collectTarget';

/**
 * How a deployment source is read, one repository (or project) at a time: what a run reads, and
 * each one's reading (most often through `collectDeploymentTarget`).
 *
 * @public
 */
export type DeploymentSourceReader<T> = {
  targets(
    context: DeploymentSourceContext & { logger: LoggerService },
  ): Promise<T[]>;
  read(
    target: T,
    context: DeploymentSourceContext & { logger: LoggerService },
  ): Promise<{ refused?: string }>;
};

/**
 * For collector modules: the collector that reads every target of a deployment source in turn.
 * One rate limit, met or stored, holds back every target behind it for the rest of the run. A
 * run whose writes the scorecard refused (most often for entities its catalog has not read yet)
 * fails once every target is read, so the scheduler tries it again soon.
 *
 * @public
 */
export function createDeploymentSourceCollector<T>(options: {
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  reader: DeploymentSourceReader<T>;
}): ScorecardCollector {
  const { id, schedule, reader } = options;
  return {
    id,
    schedule,
    writes: ['deployments'],
    async collect(context) {
      const readContext = { ...context, limited: new Map<string, number>() };
      const refusals: string[] = [];
      for (const target of await reader.targets(readContext)) {
        if (context.signal?.aborted) break;
        const { refused } = await reader.read(target, readContext);
        if (refused) refusals.push(refused);
      }
      if (refusals.length > 0) throw new Error(refusals.join('; '));
    },
  };
}
