#!/usr/bin/env node
/*
 * A stand-in for the three upstreams the scorecard's collector modules read, on one port, with
 * node:http only:
 *
 *   ${url}/github      GitHub REST API, version 2022-11-28 (an `integrations.github` apiBaseUrl)
 *   ${url}/pagerduty   PagerDuty REST API v2 (the `pagerDuty.apiBaseUrl`)
 *   ${url}/prometheus  Prometheus HTTP API v1 (an `opmodel.scorecard.prometheus.instances[].baseUrl`)
 *
 * It serves `count` services, i = 0..count-1: GitHub repository acme/service-<i>, PagerDuty
 * service PSVC<i>, and the Prometheus series `http_requests_total{job="service-<i>"}`. Every answer
 * is a pure function of (i, now, days), so answers stay the same between requests (Prometheus only
 * answers for evaluation times up to the current clock, as a real server would).
 *
 * GET ${url}/__stats gives the request counts; POST ${url}/__reset sets them to zero. Nothing is
 * logged per request. `addDeployment(slug)` and `addIncident(serviceId)` add what a webhook then
 * announces (bench/collectors.mjs).
 *
 *   node e2e/upstream/server.mjs --port 7300 --count 3 [--days 30] [--now <ISO time or ms>]
 */
import http from 'node:http';
import { send } from './http.mjs';
import { githubHandler } from './github.mjs';
import { pagerDutyHandler } from './pagerduty.mjs';
import { prometheusHandler } from './prometheus.mjs';

export { promQuery } from './prometheus.mjs';

const emptyStats = () => ({
  github: { requests: 0, notModified: 0 },
  pagerduty: { requests: 0 },
  prometheus: { requests: 0 },
});

/**
 * Starts the stand-in on 127.0.0.1:`port` (0: any free port). `maxPerPage` caps GitHub's page
 * size below its 100, to make `Link` pagination visible with little data.
 */
export async function startUpstream({
  port = 0,
  count = 3,
  now = Date.now(),
  days = 30,
  maxPerPage = 100,
} = {}) {
  // one object, zeroed in place, so that the handlers keep counting into it
  const stats = emptyStats();
  const resetStats = () => Object.assign(stats, emptyStats());
  const context = { count, now, days, maxPerPage, stats };
  const github = githubHandler(context);
  const pagerduty = pagerDutyHandler(context);
  const prometheus = prometheusHandler(context);
  let base = '';

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', base);
      const p = url.pathname;
      const under = prefix => p === prefix || p.startsWith(`${prefix}/`);
      if (under('/github')) github(req, res, url, base);
      else if (under('/pagerduty')) pagerduty(req, res, url, base);
      else if (under('/prometheus')) await prometheus(req, res, url);
      else if (p === '/__stats' && req.method === 'GET') send(res, 200, stats);
      else if (p === '/__reset' && req.method === 'POST') {
        resetStats();
        send(res, 200, stats);
      } else send(res, 404, { error: 'not found', path: p });
    } catch (e) {
      if (!res.headersSent) send(res, 500, { error: String(e?.message ?? e) });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    stats: () => JSON.parse(JSON.stringify(stats)),
    resetStats,
    addDeployment: slug => github.addDeployment(slug),
    addIncident: serviceId => pagerduty.addIncident(serviceId),
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function argValue(args, name) {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find(a => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : undefined;
}

// run as a CLI (a check on the script's path, not import.meta, so that Jest can load the module)
if (/(^|[\\/])server\.mjs$/.test(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const num = (name, fallback) => {
    const v = argValue(args, name);
    return v === undefined ? fallback : Number(v);
  };
  const nowArg = argValue(args, 'now');
  startUpstream({
    port: num('port', 0),
    count: num('count', 3),
    days: num('days', 30),
    now:
      nowArg === undefined
        ? Date.now()
        : /^\d+$/.test(nowArg)
        ? Number(nowArg)
        : Date.parse(nowArg),
  }).then(
    upstream => {
      process.stdout.write(`stand-in upstream listening on ${upstream.url}\n`);
      const stop = () => upstream.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    error => {
      process.stderr.write(`${error?.message ?? error}\n`);
      process.exit(1);
    },
  );
}
