/**
 * Extension points of the opmodel scorecard backend: collectors and benchmark profiles.
 *
 * @packageDocumentation
 */
export * from './extensions';
export * from './deploymentSource';
