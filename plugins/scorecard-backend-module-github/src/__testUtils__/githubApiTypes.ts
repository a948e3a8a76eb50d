import type { components } from '@octokit/openapi-types';

/*
 * The shapes of GitHub's REST API (version 2022-11-28) that the fake GitHub answers with, typed
 * by @octokit/openapi-types (the fields the collector reads and the ones around them), and the
 * fake's own records: its repositories, the requests it saw and the faults it is told to answer.
 */

type Schemas = components['schemas'];
export type Deployment = Pick<
  Schemas['deployment'],
  | 'url'
  | 'id'
  | 'node_id'
  | 'sha'
  | 'ref'
  | 'task'
  | 'environment'
  | 'original_environment'
  | 'description'
  | 'created_at'
  | 'updated_at'
  | 'statuses_url'
  | 'repository_url'
>;
export type DeploymentStatus = Pick<
  Schemas['deployment-status'],
  | 'url'
  | 'id'
  | 'node_id'
  | 'state'
  | 'description'
  | 'environment'
  | 'target_url'
  | 'log_url'
  | 'created_at'
  | 'updated_at'
  | 'deployment_url'
  | 'repository_url'
>;
type CompareCommit = Pick<
  Schemas['commit'],
  'url' | 'sha' | 'node_id' | 'html_url'
> & {
  commit: Pick<Schemas['commit']['commit'], 'message' | 'author' | 'committer'>;
};
export type Comparison = Pick<
  Schemas['commit-comparison'],
  'url' | 'html_url' | 'status' | 'ahead_by' | 'behind_by' | 'total_commits'
> & { commits: CompareCommit[] };
export type WorkflowRun = Pick<
  Schemas['workflow-run'],
  | 'id'
  | 'name'
  | 'node_id'
  | 'head_branch'
  | 'head_sha'
  | 'path'
  | 'run_number'
  | 'run_attempt'
  | 'event'
  | 'status'
  | 'conclusion'
  | 'workflow_id'
  | 'url'
  | 'html_url'
  | 'created_at'
  | 'updated_at'
  | 'run_started_at'
>;
export type Repository = Pick<
  Schemas['full-repository'],
  'id' | 'name' | 'full_name' | 'default_branch' | 'html_url' | 'private'
>;

export type FakeCommit = { sha: string; time: string };

export type FakeRepository = {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** The default branch's history, oldest first. */
  commits: FakeCommit[];
  deployments: Deployment[];
  statuses: Map<number, DeploymentStatus[]>;
  workflows: Map<string, { id: number; path: string; runs: WorkflowRun[] }>;
};

export type RecordedRequest = {
  method: string;
  path: string;
  ifNoneMatch: string | null;
  status: number;
  authorization: string | null;
  apiVersion: string | null;
};

/** A fault answered instead of the real answer, once, for the first request it matches. */
export type Fault = {
  matches: (path: string) => boolean;
  response: () => Response;
};
