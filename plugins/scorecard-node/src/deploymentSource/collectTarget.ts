import type { DeploymentEventInput } from '@opmodel/plugin-scorecard-common';
import type { ScorecardCollectorSharedContext } from '../extensions';
import {
  decodeDeploymentCursor,
  encodeDeploymentCursor,
  type DeploymentSourceCursor,
} from './cursor';

// deployments per write: a repository's first read may bring months of them
const WRITE_CHUNK = 500;

/**
 * What one read of a repository's (or project's) deployments since its cursor brings.
 *
 * @public
 */
export type DeploymentSourceRead = {
  /** The source answered that nothing changed since the cursor (HTTP 304). */
  notModified?: boolean;
  /** The new production deployments, each with its key in the source (its id there). */
  deployments: Array<
    Omit<DeploymentEventInput, 'id' | 'entityRef'> & { key: string }
  >;
  /** The cursor to keep once they are written. */
  cursor: DeploymentSourceCursor;
  /** A rate limit that stopped the read part way: what was read before it is written. */
  stoppedBy?: { until: number; message: string };
};

/**
 * What collecting one repository needs of a collector's run, or of a webhook subscriber outside
 * one: the writer, cursors and coverage, and the rate limits met so far (per host and
 * credentials, until when in ms), so that one limit stops every repository behind it.
 *
 * @public
 */
export type DeploymentSourceContext = ScorecardCollectorSharedContext & {
  limited: Map<string, number>;
  signal?: AbortSignal;
};

/**
 * For collector modules: reads one repository's (or project's) new production deployments from
 * its cursor, writes them for each entity that names it, keeps the new cursor, and reports the
 * outcome in coverage for each entity. A rate limit, met now or stored by an earlier run, is kept
 * under `rateLimitKey` (one per host and credentials) so the repositories behind it wait for its
 * reset rather than ask again. Returns why the scorecard refused the write, if it did (most often
 * the entities are not in its catalog yet): a run then fails, so it is tried again soon.
 *
 * @public
 */
export async function collectDeploymentTarget(options: {
  /** The source the deployments are written under (the collector's id). */
  source: string;
  /** Names the repository in messages: `repository acme/shop`, `project group/app`. */
  label: string;
  entityRefs: string[];
  /** The cursor's key: the repository, and what of it is read. */
  cursorKey: string;
  rateLimitKey: string;
  /** The words for a stored rate limit that holds the repository back until `until`. */
  rateLimited(until: number): string;
  context: DeploymentSourceContext;
  read(cursor: DeploymentSourceCursor): Promise<DeploymentSourceRead>;
  /** The id a deployment is written under, by a run and a webhook alike. */
  eventId(key: string, entityRef: string): string;
  /** A rate limit the read met, as its reset time; undefined for any other failure. */
  rateLimitOf(error: unknown): { until: number; message: string } | undefined;
  /** The words a user can act on for a failed read. */
  describeFailure(error: unknown): string;
}): Promise<{ refused?: string }> {
  const { source, label, entityRefs, rateLimitKey, context } = options;
  const { writer, cursors, coverage, limited, signal } = context;
  const failEach = async (error: string) => {
    for (const entityRef of entityRefs)
      await coverage.failed(entityRef, { source, error });
  };

  if (!limited.has(rateLimitKey)) {
    const stored = Number(await cursors.get(rateLimitKey));
    if (stored > Date.now()) limited.set(rateLimitKey, stored);
  }
  const until = limited.get(rateLimitKey);
  if (until !== undefined && until > Date.now()) {
    await failEach(options.rateLimited(until));
    return {};
  }

  const holdBack = async (limit: { until: number }) => {
    limited.set(rateLimitKey, limit.until);
    await cursors.set(rateLimitKey, String(limit.until));
  };
  const cursor = decodeDeploymentCursor(await cursors.get(options.cursorKey));
  let result: DeploymentSourceRead;
  try {
    result = await options.read(cursor ?? {});
  } catch (error) {
    const limit = options.rateLimitOf(error);
    if (limit) {
      await holdBack(limit);
      await failEach(`${limit.message} (${label})`);
    } else if (!signal?.aborted) {
      await failEach(options.describeFailure(error));
    }
    return {};
  }
  if (result.notModified) {
    for (const entityRef of entityRefs)
      await coverage.read(entityRef, { source, written: 0 });
    return {};
  }

  const events: DeploymentEventInput[] = entityRefs.flatMap(entityRef =>
    result.deployments.map(({ key, ...d }) => ({
      ...d,
      id: options.eventId(key, entityRef),
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
  } catch (error) {
    const refused = `the scorecard refused the deployments of ${label}: ${
      (error as Error).message
    }`;
    await failEach(refused);
    return { refused };
  }
  await cursors.set(options.cursorKey, encodeDeploymentCursor(result.cursor));
  const written = result.deployments.length;
  if (result.stoppedBy) {
    await holdBack(result.stoppedBy);
    await failEach(
      `${result.stoppedBy.message} (${label}; ${written} deployments written before it)`,
    );
    return {};
  }
  for (const entityRef of entityRefs)
    await coverage.read(entityRef, { source, written });
  return {};
}
