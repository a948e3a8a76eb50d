// Test 2: kill -9 during continuous ingestion. Writers keep posting batches of unique events; the
// backend's process group is killed with SIGKILL while requests are in flight and started again on
// the same databases, several times; then every acknowledged event must be stored, once, and no
// batch half-written.
import { Report, sleep, waitFor, withScorecardDb } from './harness.mjs';
import {
  BatchMaker,
  noteErrorExamples,
  reportIntegrity,
  startWriters,
  verifyBatches,
} from './tracked.mjs';

const SOURCE = 'fault-suite-kill';

export async function killTest({ backend, rnd, entities, kills, clients = 4 }) {
  const report = new Report('2. kill -9 during continuous ingestion');
  const maker = new BatchMaker({ source: SOURCE, tag: 'kill', rnd, entities });
  // a backend that listens but has not started its plugins yet answers 404
  const notFound = { starting: 0, ready: 0 };
  const onResult = res => {
    if (res.status === 404) notFound[backend.ready ? 'ready' : 'starting']++;
  };
  const writers = startWriters({
    clients,
    ports: [backend.port],
    maker,
    onResult,
  });
  const flowing = async what => {
    const from = writers.acks;
    await waitFor(what, () => writers.acks >= from + 20, { seconds: 90 });
  };
  try {
    for (let k = 1; k <= kills; k++) {
      await flowing(`acknowledged writes before kill ${k}`);
      // a random moment in the traffic, then one with requests in flight
      await sleep(rnd.int(100, 1500));
      await waitFor('a request in flight', () => writers.inflight > 0, {
        seconds: 10,
        everyMs: 2,
      });
      const inflight = writers.inflight;
      const pid = backend.pid;
      const acked = writers.acks;
      await backend.kill();
      const readyMs = await backend.start();
      report.try(
        `kill ${k}: SIGKILL to process group ${pid} with ${inflight} requests in flight (${acked} batches acknowledged so far); restarted as ${
          backend.pid
        }, ready in ${(readyMs / 1000).toFixed(1)} s`,
      );
    }
    await flowing('acknowledged writes after the last restart');
  } finally {
    await writers.stop();
  }
  const v = await withScorecardDb(db =>
    verifyBatches(db, writers.batches, [SOURCE]),
  );
  report.try(
    `${clients} writers, ${v.batches} batches sent (${v.acked} acknowledged, ${v.ackedEvents} events in them); statuses: ${writers.statuses}`,
  );
  report.try(
    `in SQL: ${v.storedUnacked} batches were stored though their answer was lost (sent again, they changed nothing)`,
  );
  noteErrorExamples(report, ['writer', writers]);
  reportIntegrity(report, v);
  report.figure('valid batches refused (400 or 413)', writers.refused4xx);
  report.figure('404 answers from the started backend', notFound.ready);
  report.figure(
    '404 answers while the backend was starting (not yet ready; sent again)',
    notFound.starting,
    { zero: false },
  );
  return report;
}
