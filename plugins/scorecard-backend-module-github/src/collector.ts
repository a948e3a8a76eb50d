import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
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
import type { GithubCollectorConfig } from './config';
import { GithubApi, RateLimitedError } from './GithubApi';
import { readRepository, type RepositoryTarget } from './readRepository';

/** The collector's id, and the source its deployments are written under. */
export const GITHUB_COLLECTOR_ID = 'github';
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
/** Names the workflow whose successful runs on the default branch are the deployments. */
export const DEPLOY_WORKFLOW_ANNOTATION = 'opmodel.dev/github-deploy-workflow';

/** A repository to read, with the entities that name it. */
export type Target = RepositoryTarget & { key: string; entityRefs: string[] };

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
  const host = sourceLocationHost(entity, {
    defaultHost: 'github.com',
    isConfigured: h => integrations.github.byHost(h) !== undefined,
  });
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

type ReaderOptions = {
  config: GithubCollectorConfig;
  integrations: ScmIntegrations;
  catalog: CatalogService;
  auth: AuthService;
};

/** What reading a repository needs of a run, or of a webhook subscriber outside one. */
export type GithubReadContext = DeploymentSourceContext & {
  logger: LoggerService;
};

/**
 * How the collector reads GitHub, shared by its runs and its webhook subscriber: which
 * repositories the annotated entities name, and one repository's new deployments, written with
 * the collector's cursor of it, so a webhook and the next run read and write alike.
 */
export function createGithubReader(options: ReaderOptions) {
  const { config, integrations, catalog, auth } = options;
  const credentialsProvider =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const source = GITHUB_COLLECTOR_ID;

  /**
   * The repositories of the annotated entities (those naming `slug` only, when given), each with
   * the entities that name it; an annotation that names no repository is reported in coverage.
   */
  async function targets(
    context: GithubReadContext,
    slug?: string,
  ): Promise<Target[]> {
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]:
            slug ?? CATALOG_FILTER_EXISTS,
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
    return groupDeploymentTargets({
      entities: items,
      targetOf: entity => repositoryOf(entity, integrations),
      keyOf: targetKey,
      coverage: context.coverage,
      source,
    });
  }

  /**
   * Reads one repository's deployments since its cursor and writes the new ones; reports the
   * outcome for each entity that names it. Returns why the scorecard refused the write, if it
   * did (the entities may not be in its catalog yet: the run fails, and is tried again soon).
   */
  async function read(
    t: Target,
    context: GithubReadContext,
  ): Promise<{ refused?: string }> {
    const failEach = async (error: string) => {
      for (const entityRef of t.entityRefs)
        await context.coverage.failed(entityRef, { source, error });
    };
    const slug = `${t.owner}/${t.repo}`;
    const integration = integrations.github.byHost(t.host);
    if (!integration) {
      await failEach(
        `no integrations.github entry for host ${t.host} (repository ${slug})`,
      );
      return {};
    }
    let credentials;
    try {
      credentials = await credentialsProvider.getCredentials({
        url: `https://${t.host}/${t.owner}/${t.repo}`,
      });
    } catch (e) {
      await failEach(
        `no GitHub credentials for repository ${slug} on ${t.host}: ${
          (e as Error).message
        }`,
      );
      return {};
    }
    const api = new GithubApi({
      host: t.host,
      baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
      headers: credentials.headers,
      logger: context.logger,
      signal: context.signal,
      maxRateLimitWaitMs: config.maxRateLimitWaitMs,
      serverErrorBackoffMs: config.serverErrorBackoffMs,
      serverErrorRetries: config.serverErrorRetries,
    });
    return collectDeploymentTarget({
      source,
      label: `repository ${slug}`,
      entityRefs: t.entityRefs,
      cursorKey: t.key,
      rateLimitKey: `rate-limit/${t.host}/${createHash('sha256')
        .update(credentials.token ?? 'anonymous')
        .digest('hex')
        .slice(0, 16)}`,
      rateLimited: until =>
        `GitHub rate limit reached on ${
          t.host
        }; repository ${slug} is read after ${new Date(until).toISOString()}`,
      context,
      read: async cursor => {
        const result = await readRepository(api, t, cursor, {
          productionEnvironments: config.productionEnvironments,
          backfillDays: config.backfillDays,
          now: Date.now(),
        });
        return result.notModified
          ? { notModified: true, deployments: [], cursor }
          : result;
      },
      eventId: (key, entityRef) => deploymentId(t, key, entityRef),
      rateLimitOf: e => (e instanceof RateLimitedError ? e : undefined),
      describeFailure: e => describeFailure(t, e),
    });
  }

  return { targets, read };
}

/** How the collector reads GitHub: `createGithubReader`'s answer. */
export type GithubReader = ReturnType<typeof createGithubReader>;

export function createGithubCollector(
  options: ReaderOptions & { logger: LoggerService },
): ScorecardCollector {
  return createDeploymentSourceCollector({
    id: GITHUB_COLLECTOR_ID,
    schedule: options.config.schedule,
    reader: createGithubReader(options),
  });
}
