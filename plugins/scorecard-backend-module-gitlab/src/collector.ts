import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  getGitLabRequestOptions,
  ScmIntegrations,
} from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DeploymentEventInput } from '@opmodel/plugin-scorecard-common';
import {
  decodeDeploymentCursor,
  encodeDeploymentCursor,
  type ScorecardCollector,
  type ScorecardCollectorContext,
} from '@opmodel/plugin-scorecard-node';
import type { GitlabCollectorConfig } from './config';
import { GitlabApi, GitlabResponseError, RateLimitedError } from './GitlabApi';
import { readProject, type ProjectTarget } from './readProject';

/** The collector's id, and the source its deployments are written under. */
export const GITLAB_COLLECTOR_ID = 'gitlab';
export const PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';
export const PROJECT_ID_ANNOTATION = 'gitlab.com/project-id';
export const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

const WRITE_CHUNK = 500;

type Target = ProjectTarget & { key: string; entityRefs: string[] };

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
  let host = 'gitlab.com';
  const location = annotations[SOURCE_LOCATION_ANNOTATION]?.replace(
    /^url:/,
    '',
  );
  if (location) {
    try {
      const h = new URL(location).host;
      if (h && h !== 'gitlab.com' && integrations.gitlab.byHost(h)) host = h;
    } catch {
      // not a URL: the project is gitlab.com's
    }
  }
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

/** Finds the annotated entities, by either annotation. */
export async function annotatedEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${PROJECT_ID_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
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

export function createGitlabCollector(options: {
  config: GitlabCollectorConfig;
  integrations: ScmIntegrations;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): ScorecardCollector {
  const { config, integrations, catalog, auth } = options;

  return {
    id: GITLAB_COLLECTOR_ID,
    schedule: config.schedule,
    writes: ['deployments'],
    async collect(context: ScorecardCollectorContext) {
      const { writer, logger, signal, cursors, coverage } = context;
      const source = GITLAB_COLLECTOR_ID;
      const items = await annotatedEntities(catalog, auth);

      const targets = new Map<string, Target>();
      for (const entity of items) {
        const entityRef = stringifyEntityRef(entity);
        const t = projectOf(entity, integrations);
        if ('error' in t) {
          await coverage.failed(entityRef, { source, error: t.error });
          continue;
        }
        const key = targetKey(t);
        const target = targets.get(key) ?? { ...t, key, entityRefs: [] };
        target.entityRefs.push(entityRef);
        targets.set(key, target);
      }

      const failEach = async (t: Target, error: string) => {
        for (const entityRef of t.entityRefs)
          await coverage.failed(entityRef, { source, error });
      };
      /** Rate limits met this run or stored by an earlier one, per host and token. */
      const limited = new Map<string, number>();
      const writeFailures: string[] = [];

      for (const t of targets.values()) {
        if (signal?.aborted) break;
        const integration = integrations.gitlab.byHost(t.host);
        if (!integration) {
          await failEach(
            t,
            `no integrations.gitlab entry for host ${t.host} (project ${t.project})`,
          );
          continue;
        }
        const { headers } = getGitLabRequestOptions(integration.config);
        const limitKey = `rate-limit/${t.host}/${createHash('sha256')
          .update(integration.config.token ?? 'anonymous')
          .digest('hex')
          .slice(0, 16)}`;
        if (!limited.has(limitKey)) {
          const stored = Number(await cursors.get(limitKey));
          if (stored > Date.now()) limited.set(limitKey, stored);
        }
        const until = limited.get(limitKey);
        if (until !== undefined && until > Date.now()) {
          await failEach(
            t,
            `GitLab rate limit reached on ${t.host}; project ${
              t.project
            } is read after ${new Date(until).toISOString()}`,
          );
          continue;
        }

        const api = new GitlabApi({
          host: t.host,
          apiBaseUrl: integration.config.apiBaseUrl,
          headers: headers as Record<string, string>,
          logger,
          signal,
          maxRateLimitWaitMs: config.maxRateLimitWaitMs,
          serverErrorBackoffMs: config.serverErrorBackoffMs,
          serverErrorRetries: config.serverErrorRetries,
        });
        const cursor = decodeDeploymentCursor(await cursors.get(t.key)) ?? {};
        let result;
        try {
          result = await readProject(api, t, cursor, {
            productionEnvironments: config.productionEnvironments,
            backfillDays: config.backfillDays,
            now: Date.now(),
          });
        } catch (e) {
          if (e instanceof RateLimitedError) {
            limited.set(limitKey, e.until);
            await cursors.set(limitKey, String(e.until));
            await failEach(t, `${e.message} (project ${t.project})`);
          } else {
            if (signal?.aborted) break;
            await failEach(t, describeFailure(t, e));
          }
          continue;
        }

        const events: DeploymentEventInput[] = t.entityRefs.flatMap(entityRef =>
          result.deployments.map(({ deploymentId, ...d }) => ({
            ...d,
            id: deploymentEventId(t.host, deploymentId, entityRef),
            entityRef,
          })),
        );
        try {
          for (let i = 0; i < events.length; i += WRITE_CHUNK) {
            await writer.write({
              source,
              deployments: events.slice(i, i + WRITE_CHUNK),
            });
          }
        } catch (e) {
          const message = `the scorecard refused the deployments of project ${
            t.project
          }: ${(e as Error).message}`;
          writeFailures.push(message);
          await failEach(t, message);
          continue;
        }
        await cursors.set(t.key, encodeDeploymentCursor(result.cursor));
        const written = result.deployments.length;
        if (result.stoppedBy) {
          limited.set(limitKey, result.stoppedBy.until);
          await cursors.set(limitKey, String(result.stoppedBy.until));
          await failEach(
            t,
            `${result.stoppedBy.message} (project ${t.project}; ${written} deployments written before it)`,
          );
          continue;
        }
        for (const entityRef of t.entityRefs)
          await coverage.read(entityRef, { source, written });
      }

      if (writeFailures.length > 0) {
        // the run fails, so the scheduler tries it again soon (entities the catalog has not read yet)
        throw new Error(writeFailures.join('; '));
      }
    },
  };
}
