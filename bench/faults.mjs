#!/usr/bin/env node
// Fault suite: the example backend (packages/backend, every opmodel plugin) on PostgreSQL, under
// hostile input and failures, with what was stored checked in SQL afterwards. Not part of
// `npm test`. Each test prints what it tried, its counts and PASS or FAIL; a summary table ends
// the run, and the exit code is non-zero when any loss or error figure is not zero.
//
//   1. Hostile and fuzzed batches (seeded; the seed is printed) posted to POST /api/scorecard/events
//      with bounded concurrency: no 5xx, no hung request, no internals in error bodies, everything
//      of each accepted batch stored and nothing of a refused one. Hostile read parameters on
//      /scorecard, /trend, /trends, /events and /portfolio: no 5xx.
//   2. kill -9 of the backend's process group during continuous ingestion, several times, each
//      followed by a restart on the same databases: acknowledged events missing, duplicated, and
//      half-written batches.
//   3. Two replicas on the same databases, each batch sent to both: the same counts; and the
//      scheduled snapshot task on a short interval, run once per interval by one replica.
//   4. The backend's database connections terminated, then refused for a while, during reads and
//      writes: the statuses seen, internals in error bodies, recovery without a restart, and
//      acknowledged events stored.
//
// Everything runs on 127.0.0.1, in fresh databases named opmodel_faults_*, dropped at the end
// (--keep leaves them, with the backends' logs under artifacts/bench/faults/).
//
//   bash scripts/opm bench faults [--seed N] [--batches N] [--concurrency N] [--only 1,2,3,4] [--keep]
import { dropDatabases } from './lib.mjs';
import {
  Backend,
  PREFIX,
  Report,
  failureReasons,
  postEvents,
  random,
  request,
  waitFor,
  withScorecardDb,
} from './faults/harness.mjs';
import { FUZZ_SOURCE, fuzzBatches, hostileReads } from './faults/fuzz.mjs';
import { killTest } from './faults/kill.mjs';
import { replicaTest } from './faults/replicas.mjs';
import { databaseTest } from './faults/database.mjs';
import { exampleEntities } from './faults/tracked.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const SEED = Number(option('seed', Date.now() % 2 ** 31));
const BATCHES = Number(option('batches', 2000));
const CONCURRENCY = Number(option('concurrency', 8));
const ONLY = new Set(
  option('only', '1,2,3,4')
    .split(',')
    .map(s => s.trim()),
);
const KEEP = args.includes('--keep');

const SNAPSHOT_INTERVAL_SECONDS = 20;
const SNAPSHOT_RUNS = 4;
const KILLS = 3;
const TERMINATIONS = 3;
const REFUSE_SECONDS = 8;
const PORTS = { a: 7041, b: 7042 };

// the example's own schedules everywhere, but in test 3 the snapshots' (every unit the example's
// app-config sets is overridden, as config files merge key by key)
const SHORT_SNAPSHOTS = {
  opmodel: {
    scorecard: {
      snapshots: {
        schedule: {
          frequency: { minutes: 0, seconds: SNAPSHOT_INTERVAL_SECONDS },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 1 },
        },
      },
    },
  },
};

const a = new Backend({ name: 'a', port: PORTS.a });
const b = new Backend({ name: 'b', port: PORTS.b });
const killAll = () => {
  a.killNow();
  b.killNow();
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });

/** Waits until a batch naming every example entity is accepted: the catalog has them all. */
async function waitForCatalog(entities) {
  const time = new Date(Date.now() - 3_600_000).toISOString();
  const batch = {
    source: 'fault-suite-warmup',
    availability: {
      probes: entities.map(entityRef => ({ entityRef, time, up: true })),
    },
  };
  const started = Date.now();
  await waitFor(
    'the example entities in the catalog',
    () => postEvents(a.port, batch).then(r => r.status === 200),
    {
      seconds: 180,
      everyMs: 1000,
    },
  );
  return Date.now() - started;
}

/**
 * After the hostile input: the process still answers, no prototype was polluted in a way its
 * answers show, and what its log says about any request that failed.
 */
async function afterHostileInput(logFrom, pool) {
  const report = new Report('1c. backend after the hostile input');
  const accepted = await postEvents(a.port, { source: FUZZ_SOURCE }).then(
    r => r.status === 200,
  );
  const answers = await Promise.all(
    [
      '/definitions',
      `/scorecard?entityRef=${pool[0]}`,
      '/portfolio',
      '/periods',
    ].map(path => request(a.port, { path: `/api/scorecard${path}` })),
  );
  const polluted = answers.filter(r =>
    /polluted|isAdmin/.test(r.body ?? ''),
  ).length;
  report.try(
    `process ${a.pid} ${
      a.running ? 'still running' : 'gone'
    }; a valid empty batch afterwards ${
      accepted ? 'accepted' : 'not accepted'
    }; reads afterwards: ${answers.map(r => r.status ?? r.error).join(', ')}`,
  );
  for (const reason of failureReasons(a.logSince(logFrom)))
    report.note(`the backend logged a failed request: ${reason}`);
  report.figure(
    'backend crashed or stopped answering',
    a.running && accepted && answers.every(r => r.status === 200) ? 0 : 1,
  );
  report.figure('answers showing the prototype-pollution payload', polluted);
  return report;
}

async function run(number, title, fn) {
  if (!ONLY.has(String(number))) return [];
  console.log(`\n== ${title}`);
  const started = Date.now();
  let reports;
  try {
    if (!a.running) await a.start();
    reports = [].concat(await fn());
  } catch (e) {
    const report = new Report(title);
    report.note(`the test could not finish: ${e.stack ?? e}`);
    report.figure('tests that could not finish', 1);
    reports = [report];
  }
  for (const r of reports) {
    if (reports.length > 1) console.log(` -- ${r.title}`);
    r.print();
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return reports;
}

function summary(reports) {
  const rows = reports.flatMap(r =>
    r.figures.map(f => [
      r.title,
      f.label,
      String(f.value),
      f.zero ? (f.value === 0 ? 'PASS' : 'FAIL') : 'info',
    ]),
  );
  const widths = [0, 1, 2].map(i =>
    Math.max(...rows.map(row => row[i].length), 6),
  );
  const line = cells =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join(' | ');
  console.log('\n== Summary');
  console.log(line(['test', 'figure', 'value', 'result']));
  console.log(widths.map(w => '-'.repeat(w)).join('-|-') + '-|-------');
  let previous;
  for (const row of rows) {
    console.log(
      line([row[0] === previous ? '' : row[0], row[1], row[2], row[3]]),
    );
    previous = row[0];
  }
}

async function main() {
  const entities = exampleEntities();
  const pool = [...entities.components, ...entities.platforms];
  const started = Date.now();
  console.log(
    `fault suite: example backend on PostgreSQL (databases ${PREFIX}*), seed ${SEED}, ${BATCHES} fuzzed batches, tests ${[
      ...ONLY,
    ].join(',')}`,
  );
  await dropDatabases(PREFIX);
  const reports = [];
  try {
    const readyMs = await a.start();
    const catalogMs = await waitForCatalog(pool);
    console.log(
      `backend a (port ${a.port}, pid ${a.pid}) ready in ${(
        readyMs / 1000
      ).toFixed(1)} s; its catalog held the ${
        pool.length
      } example Components and Platforms ${(catalogMs / 1000).toFixed(
        1,
      )} s later`,
    );
    const rnd = random(SEED);

    reports.push(
      ...(await run(
        1,
        '1. hostile and fuzzed batches, hostile reads',
        async () => {
          const logFrom = a.logSize();
          const fuzz = await withScorecardDb(db =>
            fuzzBatches({
              port: a.port,
              seed: SEED,
              count: BATCHES,
              concurrency: CONCURRENCY,
              entities: pool,
              db,
            }),
          );
          const reads = await hostileReads({
            port: a.port,
            seed: SEED,
            entities: pool,
          });
          return [fuzz, reads, await afterHostileInput(logFrom, pool)];
        },
      )),
    );
    reports.push(
      ...(await run(2, '2. kill -9 during continuous ingestion', () =>
        killTest({ backend: a, rnd, entities: pool, kills: KILLS }),
      )),
    );
    reports.push(
      ...(await run(
        3,
        '3. two replicas, overlapping writes, scheduled snapshots',
        () =>
          replicaTest({
            a,
            b,
            overlay: SHORT_SNAPSHOTS,
            rnd,
            entities: pool,
            intervalSeconds: SNAPSHOT_INTERVAL_SECONDS,
            runsWanted: SNAPSHOT_RUNS,
          }).finally(() => b.stop()),
      )),
    );
    reports.push(
      ...(await run(4, '4. database connections terminated and refused', () =>
        databaseTest({
          backend: a,
          rnd,
          entities: pool,
          terminations: TERMINATIONS,
          refuseSeconds: REFUSE_SECONDS,
        }),
      )),
    );
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    if (!KEEP) await dropDatabases(PREFIX);
  }
  summary(reports);
  const failed = reports.filter(r => r.failed.length > 0);
  console.log(
    `\n${reports.length - failed.length} passed, ${failed.length} failed (${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s; seed ${SEED}; logs in artifacts/bench/faults/)`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  code => process.exit(code),
  e => {
    console.error(e);
    process.exit(1);
  },
);
