import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import {
  getGitLabRequestOptions,
  ScmIntegrations,
} from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  collectDeploymentTarget,
  createDeploymentSourceCollector,
  sourceLocationHost,
  groupDeploymentTargets,
  type DeploymentSourceContext,
  type ScorecardCollector,
} from '@opmodel/plugin-scorecard-node';
import type { GitlabCollectorConfig } from './config';
import { GitlabApi, GitlabResponseError, RateLimitedError } from './GitlabApi';
import { readProject, type ProjectTarget } from './readProject';

/** The collector's id, and the source its deployments are written under. */
export const GITLAB_COLLECTOR_ID = 'gitlab';
export const PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';
export const PROJECT_ID_ANNOTATION = 'gitlab.com/project-id';
export const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

/** A project to read, with the entities that name it. */
export type Target = ProjectTarget & { key: string; entityRefs: string[] };

/**
 * The project an entity's annotations name: `gitlab.com/project-slug` (a path such as
 * `group/sub/project`), else `gitlab.com/project-id`, on the host of
 * `backstage.io/source-location` when that is a configured GitLab host, else gitlab.com.
 */
export function projectOf(
  entity: Entity,
  integrations: ScmIntegrations,
): ProjectTarget | { error: string } {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[PROJECT_SLUG_ANNOTATION]?.trim();
  const id = annotations[PROJECT_ID_ANNOTATION]?.trim();
  let project: string;
  if (slug !== undefined && slug !== '') {
    const path = slug.replace(/\.git$/, '').replace(/^\/+|\/+$/g, '');
    if (!/^[^/\s]+(\/[^/\s]+)+$/.test(path)) {
      return {
        error: `annotation ${PROJECT_SLUG_ANNOTATION} '${slug}' is not a project path such as group/project`,
      };
    }
    project = path;
  } else if (id !== undefined && /^\d+$/.test(id)) {
    project = id;
  } else {
    return {
      error: `annotation ${PROJECT_ID_ANNOTATION} '${
        id ?? ''
      }' is not a project id`,
    };
  }
  const host = sourceLocationHost(entity, {
    defaultHost: 'gitlab.com',
    isConfigured: h => integrations.gitlab.byHost(h) !== undefined,
  });
  return { host, project };
}

export const targetKey = (t: ProjectTarget) => `${t.host}/${t.project}`;

/**
 * The id a deployment is written under. GitLab's deployment ids are unique on their host, so the
 * id does not depend on whether the entity names the project by path or by id.
 */
export const deploymentEventId = (
  host: string,
  deploymentId: number,
  entityRef: string,
) => `${host}/deployments/${deploymentId}@${entityRef}`;

function describeFailure(t: ProjectTarget, error: unknown): string {
  const status =
    error instanceof GitlabResponseError ? error.status : undefined;
  if (status === 404) {
    return `project ${t.project} not found with the configured token`;
  }
  if (status === 401) {
    return `GitLab on ${t.host} refused the configured token (401) for project ${t.project}; check integrations.gitlab`;
  }
  if (status === 403) {
    return `GitLab on ${t.host} refused access to project ${t.project} (403): ${
      (error as Error).message
    }`;
  }
  return `reading project ${t.project} on ${t.host} failed: ${
    (error as Error)?.message ?? String(error)
  }`;
}

/** A project as a hook names it: its path, its id, or both. */
export type ProjectNamed = { path?: string; id?: number };

/** Finds the annotated entities, by either annotation (only those naming `project`, if given). */
export async function annotatedEntities(
  catalog: CatalogService,
  auth: AuthService,
  project?: ProjectNamed,
): Promise<Entity[]> {
  const filter: Array<Record<string, string | symbol>> = project
    ? [
        ...(project.path
          ? [
              {
                [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]:
                  project.path,
              },
            ]
          : []),
        ...(project.id !== undefined
          ? [
              {
                [`metadata.annotations.${PROJECT_ID_ANNOTATION}`]: String(
                  project.id,
                ),
              },
            ]
          : []),
      ]
    : [
        {
          [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${PROJECT_ID_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ];
  if (filter.length === 0) return [];
  const { items } = await catalog.getEntities(
    {
      filter,
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items;
}

type ReaderOptions = {
  config: GitlabCollectorConfig;
  integrations: ScmIntegrations;
  catalog: CatalogService;
  auth: AuthService;
};

/** What reading a project needs of a run, or of a hook subscriber outside one. */
export type GitlabReadContext = DeploymentSourceContext & {
  logger: LoggerService;
};

/**
 * How the collector reads GitLab, shared by its runs and its hook subscriber: which projects the
 * annotated entities name, and one project's new deployments, written with the collector's
 * cursor of it, so a hook and the next run read and write alike.
 */
export function createGitlabReader(options: ReaderOptions) {
  const { config, integrations, catalog, auth } = options;
  const source = GITLAB_COLLECTOR_ID;

  /**
   * The projects of the annotated entities (those naming `project` only, when given), each with
   * the entities that name it; an annotation that names no project is reported in coverage.
   */
  async function targets(
    context: GitlabReadContext,
    project?: ProjectNamed,
  ): Promise<Target[]> {
    return groupDeploymentTargets({
      entities: await annotatedEntities(catalog, auth, project),
      targetOf: entity => projectOf(entity, integrations),
      keyOf: targetKey,
      coverage: context.coverage,
      source,
    });
  }

  /**
   * Reads one project's deployments since its cursor and writes the new ones; reports the
   * outcome for each entity that names it. Returns why the scorecard refused the write, if it
   * did (the entities may not be in its catalog yet: the run fails, and is tried again soon).
   */
  async function read(
    t: Target,
    context: GitlabReadContext,
  ): Promise<{ refused?: string }> {
    const integration = integrations.gitlab.byHost(t.host);
    if (!integration) {
      for (const entityRef of t.entityRefs)
        await context.coverage.failed(entityRef, {
          source,
          error: `no integrations.gitlab entry for host ${t.host} (project ${t.project})`,
        });
      return {};
    }
    const { headers } = getGitLabRequestOptions(integration.config);
    const api = new GitlabApi({
      host: t.host,
      apiBaseUrl: integration.config.apiBaseUrl,
      headers: headers as Record<string, string>,
      logger: context.logger,
      signal: context.signal,
      maxRateLimitWaitMs: config.maxRateLimitWaitMs,
      serverErrorBackoffMs: config.serverErrorBackoffMs,
      serverErrorRetries: config.serverErrorRetries,
    });
    return collectDeploymentTarget({
      source,
      label: `project ${t.project}`,
      entityRefs: t.entityRefs,
      cursorKey: t.key,
      rateLimitKey: `rate-limit/${t.host}/${createHash('sha256')
        .update(integration.config.token ?? 'anonymous')
        .digest('hex')
        .slice(0, 16)}`,
      rateLimited: until =>
        `GitLab rate limit reached on ${t.host}; project ${
          t.project
        } is read after ${new Date(until).toISOString()}`,
      context,
      read: async cursor => {
        const result = await readProject(api, t, cursor, {
          productionEnvironments: config.productionEnvironments,
          backfillDays: config.backfillDays,
          now: Date.now(),
        });
        return {
          ...result,
          deployments: result.deployments.map(({ deploymentId, ...d }) => ({
            ...d,
            key: String(deploymentId),
          })),
        };
      },
      eventId: (key, entityRef) =>
        deploymentEventId(t.host, Number(key), entityRef),
      rateLimitOf: e => (e instanceof RateLimitedError ? e : undefined),
      describeFailure: e => describeFailure(t, e),
    });
  }

  return { targets, read };
}

/** How the collector reads GitLab: `createGitlabReader`'s answer. */
export type GitlabReader = ReturnType<typeof createGitlabReader>;

export function createGitlabCollector(
  options: ReaderOptions & { logger: LoggerService },
): ScorecardCollector {
  return createDeploymentSourceCollector({
    id: GITLAB_COLLECTOR_ID,
    schedule: options.config.schedule,
    reader: createGitlabReader(options),
  });
}
