import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import type { ScorecardCollectorSharedContext } from '@opmodel/plugin-scorecard-node';
import type { GitlabReader, ProjectNamed } from './collector';

/**
 * The topic `@backstage/plugin-events-backend-module-gitlab` routes a `Deployment Hook` to: the
 * hook's `object_kind` under `gitlab`.
 */
export const DEPLOYMENT_TOPIC = 'gitlab.deployment';

/** The parts of a GitLab "Deployment events" webhook payload the module reads. */
type DeploymentHookPayload = {
  object_kind?: string;
  status?: string;
  deployment_id?: number;
  environment?: string;
  project?: { id?: number; path_with_namespace?: string };
};

const FINAL_STATUSES = new Set(['success', 'failed']);

/**
 * The project a Deployment Hook names, when it tells of a finished production deployment: its
 * path and its id.
 */
export function announcedProject(
  params: EventParams,
  productionEnvironments: string[],
): ProjectNamed | undefined {
  const payload = params.eventPayload as DeploymentHookPayload;
  if (
    params.topic !== DEPLOYMENT_TOPIC ||
    payload?.object_kind !== 'deployment' ||
    !FINAL_STATUSES.has(payload.status ?? '') ||
    !productionEnvironments.includes(payload.environment ?? '')
  )
    return undefined;
  const path = payload.project?.path_with_namespace;
  const id = payload.project?.id;
  return path || id !== undefined ? { path, id } : undefined;
}

/**
 * Reads the project a hook names as soon as GitLab tells of a finished production deployment,
 * with the collector's own cursor of it, so a deployment is written once, under the same id,
 * whether a hook or a run brought it, and a hook's figure does not wait for the next run.
 */
export async function subscribeToHooks(options: {
  events: EventsService;
  reader: GitlabReader;
  context: ScorecardCollectorSharedContext;
  productionEnvironments: string[];
  logger: LoggerService;
}): Promise<void> {
  const { events, reader, logger } = options;
  await events.subscribe({
    id: 'scorecard-gitlab-deployments',
    topics: [DEPLOYMENT_TOPIC],
    async onEvent(params) {
      const project = announcedProject(params, options.productionEnvironments);
      if (!project) return;
      const payload = params.eventPayload as DeploymentHookPayload;
      const name = project.path ?? project.id;
      const context = {
        ...options.context,
        logger,
        limited: new Map<string, number>(),
      };
      try {
        for (const target of await reader.targets(context, project)) {
          logger.info(
            `GitLab Deployment Hook for ${name} (deployment ${payload.deployment_id}, ${payload.status}): reading its deployments`,
          );
          const { refused } = await reader.read(target, context);
          // the next run reads it again, as it reads every project
          if (refused) logger.warn(refused);
        }
      } catch (error) {
        logger.warn(`GitLab Deployment Hook for ${name} not read: ${error}`);
      }
    },
  });
}
