import { gitlabHandlers } from './gitlabHandlers';
import {
  WEB,
  commitEntity,
  iso,
  user,
  type Deployment,
  type FakeCommit,
  type FakeProject,
  type Fault,
  type RecordedRequest,
} from './gitlabEntities';

export type { FakeProject } from './gitlabEntities';

/*
 * GitLab's REST API v4 (https://docs.gitlab.com/api/rest/) for a few projects held in memory,
 * served with MSW (./gitlabHandlers.ts lists the endpoints). The test builds the projects'
 * histories here: commits and deployments with their jobs, and the Deployment Hooks GitLab would
 * send; it reads back the requests GitLab saw, and tells it which to answer with a fault.
 */

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
        commit: commitEntity(p, options.sha),
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

  /** Forgets every project, request and fault, for the next test. */
  reset() {
    this.projects.clear();
    this.requests.length = 0;
    this.faults.length = 0;
  }

  handlers() {
    return gitlabHandlers(this);
  }
}
