import { http, HttpResponse } from 'msw';

/*
 * GitLab's REST API v4 (https://docs.gitlab.com/api/rest/) for a few projects held in memory,
 * served with MSW. Each answer has the shape of the documented endpoint (the fields the collector
 * reads and the ones around them), written from GitLab's API reference:
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
const WEB = 'https://gitlab.com';

/** Deployments API v4: a deployment's `environment` (EnvironmentBasic). */
type EnvironmentBasic = {
  id: number;
  name: string;
  slug: string;
  external_url: string | null;
  created_at: string;
  updated_at: string;
};
/** Jobs API v4: the deployment's `deployable` (Ci::Job), trimmed of runner and artifacts. */
type Job = {
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
type UserBasic = {
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

const iso = (ms: number) => new Date(ms).toISOString();
const user: UserBasic = {
  id: 1,
  username: 'deployer',
  name: 'Deployer',
  state: 'active',
  avatar_url: null,
  web_url: `${WEB}/deployer`,
};

export class FakeGitlab {
  readonly projects = new Map<string, FakeProject>();
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  /** GitLab caps per_page at 100; small pages make pagination visible. */
  pageSize = 2;
  private nextId = 1000;

  addProject(id: number, path: string, commits: FakeCommit[]): FakeProject {
    const p: FakeProject = { id, path, commits, deployments: [] };
    this.projects.set(path, p);
    return p;
  }

  private project(idOrPath: string) {
    return [...this.projects.values()].find(
      p => String(p.id) === idOrPath || p.path === idOrPath,
    );
  }

  private commit(p: FakeProject, sha: string): Commit {
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

  /**
   * A deployment of `sha` created at `createdAt`; with a final `status`, its job finishes
   * `finishedMs` later and the deployment's `updated_at` is then.
   */
  deploy(
    p: FakeProject,
    options: {
      sha: string;
      environment: string;
      createdAt: number;
      status: Deployment['status'];
      finishedMs?: number;
    },
  ): Deployment {
    const id = this.nextId++;
    const jobId = this.nextId++;
    const envs = p.deployments.map(d => d.environment);
    const environment = envs.find(e => e.name === options.environment) ?? {
      id: this.nextId++,
      name: options.environment,
      slug: options.environment.toLowerCase(),
      external_url: `https://${options.environment}.acme.test`,
      created_at: iso(options.createdAt),
      updated_at: iso(options.createdAt),
    };
    const d: Deployment = {
      id,
      iid: p.deployments.length + 1,
      ref: 'main',
      sha: options.sha,
      created_at: iso(options.createdAt),
      updated_at: iso(options.createdAt),
      status: 'created',
      user,
      environment,
      deployable: {
        id: jobId,
        status: 'created',
        stage: 'deploy',
        name: `deploy:${options.environment}`,
        ref: 'main',
        tag: false,
        coverage: null,
        allow_failure: false,
        created_at: iso(options.createdAt),
        started_at: null,
        finished_at: null,
        duration: null,
        queued_duration: null,
        user,
        commit: this.commit(p, options.sha),
        pipeline: {
          id: jobId + 5000,
          iid: p.deployments.length + 1,
          project_id: p.id,
          sha: options.sha,
          ref: 'main',
          status: 'running',
          source: 'push',
          created_at: iso(options.createdAt),
          updated_at: iso(options.createdAt),
          web_url: `${WEB}/${p.path}/-/pipelines/${jobId + 5000}`,
        },
        web_url: `${WEB}/${p.path}/-/jobs/${jobId}`,
      },
    };
    p.deployments.push(d);
    this.setStatus(
      d,
      options.status,
      options.createdAt + (options.finishedMs ?? 300_000),
    );
    return d;
  }

  /** Moves a deployment (and its job) to `status`; a final one finishes at `at`. */
  setStatus(d: Deployment, status: Deployment['status'], at: number) {
    d.status = status;
    const job = d.deployable!;
    if (status === 'running' || status === 'created' || status === 'blocked') {
      job.status = status === 'blocked' ? 'manual' : status;
      job.started_at = status === 'running' ? d.created_at : null;
      return;
    }
    job.status = status;
    job.started_at = job.started_at ?? iso(Date.parse(d.created_at) + 10_000);
    job.finished_at = iso(at);
    job.duration = (at - Date.parse(job.started_at)) / 1000;
    job.pipeline.status = status;
    job.pipeline.updated_at = iso(at);
    d.updated_at = iso(at);
  }

  /** Requests since `from` (an index into `requests`). */
  since(from: number) {
    return this.requests.slice(from);
  }

  /** A `Deployment Hook` body ("Webhook events" > "Deployment events") for `d`. */
  deploymentHook(p: FakeProject, d: Deployment) {
    return {
      object_kind: 'deployment',
      status: d.status,
      status_changed_at: d.updated_at
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC'),
      deployment_id: d.id,
      deployable_id: d.deployable?.id,
      deployable_url: d.deployable?.web_url,
      environment: d.environment.name,
      environment_tier: 'production',
      environment_slug: d.environment.slug,
      environment_external_url: d.environment.external_url,
      project: {
        id: p.id,
        name: p.path.split('/').pop(),
        description: '',
        web_url: `${WEB}/${p.path}`,
        avatar_url: null,
        git_ssh_url: `git@gitlab.com:${p.path}.git`,
        git_http_url: `${WEB}/${p.path}.git`,
        namespace: p.path.split('/').slice(0, -1).join('/'),
        visibility_level: 0,
        path_with_namespace: p.path,
        default_branch: 'main',
        ci_config_path: '',
        homepage: `${WEB}/${p.path}`,
        url: `git@gitlab.com:${p.path}.git`,
        ssh_url: `git@gitlab.com:${p.path}.git`,
        http_url: `${WEB}/${p.path}.git`,
      },
      short_sha: d.sha.slice(0, 8),
      user: { ...user, email: '[REDACTED]' },
      user_url: user.web_url,
      commit_url: `${WEB}/${p.path}/-/commit/${d.sha}`,
      commit_title: `change ${d.sha}`,
    };
  }

  handlers() {
    const record = (request: Request, url: URL, response: Response) => {
      this.requests.push({
        path: decodeURIComponent(url.pathname.slice('/api/v4'.length)),
        query: url.searchParams,
        status: response.status,
        authorization: request.headers.get('authorization'),
      });
      return response;
    };
    const notFound = (what: string) =>
      HttpResponse.json({ message: `404 ${what} Not Found` }, { status: 404 });

    const list = (url: URL, items: unknown[]) => {
      const perPage = Math.min(
        Number(url.searchParams.get('per_page') ?? 20),
        100,
        this.pageSize,
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
    };

    return [
      http.get(`${API}/projects/*`, ({ request }) => {
        const url = new URL(request.url);
        const [idOrPath, ...rest] = url.pathname
          .slice('/api/v4/projects/'.length)
          .split('/');
        const path = decodeURIComponent(url.pathname.slice('/api/v4'.length));
        const fault = this.faults.findIndex(f =>
          f.matches(path, url.searchParams),
        );
        if (fault >= 0) {
          const [f] = this.faults.splice(fault, 1);
          return record(request, url, f.response());
        }
        const p = this.project(decodeURIComponent(idOrPath));
        if (!p) return record(request, url, notFound('Project'));
        const resource = rest.join('/');
        const q = url.searchParams;
        if (resource === 'deployments') {
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
          return record(request, url, list(url, items));
        }
        if (resource === 'repository/compare') {
          const from = p.commits.findIndex(c => c.sha === q.get('from'));
          const to = p.commits.findIndex(c => c.sha === q.get('to'));
          if (from < 0 || to < 0) return record(request, url, notFound('Ref'));
          const commits = p.commits
            .slice(from + 1, to + 1)
            .map(c => this.commit(p, c.sha));
          return record(
            request,
            url,
            HttpResponse.json({
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
              web_url: `${WEB}/${p.path}/-/compare/${q.get('from')}...${q.get(
                'to',
              )}`,
            }),
          );
        }
        return record(request, url, notFound(''));
      }),
    ];
  }
}
