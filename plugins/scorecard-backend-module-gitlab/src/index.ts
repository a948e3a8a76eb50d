/**
 * The scorecard's GitLab collector: production deployments, lead time and rollbacks of every
 * entity annotated with `gitlab.com/project-slug` or `gitlab.com/project-id`.
 *
 * @packageDocumentation
 */
export { scorecardModuleGitlab as default } from './module';
