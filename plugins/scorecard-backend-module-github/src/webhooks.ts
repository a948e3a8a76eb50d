import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import type { ScorecardCollectorSharedContext } from '@opmodel/plugin-scorecard-node';
import type { GithubReader, Target } from './collector';

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
 * Whether a webhook tells of a finished production deployment (deployment_status) or a
 * successful run of a workflow on the default branch (workflow_run); the repository it names.
 */
export function announcedRepository(
  params: EventParams,
  productionEnvironments: string[],
): string | undefined {
  const payload = params.eventPayload as WebhookPayload;
  const slug = payload?.repository?.full_name;
  if (!slug) return undefined;
  if (params.topic === DEPLOYMENT_STATUS_TOPIC) {
    const environment =
      payload.deployment?.environment?.toLocaleLowerCase('en-US');
    if (
      !environment ||
      !productionEnvironments.includes(environment) ||
      !FINAL_STATES.has(payload.deployment_status?.state ?? '')
    )
      return undefined;
    return slug;
  }
  if (params.topic === WORKFLOW_RUN_TOPIC) {
    const run = payload.workflow_run;
    if (
      payload.action !== 'completed' ||
      run?.conclusion !== 'success' ||
      run.head_branch !== payload.repository?.default_branch
    )
      return undefined;
    return slug;
  }
  return undefined;
}

/** Whether the webhook is about what `target` reads: its deployments, or its deploy workflow. */
function concerns(params: EventParams, target: Target): boolean {
  if (params.topic === DEPLOYMENT_STATUS_TOPIC) return !target.workflow;
  const run = (params.eventPayload as WebhookPayload).workflow_run!;
  const workflow = target.workflow;
  return (
    !!workflow &&
    (workflow === String(run.workflow_id) ||
      workflow === run.path ||
      workflow === run.path?.split('/').pop())
  );
}

/**
 * Reads the repository a webhook names as soon as GitHub tells of a finished production
 * deployment, with the collector's own cursor of it (conditionally: an unchanged list answers
 * 304), so a deployment is written once, under the same id, whether a webhook or a run brought
 * it, and a webhook's figure does not wait for the next run.
 */
export async function subscribeToWebhooks(options: {
  events: EventsService;
  reader: GithubReader;
  context: ScorecardCollectorSharedContext;
  productionEnvironments: string[];
  logger: LoggerService;
}): Promise<void> {
  const { events, reader, logger } = options;
  await events.subscribe({
    id: 'scorecard-github-deployments',
    topics: [DEPLOYMENT_STATUS_TOPIC, WORKFLOW_RUN_TOPIC],
    async onEvent(params) {
      const slug = announcedRepository(params, options.productionEnvironments);
      if (!slug) return;
      const context = {
        ...options.context,
        logger,
        limited: new Map<string, number>(),
      };
      try {
        for (const target of await reader.targets(context, slug)) {
          if (!concerns(params, target)) continue;
          logger.info(
            `GitHub ${params.topic.replace(
              'github.',
              '',
            )} webhook for ${slug}: reading its deployments`,
          );
          const { refused } = await reader.read(target, context);
          // the next run reads it again, as it reads every repository
          if (refused) logger.warn(refused);
        }
      } catch (error) {
        logger.warn(`GitHub webhook for ${slug} not read: ${error}`);
      }
    },
  });
}
