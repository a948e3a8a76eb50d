import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import { PROJECT_ID_ANNOTATION, PROJECT_SLUG_ANNOTATION } from './collector';

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
 * Whether a Deployment Hook tells of a finished production deployment of a project some entity
 * names, by path or by id.
 */
export async function isRelevantHook(
  params: EventParams,
  options: {
    productionEnvironments: string[];
    catalog: CatalogService;
    auth: AuthService;
  },
): Promise<boolean> {
  const payload = params.eventPayload as DeploymentHookPayload;
  if (
    params.topic !== DEPLOYMENT_TOPIC ||
    payload?.object_kind !== 'deployment'
  )
    return false;
  if (
    !FINAL_STATUSES.has(payload.status ?? '') ||
    !options.productionEnvironments.includes(payload.environment ?? '')
  )
    return false;
  const path = payload.project?.path_with_namespace;
  const id = payload.project?.id;
  const filter: Record<string, string>[] = [];
  if (path)
    filter.push({ [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]: path });
  if (id !== undefined)
    filter.push({
      [`metadata.annotations.${PROJECT_ID_ANNOTATION}`]: String(id),
    });
  if (filter.length === 0) return false;
  const { items } = await options.catalog.getEntities(
    { filter, fields: ['metadata.name'] },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  return items.length > 0;
}

/**
 * Runs the collector soon after GitLab tells of a finished production deployment: the run reads
 * the project from its cursor as every run does, so a deployment is written once, under the same
 * id, whether a hook or the schedule brought it. A run already in progress is asked again a few
 * seconds later, until it has finished.
 */
export async function subscribeToHooks(options: {
  events: EventsService;
  scheduler: SchedulerService;
  taskId: string;
  productionEnvironments: string[];
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** The wait before a trigger refused because a run is in progress is tried again. */
  retryDelayMs?: number;
}): Promise<{ stop(): void }> {
  const { events, scheduler, taskId, logger } = options;
  const retryDelayMs = options.retryDelayMs ?? 5_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const trigger = async (attempt: number): Promise<void> => {
    if (stopped) return;
    try {
      await scheduler.triggerTask(taskId);
    } catch (e) {
      if ((e as Error)?.name !== 'ConflictError' || attempt >= 60) {
        logger.warn(`could not run the GitLab collector for a hook: ${e}`);
        return;
      }
      // a run in progress may have read the project already: ask for another one after it
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void trigger(attempt + 1);
      }, retryDelayMs);
      timer.unref?.();
    }
  };

  await events.subscribe({
    id: 'scorecard-gitlab-deployments',
    topics: [DEPLOYMENT_TOPIC],
    async onEvent(params) {
      if (!(await isRelevantHook(params, options))) return;
      const payload = params.eventPayload as DeploymentHookPayload;
      logger.info(
        `GitLab Deployment Hook for ${
          payload.project?.path_with_namespace ?? payload.project?.id
        } (deployment ${payload.deployment_id}, ${
          payload.status
        }): reading its deployments`,
      );
      await trigger(0);
    },
  });
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
