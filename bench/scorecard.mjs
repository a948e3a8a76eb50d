#!/usr/bin/env node
// Scorecard benchmark (issue 4), on PostgreSQL:
//   10,000 entities (100 Platforms, each including 99 of 9,900 Components), 1,000,000 deployments,
//   200,000 incidents and 5,000,000 availability probes over the last year, bulk-loaded straight
//   into the tables; then, against a running backend (catalog + permissions + scorecard):
//   - ingestion through the API (100,000 events, batches of 1,000) against a plain multi-row
//     INSERT of the same rows into same-shaped tables, in this run;
//   - p50/p95 of one entity's scorecard and of the portfolio of 100 platforms;
//   - scorecard reads per second with 10 concurrent clients;
//   - a full snapshot of every entity (the scheduled task), and the backend's peak memory meanwhile.
//
//   bash scripts/opm bench scorecard [--heap-mb 320] [--keep | --load-only]
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import {
  buildPackages,
  connect,
  dropDatabases,
  memoryCgroup,
  removeCgroup,
  sleep,
  startBackend as start,
  waitReady as ready,
  workDir,
} from './lib.mjs';
import {
  SCORECARD_BENCH_PREFIX,
  scorecardBenchConfig,
} from './scorecardBenchConfig.mjs';

const { packageDirs } = createRequire(import.meta.url)('./built.cjs');
const PORT = 7027;
const args = process.argv.slice(2);
// --heap-mb N caps the backend's V8 heap (what an operator sets with --max-old-space-size)
const HEAP_MB = args.includes('--heap-mb')
  ? Number(args[args.indexOf('--heap-mb') + 1])
  : undefined;
// --load-only loads the data and stops there, leaving the databases (and the backend's config in
// artifacts/bench/scorecard) for experiments by hand; --keep leaves them after a full run
const LOAD_ONLY = args.includes('--load-only');
const KEEP = LOAD_ONLY || args.includes('--keep');
const TOKEN = `bench-${process.pid}-${Date.now()}`;
const PREFIX = SCORECARD_BENCH_PREFIX;
const WORK = workDir('scorecard');
const LOG = join(WORK, 'backend.log');
const DAY = 86_400_000;
const NOW = Date.now();

const PLATFORMS = 100;
const COMPONENTS = 9900;
const DEPLOYMENTS = 1_000_000;
const INCIDENTS = 200_000;
const PROBES = 5_000_000;
const API_EVENTS = 100_000;
const BATCH = 1000;
const CONTAINER_MB = 512;

function startBackend({ withScorecard = true, cgroup } = {}) {
  return start({
    cgroup,
    entry: 'bench/scorecard-backend.cjs',
    port: PORT,
    prefix: PREFIX,
    token: TOKEN,
    log: LOG,
    logFlags: withScorecard ? 'w' : 'a',
    nodeArgs: HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : [],
    env: withScorecard ? {} : { OPMODEL_BENCH_WITHOUT_SCORECARD: '1' },
    extra: scorecardBenchConfig(PORT),
  });
}

const waitReady = child => ready(child, { port: PORT, log: LOG, seconds: 180 });

const api = (path, init = {}) =>
  fetch(`http://localhost:${PORT}/api/scorecard${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

// Reads go through node:http with a keep-alive agent, as load generators do (wrk, autocannon):
// fetch took 38-63 % of a core for the 10 clients on this 2-core machine, which the backend and
// PostgreSQL share; this client takes 15-20 %. It asks for gzip like a browser, so the backend
// compresses as it would, and drains the body without decompressing it.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const get = path =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: 'localhost',
        port: PORT,
        path: `/api/scorecard${path}`,
        agent,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'accept-encoding': 'gzip, deflate',
        },
      },
      res => {
        const chunks = [];
        res.on('data', chunk => {
          if (res.statusCode !== 200) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            error: Buffer.concat(chunks).toString('utf8').slice(0, 300),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });

const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const fmt = n => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

// ---- bulk load ---------------------------------------------------------------------------------
async function bulkLoad(db) {
  const year = 365 * DAY;
  const comp = g => `'component:default/c-' || (${g} % ${COMPONENTS})`;
  await db.query(`insert into scorecard_entities (entity_ref, kind, title, owner, lifecycle, objectives)
    select 'platform:default/p-' || g, 'platform', 'Platform ' || g, 'group:default/team-' || g, 'production',
      '{"availability":{"target":0.999},"changeFailureRate":0.15,"deploymentFrequency":{"perWeek":5}}'
    from generate_series(0, ${PLATFORMS - 1}) g`);
  await db.query(`insert into scorecard_entities (entity_ref, kind, owner, lifecycle)
    select 'component:default/c-' || g, 'component', 'group:default/team-' || (g % ${PLATFORMS}), 'production'
    from generate_series(0, ${COMPONENTS - 1}) g`);
  await db.query(`insert into scorecard_members (entity_ref, member_ref)
    select entity_ref, entity_ref from scorecard_entities`);
  await db.query(`insert into scorecard_members (entity_ref, member_ref)
    select 'platform:default/p-' || (g % ${PLATFORMS}), 'component:default/c-' || g from generate_series(0, ${
    COMPONENTS - 1
  }) g`);
  await db.query(`insert into scorecard_deployments (source, id, entity_ref, environment, result, started_at, finished_at, first_commit_at, received_at)
    select 'bulk', 'd-' || g, ${comp('g')}, 'production',
      -- shifted by the component's count of deployments (g / components): every component and
      -- platform fails now and then (with g % 10 alone, every tenth platform's every deployment
      -- would fail, and the others' none)
      case when (g + g / ${COMPONENTS}) % 10 = 0 then 'failure' when (g + g / ${COMPONENTS}) % 23 = 0 then 'rollback' else 'success' end,
      t - 600000, t, t - (g % 97) * 3600000, ${NOW}
    from (select g, ${NOW} - (g::bigint * ${year}) / ${DEPLOYMENTS} as t from generate_series(1, ${DEPLOYMENTS}) g) s`);
  await db.query(`insert into scorecard_incidents (source, id, entity_ref, severity, impact, triggered_at, acknowledged_at, resolved_at, caused_by_deployment, received_at)
    select 'bulk', 'i-' || g, ${comp('g * 7')}, 'P' || (1 + g % 3),
      case when g % 3 = 0 then 'outage' when g % 3 = 1 then 'partial' else 'degraded' end,
      t, t + (g % 60) * 60000, case when g % 50 = 0 then null else t + (g % 48) * 3600000 end,
      case when g % 5 = 0 then 'd-' || (g * 5) else null end, ${NOW}
    from (select g, ${NOW} - (g::bigint * ${year}) / ${INCIDENTS} as t from generate_series(1, ${INCIDENTS}) g) s`);
  await db.query(`insert into scorecard_availability (source, entity_ref, start, length_ms, good, total)
    select 'bulk', ${comp(
      'g',
    )}, ${NOW} - (g::bigint * ${year}) / ${PROBES}, 0, case when g % 997 = 0 then 0 else 1 end, 1
    from generate_series(1, ${PROBES}) g`);
  // as after any bulk load: statistics, and the BRIN time indexes' summaries
  await db.query('vacuum analyze');
}

// ---- ingestion: API vs plain INSERT -------------------------------------------------------------
function apiBatches() {
  const batches = [];
  let n = 0;
  while (n < API_EVENTS) {
    const deployments = [];
    const incidents = [];
    const probes = [];
    for (let k = 0; k < BATCH; k++, n++) {
      const entityRef = `component:default/c-${n % COMPONENTS}`;
      const t = NOW - 1000 - (n % 5000) * 60000;
      if (k % 10 < 5) {
        deployments.push({
          id: `api-d-${n}`,
          entityRef,
          environment: 'production',
          result: n % 9 ? 'success' : 'failure',
          startedAt: new Date(t - 600000).toISOString(),
          finishedAt: new Date(t).toISOString(),
          firstCommitAt: new Date(t - 7200000).toISOString(),
        });
      } else if (k % 10 === 5) {
        incidents.push({
          id: `api-i-${n}`,
          entityRef,
          severity: 'P2',
          impact: 'partial',
          triggeredAt: new Date(t - 3600000).toISOString(),
          acknowledgedAt: new Date(t - 3000000).toISOString(),
          resolvedAt: new Date(t).toISOString(),
        });
      } else {
        probes.push({
          entityRef,
          time: new Date(t - n).toISOString(),
          up: n % 101 !== 0,
        });
      }
    }
    batches.push({
      source: 'bench-api',
      deployments,
      incidents,
      availability: { probes },
    });
  }
  return batches;
}

async function plainInsert(db, batches) {
  for (const t of ['deployments', 'incidents', 'availability']) {
    await db.query(
      `create table plain_${t} (like scorecard_${t} including all)`,
    );
  }
  const insert = async (table, cols, rows) => {
    if (!rows.length) return;
    const params = [];
    const values = rows.map(
      r =>
        `(${cols
          .map(c => {
            params.push(r[c]);
            return `$${params.length}`;
          })
          .join(',')})`,
    );
    await db.query(
      `insert into ${table} (${cols.join(',')}) values ${values.join(',')}`,
      params,
    );
  };
  const ms = s => (s ? Date.parse(s) : null);
  return timed(async () => {
    for (const b of batches) {
      await db.query('begin');
      await insert(
        'plain_deployments',
        [
          'source',
          'id',
          'entity_ref',
          'environment',
          'result',
          'started_at',
          'finished_at',
          'first_commit_at',
          'received_at',
        ],
        b.deployments.map(d => ({
          source: b.source,
          id: d.id,
          entity_ref: d.entityRef,
          environment: d.environment,
          result: d.result,
          started_at: ms(d.startedAt),
          finished_at: ms(d.finishedAt),
          first_commit_at: ms(d.firstCommitAt),
          received_at: NOW,
        })),
      );
      await insert(
        'plain_incidents',
        [
          'source',
          'id',
          'entity_ref',
          'severity',
          'impact',
          'triggered_at',
          'acknowledged_at',
          'resolved_at',
          'received_at',
        ],
        b.incidents.map(i => ({
          source: b.source,
          id: i.id,
          entity_ref: i.entityRef,
          severity: i.severity,
          impact: i.impact,
          triggered_at: ms(i.triggeredAt),
          acknowledged_at: ms(i.acknowledgedAt),
          resolved_at: ms(i.resolvedAt),
          received_at: NOW,
        })),
      );
      await insert(
        'plain_availability',
        ['source', 'entity_ref', 'start', 'length_ms', 'good', 'total'],
        b.availability.probes.map(p => ({
          source: b.source,
          entity_ref: p.entityRef,
          start: ms(p.time),
          length_ms: 0,
          good: p.up ? 1 : 0,
          total: 1,
        })),
      );
      await db.query('commit');
    }
  });
}

async function apiIngest(batches) {
  return timed(async () => {
    for (const b of batches) {
      const res = await api('/events', {
        method: 'POST',
        body: JSON.stringify(b),
      });
      if (!res.ok)
        throw new Error(
          `ingestion: ${res.status} ${(await res.text()).slice(0, 500)}`,
        );
    }
  });
}

// ---- reads -------------------------------------------------------------------------------------
async function latencies(n, path) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await get(path(i));
    if (res.status !== 200)
      throw new Error(`${path(i)}: ${res.status} ${res.error}`);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/** The portfolio's latency over 20 reads, each after posting `batch(i)` (then sorted). */
async function readsAfterWrites(batch) {
  await latencies(1, () => '/portfolio');
  const out = [];
  for (let i = 0; i < 20; i++) {
    const res = await api('/events', {
      method: 'POST',
      body: JSON.stringify(batch(i)),
    });
    if (!res.ok) throw new Error(`events before a read: ${res.status}`);
    out.push(...(await latencies(1, () => '/portfolio')));
  }
  return out.sort((a, b) => a - b);
}

/** CPU seconds a process has used (user and system), from /proc. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // after the command name: state is field 3, utime and stime are fields 14 and 15 (in ticks
  // of 1/100 s)
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function concurrentReads(clients, seconds, path, pid) {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  const backendCpu = cpuSeconds(pid);
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let i = c;
      while (performance.now() < until) {
        const res = await get(path(i));
        if (res.status !== 200)
          throw new Error(`read: ${res.status} ${res.error}`);
        done++;
        i += clients;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    rate: done / seconds,
    // the clients' own share of a core, which the backend and PostgreSQL do not get
    clientCpu: ((used.user + used.system) / 1e6 / seconds) * 100,
    backendCpu: ((cpuSeconds(pid) - backendCpu) / seconds) * 100,
  };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function snapshot(db, pid) {
  // every day but yesterday already has a snapshot, so the task computes one full day
  await db.query(`insert into scorecard_snapshots (entity_ref, day, metric, state, value, count, grade_status, grade_label, grade_source, definition_version, window_days, computed_at)
    select 'bench:marker', to_char(to_timestamp(${NOW} / 1000) - (g || ' days')::interval, 'YYYY-MM-DD'), 'uptime', 'ok', 1, 1, 'none', 'marker', 'none', 1, 28, ${NOW}
    from generate_series(2, 100) g
    on conflict do nothing`);
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const started = performance.now();
  const res = await api(
    '/.backstage/scheduler/v1/tasks/scorecard-snapshots/trigger',
    { method: 'POST' },
  );
  if (!res.ok) throw new Error(`trigger: ${res.status}`);
  let line;
  for (;;) {
    line =
      /stored scorecard snapshots of (\d+) entities for (\d+) day\(s\) in (\d+) ms/.exec(
        readFileSync(LOG, 'utf8'),
      );
    if (line) break;
    if (performance.now() - started > 30 * 60_000)
      throw new Error('snapshot did not finish in 30 min');
    await sleep(50);
  }
  clearInterval(sampler);
  const rows = await db.query(
    `select count(*)::int n from scorecard_snapshots where entity_ref <> 'bench:marker'`,
  );
  return {
    entities: Number(line[1]),
    days: Number(line[2]),
    ms: Number(line[3]),
    rows: rows.rows[0].n,
    before,
    peak,
  };
}

async function stopBackend(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The resident memory of a backend once it is up and has settled for a few seconds. */
// Right after a start the process still holds its start-up's garbage (loading and compiling
// modules): on this machine its resident memory stays near 460 MB for 10-15 s, until V8's memory
// reducer collects it, and then drops to about 260 MB. A scheduled snapshot runs long after that,
// so idle memory and the snapshot's peak are taken SETTLE_MS after the backend is ready; the
// start-up's own peak is reported beside them, and one snapshot is also run 5 s after a start.
const SETTLE_MS = 30_000;

/** Resident memory once settled, and the highest it reached before. */
async function settledRss(child) {
  await waitReady(child);
  let startup = 0;
  const until = Date.now() + SETTLE_MS;
  while (Date.now() < until) {
    startup = Math.max(startup, rssMb(child.pid));
    await sleep(250);
  }
  return { idle: rssMb(child.pid), startup };
}

async function main() {
  console.log(
    `scorecard benchmark, PostgreSQL${
      HEAP_MB ? `, backend heap capped at ${HEAP_MB} MB` : ''
    }`,
  );
  // the backend runs the scorecard's packages built, as production does
  const built = await timed(() => buildPackages(packageDirs));
  console.log(`built ${packageDirs.join(', ')} in ${fmt(built / 1000)} s`);
  await dropDatabases(PREFIX);
  // the same backend without the scorecard: what the catalog and permissions alone take
  const bare = startBackend({ withScorecard: false });
  const bareRss = await settledRss(bare);
  await stopBackend(bare);
  let child = startBackend();
  const stop = () => child.exitCode === null && child.kill('SIGTERM');
  process.on('exit', stop);
  try {
    await waitReady(child);
    const db = await connect(`${PREFIX}scorecard`);
    const load = await timed(() => bulkLoad(db));
    console.log(
      `bulk load: ${PLATFORMS + COMPONENTS} entities, ${fmt(
        DEPLOYMENTS,
      )} deployments, ${fmt(INCIDENTS)} incidents, ${fmt(
        PROBES,
      )} probes in ${fmt(load / 1000)} s`,
    );
    if (LOAD_ONLY) {
      await db.end();
      return;
    }

    const batches = apiBatches();
    const plainMs = await plainInsert(db, batches);
    const apiMs = await apiIngest(batches);
    const ingestedAt = Date.now();
    // what the index-summaries task does every minute: summarise the BRIN ranges just written
    const summarised = await api(
      '/.backstage/scheduler/v1/tasks/scorecard-index-summaries/trigger',
      { method: 'POST' },
    );
    if (!summarised.ok) throw new Error(`trigger: ${summarised.status}`);
    const apiRate = API_EVENTS / (apiMs / 1000);
    const plainRate = API_EVENTS / (plainMs / 1000);
    console.log(
      `ingestion: API ${fmt(apiRate)} events/s, plain multi-row INSERT ${fmt(
        plainRate,
      )} events/s: ${fmt((apiRate / plainRate) * 100)} % (target ≥ 30 %)`,
    );

    await latencies(20, i => `/scorecard?entityRef=component:default/c-${i}`); // warm-up
    const bare = await latencies(200, () => '/definitions');
    console.log(
      `request overhead (auth, permission check, no database): p50 ${fmt(
        pct(bare, 0.5),
      )} ms, p95 ${fmt(pct(bare, 0.95))} ms`,
    );
    const one = await latencies(
      300,
      i => `/scorecard?entityRef=component:default/c-${(i * 31) % COMPONENTS}`,
    );
    console.log(
      `one scorecard (live, 28 days): p50 ${fmt(pct(one, 0.5))} ms, p95 ${fmt(
        pct(one, 0.95),
      )} ms (target < 5 / < 10 ms)`,
    );
    const platform = await latencies(
      50,
      i => `/scorecard?entityRef=platform:default/p-${i % PLATFORMS}`,
    );
    console.log(
      `one platform scorecard (99 members): p50 ${fmt(
        pct(platform, 0.5),
      )} ms, p95 ${fmt(pct(platform, 0.95))} ms`,
    );
    // before the portfolio's reads below: their window lengths stay in the refresh task's care
    // for an hour, and its runs would share the CPU with these readers
    const card = i =>
      `/scorecard?entityRef=component:default/c-${(i * 7919) % COMPONENTS}`;
    // a warm-up: the connection pool grows to the clients' concurrency, and every new
    // connection prepares the card's named statement once
    await concurrentReads(10, 5, i => card(i + 100_000), child.pid);
    // first the components' cards as nobody read them before, then the same cards again: by
    // then PostgreSQL's buffer cache holds their rows, as it holds those of the entities people
    // look at (this data is larger than the default 128 MB of shared buffers)
    const first = await concurrentReads(10, 15, card, child.pid);
    const rps = await concurrentReads(10, 15, card, child.pid);
    // the same clients on a request that touches no database: what the backend's HTTP stack
    // (auth, permission check, routing, compression) allows on this machine in this run
    const ceiling = await concurrentReads(
      10,
      10,
      () => '/definitions',
      child.pid,
    );
    console.log(
      `10 concurrent clients: ${fmt(
        rps.rate,
      )} scorecards/s (target ≥ 600; ${fmt(
        first.rate,
      )}/s on their first read); ${fmt(
        ceiling.rate,
      )} requests/s that touch no database, so scorecards run at ${fmt(
        (rps.rate / ceiling.rate) * 100,
      )} % of that (the backend used ${fmt(rps.backendCpu)} % and ${fmt(
        ceiling.backendCpu,
      )} % of a core, the clients ${fmt(rps.clientCpu)} % and ${fmt(
        ceiling.clientCpu,
      )} %)`,
    );
    // The portfolio remembers its last figures per window length and recomputes the platforms
    // whose inputs changed. Three cases: every platform computed (a window length not asked
    // before: a fresh replica, or every platform changed), nothing changed since the last read,
    // and one deployment posted just before each read.
    const cold = await latencies(20, i => {
      // windows that ended an hour ago, which the refresh task leaves alone (it keeps current
      // the windows read that end at the time of reading)
      const to = Date.now() - 3_600_000;
      const from = to - 28 * DAY - (i + 1) * 60_000;
      return `/portfolio?from=${new Date(from).toISOString()}&to=${new Date(
        to,
      ).toISOString()}`;
    });
    console.log(
      `portfolio of ${PLATFORMS} platforms, every platform computed: p50 ${fmt(
        pct(cold, 0.5),
      )} ms, p95 ${fmt(pct(cold, 0.95))} ms`,
    );
    // A write is suspect for 15 s (a slower replica's commit of the same moment could still be
    // on its way), so "nothing changed" starts that long after the ingestion above.
    await sleep(Math.max(0, ingestedAt + 16_000 - Date.now()));
    await latencies(1, () => '/portfolio');
    const portfolio = await latencies(20, () => '/portfolio');
    console.log(
      `portfolio of ${PLATFORMS} platforms, read again: p50 ${fmt(
        pct(portfolio, 0.5),
      )} ms, p95 ${fmt(pct(portfolio, 0.95))} ms (target < 200 ms)`,
    );
    // a probe result before each read, each for another platform: only its uptime is recomputed
    await sleep(16_000);
    const afterProbe = await readsAfterWrites(i => ({
      source: 'bench-probe',
      availability: {
        probes: [
          {
            entityRef: `component:default/c-${(i * 4993 + 1) % COMPONENTS}`,
            time: new Date(Date.now() - 1000).toISOString(),
            up: i % 7 !== 0,
          },
        ],
      },
    }));
    console.log(
      `portfolio of ${PLATFORMS} platforms, one availability probe posted before each read: p50 ${fmt(
        pct(afterProbe, 0.5),
      )} ms, p95 ${fmt(pct(afterProbe, 0.95))} ms`,
    );
    await sleep(16_000);
    const afterWrite = await readsAfterWrites(i => ({
      source: 'bench-after',
      deployments: [
        {
          id: `after-${i}`,
          entityRef: `component:default/c-${(i * 4993) % COMPONENTS}`,
          environment: 'production',
          result: 'success',
          finishedAt: new Date(Date.now() - 1000).toISOString(),
          firstCommitAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      ],
    }));
    console.log(
      `portfolio of ${PLATFORMS} platforms, one deployment posted before each read: p50 ${fmt(
        pct(afterWrite, 0.5),
      )} ms, p95 ${fmt(pct(afterWrite, 0.95))} ms`,
    );

    // a fresh process for the snapshot, so its peak is the snapshot's and not the reads' above
    await stopBackend(child);
    child = startBackend();
    const freshRss = await settledRss(child);
    const snap = await snapshot(db, child.pid);
    console.log(
      `snapshot: ${fmt(snap.entities)} entities (${fmt(
        snap.rows,
      )} rows) in ${fmt(snap.ms)} ms = ${fmt(
        snap.ms / snap.entities,
      )} ms per entity (target < 0.5)`,
    );
    console.log(
      `backend memory: peak ${fmt(
        snap.peak,
      )} MB during the snapshot (target < 400 MB); ${fmt(
        freshRss.idle,
      )} MB idle before it (${fmt(
        freshRss.startup,
      )} MB in the seconds after its start); the same backend without the scorecard idles at ${fmt(
        bareRss.idle,
      )} MB (${fmt(
        bareRss.startup,
      )} MB after its start), so the scorecard adds ${fmt(
        freshRss.idle - bareRss.idle,
      )} MB idle and ${fmt(
        snap.peak - bareRss.idle,
      )} MB at the snapshot's peak`,
    );
    // the same snapshot 5 s after a start, on top of the start-up's garbage: what a run the
    // scheduler finds overdue when the backend starts would take without the default schedule's
    // one-minute initial delay (this bench's schedule has none; it triggers the task itself)
    await stopBackend(child);
    child = startBackend();
    await waitReady(child);
    await sleep(5000);
    const early = await snapshot(db, child.pid);
    console.log(
      `snapshot started 5 s after the backend: peak ${fmt(
        early.peak,
      )} MB, ${fmt(early.before)} MB before it`,
    );

    // The same snapshot in a container with a 512 MB memory limit, as a deployment would run it:
    // Node sizes its heap from the limit (about 260 MB) instead of from this machine's 24 GB.
    await stopBackend(child);
    const cgroup = memoryCgroup(`opmodel-bench-${process.pid}`, CONTAINER_MB);
    if (cgroup) {
      try {
        child = startBackend({ cgroup });
        const boxedRss = await settledRss(child);
        const boxed = await snapshot(db, child.pid);
        console.log(
          `in a ${CONTAINER_MB} MB container: snapshot in ${fmt(
            boxed.ms,
          )} ms = ${fmt(boxed.ms / boxed.entities)} ms per entity; peak ${fmt(
            boxed.peak,
          )} MB (target < 400 MB), ${fmt(
            boxedRss.idle,
          )} MB idle before it (${fmt(boxedRss.startup)} MB after its start)`,
        );
      } finally {
        await stopBackend(child);
        removeCgroup(cgroup);
      }
    } else {
      console.log(
        `in a ${CONTAINER_MB} MB container: not measured, this machine gives no writable memory cgroup (run as root)`,
      );
    }
    await db.end();
  } finally {
    stop();
    await sleep(1500);
    if (!KEEP) await dropDatabases(PREFIX);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
