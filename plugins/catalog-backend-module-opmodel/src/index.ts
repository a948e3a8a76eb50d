/**
 * The opmodel kinds for the Backstage catalog.
 *
 * @packageDocumentation
 */
export { catalogModuleOpmodel as default } from './module';
export { OpmodelEntitiesProcessor } from './OpmodelEntitiesProcessor';
