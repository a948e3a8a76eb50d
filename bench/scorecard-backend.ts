/*
 * The backend the scorecard benchmark runs: the catalog (the scorecard needs its service), an
 * allow-all permission policy, and the scorecard plugin; nothing else, so its memory is the
 * scorecard's. Started by bench/scorecard.mjs.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
// the bench also starts this backend without the scorecard once, to measure what the rest costs
if (!process.env.OPMODEL_BENCH_WITHOUT_SCORECARD) {
  backend.add(import('@opmodel/plugin-scorecard-backend'));
}
backend.start();
