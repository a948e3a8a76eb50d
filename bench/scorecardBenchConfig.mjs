// The scorecard bench backend's configuration, shared by bench/scorecard.mjs (which loads the data)
// and bench/compare.mjs (which runs two builds on it).

/** The databases of the scorecard bench: `<prefix>scorecard`, `<prefix>catalog`, ... */
export const SCORECARD_BENCH_PREFIX = 'opmodel_sbench_';

// runs only when triggered (a trigger waits for a task's initial delay, so none is set)
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { hours: 1 } };

/** What the bench adds to lib.mjs's backend config: no catalog sync, tasks only when triggered. */
export function scorecardBenchConfig(port) {
  return {
    app: { baseUrl: `http://localhost:${port}` },
    catalog: { locations: [] },
    permission: { enabled: true },
    // the bench loads the scorecard's entity model straight into its tables: no catalog sync
    opmodel: {
      scorecard: {
        catalogSync: { schedule: never },
        snapshots: { schedule: never },
        retention: { schedule: never },
        indexSummaries: { schedule: never },
      },
    },
  };
}
