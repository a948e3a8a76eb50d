/*
 * The opmodel example backend: a plain Backstage backend (new backend system) with every opmodel
 * plugin installed, the way an adopter would install them.
 */
import { createBackend } from '@backstage/backend-defaults';
import { scorecardModuleDemoEvents } from './demoEvents';
import { examplePermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the example
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with the opmodel kinds
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(import('@opmodel/plugin-catalog-backend-module-opmodel'));
backend.add(import('@opmodel/plugin-opmodel-backend'));

// scorecard: events in, graded metrics out; the demo module seeds 90 days of example events
backend.add(import('@opmodel/plugin-scorecard-backend'));
backend.add(scorecardModuleDemoEvents);

// collectors: each reads the entities annotated for it (none in the example organisation, so they
// stay idle until an entity names a repository, a PagerDuty service or a Prometheus series)
backend.add(import('@opmodel/plugin-scorecard-backend-module-github'));
backend.add(import('@opmodel/plugin-scorecard-backend-module-gitlab'));
backend.add(import('@opmodel/plugin-scorecard-backend-module-pagerduty'));
backend.add(import('@opmodel/plugin-scorecard-backend-module-prometheus'));

// events: the webhooks of GitHub (signature checked by its module) and PagerDuty, under
// /api/events/http/<topic>
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));

// permissions: everything allowed, except FundingLine amounts (finance only); see permissionPolicy.ts
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(examplePermissionPolicyModule);

// search (Postgres engine when the database is PostgreSQL, in-memory Lunr otherwise)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// notifications: the scorecard tells owners when a metric goes from met to missed
// (opmodel.scorecard.notifications in app-config.yaml); signals push them to the open app
backend.add(import('@backstage/plugin-notifications-backend'));

backend.start();
