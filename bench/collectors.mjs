#!/usr/bin/env node
// Collectors benchmark: the GitHub, PagerDuty and Prometheus modules against the stand-in
// upstream (e2e/upstream/server.mjs) with --count repositories, services and series (default
// 1,000 each), in a backend on PostgreSQL. It prints:
//
// - the first full sync of each collector: its time and the events it wrote per second;
// - a second sync with nothing changed upstream: the requests it made, and for GitHub how many
//   were conditional (answered 304, which GitHub does not count against the rate limit);
// - the time from a webhook's arrival (PagerDuty incident.triggered, GitHub deployment_status)
//   to its figure on GET /scorecard.
//
//   bash scripts/opm bench collectors [--count 1000]   (PostgreSQL at 127.0.0.1:5432, user postgres)
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connect,
  dropDatabases,
  sleep,
  startBackend,
  waitReady,
  workDir,
} from './lib.mjs';
import { startUpstream } from '../e2e/upstream/server.mjs';
import { platformNames, upstreamCatalog } from '../e2e/upstream/catalog.mjs';
import { upstreamConfig } from '../e2e/upstream/config.mjs';

const args = process.argv.slice(2);
const COUNT = Number(args[args.indexOf('--count') + 1] || 0) || 1000;
const PORT = 7027;
const UPSTREAM_PORT = 7301;
const TOKEN = `bench-${process.pid}-${Date.now()}`;
const SECRET = `webhook-${process.pid}`;
const PREFIX = 'opmodel_bench_collectors_';
const WORK = workDir('collectors');
const LOG = join(WORK, 'backend.log');
const COLLECTORS = ['github', 'pagerduty', 'prometheus'];
const TABLE = {
  github: 'scorecard_deployments',
  pagerduty: 'scorecard_incidents',
  prometheus: 'scorecard_availability',
};
// the bench starts every run itself: no run on a schedule
const never = { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 60 } };

const headers = {
  authorization: `Bearer ${TOKEN}`,
  'content-type': 'application/json',
};
const api = async (path, init = {}) => {
  const res = await fetch(`http://localhost:${PORT}${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers ?? {}) },
  });
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status}`);
  return res.headers.get('content-type')?.includes('json') ? res.json() : {};
};

async function until(what, seconds, check) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not after ${seconds} s`);
    await sleep(200);
  }
}

// a Platform includes at most 500 entities: the Components are spread over several
const platformRefs = platformNames(COUNT).map(n => `platform:default/${n}`);

/** Per collector, how many entities it has read since `since` (ms), and the errors it reported. */
async function readSince(since) {
  const sources = [];
  for (const ref of platformRefs)
    sources.push(
      ...(await api(`/api/scorecard/coverage?entityRef=${ref}`)).sources,
    );
  const out = Object.fromEntries(
    COLLECTORS.map(c => [c, { read: 0, errors: [] }]),
  );
  for (const s of sources) {
    const entry = out[s.collector];
    if (!entry || Date.parse(s.lastRunAt) < since) continue;
    if (s.lastError) entry.errors.push(`${s.entityRef}: ${s.lastError}`);
    else entry.read += 1;
  }
  return out;
}

async function storedEvents(db) {
  const out = {};
  for (const c of COLLECTORS) {
    const { rows } = await db.query(
      `select count(*)::int as n from ${TABLE[c]} where source = $1`,
      [c],
    );
    out[c] = rows[0].n;
  }
  return out;
}

/** Triggers every collector at once; resolves with each one's time until it read every entity. */
async function syncAll() {
  const started = Date.now();
  for (const c of COLLECTORS)
    await api(
      `/api/scorecard/.backstage/scheduler/v1/tasks/scorecard-collector-${c}/trigger`,
      { method: 'POST' },
    );
  const done = {};
  let read;
  try {
    await until('every collector reads every entity', 1800, async () => {
      read = await readSince(started);
      for (const c of COLLECTORS)
        if (!done[c] && read[c].read >= COUNT) done[c] = Date.now() - started;
      return COLLECTORS.every(c => done[c]);
    });
  } catch (error) {
    const errors = COLLECTORS.flatMap(c => read?.[c].errors.slice(0, 2) ?? []);
    throw new Error(`${error.message}; errors reported: ${errors.join('; ')}`);
  }
  return done;
}

async function scorecardOf(entityRef) {
  return api(`/api/scorecard/scorecard?entityRef=${entityRef}`);
}

/** The data points behind a metric; for time to acknowledge, the unacknowledged ones too. */
const countOf = (card, metric) => {
  const m = card.metrics.find(x => x.metric === metric);
  return m.count + (m.details?.unacknowledged ?? 0);
};

/** Time from a webhook's arrival to its figure: posts it, then reads the card until it changes. */
async function webhookToFigure({ path, body, sign, entityRef, metric }) {
  const before = countOf(await scorecardOf(entityRef), metric);
  const raw = JSON.stringify(body);
  const sent = Date.now();
  const res = await fetch(`http://localhost:${PORT}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sign(raw) },
    body: raw,
  });
  if (!res.ok) throw new Error(`webhook ${path}: ${res.status}`);
  await until(`the figure of the webhook to ${path}`, 120, async () => {
    const card = await scorecardOf(entityRef);
    return countOf(card, metric) > before;
  });
  return Date.now() - sent;
}

async function main() {
  await dropDatabases(PREFIX);
  const upstream = await startUpstream({ port: UPSTREAM_PORT, count: COUNT });
  const catalogFile = join(WORK, 'collected-platform.yaml');
  writeFileSync(catalogFile, upstreamCatalog({ count: COUNT }));
  const config = upstreamConfig(upstream.url);
  for (const c of COLLECTORS) config.opmodel.scorecard[c].schedule = never;
  config.opmodel.scorecard.pagerduty.webhookSecrets = [SECRET];
  const backend = startBackend({
    entry: 'bench/collectors-backend.ts',
    port: PORT,
    prefix: PREFIX,
    token: TOKEN,
    log: LOG,
    detached: true,
    extra: {
      ...config,
      app: { baseUrl: `http://localhost:${PORT}` },
      permission: { enabled: true },
      opmodel: {
        ...config.opmodel,
        scorecard: {
          ...config.opmodel.scorecard,
          // the bench waits for the scorecard's copy of the catalog: keep it fresh
          catalogSync: {
            schedule: { frequency: { seconds: 10 }, timeout: { minutes: 5 } },
          },
        },
      },
      events: { modules: { github: { webhookSecret: SECRET } } },
      catalog: {
        rules: [
          {
            allow: [
              'Component',
              'System',
              'Group',
              'User',
              'Platform',
              'OperatingRole',
              'FundingLine',
              'Location',
            ],
          },
        ],
        locations: [
          { type: 'file', target: '../../examples/org.yaml' },
          { type: 'file', target: catalogFile },
        ],
      },
    },
  });
  let db;
  try {
    await waitReady(backend, { port: PORT, log: LOG, seconds: 300 });
    const last = `component:default/service-${COUNT - 1}`;
    const t0 = Date.now();
    // the scorecard's copy of the catalog holds every Component in a Platform: their events are
    // accepted (the catalog serves entities as it processes them, in no order)
    await until(
      'the catalog and the scorecard know every entity',
      900,
      async () => {
        await scorecardOf(last);
        const cards = await Promise.all(platformRefs.map(scorecardOf));
        const members = cards.reduce((n, c) => n + c.members.length - 1, 0);
        return members >= COUNT;
      },
    );
    console.log(
      `catalog: ${COUNT} annotated Components and their ${
        platformRefs.length
      } Platforms served after ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    db = await connect(`${PREFIX}scorecard`);

    upstream.resetStats();
    const first = await syncAll();
    const stored = await storedEvents(db);
    const firstStats = upstream.stats();
    console.log(
      `first full sync (${COUNT} entities per collector; from the trigger, the scheduler's pickup included):`,
    );
    for (const c of COLLECTORS)
      console.log(
        `  ${c.padEnd(10)} ${(first[c] / 1000).toFixed(1)} s, ${
          stored[c]
        } events, ${Math.round(stored[c] / (first[c] / 1000))} events/s, ${
          firstStats[c].requests
        } requests`,
      );

    upstream.resetStats();
    const second = await syncAll();
    const again = await storedEvents(db);
    const stats = upstream.stats();
    console.log('second sync, nothing changed upstream (the same timing):');
    for (const c of COLLECTORS)
      console.log(
        `  ${c.padEnd(10)} ${(second[c] / 1000).toFixed(1)} s, ${
          stats[c].requests
        } requests (${(stats[c].requests / COUNT).toFixed(2)} per entity), ${
          again[c] - stored[c]
        } new events`,
      );
    const { requests, notModified } = stats.github;
    console.log(
      `  github: ${notModified} of ${requests} requests answered 304; ${
        requests - notModified
      } counted against the rate limit`,
    );

    const pagerduty = await upstream.addIncident('PSVC0');
    const pdMs = await webhookToFigure({
      path: '/api/events/http/pagerduty',
      body: {
        event: {
          id: `bench-${Date.now()}`,
          event_type: 'incident.triggered',
          resource_type: 'incident',
          occurred_at: new Date().toISOString(),
          data: pagerduty,
        },
      },
      sign: raw => ({
        'x-pagerduty-signature': `v1=${createHmac('sha256', SECRET)
          .update(raw)
          .digest('hex')}`,
      }),
      entityRef: 'component:default/service-0',
      metric: 'timeToAcknowledge',
    });
    const deployment = await upstream.addDeployment('acme/service-0');
    const ghMs = await webhookToFigure({
      path: '/api/events/http/github',
      body: deployment,
      sign: raw => ({
        'x-github-event': 'deployment_status',
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET)
          .update(raw)
          .digest('hex')}`,
      }),
      entityRef: 'component:default/service-0',
      metric: 'deploymentFrequency',
    });
    console.log('webhook to figure on GET /scorecard (target: under 2 s):');
    console.log(`  pagerduty incident.triggered  ${pdMs} ms`);
    console.log(`  github deployment_status      ${ghMs} ms`);
  } finally {
    await db?.end();
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await upstream.close();
    await dropDatabases(PREFIX);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
