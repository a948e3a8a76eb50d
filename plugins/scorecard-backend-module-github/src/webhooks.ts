import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  DEPLOY_WORKFLOW_ANNOTATION,
  PROJECT_SLUG_ANNOTATION,
} from './collector';

/** The topics `@backstage/plugin-events-backend-module-github` routes these webhooks to. */
export const DEPLOYMENT_STATUS_TOPIC = 'github.deployment_status';
export const WORKFLOW_RUN_TOPIC = 'github.workflow_run';

type WebhookPayload = {
  action?: string;
  repository?: { full_name?: string; default_branch?: string };
  deployment?: { environment?: string };
  deployment_status?: { state?: string };
  workflow_run?: {
    status?: string;
    conclusion?: string | null;
    head_branch?: string | null;
    path?: string;
    workflow_id?: number;
  };
};

const FINAL_STATES = new Set(['success', 'failure', 'error']);

/**
 * Whether a webhook tells of a finished production deployment of a repository some entity names,
 * for its deployments (deployment_status) or its deploy workflow (workflow_run).
 */
export async function isRelevantWebhook(
  params: EventParams,
  options: {
    productionEnvironments: string[];
    catalog: CatalogService;
    auth: AuthService;
  },
): Promise<boolean> {
  const payload = params.eventPayload as WebhookPayload;
  const slug = payload?.repository?.full_name;
  if (!slug) return false;
  if (params.topic === DEPLOYMENT_STATUS_TOPIC) {
    const environment =
      payload.deployment?.environment?.toLocaleLowerCase('en-US');
    if (
      !environment ||
      !options.productionEnvironments.includes(environment) ||
      !FINAL_STATES.has(payload.deployment_status?.state ?? '')
    )
      return false;
  } else if (params.topic === WORKFLOW_RUN_TOPIC) {
    const run = payload.workflow_run;
    if (
      payload.action !== 'completed' ||
      run?.conclusion !== 'success' ||
      run.head_branch !== payload.repository?.default_branch
    )
      return false;
  } else {
    return false;
  }
  const { items } = await options.catalog.getEntities(
    {
      filter: { [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]: slug },
      fields: ['metadata.annotations'],
    },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  return items.some(entity => {
    const workflow = entity.metadata.annotations?.[DEPLOY_WORKFLOW_ANNOTATION];
    if (params.topic === DEPLOYMENT_STATUS_TOPIC) return !workflow;
    const run = payload.workflow_run!;
    return (
      !!workflow &&
      (workflow === String(run.workflow_id) ||
        workflow === run.path ||
        workflow === run.path?.split('/').pop())
    );
  });
}

/**
 * Runs the collector soon after GitHub tells of a finished production deployment: the run reads
 * the repository as every run does (conditionally: the others answer 304), so a deployment is
 * written once, under the same id, whether a webhook or the schedule brought it. A run already in
 * progress is asked again a few seconds later, until it has finished.
 */
export async function subscribeToWebhooks(options: {
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
        logger.warn(`could not run the GitHub collector for a webhook: ${e}`);
        return;
      }
      // a run in progress may have read the repository already: ask for another one after it
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void trigger(attempt + 1);
      }, retryDelayMs);
      timer.unref?.();
    }
  };

  await events.subscribe({
    id: 'scorecard-github-deployments',
    topics: [DEPLOYMENT_STATUS_TOPIC, WORKFLOW_RUN_TOPIC],
    async onEvent(params) {
      if (!(await isRelevantWebhook(params, options))) return;
      logger.info(
        `GitHub ${params.topic.replace('github.', '')} webhook for ${
          (params.eventPayload as WebhookPayload).repository?.full_name
        }: reading its deployments`,
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
