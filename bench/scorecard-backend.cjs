/*
 * The backend the scorecard benchmark runs: the catalog (the scorecard needs its service), an
 * allow-all permission policy, and the scorecard plugin; nothing else, so its memory is the
 * scorecard's. Plain JavaScript on built packages, as a production backend runs (no transpiler).
 * Started by bench/scorecard.mjs.
 */
require('./built.cjs').useBuilt();
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend').default);
backend.add(require('@backstage/plugin-permission-backend').default);
backend.add(
  require('@backstage/plugin-permission-backend-module-allow-all-policy')
    .default,
);
// the bench also starts this backend without the scorecard once, to measure what the rest costs
if (!process.env.OPMODEL_BENCH_WITHOUT_SCORECARD) {
  backend.add(require('@opmodel/plugin-scorecard-backend').default);
}
backend.start();
