// Test 4: database connections terminated and refused while clients read and write. The
// backend's connections are terminated several times (pg_terminate_backend), then its databases
// refuse connections for a while (ALLOW_CONNECTIONS false, and its connections terminated) and
// are opened again. Reported: the statuses seen in each phase, error bodies that show internals
// (SQL, stack frames, knex, pg), 500s (a database outage is a 503 with Retry-After), whether the
// same process serves writes and reads again, and whether every acknowledged event is stored.
import {
  PREFIX,
  Histogram,
  Report,
  failureReasons,
  sleep,
  waitFor,
  withAdminDb,
  withScorecardDb,
} from './harness.mjs';
import { connect } from '../lib.mjs';
import {
  BatchMaker,
  noteErrorExamples,
  reportIntegrity,
  startReaders,
  startWriters,
  verifyBatches,
} from './tracked.mjs';

const SOURCE = 'fault-suite-db';
const LIKE = `${PREFIX.replace(/_/g, '\\_')}%`;

async function terminate(admin) {
  const { rows } = await admin.query(
    `select count(*) filter (where pg_terminate_backend(pid)) as n
       from pg_stat_activity where datname like $1 and pid <> pg_backend_pid()`,
    [LIKE],
  );
  return Number(rows[0].n);
}

async function databases(admin) {
  const { rows } = await admin.query(
    'select datname from pg_database where datname like $1',
    [LIKE],
  );
  return rows.map(r => r.datname);
}

async function allowConnections(admin, names, allow) {
  for (const name of names)
    await admin.query(
      `alter database "${name}" allow_connections ${allow ? 'true' : 'false'}`,
    );
}

export async function databaseTest({
  backend,
  rnd,
  entities,
  terminations,
  refuseSeconds,
}) {
  const report = new Report('4. database connections terminated and refused');
  const pid = backend.pid;
  const logFrom = backend.logSize();
  const phases = new Map();
  let phase = 'before the faults';
  const counts = { fivehundred: 0, unavailableWithoutRetryAfter: 0, hung: 0 };
  const onResult = res => {
    if (!phases.has(phase)) phases.set(phase, new Histogram());
    phases.get(phase).add(res);
    if (res.status === 500) counts.fivehundred++;
    if (res.status === 503 && !res.headers?.['retry-after'])
      counts.unavailableWithoutRetryAfter++;
    if (res.error === 'timeout') counts.hung++;
  };
  const maker = new BatchMaker({ source: SOURCE, tag: 'db', rnd, entities });
  const writers = startWriters({
    clients: 3,
    ports: [backend.port],
    maker,
    onResult,
  });
  const readers = startReaders({
    clients: 2,
    port: backend.port,
    entities,
    rnd,
    onResult,
  });
  const progress = async (
    what,
    { writes = 10, reads = 5, seconds = 90 } = {},
  ) => {
    const [w, r] = [writers.acks, readers.ok];
    const started = Date.now();
    await waitFor(
      what,
      () => writers.acks >= w + writes && readers.ok >= r + reads,
      { seconds },
    );
    return Date.now() - started;
  };
  let refusedNames = [];
  let recoveredMs;
  try {
    await progress('traffic before the faults');
    await withAdminDb(async admin => {
      for (let i = 1; i <= terminations; i++) {
        phase = 'connections terminated';
        const n = await terminate(admin);
        const ms = await progress(`writes and reads after termination ${i}`);
        report.try(
          `termination ${i}: ${n} connections of the backend's databases terminated; writes and reads succeeded again after ${(
            ms / 1000
          ).toFixed(1)} s`,
        );
      }

      phase = 'connections refused';
      refusedNames = await databases(admin);
      await allowConnections(admin, refusedNames, false);
      const n = await terminate(admin);
      const refused = await connect(`${PREFIX}scorecard`).then(
        c => c.end().then(() => false),
        () => true,
      );
      report.try(
        `refused: ALLOW_CONNECTIONS false on ${
          refusedNames.length
        } databases and ${n} connections terminated (a new connection ${
          refused ? 'was refused' : 'was still accepted'
        }); held for ${refuseSeconds} s of traffic`,
      );
      // the outage lasts a set time: what is measured is the traffic during it
      await sleep(refuseSeconds * 1000);
      await allowConnections(admin, refusedNames, true);
      refusedNames = [];
    });
    phase = 'after connections are allowed again';
    recoveredMs = await progress('writes and reads after the outage', {
      writes: 1,
      reads: 1,
      seconds: 120,
    }).catch(() => undefined);
    await progress('more traffic after the outage');
  } finally {
    if (refusedNames.length)
      await withAdminDb(admin => allowConnections(admin, refusedNames, true));
    await Promise.all([writers.stop(), readers.stop()]);
  }
  const sameProcess = backend.running && backend.pid === pid;
  report.try(
    recoveredMs === undefined
      ? 'after the outage: writes and reads did not succeed again in time'
      : `after the outage: writes and reads succeeded again after ${(
          recoveredMs / 1000
        ).toFixed(1)} s, ${
          sameProcess
            ? 'in the same process (no restart)'
            : 'but not in the same process'
        }`,
  );
  for (const [name, histogram] of phases)
    report.try(`statuses ${name}: ${histogram}`);
  const leaks = [...writers.leaks, ...readers.leaks];
  noteErrorExamples(report, ['writer', writers], ['reader', readers]);
  for (const reason of failureReasons(backend.logSince(logFrom)))
    report.note(`the backend logged a failed request: ${reason}`);
  for (const l of leaks.slice(0, 3))
    report.note(
      `${l.status} showing ${l.leaks.join(', ')}: ${l.body.slice(0, 240)}`,
    );

  const v = await withScorecardDb(db =>
    verifyBatches(db, writers.batches, [SOURCE]),
  );
  report.try(
    `${v.batches} batches sent (${v.acked} acknowledged, ${v.ackedEvents} events); ${readers.ok} successful reads`,
  );
  report.figure(
    'not recovered without a restart',
    recoveredMs !== undefined && sameProcess ? 0 : 1,
  );
  reportIntegrity(report, v);
  report.figure('valid batches refused (400 or 413)', writers.refused4xx);
  report.figure(
    'error bodies showing SQL, stack frames, knex or pg',
    leaks.length,
  );
  report.figure(
    '500 responses (a database outage should be a 503 with Retry-After)',
    counts.fivehundred,
  );
  report.figure(
    '503 responses without Retry-After',
    counts.unavailableWithoutRetryAfter,
  );
  report.figure('hung requests', counts.hung);
  return report;
}
