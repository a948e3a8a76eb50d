import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
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
import type { GithubCollectorConfig } from './config';
import { GithubApi, RateLimitedError } from './GithubApi';
import { readRepository, type RepositoryTarget } from './readRepository';

/** The collector's id, and the source its deployments are written under. */
export const GITHUB_COLLECTOR_ID = 'github';
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
/** Names the workflow whose successful runs on the default branch are the deployments. */
export const DEPLOY_WORKFLOW_ANNOTATION = 'opmodel.dev/github-deploy-workflow';

const WRITE_CHUNK = 500;

type Target = RepositoryTarget & { key: string; entityRefs: string[] };

/**
 * The repository an entity's annotations name: `github.com/project-slug` on the host of
 * `backstage.io/source-location` when that is a configured GitHub host, else github.com.
 */
export function repositoryOf(
  entity: Entity,
  integrations: ScmIntegrations,
): RepositoryTarget | { error: string } {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[PROJECT_SLUG_ANNOTATION]?.trim() ?? '';
  const m = slug.match(/^([^/\s]+)\/([^/\s]+)$/);
  if (!m) {
    return {
      error: `annotation ${PROJECT_SLUG_ANNOTATION} '${slug}' is not owner/repository`,
    };
  }
  let host = 'github.com';
  const location = annotations[SOURCE_LOCATION_ANNOTATION]?.replace(
    /^url:/,
    '',
  );
  if (location) {
    try {
      const h = new URL(location).host;
      if (h && h !== 'github.com' && integrations.github.byHost(h)) host = h;
    } catch {
      // not a URL: the slug is github.com's
    }
  }
  const workflow = annotations[DEPLOY_WORKFLOW_ANNOTATION]?.trim() || undefined;
  return { host, owner: m[1], repo: m[2].replace(/\.git$/, ''), workflow };
}

export const targetKey = (t: RepositoryTarget) =>
  `${t.host}/${t.owner}/${t.repo}${
    t.workflow ? `#workflow:${t.workflow}` : ''
  }`;

/** The id a deployment is written under, by the pull and for a webhook alike. */
export const deploymentId = (
  t: RepositoryTarget,
  key: string,
  entityRef: string,
) => `${t.host}/${t.owner}/${t.repo}/${key}@${entityRef}`;

function describeFailure(t: RepositoryTarget, error: unknown): string {
  const status = (error as { status?: number }).status;
  const slug = `${t.owner}/${t.repo}`;
  if (status === 404) {
    return t.workflow
      ? `repository ${slug} or its workflow ${t.workflow} not found with the configured credentials`
      : `repository ${slug} not found with the configured credentials`;
  }
  if (status === 401) {
    return `GitHub on ${t.host} refused the configured credentials (401) for repository ${slug}; check integrations.github`;
  }
  if (status === 403) {
    return `GitHub on ${t.host} refused access to repository ${slug} (403): ${
      (error as Error).message
    }`;
  }
  return `reading repository ${slug} on ${t.host} failed: ${
    (error as Error)?.message ?? String(error)
  }`;
}

export function createGithubCollector(options: {
  config: GithubCollectorConfig;
  integrations: ScmIntegrations;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): ScorecardCollector {
  const { config, integrations, catalog, auth } = options;
  const credentialsProvider =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);

  return {
    id: GITHUB_COLLECTOR_ID,
    schedule: config.schedule,
    writes: ['deployments'],
    async collect(context: ScorecardCollectorContext) {
      const { writer, logger, signal, cursors, coverage } = context;
      const source = GITHUB_COLLECTOR_ID;
      const { items } = await catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );

      const targets = new Map<string, Target>();
      for (const entity of items) {
        const entityRef = stringifyEntityRef(entity);
        const t = repositoryOf(entity, integrations);
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
      /** Rate limits met this run or stored by an earlier one, per host and credentials. */
      const limited = new Map<string, number>();
      const writeFailures: string[] = [];

      for (const t of targets.values()) {
        if (signal?.aborted) break;
        const slug = `${t.owner}/${t.repo}`;
        const integration = integrations.github.byHost(t.host);
        if (!integration) {
          await failEach(
            t,
            `no integrations.github entry for host ${t.host} (repository ${slug})`,
          );
          continue;
        }
        let credentials;
        try {
          credentials = await credentialsProvider.getCredentials({
            url: `https://${t.host}/${t.owner}/${t.repo}`,
          });
        } catch (e) {
          await failEach(
            t,
            `no GitHub credentials for repository ${slug} on ${t.host}: ${
              (e as Error).message
            }`,
          );
          continue;
        }
        const limitKey = `rate-limit/${t.host}/${createHash('sha256')
          .update(credentials.token ?? 'anonymous')
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
            `GitHub rate limit reached on ${
              t.host
            }; repository ${slug} is read after ${new Date(
              until,
            ).toISOString()}`,
          );
          continue;
        }

        const api = new GithubApi({
          host: t.host,
          baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
          headers: credentials.headers,
          logger,
          signal,
          maxRateLimitWaitMs: config.maxRateLimitWaitMs,
          serverErrorBackoffMs: config.serverErrorBackoffMs,
          serverErrorRetries: config.serverErrorRetries,
        });
        const cursor = decodeDeploymentCursor(await cursors.get(t.key)) ?? {};
        let result;
        try {
          result = await readRepository(api, t, cursor, {
            productionEnvironments: config.productionEnvironments,
            backfillDays: config.backfillDays,
            now: Date.now(),
          });
        } catch (e) {
          if (e instanceof RateLimitedError) {
            limited.set(limitKey, e.until);
            await cursors.set(limitKey, String(e.until));
            await failEach(t, `${e.message} (repository ${slug})`);
          } else {
            if (signal?.aborted) break;
            await failEach(t, describeFailure(t, e));
          }
          continue;
        }
        if (result.notModified) {
          for (const entityRef of t.entityRefs)
            await coverage.read(entityRef, { source, written: 0 });
          continue;
        }

        const events: DeploymentEventInput[] = t.entityRefs.flatMap(entityRef =>
          result.deployments.map(({ key, ...d }) => ({
            ...d,
            id: deploymentId(t, key, entityRef),
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
          const message = `the scorecard refused the deployments of repository ${slug}: ${
            (e as Error).message
          }`;
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
            `${result.stoppedBy.message} (repository ${slug}; ${written} deployments written before it)`,
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
