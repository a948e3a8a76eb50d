/*
 * The backend the collectors benchmark runs: the catalog with the opmodel kinds, an allow-all
 * permission policy, the scorecard with the GitHub, PagerDuty and Prometheus collector modules,
 * and the events backend for their webhooks. Started by bench/collectors.mjs.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@opmodel/plugin-catalog-backend-module-opmodel'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@opmodel/plugin-scorecard-backend'));
backend.add(import('@opmodel/plugin-scorecard-backend-module-github'));
backend.add(import('@opmodel/plugin-scorecard-backend-module-pagerduty'));
backend.add(import('@opmodel/plugin-scorecard-backend-module-prometheus'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.start();
