/**
 * The opmodel backend plugin: serves FundingLine amounts, which the catalog does not store, from
 * the entities' source files to callers allowed to see them.
 *
 * @packageDocumentation
 */
export { opmodelPlugin as default } from './plugin';
