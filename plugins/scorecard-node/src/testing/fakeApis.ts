import path from 'node:path';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';

/**
 * Serves `handlers` (a collector's fake upstream API) with MSW while the tests of the calling file
 * or `describe` block run: listening before all of them, closed after all. Every other request
 * goes through untouched: the test's own to the backend, and the backend's to itself (a
 * collector reads the catalog over HTTP). Call it where the tests are declared, not in one.
 *
 * @public
 */
export function setupFakeApiServer(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => server.close());
  return server;
}

/**
 * The backend features (the default exports) of `files`, paths relative to the folder of
 * `packageEntry` (what `require.resolve` gives for the package). For packages whose default
 * export is a feature loader that `import()`s its modules, which Jest's CommonJS runtime cannot
 * run, such as `@backstage/plugin-events-backend-module-github`.
 *
 * @public
 */
export function requireBackendFeatures(
  packageEntry: string,
  files: string[],
): BackendFeature[] {
  const dir = path.dirname(packageEntry);
  return files.map(file => require(path.join(dir, file)).default);
}
