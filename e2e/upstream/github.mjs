// The stand-in GitHub: REST API version 2022-11-28, under ${url}/github.
import { MINUTE, HOUR, DAY, iso, sha1, send, intParam } from './http.mjs';

/**
 * Repository acme/service-<i>: a linear history on main and, once a day over the last `days`
 * days, a production deployment of the newest commit (every 5th one fails); every 4th day also a
 * staging deployment an hour earlier. Commits land 2 to 7 hours before the deployment that ships
 * them, so each successful deployment after the first has a lead time.
 */
function repositoryData(i, now, days) {
  const base = Math.floor(now / HOUR) * HOUR;
  const commits = [];
  const commit = time =>
    commits.push({ sha: sha1(`acme/service-${i}#${commits.length}`), time });
  // the history before the window
  commit(base - (days + 2) * DAY);
  const deployments = [];
  const statuses = new Map();
  const idBase = (i + 1) * 1_000_000;
  for (let seq = 1; seq <= days; seq++) {
    const k = days - seq; // days ago; seq 1 is the oldest
    const createdAt =
      base - k * DAY - HOUR - ((i * 5 + k * 7) % 8) * 30 * MINUTE;
    const batch = 1 + ((i + k) % 3);
    for (let n = batch; n >= 1; n--)
      commit(createdAt - (n + 1) * HOUR - ((i + n) % 4) * 15 * MINUTE);
    const sha = commits[commits.length - 1].sha;
    if (seq % 4 === 0) {
      deployments.push({
        id: idBase + 2 * seq - 1,
        sha,
        environment: 'staging',
        createdAt: createdAt - HOUR,
        state: 'success',
        finishedAt: createdAt - HOUR + 3 * MINUTE,
      });
    }
    deployments.push({
      id: idBase + 2 * seq,
      sha,
      environment: 'production',
      createdAt,
      state: seq % 5 === 0 ? 'failure' : 'success',
      finishedAt: createdAt + (4 + ((i + seq) % 7)) * MINUTE,
    });
  }
  // "List deployment statuses", newest first: queued, in_progress, the final state and, once a
  // later deployment to the same environment succeeds, inactive (auto_inactive)
  for (const d of deployments) {
    const list = [
      { state: 'queued', at: d.createdAt },
      { state: 'in_progress', at: d.createdAt + MINUTE },
      { state: d.state, at: d.finishedAt },
    ];
    if (d.state === 'success') {
      const next = deployments.find(
        e =>
          e.id > d.id &&
          e.environment === d.environment &&
          e.state === 'success',
      );
      if (next) list.push({ state: 'inactive', at: next.finishedAt });
    }
    statuses.set(d.id, list.reverse());
  }
  return {
    owner: 'acme',
    repo: `service-${i}`,
    id: 500_000 + i,
    commits,
    // "List deployments" is newest first
    deployments: deployments.sort((a, b) => b.id - a.id),
    statuses,
  };
}

export function githubHandler({ count, now, days, stats, maxPerPage }) {
  const api = `/github`;
  const repositories = new Map();
  const repository = (owner, repo) => {
    const m = owner === 'acme' && repo.match(/^service-(\d+)$/);
    if (!m || Number(m[1]) >= count || String(Number(m[1])) !== m[1])
      return undefined;
    const key = `${owner}/${repo}`;
    if (!repositories.has(key))
      repositories.set(key, repositoryData(Number(m[1]), now, days));
    return repositories.get(key);
  };
  const rateLimit = { limit: 5000, used: 0, window: 0 };

  const handle = (req, res, url, base) => {
    stats.github.requests++;
    const apiUrl = `${base}${api}`;
    // x-ratelimit-* as GitHub sends them ("Rate limits for the REST API"): a 304 costs nothing.
    // The stand-in counts but never refuses, so a benchmark is never held up by it.
    const window = Math.floor(Date.now() / HOUR);
    if (window !== rateLimit.window) {
      rateLimit.window = window;
      rateLimit.used = 0;
    }
    const limitHeaders = () => ({
      'x-ratelimit-limit': String(rateLimit.limit),
      'x-ratelimit-remaining': String(
        Math.max(0, rateLimit.limit - rateLimit.used),
      ),
      'x-ratelimit-used': String(rateLimit.used),
      'x-ratelimit-reset': String((rateLimit.window + 1) * 3600),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
    });
    // the error body of every GitHub REST endpoint: { message, documentation_url, status }
    const error = (status, message) => {
      rateLimit.used++;
      send(
        res,
        status,
        {
          message,
          documentation_url: 'https://docs.github.com/rest',
          status: String(status),
        },
        limitHeaders(),
      );
    };
    /** A 200 with an ETag, or a 304 with no body when If-None-Match matches it. */
    const answer = (body, headers = {}) => {
      const etag = `W/"${sha1(JSON.stringify(body))}"`;
      const ifNoneMatch = req.headers['if-none-match'];
      if (
        ifNoneMatch &&
        ifNoneMatch.split(',').some(t => t.trim() === etag || t.trim() === '*')
      ) {
        stats.github.notModified++;
        send(res, 304, undefined, { etag, ...limitHeaders() });
        return;
      }
      rateLimit.used++;
      send(res, 200, body, {
        etag,
        'cache-control': 'private, max-age=60, s-maxage=60',
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
        ...limitHeaders(),
        ...headers,
      });
    };
    /** A page of a list, `per_page` (default 30, at most 100) and `page`, with a `Link` header. */
    const answerList = (items, wrap = list => list, defaultPerPage = 30) => {
      const perPage = Math.min(
        intParam(url.searchParams.get('per_page'), defaultPerPage),
        maxPerPage,
      );
      const page = intParam(url.searchParams.get('page'), 1);
      const lastPage = Math.max(1, Math.ceil(items.length / perPage));
      const slice = items.slice((page - 1) * perPage, page * perPage);
      const link = (p, rel) => {
        const u = new URL(`${apiUrl}${url.pathname.slice(api.length)}`);
        for (const [k, v] of url.searchParams) u.searchParams.set(k, v);
        u.searchParams.set('per_page', String(perPage));
        u.searchParams.set('page', String(p));
        return `<${u}>; rel="${rel}"`;
      };
      const links = [];
      if (page > 1) links.push(link(page - 1, 'prev'));
      if (page < lastPage) links.push(link(page + 1, 'next'));
      if (page < lastPage) links.push(link(lastPage, 'last'));
      if (page > 1) links.push(link(1, 'first'));
      answer(wrap(slice), links.length ? { link: links.join(', ') } : {});
    };

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      error(404, 'Not Found');
      return;
    }
    if (!req.headers.authorization) {
      // an unauthenticated request does not see a private repository
      error(401, 'Requires authentication');
      return;
    }
    const path = url.pathname.slice(api.length);
    const m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
    const r = m && repository(m[1], m[2]);
    if (!r) {
      error(404, 'Not Found');
      return;
    }
    const rest = m[3] ?? '';
    const repoApi = `${apiUrl}/repos/${r.owner}/${r.repo}`;
    const html = `https://github.com/${r.owner}/${r.repo}`;
    const owner = {
      login: r.owner,
      id: 4200,
      node_id: 'O_kgDOAAAQaA',
      type: 'Organization',
      url: `${apiUrl}/users/${r.owner}`,
      html_url: `https://github.com/${r.owner}`,
    };
    const creator = {
      login: 'deploy-bot[bot]',
      id: 4201,
      node_id: 'BOT_kgDOAAAQaQ',
      type: 'Bot',
      url: `${apiUrl}/users/deploy-bot%5Bbot%5D`,
      html_url: 'https://github.com/apps/deploy-bot',
    };

    // GET /repos/{owner}/{repo}, "Get a repository", GitHub REST 2022-11-28
    if (rest === '' || rest === '/') {
      answer({
        id: r.id,
        node_id: `R_kgDO${r.id}`,
        name: r.repo,
        full_name: `${r.owner}/${r.repo}`,
        private: true,
        owner,
        html_url: html,
        description: `The ${r.repo} service`,
        fork: false,
        url: repoApi,
        deployments_url: `${repoApi}/deployments`,
        created_at: iso(r.commits[0].time),
        updated_at: iso(r.commits[r.commits.length - 1].time),
        pushed_at: iso(r.commits[r.commits.length - 1].time),
        default_branch: 'main',
        visibility: 'private',
        archived: false,
        disabled: false,
      });
      return;
    }

    // GET /repos/{owner}/{repo}/deployments, "List deployments", GitHub REST 2022-11-28:
    // newest first; filters sha, ref, task, environment
    if (rest === '/deployments') {
      const q = url.searchParams;
      const list = r.deployments
        .filter(
          d =>
            (!q.get('environment') || d.environment === q.get('environment')) &&
            (!q.get('sha') || d.sha === q.get('sha')) &&
            (!q.get('ref') ||
              d.sha === q.get('ref') ||
              q.get('ref') === 'main') &&
            (!q.get('task') || q.get('task') === 'deploy'),
        )
        .map(d => ({
          url: `${repoApi}/deployments/${d.id}`,
          id: d.id,
          node_id: `DE_kwDO${d.id}`,
          sha: d.sha,
          ref: 'main',
          task: 'deploy',
          payload: {},
          original_environment: d.environment,
          environment: d.environment,
          description: `Deploy ${d.sha.slice(0, 7)} to ${d.environment}`,
          creator,
          created_at: iso(d.createdAt),
          updated_at: iso(d.finishedAt),
          statuses_url: `${repoApi}/deployments/${d.id}/statuses`,
          repository_url: repoApi,
          transient_environment: false,
          production_environment: d.environment === 'production',
        }));
      answerList(list);
      return;
    }

    // GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses, "List deployment
    // statuses", GitHub REST 2022-11-28: newest first
    const s = rest.match(/^\/deployments\/(\d+)\/statuses$/);
    if (s) {
      const id = Number(s[1]);
      const list = r.statuses.get(id);
      if (!list) {
        error(404, 'Not Found');
        return;
      }
      const d = r.deployments.find(x => x.id === id);
      answerList(
        list.map((st, n) => ({
          url: `${repoApi}/deployments/${id}/statuses/${
            id * 10 + list.length - n
          }`,
          id: id * 10 + list.length - n,
          node_id: `DES_kwDO${id * 10 + list.length - n}`,
          state: st.state,
          creator,
          description: `Deployment ${st.state}`,
          environment: d.environment,
          target_url: `${html}/actions/runs/${id}`,
          log_url: `${html}/actions/runs/${id}`,
          environment_url:
            d.environment === 'production'
              ? `https://service-${r.repo.split('-')[1]}.acme.example`
              : '',
          created_at: iso(st.at),
          updated_at: iso(st.at),
          deployment_url: `${repoApi}/deployments/${id}`,
          repository_url: repoApi,
        })),
      );
      return;
    }

    // GET /repos/{owner}/{repo}/compare/{basehead}, "Compare two commits", GitHub REST
    // 2022-11-28: `base...head`; commits oldest first, paginated with per_page (default 250)
    const c = rest.match(/^\/compare\/(.+)$/);
    if (c) {
      const [baseSha, headSha] = decodeURIComponent(c[1]).split('...');
      const find = ref =>
        ref === 'main'
          ? r.commits.length - 1
          : r.commits.findIndex(
              k => ref && k.sha.startsWith(ref) && ref.length >= 7,
            );
      const b = find(baseSha);
      const h = find(headSha);
      if (b < 0 || h < 0 || headSha === undefined) {
        error(404, 'Not Found');
        return;
      }
      const commitJson = n => {
        const k = r.commits[n];
        const person = {
          name: 'Dev Eloper',
          email: 'dev@acme.example',
          date: iso(k.time),
        };
        return {
          url: `${repoApi}/commits/${k.sha}`,
          sha: k.sha,
          node_id: `C_kwDO${k.sha.slice(0, 12)}`,
          html_url: `${html}/commit/${k.sha}`,
          comments_url: `${repoApi}/commits/${k.sha}/comments`,
          commit: {
            url: `${repoApi}/git/commits/${k.sha}`,
            author: person,
            committer: person,
            message: `Change ${n} of ${r.repo}`,
            tree: { sha: sha1(`tree${k.sha}`), url: `${repoApi}/git/trees/x` },
            comment_count: 0,
          },
          author: null,
          committer: null,
          parents:
            n > 0
              ? [
                  {
                    sha: r.commits[n - 1].sha,
                    url: `${repoApi}/commits/${r.commits[n - 1].sha}`,
                  },
                ]
              : [],
        };
      };
      const mergeBase = Math.min(b, h);
      const ahead = Math.max(0, h - b);
      const behind = Math.max(0, b - h);
      const all = [];
      for (let n = b + 1; n <= h; n++) all.push(n);
      let status = 'identical';
      if (ahead > 0) status = 'ahead';
      else if (behind > 0) status = 'behind';
      answerList(
        all,
        slice => ({
          url: `${repoApi}/compare/${baseSha}...${headSha}`,
          html_url: `${html}/compare/${baseSha}...${headSha}`,
          permalink_url: `${html}/compare/${r.owner}:${r.commits[b].sha.slice(
            0,
            7,
          )}...${r.owner}:${r.commits[h].sha.slice(0, 7)}`,
          diff_url: `${html}/compare/${baseSha}...${headSha}.diff`,
          patch_url: `${html}/compare/${baseSha}...${headSha}.patch`,
          base_commit: commitJson(b),
          merge_base_commit: commitJson(mergeBase),
          status,
          ahead_by: ahead,
          behind_by: behind,
          total_commits: all.length,
          commits: slice.map(commitJson),
          files: [],
        }),
        250,
      );
      return;
    }
    error(404, 'Not Found');
  };

  /**
   * A new commit on main, deployed to production and finished a minute ago: what a benchmark
   * announces with a deployment_status webhook. Returns that webhook's payload (the fields the
   * "deployment_status" event documents and the collector module reads).
   */
  handle.addDeployment = slug => {
    const [owner, repo] = slug.split('/');
    const r = repository(owner, repo);
    if (!r) throw new Error(`no repository ${slug} in the stand-in`);
    const finishedAt = Date.now() - MINUTE;
    const sha = sha1(`${slug}#${r.commits.length}`);
    r.commits.push({ sha, time: finishedAt - 2 * HOUR });
    const id = r.deployments[0].id + 2;
    r.deployments.unshift({
      id,
      sha,
      environment: 'production',
      createdAt: finishedAt - 5 * MINUTE,
      state: 'success',
      finishedAt,
    });
    r.statuses.set(
      id,
      [
        { state: 'queued', at: finishedAt - 5 * MINUTE },
        { state: 'in_progress', at: finishedAt - 4 * MINUTE },
        { state: 'success', at: finishedAt },
      ].reverse(),
    );
    return {
      action: 'created',
      deployment_status: {
        id: id * 10,
        state: 'success',
        environment: 'production',
        created_at: iso(finishedAt),
      },
      deployment: {
        id,
        sha,
        ref: 'main',
        task: 'deploy',
        environment: 'production',
        created_at: iso(finishedAt - 5 * MINUTE),
      },
      repository: {
        id: r.id,
        name: r.repo,
        full_name: slug,
        default_branch: 'main',
        owner: { login: r.owner },
      },
      sender: { login: 'deploy-bot', type: 'Bot' },
    };
  };
  return handle;
}
