import { http, HttpResponse } from 'msw';
import {
  WEB,
  commitEntity,
  type Deployment,
  type FakeProject,
  type Fault,
  type RecordedRequest,
} from './gitlabEntities';

/*
 * The MSW handlers of the fake GitLab, one function an endpoint:
 *  - GET /api/v4/projects/:id/deployments          "List project deployments" (Deployments API):
 *    filters `environment`, `status`, `updated_after`/`updated_before`, `order_by` (id, iid,
 *    created_at, updated_at, finished_at, ref) and `sort`; offset pagination with `page` and
 *    `per_page`, answered with `X-Next-Page`, `X-Page`, `X-Per-Page`, `X-Prev-Page`, `X-Total`,
 *    `X-Total-Pages` and `Link` headers ("Pagination" of the REST API docs)
 *  - GET /api/v4/projects/:id/repository/compare   "Compare branches, tags or commits"
 *    (Repositories API): `from`, `to`; `commits` are those reachable from `to` and not from
 *    `from` (merge-base compare), each a Commit entity with `committed_date`
 * `:id` is a numeric id or the URL-encoded path (`acme%2Fshop`). An unknown project is answered
 * `404 {"message":"404 Project Not Found"}`, an unknown ref in a compare
 * `404 {"message":"404 Ref Not Found"}`, as GitLab does.
 */

const API = 'https://gitlab.com/api/v4';

/** What the handlers read and record: the fake GitLab's state. */
export type GitlabState = {
  projects: Map<string, FakeProject>;
  requests: RecordedRequest[];
  faults: Fault[];
  pageSize: number;
};

const notFound = (what: string) =>
  HttpResponse.json({ message: `404 ${what} Not Found` }, { status: 404 });

/** One page of a list, with GitLab's pagination headers. */
function list(state: GitlabState, url: URL, items: unknown[]) {
  const perPage = Math.min(
    Number(url.searchParams.get('per_page') ?? 20),
    100,
    state.pageSize,
  );
  const page = Number(url.searchParams.get('page') ?? 1);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-next-page': page < totalPages ? String(page + 1) : '',
    'x-prev-page': page > 1 ? String(page - 1) : '',
    'x-total': String(items.length),
    'x-total-pages': String(totalPages),
  };
  const link = (p: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    return `<${u}>; rel="${rel}"`;
  };
  headers.link = [
    ...(page < totalPages ? [link(page + 1, 'next')] : []),
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    link(1, 'first'),
    link(totalPages, 'last'),
  ].join(', ');
  return HttpResponse.json(slice, { headers });
}

/** "List project deployments", filtered and ordered as asked. */
function deployments(state: GitlabState, p: FakeProject, url: URL) {
  const q = url.searchParams;
  const after = q.get('updated_after');
  const before = q.get('updated_before');
  const orderBy = (q.get('order_by') ?? 'id') as keyof Deployment;
  const desc = q.get('sort') === 'desc';
  const items = p.deployments
    .filter(
      d =>
        (!q.get('environment') ||
          d.environment.name === q.get('environment')) &&
        (!q.get('status') || d.status === q.get('status')) &&
        (!after || Date.parse(d.updated_at) >= Date.parse(after)) &&
        (!before || Date.parse(d.updated_at) <= Date.parse(before)),
    )
    .sort((a, b) => {
      const x = a[orderBy] as string | number;
      const y = b[orderBy] as string | number;
      const order =
        typeof x === 'number'
          ? x - (y as number)
          : Date.parse(x) - Date.parse(y as string) || a.id - b.id;
      return desc ? -order : order;
    });
  return list(state, url, items);
}

/** "Compare branches, tags or commits" of two commits on the project's linear history. */
function compare(p: FakeProject, url: URL) {
  const q = url.searchParams;
  const from = p.commits.findIndex(c => c.sha === q.get('from'));
  const to = p.commits.findIndex(c => c.sha === q.get('to'));
  if (from < 0 || to < 0) return notFound('Ref');
  const commits = p.commits
    .slice(from + 1, to + 1)
    .map(c => commitEntity(p, c.sha));
  return HttpResponse.json({
    commit: commits.length ? commits[commits.length - 1] : null,
    commits,
    diffs: commits.map(c => ({
      old_path: `${c.short_id}.txt`,
      new_path: `${c.short_id}.txt`,
      a_mode: '0',
      b_mode: '100644',
      diff: `@@ -0,0 +1 @@\n+${c.id}\n`,
      new_file: true,
      renamed_file: false,
      deleted_file: false,
    })),
    compare_timeout: false,
    compare_same_ref: from === to,
    web_url: `${WEB}/${p.path}/-/compare/${q.get('from')}...${q.get('to')}`,
  });
}

/** The handlers, recording every request and answering a matching fault once instead. */
export function gitlabHandlers(state: GitlabState) {
  const record = (request: Request, url: URL, response: Response) => {
    state.requests.push({
      path: decodeURIComponent(url.pathname.slice('/api/v4'.length)),
      query: url.searchParams,
      status: response.status,
      authorization: request.headers.get('authorization'),
    });
    return response;
  };
  const projectOf = (idOrPath: string) =>
    [...state.projects.values()].find(
      p => String(p.id) === idOrPath || p.path === idOrPath,
    );

  return [
    http.get(`${API}/projects/*`, ({ request }) => {
      const url = new URL(request.url);
      const [idOrPath, ...rest] = url.pathname
        .slice('/api/v4/projects/'.length)
        .split('/');
      const path = decodeURIComponent(url.pathname.slice('/api/v4'.length));
      const fault = state.faults.findIndex(f =>
        f.matches(path, url.searchParams),
      );
      if (fault >= 0) {
        const [f] = state.faults.splice(fault, 1);
        return record(request, url, f.response());
      }
      const p = projectOf(decodeURIComponent(idOrPath));
      if (!p) return record(request, url, notFound('Project'));
      const resource = rest.join('/');
      if (resource === 'deployments') {
        return record(request, url, deployments(state, p, url));
      }
      if (resource === 'repository/compare') {
        return record(request, url, compare(p, url));
      }
      return record(request, url, notFound(''));
    }),
  ];
}
