import { API, githubHandlers } from './githubHandlers';
import type {
  Deployment,
  DeploymentStatus,
  FakeCommit,
  FakeRepository,
  Fault,
  RecordedRequest,
  WorkflowRun,
} from './githubApiTypes';

export type { FakeRepository } from './githubApiTypes';

/*
 * GitHub's REST API (version 2022-11-28, https://docs.github.com/en/rest) for a few repositories
 * held in memory, served with MSW (./githubHandlers.ts lists the endpoints). The test builds the
 * repositories' histories here: commits, deployments and their statuses, workflow runs; it reads
 * back the requests GitHub saw, and tells it which to answer with a fault.
 */

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

export class FakeGithub {
  readonly repositories = new Map<string, FakeRepository>();
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /** GitHub may return fewer items than per_page; small pages make pagination visible. */
  pageSize = 3;
  private nextId = 1000;

  addRepository(
    owner: string,
    repo: string,
    commits: FakeCommit[],
  ): FakeRepository {
    const r: FakeRepository = {
      owner,
      repo,
      defaultBranch: 'main',
      commits,
      deployments: [],
      statuses: new Map(),
      workflows: new Map(),
    };
    this.repositories.set(`${owner}/${repo}`, r);
    return r;
  }

  /** A deployment created at `createdAt` with, when `state` is given, a status `finishedMs` later. */
  deploy(
    r: FakeRepository,
    options: {
      sha: string;
      environment: string;
      createdAt: number;
      state?: DeploymentStatus['state'];
      finishedMs?: number;
    },
  ): Deployment {
    const id = this.nextId++;
    const base = `${API}/repos/${r.owner}/${r.repo}`;
    const d: Deployment = {
      url: `${base}/deployments/${id}`,
      id,
      node_id: `DE_${id}`,
      sha: options.sha,
      ref: options.sha,
      task: 'deploy',
      environment: options.environment,
      original_environment: options.environment,
      description: null,
      created_at: iso(options.createdAt),
      updated_at: iso(options.createdAt),
      statuses_url: `${base}/deployments/${id}/statuses`,
      repository_url: base,
    };
    r.deployments.unshift(d);
    r.statuses.set(id, []);
    if (options.state) {
      this.setStatus(
        r,
        d,
        options.state,
        options.createdAt + (options.finishedMs ?? 300_000),
      );
    }
    return d;
  }

  setStatus(
    r: FakeRepository,
    d: Deployment,
    state: DeploymentStatus['state'],
    at: number,
  ): DeploymentStatus {
    const id = this.nextId++;
    const base = `${API}/repos/${r.owner}/${r.repo}`;
    const s: DeploymentStatus = {
      url: `${d.url}/statuses/${id}`,
      id,
      node_id: `DES_${id}`,
      state,
      description: '',
      environment: d.environment,
      target_url: '',
      log_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/${d.id}`,
      created_at: iso(at),
      updated_at: iso(at),
      deployment_url: d.url,
      repository_url: base,
    };
    r.statuses.get(d.id)!.unshift(s);
    d.updated_at = s.created_at;
    return s;
  }

  addWorkflowRun(
    r: FakeRepository,
    file: string,
    options: {
      sha: string;
      branch?: string;
      createdAt: number;
      conclusion: WorkflowRun['conclusion'];
      durationMs?: number;
    },
  ): WorkflowRun {
    const workflow = r.workflows.get(file) ?? {
      id: this.nextId++,
      path: `.github/workflows/${file}`,
      runs: [],
    };
    r.workflows.set(file, workflow);
    const id = this.nextId++;
    const run: WorkflowRun = {
      id,
      name: 'Deploy',
      node_id: `WFR_${id}`,
      head_branch: options.branch ?? r.defaultBranch,
      head_sha: options.sha,
      path: workflow.path,
      run_number: workflow.runs.length + 1,
      run_attempt: 1,
      event: 'push',
      status: options.conclusion ? 'completed' : 'in_progress',
      conclusion: options.conclusion,
      workflow_id: workflow.id,
      url: `${API}/repos/${r.owner}/${r.repo}/actions/runs/${id}`,
      html_url: `https://github.com/${r.owner}/${r.repo}/actions/runs/${id}`,
      created_at: iso(options.createdAt),
      updated_at: iso(options.createdAt + (options.durationMs ?? 240_000)),
      run_started_at: iso(options.createdAt),
    };
    workflow.runs.unshift(run);
    return run;
  }

  /** Requests since `from` (an index into `requests`). */
  since(from: number) {
    return this.requests.slice(from);
  }

  /** Forgets every repository, request and fault, for the next test. */
  reset() {
    this.repositories.clear();
    this.requests.length = 0;
    this.faults.length = 0;
  }

  handlers() {
    return githubHandlers(this);
  }
}
