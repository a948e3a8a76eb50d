/*
 * The backend the catalog ingestion benchmark runs: the catalog with the opmodel module and an
 * allow-all permission policy, nothing else competing for the CPU. Started by
 * bench/catalog-ingest.mjs.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@opmodel/plugin-catalog-backend-module-opmodel'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.start();
