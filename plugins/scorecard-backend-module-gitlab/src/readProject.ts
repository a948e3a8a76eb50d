import type { DeploymentEventInput } from '@opmodel/plugin-scorecard-common';
import {
  firstCommitAt,
  isRollbackByCommitOrder,
  type DeploymentSourceCursor,
  type DeploymentSourceReadOptions,
} from '@opmodel/plugin-scorecard-node';
import { GitlabApi, GitlabResponseError, RateLimitedError } from './GitlabApi';

/*
 * The parts of GitLab's REST API v4 answers the collector reads.
 */
/** GET /projects/:id/deployments ("List project deployments"), one item. */
export type GitlabDeployment = {
  id: number;
  iid: number;
  ref: string;
  sha: string;
  created_at: string;
  updated_at: string;
  /** created, running, success, failed, canceled, skipped or blocked */
  status: string;
  environment: { id: number; name: string };
  deployable: {
    id: number;
    status: string;
    started_at: string | null;
    finished_at: string | null;
    web_url: string;
  } | null;
};
/** GET /projects/:id/repository/compare ("Compare branches, tags or commits"). */
type GitlabComparison = {
  commits: Array<{
    id: string;
    committed_date?: string;
    authored_date?: string;
  }>;
  compare_same_ref?: boolean;
};

/** One project to read: its path (`group/sub/project`) or numeric id on a host. */
export type ProjectTarget = {
  host: string;
  /** The path or id, as `/projects/:id` takes it before URL encoding. */
  project: string;
};

/** A deployment as read, before it is written for each entity of the project. */
export type ReadDeployment = Omit<DeploymentEventInput, 'id' | 'entityRef'> & {
  /** GitLab's deployment id (unique on its host). */
  deploymentId: number;
};

export type ProjectReadResult = {
  deployments: ReadDeployment[];
  cursor: DeploymentSourceCursor;
  /** The rate limit that stopped the read; the cursor goes on from where it stopped. */
  stoppedBy?: RateLimitedError;
};

/**
 * How far back each run lists again from the newest `updated_at` it read: deployments committed
 * late by GitLab's database, or whose `updated_at` equals the last one read, are still seen; the
 * ones already read are known by their ids (`extra.recent`).
 */
export const OVERLAP_MS = 60_000;

const FINAL_STATUSES = new Set(['success', 'failed']);

const httpUrl = (u: string | undefined | null) =>
  u && /^https?:\/\/\S+$/.test(u) ? u : undefined;

const projectPath = (t: ProjectTarget) =>
  `/projects/${encodeURIComponent(t.project)}`;

/**
 * Reads the production deployments of one project from where `cursor` left off: every production
 * environment's deployments updated since, oldest update first; a success or failure is written,
 * any other status is left until GitLab updates it again (which lists it again). For a success,
 * the commits since the commit production ran (lead time), or whether it went back to an older
 * one (rollback).
 */
export async function readProject(
  api: GitlabApi,
  target: ProjectTarget,
  cursor: DeploymentSourceCursor,
  options: DeploymentSourceReadOptions,
): Promise<ProjectReadResult> {
  const watermark = cursor.extra?.updatedAfter
    ? Date.parse(cursor.extra.updatedAfter)
    : NaN;
  const from = Number.isFinite(watermark)
    ? watermark - OVERLAP_MS
    : options.now - options.backfillDays * 86_400_000;
  const recent = new Set(
    (cursor.extra?.recent ?? '').split(',').filter(Boolean).map(Number),
  );

  const listed = new Map<number, GitlabDeployment>();
  for (const environment of options.productionEnvironments) {
    let page = await api.get<GitlabDeployment[]>(
      `${projectPath(target)}/deployments`,
      {
        environment,
        updated_after: new Date(from).toISOString(),
        order_by: 'updated_at',
        sort: 'asc',
        per_page: 100,
      },
    );
    for (;;) {
      for (const d of page.data) listed.set(d.id, d);
      if (!page.next || page.data.length === 0) break;
      page = await api.get<GitlabDeployment[]>(page.next);
    }
  }
  const candidates = [...listed.values()]
    .filter(d => !recent.has(d.id))
    .sort(
      (a, b) =>
        Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id,
    );

  const deployments: ReadDeployment[] = [];
  let running = cursor.running;
  let newest = cursor.newest;
  let newestUpdate = Number.isFinite(watermark) ? watermark : undefined;
  /** Final deployments read, with their update time, to skip when listed again. */
  const done = new Map<number, number>();
  const commit = (): DeploymentSourceCursor => {
    const next: DeploymentSourceCursor = { ...cursor, running, newest };
    if (next.running === undefined) delete next.running;
    if (next.newest === undefined) delete next.newest;
    if (newestUpdate !== undefined) {
      const keep = [...done.entries()]
        .filter(([, t]) => t >= newestUpdate! - OVERLAP_MS)
        .map(([id]) => id);
      // ids read by earlier runs stay while they can still be listed
      for (const id of recent) if (!done.has(id)) keep.push(id);
      next.extra = {
        ...cursor.extra,
        updatedAfter: new Date(newestUpdate).toISOString(),
        recent: keep.join(','),
      };
    }
    return next;
  };
  let committed = commit();
  let stoppedBy: RateLimitedError | undefined;
  try {
    for (const c of candidates) {
      const updatedAt = Date.parse(c.updated_at);
      if (!FINAL_STATUSES.has(c.status)) {
        // created, running, blocked: listed again when GitLab updates it; canceled, skipped: never a deployment
        continue;
      }
      const finishedAt = c.deployable?.finished_at ?? c.updated_at;
      if (
        Number.isFinite(watermark) &&
        Date.parse(finishedAt) < watermark - OVERLAP_MS
      ) {
        // finished before what earlier runs read: a later update of one read then (archiving)
        continue;
      }
      const startedAt = c.deployable?.started_at ?? c.created_at;
      const d: ReadDeployment = {
        deploymentId: c.id,
        environment: 'production',
        result: c.status === 'success' ? 'success' : 'failure',
        startedAt:
          Date.parse(startedAt) <= Date.parse(finishedAt)
            ? startedAt
            : finishedAt,
        finishedAt,
        ...(httpUrl(c.deployable?.web_url)
          ? { url: c.deployable!.web_url }
          : {}),
      };
      if (c.status === 'success') {
        if (running && running.sha !== c.sha) {
          const forward = await compare(api, target, running.sha, c.sha);
          const aheadBy = forward?.commits.length;
          const behindBy =
            forward && aheadBy === 0
              ? (await compare(api, target, c.sha, running.sha))?.commits.length
              : 0;
          if (
            forward &&
            behindBy !== undefined &&
            isRollbackByCommitOrder({ aheadBy: aheadBy!, behindBy })
          ) {
            // back to an older commit: no new commits, and the newest stays what it was
            d.result = 'rollback';
            newest = newest ?? running;
          } else if (forward) {
            // after a rollback, only the commits past the newest that ran are new
            const since =
              newest && newest.sha !== running.sha
                ? await compare(api, target, newest.sha, c.sha)
                : forward;
            const first =
              since &&
              firstCommitAt(
                since.commits.map(k => ({
                  sha: k.id,
                  time: k.committed_date ?? k.authored_date ?? '',
                })),
                finishedAt,
              );
            if (first) d.firstCommitAt = first;
            if (!since || since.commits.length > 0 || !newest)
              newest = undefined;
          }
        }
        running = { sha: c.sha, finishedAt };
      }
      deployments.push(d);
      done.set(c.id, updatedAt);
      newestUpdate = Math.max(newestUpdate ?? 0, updatedAt);
      committed = commit();
    }
    // everything listed is read: the next run lists from the newest update seen
    for (const c of candidates) {
      newestUpdate = Math.max(newestUpdate ?? 0, Date.parse(c.updated_at));
    }
    if (newestUpdate === undefined) newestUpdate = from + OVERLAP_MS;
    committed = commit();
  } catch (e) {
    if (!(e instanceof RateLimitedError)) throw e;
    stoppedBy = e;
  }
  return { deployments, cursor: committed, stoppedBy };
}

/**
 * GET /projects/:id/repository/compare?from=&to=: the commits `to` has that `from` has not.
 * Undefined when GitLab cannot compare them (a commit gone after a force-push).
 */
async function compare(
  api: GitlabApi,
  target: ProjectTarget,
  from: string,
  to: string,
): Promise<GitlabComparison | undefined> {
  try {
    const res = await api.get<GitlabComparison>(
      `${projectPath(target)}/repository/compare`,
      { from, to },
    );
    return res.data;
  } catch (e) {
    if (e instanceof GitlabResponseError && [404, 422].includes(e.status))
      return undefined;
    throw e;
  }
}
