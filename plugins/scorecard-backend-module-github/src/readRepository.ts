import type { DeploymentEventInput } from '@opmodel/plugin-scorecard-common';
import {
  firstCommitAt,
  isRollbackByCommitOrder,
  type DeploymentSourceCursor,
  type DeploymentSourceReadOptions,
} from '@opmodel/plugin-scorecard-node';
import { GithubApi, RateLimitedError } from './GithubApi';

/*
 * The parts of GitHub's REST answers (API version 2022-11-28) the collector reads.
 */
type GithubDeployment = {
  id: number;
  sha: string;
  environment: string;
  created_at: string;
};
type GithubDeploymentStatus = {
  state: string;
  created_at: string;
  log_url?: string;
  target_url?: string;
};
type GithubComparison = {
  status: string;
  ahead_by: number;
  behind_by: number;
  commits: Array<{
    sha: string;
    commit: {
      author: { date?: string } | null;
      committer: { date?: string } | null;
    };
  }>;
};
type GithubWorkflowRun = {
  id: number;
  head_sha: string;
  head_branch: string | null;
  status: string | null;
  conclusion: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  html_url: string;
};

/** One repository to read, and how it deploys. */
export type RepositoryTarget = {
  host: string;
  owner: string;
  repo: string;
  /** A workflow file (`deploy.yml`) or id whose successful runs on the default branch are the deployments. */
  workflow?: string;
};

/** A deployment as read, before it is written for each entity of the repository. */
export type ReadDeployment = Omit<DeploymentEventInput, 'id' | 'entityRef'> & {
  /** The repository-relative key of the deployment: `deployments/42` or `actions/runs/42`. */
  key: string;
};

export type RepositoryReadResult =
  | { notModified: true; cursor: DeploymentSourceCursor }
  | {
      notModified: false;
      deployments: ReadDeployment[];
      cursor: DeploymentSourceCursor;
      /** The rate limit that stopped the read; the cursor goes on from where it stopped. */
      stoppedBy?: RateLimitedError;
    };

/** A deployment still without a final status after this long was abandoned. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
const FINAL_STATES = new Set(['success', 'failure', 'error']);

const httpUrl = (u: string | undefined | null) =>
  u && /^https?:\/\/\S+$/.test(u) ? u : undefined;

type Candidate = {
  id: number;
  sha: string;
  createdAt: string;
  key: string;
  /** The deployment's outcome, or undefined while it is in progress. */
  outcome: () => Promise<
    | {
        success: boolean;
        startedAt: string;
        finishedAt: string;
        url?: string;
      }
    | undefined
  >;
};

/**
 * Reads the production deployments of one repository from where `cursor` left off: newest page
 * first, conditionally; then oldest first, each one's outcome, and for a success the commits since
 * the commit production ran (lead time) or whether it went back to an older one (rollback).
 */
export async function readRepository(
  api: GithubApi,
  target: RepositoryTarget,
  cursor: DeploymentSourceCursor,
  options: DeploymentSourceReadOptions,
): Promise<RepositoryReadResult> {
  const { owner, repo } = target;
  const backfillFrom = options.now - options.backfillDays * 86_400_000;
  const listed = target.workflow
    ? await listWorkflowRuns(api, target, cursor, backfillFrom)
    : await listDeployments(api, target, cursor, backfillFrom, options);
  if (listed.notModified) return { notModified: true, cursor };

  const candidates = listed.candidates.sort((a, b) => a.id - b.id);
  const deployments: ReadDeployment[] = [];
  let running = cursor.running;
  let newest = cursor.newest;
  let committed: DeploymentSourceCursor = {
    after: cursor.after,
    running: cursor.running,
    newest: cursor.newest,
    extra: listed.extra,
    etags: listed.etags,
  };
  let pending = false;
  let stoppedBy: RateLimitedError | undefined;
  try {
    for (const c of candidates) {
      const outcome = await c.outcome();
      if (!outcome) {
        if (options.now - Date.parse(c.createdAt) < ABANDONED_AFTER_MS)
          pending = true;
        if (!pending) committed = { ...committed, after: c.id };
        continue;
      }
      const d: ReadDeployment = {
        key: c.key,
        environment: 'production',
        result: outcome.success ? 'success' : 'failure',
        startedAt: outcome.startedAt,
        finishedAt: outcome.finishedAt,
        ...(outcome.url ? { url: outcome.url } : {}),
      };
      if (outcome.success) {
        const deployed = { sha: c.sha, finishedAt: outcome.finishedAt };
        if (running && running.sha !== c.sha) {
          const cmp = await compare(api, owner, repo, running.sha, c.sha);
          if (
            cmp &&
            isRollbackByCommitOrder({
              aheadBy: cmp.ahead_by,
              behindBy: cmp.behind_by,
            })
          ) {
            // back to an older commit: no new commits, and the newest stays what it was
            d.result = 'rollback';
            newest = newest ?? running;
          } else if (cmp) {
            // after a rollback, only the commits past the newest that ran are new
            const since =
              newest && newest.sha !== running.sha
                ? await compare(api, owner, repo, newest.sha, c.sha)
                : cmp;
            const first =
              since &&
              firstCommitAt(
                since.commits.map(k => ({
                  time: k.commit.committer?.date ?? k.commit.author?.date ?? '',
                })),
                outcome.finishedAt,
              );
            if (first) d.firstCommitAt = first;
            if (!since || since.ahead_by > 0 || !newest) newest = undefined;
          }
        }
        running = deployed;
      }
      deployments.push(d);
      if (!pending) committed = { ...committed, after: c.id, running, newest };
    }
  } catch (e) {
    if (!(e instanceof RateLimitedError)) throw e;
    stoppedBy = e;
  }
  if (!stoppedBy && !pending) {
    committed = {
      ...committed,
      after: Math.max(committed.after ?? 0, listed.newestId ?? 0) || undefined,
      etag: listed.etag,
    };
  }
  if (committed.after === undefined) delete committed.after;
  if (committed.running === undefined) delete committed.running;
  if (committed.newest === undefined) delete committed.newest;
  return { notModified: false, deployments, cursor: committed, stoppedBy };
}

type Listed =
  | { notModified: true }
  | {
      notModified: false;
      candidates: Candidate[];
      /** The newest id listed, production or not. */
      newestId?: number;
      etag?: string;
      etags?: Record<string, string>;
      extra?: Record<string, string>;
    };

async function listDeployments(
  api: GithubApi,
  target: RepositoryTarget,
  cursor: DeploymentSourceCursor,
  backfillFrom: number,
  options: DeploymentSourceReadOptions,
): Promise<Listed> {
  const { owner, repo } = target;
  // GET /repos/{owner}/{repo}/deployments: newest first
  const first = await api.get<GithubDeployment[]>(
    '/repos/{owner}/{repo}/deployments',
    { owner, repo, per_page: 100 },
    cursor.etag,
  );
  if (first.notModified) return { notModified: true };
  let page = first;
  const etag = page.etag;
  const candidates: Candidate[] = [];
  let newestId: number | undefined;
  for (;;) {
    let done = false;
    for (const d of page.data) {
      if (
        cursor.after !== undefined
          ? d.id <= cursor.after
          : Date.parse(d.created_at) < backfillFrom
      ) {
        done = true;
        break;
      }
      newestId = Math.max(newestId ?? 0, d.id);
      if (
        !options.productionEnvironments.includes(
          d.environment.toLocaleLowerCase('en-US'),
        )
      )
        continue;
      candidates.push({
        id: d.id,
        sha: d.sha,
        createdAt: d.created_at,
        key: `deployments/${d.id}`,
        outcome: async () => {
          // GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses: newest first; a
          // success becomes `inactive` once a later deployment replaces it, so the newest final
          // state is the outcome
          const statuses = await api.get<GithubDeploymentStatus[]>(
            '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
            { owner, repo, deployment_id: d.id, per_page: 100 },
          );
          if (statuses.notModified) return undefined;
          const final = statuses.data.find(s => FINAL_STATES.has(s.state));
          if (!final) return undefined;
          return {
            success: final.state === 'success',
            startedAt: d.created_at,
            finishedAt: final.created_at,
            url: httpUrl(final.log_url) ?? httpUrl(final.target_url),
          };
        },
      });
    }
    if (done || !page.next) break;
    const next = await api.get<GithubDeployment[]>(page.next);
    if (next.notModified) break;
    page = next;
  }
  return { notModified: false, candidates, newestId, etag };
}

async function listWorkflowRuns(
  api: GithubApi,
  target: RepositoryTarget,
  cursor: DeploymentSourceCursor,
  backfillFrom: number,
): Promise<Listed> {
  const { owner, repo, workflow } = target;
  // GET /repos/{owner}/{repo}: the default branch
  const repository = await api.get<{ default_branch: string }>(
    '/repos/{owner}/{repo}',
    { owner, repo },
    cursor.etags?.repository,
  );
  const branch = repository.notModified
    ? cursor.extra?.defaultBranch
    : repository.data.default_branch;
  const repositoryEtag = repository.notModified
    ? cursor.etags?.repository
    : repository.etag;
  if (!branch) {
    // a stored ETag without a stored branch: ask again, unconditionally
    return listWorkflowRuns(
      api,
      target,
      { ...cursor, etags: undefined },
      backfillFrom,
    );
  }
  const sameBranch = cursor.extra?.defaultBranch === branch;
  // GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs: newest first
  const first = await api.get<{ workflow_runs: GithubWorkflowRun[] }>(
    '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    {
      owner,
      repo,
      workflow_id: workflow!,
      branch,
      per_page: 100,
    },
    sameBranch ? cursor.etag : undefined,
  );
  if (first.notModified) return { notModified: true };
  let page = first;
  const etag = page.etag;
  const candidates: Candidate[] = [];
  let newestId: number | undefined;
  for (;;) {
    let done = false;
    for (const run of page.data.workflow_runs) {
      if (
        cursor.after !== undefined && sameBranch
          ? run.id <= cursor.after
          : Date.parse(run.created_at) < backfillFrom
      ) {
        done = true;
        break;
      }
      newestId = Math.max(newestId ?? 0, run.id);
      // a run still going is waited for; only a successful run is a deployment
      if (run.status === 'completed' && run.conclusion !== 'success') continue;
      candidates.push({
        id: run.id,
        sha: run.head_sha,
        createdAt: run.created_at,
        key: `actions/runs/${run.id}`,
        outcome: async () =>
          run.status === 'completed'
            ? {
                success: true,
                startedAt: run.run_started_at ?? run.created_at,
                finishedAt: run.updated_at,
                url: httpUrl(run.html_url),
              }
            : undefined,
      });
    }
    if (done || !page.next) break;
    const next = await api.get<{ workflow_runs: GithubWorkflowRun[] }>(
      page.next,
    );
    if (next.notModified) break;
    page = next;
  }
  return {
    notModified: false,
    candidates,
    newestId,
    etag,
    etags: repositoryEtag ? { repository: repositoryEtag } : undefined,
    extra: { defaultBranch: branch },
  };
}

/** GET /repos/{owner}/{repo}/compare/{basehead}; undefined when GitHub cannot compare them. */
async function compare(
  api: GithubApi,
  owner: string,
  repo: string,
  base: string,
  head: string,
): Promise<GithubComparison | undefined> {
  try {
    const res = await api.get<GithubComparison>(
      '/repos/{owner}/{repo}/compare/{basehead}',
      { owner, repo, basehead: `${base}...${head}`, per_page: 250 },
    );
    return res.notModified ? undefined : res.data;
  } catch (e) {
    // a commit gone after a force-push: the deployment has no lead time, not a failed run
    const status = (e as { status?: number }).status;
    if (status === 404 || status === 422) return undefined;
    throw e;
  }
}
