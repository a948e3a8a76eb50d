/**
 * A test harness for scorecard collector modules: the real catalog, scorecard and events
 * backends around the module under test, on a test database, with the requests and waits the
 * tests make, and the collector's fake upstream API served with MSW.
 *
 * @packageDocumentation
 */
export { startCollectorTestBackend } from './startCollectorTestBackend';
export type { CollectorTestBackendOptions } from './startCollectorTestBackend';
export type {
  CollectorTestBackend,
  CollectorTestCredentials,
  CollectorTestDeployment,
  CollectorTestRequest,
  CollectorTestResponse,
} from './CollectorTestBackend';
export { manualSchedule } from './testBackendConfig';
export { requireBackendFeatures, setupFakeApiServer } from './fakeApis';
export { componentCatalog } from './componentCatalog';
export type { CollectorTestComponent } from './componentCatalog';
