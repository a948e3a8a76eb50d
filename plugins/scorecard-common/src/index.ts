/**
 * The scorecard's API types, metric definitions, permissions, benchmark profiles and client.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './definitions';
export * from './profiles';
export * from './permissions';
export * from './client';
