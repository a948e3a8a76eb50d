import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import type { components } from '@octokit/openapi-types';

/*
 * GitHub's REST API (version 2022-11-28, https://docs.github.com/en/rest) for a few repositories
 * held in memory, served with MSW. Each answer has the shape of the documented endpoint, typed by
 * @octokit/openapi-types (the fields the collector reads and the ones around them):
 *  - GET /repos/{owner}/{repo}                                   "Get a repository"
 *  - GET /repos/{owner}/{repo}/deployments                       "List deployments"
 *  - GET /repos/{owner}/{repo}/deployments/{id}/statuses         "List deployment statuses"
 *  - GET /repos/{owner}/{repo}/compare/{basehead}                "Compare two commits"
 *  - GET /repos/{owner}/{repo}/actions/workflows/{id}/runs       "List workflow runs for a workflow"
 * Lists are newest first and paginated with `Link` headers; answers carry an `ETag` and a matching
 * `If-None-Match` is answered 304, as GitHub does ("Use conditional requests if appropriate").
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
type Repository = Pick<
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

const API = 'https://api.github.com';

/** How a compare's head relates to its base on a linear history. */
function orderOf(base: number, head: number): Comparison['status'] {
  if (head > base) return 'ahead';
  if (head < base) return 'behind';
  return 'identical';
}
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

  handlers() {
    const record = (
      request: Request,
      path: string,
      response: Response,
    ): Response => {
      this.requests.push({
        method: request.method,
        path,
        ifNoneMatch: request.headers.get('if-none-match'),
        status: response.status,
        authorization: request.headers.get('authorization'),
        apiVersion: request.headers.get('x-github-api-version'),
      });
      return response;
    };
    const notFound = () =>
      HttpResponse.json(
        {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        },
        { status: 404 },
      );
    const answer = (request: Request, url: URL, body: unknown[] | object) => {
      // paginate lists: per_page as asked, at most pageSize
      let items = body;
      const headers: Record<string, string> = {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      };
      const listKey = Array.isArray(body)
        ? undefined
        : (Object.keys(body).find(k =>
            Array.isArray((body as Record<string, unknown>)[k]),
          ) as string | undefined);
      let list: unknown[] | undefined;
      if (Array.isArray(body)) list = body;
      else if (listKey) list = (body as Record<string, unknown[]>)[listKey];
      if (list) {
        const perPage = Math.min(
          Number(url.searchParams.get('per_page') ?? 30),
          this.pageSize,
        );
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = list.slice((page - 1) * perPage, page * perPage);
        items = Array.isArray(body)
          ? slice
          : { ...body, [listKey!]: slice, total_count: list.length };
        const links: string[] = [];
        const link = (p: number, rel: string) => {
          const u = new URL(url);
          u.searchParams.set('page', String(p));
          links.push(`<${u}>; rel="${rel}"`);
        };
        if (page * perPage < list.length) link(page + 1, 'next');
        if (page > 1) link(1, 'first');
        if (links.length) headers.link = links.join(', ');
      }
      const json = JSON.stringify(items);
      const etag = `W/"${createHash('sha1').update(json).digest('hex')}"`;
      if (request.headers.get('if-none-match') === etag) {
        return new HttpResponse(null, { status: 304, headers: { etag } });
      }
      return new HttpResponse(json, {
        status: 200,
        headers: {
          ...headers,
          etag,
          'content-type': 'application/json; charset=utf-8',
        },
      });
    };

    return [
      http.get(`${API}/repos/*`, ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname;
        const fault = this.faults.findIndex(f => f.matches(path));
        if (fault >= 0) {
          const [f] = this.faults.splice(fault, 1);
          return record(request, path, f.response());
        }
        const [, , owner, repo] = path.split('/');
        const r = this.repositories.get(`${owner}/${repo}`);
        if (!r) return record(request, path, notFound());
        const rest = path.slice(`/repos/${r.owner}/${r.repo}`.length);
        const statusesPath = rest.match(/^\/deployments\/(\d+)\/statuses$/);
        const comparePath = rest.match(
          /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/,
        );
        const runsPath = rest.match(/^\/actions\/workflows\/([^/]+)\/runs$/);
        if (rest === '') {
          const repository: Repository = {
            id: 1,
            name: r.repo,
            full_name: `${r.owner}/${r.repo}`,
            default_branch: r.defaultBranch,
            html_url: `https://github.com/${r.owner}/${r.repo}`,
            private: true,
          };
          return record(request, path, answer(request, url, repository));
        }
        if (rest === '/deployments') {
          return record(request, path, answer(request, url, r.deployments));
        }
        if (statusesPath) {
          const m = statusesPath;
          const statuses = r.statuses.get(Number(m[1]));
          if (!statuses) return record(request, path, notFound());
          return record(request, path, answer(request, url, statuses));
        }
        if (comparePath) {
          const m = comparePath;
          const b = r.commits.findIndex(c => c.sha === m![1]);
          const h = r.commits.findIndex(c => c.sha === m![2]);
          if (b < 0 || h < 0) return record(request, path, notFound());
          const commits = h > b ? r.commits.slice(b + 1, h + 1) : [];
          const comparison: Comparison = {
            url: `${API}${path}`,
            html_url: `https://github.com/${r.owner}/${r.repo}/compare/${m[1]}...${m[2]}`,
            status: orderOf(b, h),
            ahead_by: Math.max(0, h - b),
            behind_by: Math.max(0, b - h),
            total_commits: commits.length,
            commits: commits.map(c => ({
              url: `${API}/repos/${r.owner}/${r.repo}/commits/${c.sha}`,
              sha: c.sha,
              node_id: `C_${c.sha}`,
              html_url: `https://github.com/${r.owner}/${r.repo}/commit/${c.sha}`,
              commit: {
                message: `change ${c.sha}`,
                author: { name: 'Dev', email: 'dev@acme.test', date: c.time },
                committer: {
                  name: 'Dev',
                  email: 'dev@acme.test',
                  date: c.time,
                },
              },
            })),
          };
          // the commits are not paginated like a list: answer them whole
          const json = JSON.stringify(comparison);
          return record(
            request,
            path,
            HttpResponse.json(JSON.parse(json), {
              headers: { etag: `"${m[1]}${m[2]}"` },
            }),
          );
        }
        if (runsPath) {
          const m = runsPath;
          const workflow = [...r.workflows.entries()].find(
            ([file, w]) => file === m![1] || String(w.id) === m![1],
          )?.[1];
          if (!workflow) return record(request, path, notFound());
          const branch = url.searchParams.get('branch');
          const status = url.searchParams.get('status');
          const runs = workflow.runs.filter(
            run =>
              (!branch || run.head_branch === branch) &&
              (!status || run.status === status),
          );
          return record(
            request,
            path,
            answer(request, url, {
              total_count: runs.length,
              workflow_runs: runs,
            }),
          );
        }
        return record(request, path, notFound());
      }),
    ];
  }
}
