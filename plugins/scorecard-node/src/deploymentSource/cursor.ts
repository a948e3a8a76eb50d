/**
 * How far a collector has read one repository's deployments, kept between runs with
 * `ScorecardCollectorCursors`.
 *
 * @public
 */
export type DeploymentSourceCursor = {
  /**
   * The id of the newest deployment (or run) up to which everything is final: written, or not a
   * production deployment. Ids grow with time in the sources this serves (GitHub deployments and
   * workflow runs, GitLab deployments), so the next run reads only those above it.
   */
  after?: number;
  /** The commit production ran at `after`: the last successful production deployment's. */
  running?: { sha: string; finishedAt: string };
  /**
   * The newest commit production has run, when a rollback went back from it (else it is
   * `running`): a later deployment's lead time counts only the commits after it, since the ones
   * before it went out already.
   */
  newest?: { sha: string; finishedAt: string };
  /**
   * The source's validator (an HTTP ETag) of its newest page of deployments when everything on it
   * was final, for a conditional request; absent when a deployment was still in progress.
   */
  etag?: string;
  /** The same for a second resource the collector reads first (for example the repository). */
  etags?: Record<string, string>;
  /** Anything else the collector keeps, such as the repository's default branch. */
  extra?: Record<string, string>;
};

const VERSION = 1;

/**
 * For collector modules: a {@link DeploymentSourceCursor} as the string a cursor store keeps.
 *
 * @public
 */
export function encodeDeploymentCursor(cursor: DeploymentSourceCursor): string {
  return JSON.stringify({ v: VERSION, ...cursor });
}

/**
 * For collector modules: the {@link DeploymentSourceCursor} in a stored string. Undefined when
 * nothing is stored, or when the string is not a cursor this version wrote: the collector then
 * starts over from its backfill, which rewrites the same events under the same ids.
 *
 * @public
 */
export function decodeDeploymentCursor(
  value: string | undefined,
): DeploymentSourceCursor | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { v, after, running, newest, etag, etags, extra } = parsed as Record<
    string,
    unknown
  >;
  if (v !== VERSION) return undefined;
  const cursor: DeploymentSourceCursor = {};
  if (typeof after === 'number' && Number.isSafeInteger(after))
    cursor.after = after;
  const commit = (field: unknown) => {
    const c = field as { sha?: unknown; finishedAt?: unknown } | null;
    return c &&
      typeof c === 'object' &&
      typeof c.sha === 'string' &&
      typeof c.finishedAt === 'string'
      ? { sha: c.sha, finishedAt: c.finishedAt }
      : undefined;
  };
  if (commit(running)) cursor.running = commit(running);
  if (commit(newest)) cursor.newest = commit(newest);
  if (typeof etag === 'string') cursor.etag = etag;
  if (isStringRecord(etags)) cursor.etags = etags;
  if (isStringRecord(extra)) cursor.extra = extra;
  return cursor;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every(v => typeof v === 'string')
  );
}
