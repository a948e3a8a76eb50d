/*
 * GitLab's REST API v4 entities (https://docs.gitlab.com/api/rest/) as the fake GitLab answers
 * them, written from GitLab's API reference (the fields the collector reads and the ones around
 * them), and the fake's own records: its projects, the requests it saw and the faults it is told
 * to answer.
 */

export const WEB = 'https://gitlab.com';

/** Deployments API v4: a deployment's `environment` (EnvironmentBasic). */
export type EnvironmentBasic = {
  id: number;
  name: string;
  slug: string;
  external_url: string | null;
  created_at: string;
  updated_at: string;
};
/** Jobs API v4: the deployment's `deployable` (Ci::Job), trimmed of runner and artifacts. */
export type Job = {
  id: number;
  status: string;
  stage: string;
  name: string;
  ref: string;
  tag: boolean;
  coverage: number | null;
  allow_failure: boolean;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration: number | null;
  queued_duration: number | null;
  user: UserBasic;
  commit: Commit;
  pipeline: {
    id: number;
    iid: number;
    project_id: number;
    sha: string;
    ref: string;
    status: string;
    source: string;
    created_at: string;
    updated_at: string;
    web_url: string;
  };
  web_url: string;
};
export type UserBasic = {
  id: number;
  username: string;
  name: string;
  state: string;
  avatar_url: string | null;
  web_url: string;
};
/** Commits API v4: the Commit entity. */
export type Commit = {
  id: string;
  short_id: string;
  created_at: string;
  parent_ids: string[];
  title: string;
  message: string;
  author_name: string;
  author_email: string;
  authored_date: string;
  committer_name: string;
  committer_email: string;
  committed_date: string;
  trailers: Record<string, string>;
  web_url: string;
};
/** Deployments API v4: one item of "List project deployments". */
export type Deployment = {
  id: number;
  iid: number;
  ref: string;
  sha: string;
  created_at: string;
  updated_at: string;
  status: 'created' | 'running' | 'success' | 'failed' | 'canceled' | 'blocked';
  user: UserBasic;
  environment: EnvironmentBasic;
  deployable: Job | null;
};

export type FakeCommit = { sha: string; time: string };

export type FakeProject = {
  id: number;
  path: string;
  /** The default branch's history, oldest first. */
  commits: FakeCommit[];
  deployments: Deployment[];
};

export type RecordedRequest = {
  path: string;
  query: URLSearchParams;
  status: number;
  authorization: string | null;
};

/** A fault answered instead of the real answer, once, for the first request it matches. */
export type Fault = {
  matches: (path: string, query: URLSearchParams) => boolean;
  response: () => Response;
};

export const iso = (ms: number) => new Date(ms).toISOString();
export const user: UserBasic = {
  id: 1,
  username: 'deployer',
  name: 'Deployer',
  state: 'active',
  avatar_url: null,
  web_url: `${WEB}/deployer`,
};

/** Commits API v4: the Commit entity of one of the project's commits. */
export function commitEntity(p: FakeProject, sha: string): Commit {
  const c = p.commits.find(k => k.sha === sha)!;
  const index = p.commits.indexOf(c);
  return {
    id: c.sha,
    short_id: c.sha.slice(0, 8),
    created_at: c.time,
    parent_ids: index > 0 ? [p.commits[index - 1].sha] : [],
    title: `change ${c.sha}`,
    message: `change ${c.sha}\n`,
    author_name: 'Dev',
    author_email: 'dev@acme.test',
    authored_date: c.time,
    committer_name: 'Dev',
    committer_email: 'dev@acme.test',
    committed_date: c.time,
    trailers: {},
    web_url: `${WEB}/${p.path}/-/commit/${c.sha}`,
  };
}
