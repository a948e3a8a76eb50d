/**
 * A commit a deployment carries to production, as a version control system lists it.
 *
 * @public
 */
export type DeploymentSourceCommit = {
  sha: string;
  /** ISO 8601 with a zone. */
  time: string;
};

/**
 * For collector modules: the `firstCommitAt` of a deployment, from the commits it carried (those
 * between the previous successful production deployment and this one): the earliest commit time,
 * as ISO 8601 in UTC. A commit time after `finishedAt` can only be clock skew between the version
 * control system and the deployment tool, so the result is never later than `finishedAt` (the
 * ingestion API refuses a deployment that finished before its first commit). Undefined without
 * commits, or when no commit has a readable time: the deployment then has no lead time.
 *
 * @public
 */
export function firstCommitAt(
  commits: ReadonlyArray<{ sha?: string; time: string }>,
  finishedAt?: string,
): string | undefined {
  let earliest = Infinity;
  for (const c of commits) {
    const t = Date.parse(c.time);
    if (Number.isFinite(t) && t < earliest) earliest = t;
  }
  if (earliest === Infinity) return undefined;
  const finished = finishedAt === undefined ? NaN : Date.parse(finishedAt);
  if (Number.isFinite(finished) && earliest > finished) earliest = finished;
  return new Date(earliest).toISOString();
}
