/**
 * The scorecard's GitHub collector: production deployments, lead time and rollbacks of every
 * entity annotated with `github.com/project-slug`.
 *
 * @packageDocumentation
 */
export { scorecardModuleGithub as default } from './module';
