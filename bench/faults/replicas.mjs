// Test 3: two replicas on the same databases. Every batch goes to both at once (overlapping
// writes of the same keys); meanwhile the scorecard's snapshot task runs on a short schedule.
//
// How a snapshot run is seen: triggers the suite adds to the scorecard's database record (a) every
// claim and release of the `scorecard-snapshots` row in the scheduler's table
// (backstage_backend_tasks__tasks): who (the connection's application_name, one per replica),
// when, the ticket, and the slot (next_run_start_at) the run was for; and (b) every statement that
// writes snapshot rows: who and when. From those: runs must not overlap, no slot may run twice,
// no slot may be skipped, every snapshot write must fall inside a run its own replica claimed, and
// each replica's log must report as many finished snapshot runs as it released.
import { Report, waitFor, withScorecardDb } from './harness.mjs';
import {
  BatchMaker,
  noteErrorExamples,
  reportIntegrity,
  startWriters,
  verifyBatches,
} from './tracked.mjs';

const SOURCE = 'fault-suite-replicas';
const TASK = 'scorecard-snapshots';
const SNAPSHOT_LOG_LINE = /stored scorecard snapshots of \d+ entities/g;

const AUDIT_SQL = `
  create table if not exists faults_task_audit (
    at timestamptz not null default clock_timestamp(),
    app text not null,
    old_ticket text,
    new_ticket text,
    slot timestamptz,
    failed boolean not null
  );
  create or replace function faults_task_audit() returns trigger language plpgsql as $$
  begin
    if new.id = '${TASK}' and old.current_run_ticket is distinct from new.current_run_ticket then
      insert into faults_task_audit (app, old_ticket, new_ticket, slot, failed)
      values (current_setting('application_name'), old.current_run_ticket, new.current_run_ticket,
              old.next_run_start_at, new.last_run_error_json is not null);
    end if;
    return null;
  end $$;
  drop trigger if exists faults_task_audit on backstage_backend_tasks__tasks;
  create trigger faults_task_audit after update on backstage_backend_tasks__tasks
    for each row execute function faults_task_audit();

  create table if not exists faults_snapshot_audit (
    at timestamptz not null default clock_timestamp(),
    app text not null,
    rows int not null
  );
  create or replace function faults_snapshot_audit() returns trigger language plpgsql as $$
  begin
    insert into faults_snapshot_audit (app, rows)
    select current_setting('application_name'), count(*) from changed having count(*) > 0;
    return null;
  end $$;
  drop trigger if exists faults_snapshot_insert on scorecard_snapshots;
  create trigger faults_snapshot_insert after insert on scorecard_snapshots
    referencing new table as changed for each statement execute function faults_snapshot_audit();
  drop trigger if exists faults_snapshot_update on scorecard_snapshots;
  create trigger faults_snapshot_update after update on scorecard_snapshots
    referencing new table as changed for each statement execute function faults_snapshot_audit();
`;

/** The snapshot runs recorded since `since`: claim and release, by whom, for which slot. */
async function snapshotRuns(db, since) {
  const { rows } = await db.query(
    `select extract(epoch from at) * 1000 as at, app, old_ticket, new_ticket,
            extract(epoch from slot) * 1000 as slot, failed
       from faults_task_audit where at >= to_timestamp($1 / 1000.0) order by at`,
    [since],
  );
  const runs = new Map();
  for (const r of rows) {
    if (r.new_ticket && !r.old_ticket)
      runs.set(r.new_ticket, {
        app: r.app,
        claimed: Number(r.at),
        slot: Number(r.slot),
      });
    else if (r.old_ticket && runs.has(r.old_ticket))
      Object.assign(runs.get(r.old_ticket), {
        released: Number(r.at),
        releasedBy: r.app,
        failed: r.failed,
      });
  }
  return [...runs.values()].sort((a, b) => a.claimed - b.claimed);
}

export async function replicaTest({
  a,
  b,
  overlay,
  rnd,
  entities,
  intervalSeconds,
  runsWanted,
  clients = 3,
}) {
  const report = new Report(
    '3. two replicas, overlapping writes, scheduled snapshots',
  );
  const interval = intervalSeconds * 1000;
  await withScorecardDb(db => db.query(AUDIT_SQL));
  // both replicas with the short snapshot schedule (the task's settings are shared in the table)
  await a.stop();
  const since = await withScorecardDb(db =>
    db
      .query('select extract(epoch from now()) * 1000 as t')
      .then(r => Number(r.rows[0].t)),
  );
  const [readyA, readyB] = await Promise.all([
    a.start({ overlay }),
    b.start({ overlay }),
  ]);
  report.try(
    `replica a (port ${a.port}, pid ${a.pid}) ready in ${(
      readyA / 1000
    ).toFixed(1)} s, replica b (port ${b.port}, pid ${b.pid}) in ${(
      readyB / 1000
    ).toFixed(1)} s; snapshots every ${intervalSeconds} s`,
  );

  const maker = new BatchMaker({ source: SOURCE, tag: 'rep', rnd, entities });
  const writers = startWriters({ clients, ports: [a.port, b.port], maker });
  const observed = Date.now();
  try {
    await waitFor(
      `${runsWanted} snapshot runs`,
      () =>
        withScorecardDb(db => snapshotRuns(db, since)).then(
          runs => runs.filter(r => r.released).length >= runsWanted,
        ),
      { seconds: runsWanted * intervalSeconds + 90, everyMs: 1000 },
    );
  } finally {
    await writers.stop();
  }
  // the last run finished, so each replica's log and the table tell the same story
  await waitFor(
    'no snapshot run in progress',
    () =>
      withScorecardDb(db =>
        db.query(
          'select current_run_ticket from backstage_backend_tasks__tasks where id = $1',
          [TASK],
        ),
      ).then(r => !r.rows[0]?.current_run_ticket),
    { seconds: 120, everyMs: 500 },
  );

  const { runs, writes } = await withScorecardDb(async db => ({
    runs: await snapshotRuns(db, since),
    writes: (
      await db.query(
        `select extract(epoch from at) * 1000 as at, app, rows from faults_snapshot_audit
          where at >= to_timestamp($1 / 1000.0) order by at`,
        [since],
      )
    ).rows.map(w => ({ at: Number(w.at), app: w.app, rows: w.rows })),
  }));

  let overlapping = 0;
  let skipped = 0;
  for (let i = 1; i < runs.length; i++) {
    const prev = runs[i - 1];
    if (runs[i].claimed < (prev.released ?? Infinity)) overlapping++;
    // a run that ended within its interval sets the next slot exactly one interval on
    if (prev.released !== undefined && prev.released < prev.slot + interval) {
      const steps = Math.round((runs[i].slot - prev.slot) / interval);
      if (steps > 1) skipped += steps - 1;
    }
  }
  const slots = new Map();
  for (const r of runs) slots.set(r.slot, (slots.get(r.slot) ?? 0) + 1);
  const slotsRunTwice = [...slots.values()].reduce(
    (s, n) => s + Math.max(0, n - 1),
    0,
  );
  const outside = writes.filter(
    w =>
      !runs.some(
        r =>
          r.app === w.app &&
          r.claimed <= w.at &&
          w.at <= (r.released ?? Infinity),
      ),
  );
  const failed = runs.filter(r => r.failed).length;
  const byApp = app => runs.filter(r => r.app === app);
  let logMismatch = 0;
  for (const replica of [a, b]) {
    const lines = (replica.logSinceStart().match(SNAPSHOT_LOG_LINE) ?? [])
      .length;
    const finished = byApp(replica.appName).filter(
      r => r.released && !r.failed,
    ).length;
    report.try(
      `replica ${replica.name}: claimed ${
        byApp(replica.appName).length
      } snapshot runs, released ${finished} finished; its log reports ${lines}`,
    );
    logMismatch += Math.abs(lines - finished);
  }
  const gaps = runs
    .slice(1)
    .map((r, i) => ((r.claimed - runs[i].claimed) / 1000).toFixed(1));
  report.try(
    `${runs.length} snapshot runs in ${((Date.now() - since) / 1000).toFixed(
      0,
    )} s: ${runs
      .map(
        r =>
          `${r.app.replace('opmodel-faults-', '')} ${(
            (r.released - r.claimed) /
            1000
          ).toFixed(1)} s`,
      )
      .join(', ')}; seconds between claims: ${
      gaps.join(', ') || '(one run)'
    }; ${writes.length} snapshot write statements`,
  );
  report.figure('snapshot runs that overlapped another', overlapping);
  report.figure('snapshot slots run more than once', slotsRunTwice);
  report.figure('snapshot slots skipped', skipped);
  report.figure(
    'snapshot writes outside a run claimed by the writing replica',
    outside.length,
  );
  report.figure('snapshot runs that failed', failed);
  report.figure('finished runs and log lines that do not match', logMismatch);

  const v = await withScorecardDb(db =>
    verifyBatches(db, writers.batches, [SOURCE]),
  );
  report.try(
    `${clients} writers sent each of ${
      v.batches
    } batches to both replicas for ${((Date.now() - observed) / 1000).toFixed(
      0,
    )} s (${v.acked} acknowledged, ${v.ackedEvents} events); statuses: ${
      writers.statuses
    }`,
  );
  noteErrorExamples(report, ['writer', writers]);
  reportIntegrity(report, v);
  report.figure('valid batches refused (400 or 413)', writers.refused4xx);
  report.figure(
    'error bodies showing SQL, stack frames, knex or pg',
    writers.leaks.length,
  );
  return report;
}
