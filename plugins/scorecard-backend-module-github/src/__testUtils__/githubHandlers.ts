import { createHash } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import type {
  Comparison,
  Fault,
  FakeRepository,
  RecordedRequest,
  Repository,
} from './githubApiTypes';

/*
 * The MSW handlers of the fake GitHub, one function an endpoint:
 *  - GET /repos/{owner}/{repo}                                   "Get a repository"
 *  - GET /repos/{owner}/{repo}/deployments                       "List deployments"
 *  - GET /repos/{owner}/{repo}/deployments/{id}/statuses         "List deployment statuses"
 *  - GET /repos/{owner}/{repo}/compare/{basehead}                "Compare two commits"
 *  - GET /repos/{owner}/{repo}/actions/workflows/{id}/runs       "List workflow runs for a workflow"
 * Lists are newest first and paginated with `Link` headers; answers carry an `ETag` and a matching
 * `If-None-Match` is answered 304, as GitHub does ("Use conditional requests if appropriate").
 */

export const API = 'https://api.github.com';

/** What the handlers read and record: the fake GitHub's state. */
export type GithubState = {
  repositories: Map<string, FakeRepository>;
  requests: RecordedRequest[];
  faults: Fault[];
  pageSize: number;
};

/** How a compare's head relates to its base on a linear history. */
function orderOf(base: number, head: number): Comparison['status'] {
  if (head > base) return 'ahead';
  if (head < base) return 'behind';
  return 'identical';
}

const notFound = () =>
  HttpResponse.json(
    {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    },
    { status: 404 },
  );

/** An answer as GitHub gives it: lists paginated (per_page as asked, at most pageSize), an ETag. */
function answer(
  state: GithubState,
  request: Request,
  url: URL,
  body: unknown[] | object,
) {
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
      state.pageSize,
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
}

function repository(r: FakeRepository): Repository {
  return {
    id: 1,
    name: r.repo,
    full_name: `${r.owner}/${r.repo}`,
    default_branch: r.defaultBranch,
    html_url: `https://github.com/${r.owner}/${r.repo}`,
    private: true,
  };
}

/** "Compare two commits": the commits are not paginated like a list, answered whole. */
function compare(r: FakeRepository, path: string, base: string, head: string) {
  const b = r.commits.findIndex(c => c.sha === base);
  const h = r.commits.findIndex(c => c.sha === head);
  if (b < 0 || h < 0) return notFound();
  const commits = h > b ? r.commits.slice(b + 1, h + 1) : [];
  const comparison: Comparison = {
    url: `${API}${path}`,
    html_url: `https://github.com/${r.owner}/${r.repo}/compare/${base}...${head}`,
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
  const json = JSON.stringify(comparison);
  return HttpResponse.json(JSON.parse(json), {
    headers: { etag: `"${base}${head}"` },
  });
}

/** "List workflow runs for a workflow" by its file name or id, filtered by branch and status. */
function workflowRuns(
  state: GithubState,
  r: FakeRepository,
  request: Request,
  url: URL,
  workflowId: string,
) {
  const workflow = [...r.workflows.entries()].find(
    ([file, w]) => file === workflowId || String(w.id) === workflowId,
  )?.[1];
  if (!workflow) return notFound();
  const branch = url.searchParams.get('branch');
  const status = url.searchParams.get('status');
  const runs = workflow.runs.filter(
    run =>
      (!branch || run.head_branch === branch) &&
      (!status || run.status === status),
  );
  return answer(state, request, url, {
    total_count: runs.length,
    workflow_runs: runs,
  });
}

/** The answer of one repository's endpoint, by the path below `/repos/{owner}/{repo}`. */
function repositoryEndpoint(
  state: GithubState,
  r: FakeRepository,
  request: Request,
  url: URL,
) {
  const path = url.pathname;
  const rest = path.slice(`/repos/${r.owner}/${r.repo}`.length);
  if (rest === '') return answer(state, request, url, repository(r));
  if (rest === '/deployments') {
    return answer(state, request, url, r.deployments);
  }
  const statusesPath = rest.match(/^\/deployments\/(\d+)\/statuses$/);
  if (statusesPath) {
    const statuses = r.statuses.get(Number(statusesPath[1]));
    return statuses ? answer(state, request, url, statuses) : notFound();
  }
  const comparePath = rest.match(/^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/);
  if (comparePath) return compare(r, path, comparePath[1], comparePath[2]);
  const runsPath = rest.match(/^\/actions\/workflows\/([^/]+)\/runs$/);
  if (runsPath) return workflowRuns(state, r, request, url, runsPath[1]);
  return notFound();
}

/** The handlers, recording every request and answering a matching fault once instead. */
export function githubHandlers(state: GithubState) {
  const record = (request: Request, path: string, response: Response) => {
    state.requests.push({
      method: request.method,
      path,
      ifNoneMatch: request.headers.get('if-none-match'),
      status: response.status,
      authorization: request.headers.get('authorization'),
      apiVersion: request.headers.get('x-github-api-version'),
    });
    return response;
  };
  return [
    http.get(`${API}/repos/*`, ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname;
      const fault = state.faults.findIndex(f => f.matches(path));
      if (fault >= 0) {
        const [f] = state.faults.splice(fault, 1);
        return record(request, path, f.response());
      }
      const [, , owner, repo] = path.split('/');
      const r = state.repositories.get(`${owner}/${repo}`);
      if (!r) return record(request, path, notFound());
      return record(request, path, repositoryEndpoint(state, r, request, url));
    }),
  ];
}
