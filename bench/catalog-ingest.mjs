#!/usr/bin/env node
// Catalog ingestion benchmark (issue 3): how fast the real catalog, with the opmodel module,
// processes 10,000 opmodel entities compared with 10,000 built-in Components, in one run.
//
// It starts a backend with the catalog and the opmodel module (bench/catalog-backend.ts) on
// PostgreSQL (a fresh set of databases), registers generated files (served over HTTP) as url
// locations through the catalog API, and times each batch from registration until every entity
// of it has been processed without errors. Batches go in ABBA
// order (Components, opmodel, opmodel, Components) so drift on a shared machine falls on both sides.
//
//   bash scripts/opm bench catalog-ingest [--count 10000]   (PostgreSQL at 127.0.0.1:5432, user postgres)
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connect,
  dropDatabases,
  sleep,
  startBackend,
  waitReady,
  workDir,
} from './lib.mjs';

const args = process.argv.slice(2);
const COUNT = Number(args[args.indexOf('--count') + 1] || 0) || 10000;
const HALF = Math.ceil(COUNT / 2);
const PORT = 7017;
const FILE_PORT = 7018;
const TOKEN = `bench-${process.pid}-${Date.now()}`;
const PREFIX = 'opmodel_bench_';
const WORK = workDir('catalog');
const LOG = join(WORK, 'backend.log');
const ROOT_CONFIG = new URL('../app-config.yaml', import.meta.url).pathname;

// ---- generated entities: comparable weight (refs, relations, nested spec) on both sides --------
const yamlDoc = o => JSON.stringify(o); // JSON is YAML; one document per line keeps files small

function component(i, batch) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `bench-${batch}-component-${i}`,
      description: `Bench component ${i}`,
      tags: ['bench'],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
      system: 'system:default/ci-cd',
      dependsOn: [
        'resource:default/shared-cluster',
        'component:default/argo-cd',
      ],
      providesApis: [],
    },
  };
}

function opmodel(i, batch) {
  const name = `bench-${batch}-${i}`;
  switch (i % 3) {
    case 0:
      return {
        apiVersion: 'opmodel.dev/v1alpha1',
        kind: 'Platform',
        metadata: { name, title: `Bench platform ${i}` },
        spec: {
          type: 'developer-platform',
          lifecycle: 'production',
          owner: 'group:default/platform-team',
          includes: ['system:default/ci-cd', 'component:default/argo-cd'],
          capabilities: [
            {
              id: 'deploy',
              title: 'Deploy a service',
              domain: 'delivery',
              selfService: true,
              interfaces: ['git'],
              implementedBy: ['component:default/argo-cd'],
            },
          ],
          consumers: [
            {
              team: 'group:default/checkout',
              interaction: 'x-as-a-service',
              since: '2025-01-01',
            },
          ],
          roles: [
            {
              role: 'operatingrole:default/platform-product-owner',
              holder: 'user:default/jane',
              since: '2025-01-01',
            },
          ],
          support: {
            channels: [{ type: 'slack', target: '#platform-help' }],
            responseTargets: [
              { severity: 'SEV1', acknowledge: '15m', resolve: '4h' },
            ],
          },
          objectives: {
            availability: { target: 0.999 },
            changeFailureRate: 0.15,
          },
        },
      };
    case 1:
      return {
        apiVersion: 'opmodel.dev/v1alpha1',
        kind: 'OperatingRole',
        metadata: { name, title: `Bench role ${i}` },
        spec: {
          owner: 'group:default/platform-team',
          category: 'engineering',
          responsibilities: [
            { activity: 'platform-operations', raci: 'R' },
            { activity: 'incident-management', raci: 'A' },
          ],
        },
      };
    default:
      return {
        apiVersion: 'opmodel.dev/v1alpha1',
        kind: 'FundingLine',
        metadata: { name, title: `Bench funding ${i}` },
        spec: {
          type: 'operational',
          owner: 'group:default/finance',
          currency: 'EUR',
          model: 'central',
          periods: [{ start: '2026-01-01', end: '2026-12-31', amount: 100000 }],
          allocations: [
            { target: 'platform:default/developer-platform', share: 0.5 },
          ],
        },
      };
  }
}

function writeBatch(batch, make, n) {
  const file = join(WORK, `${batch}.yaml`);
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(`---\n${yamlDoc(make(i, batch))}`);
  writeFileSync(file, `${docs.join('\n')}\n`);
  return file;
}

async function pg(database, fn) {
  const c = await connect(database);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function start() {
  return startBackend({
    entry: 'bench/catalog-backend.ts',
    port: PORT,
    prefix: PREFIX,
    token: TOKEN,
    log: LOG,
    detached: true,
    configs: [ROOT_CONFIG],
    extra: {
      // the generated files are served over HTTP and registered as url locations, as users do
      backend: { reading: { allow: [{ host: `localhost:${FILE_PORT}` }] } },
      // only the example organisation, so the bench files' refs resolve; the rest comes by API
      catalog: {
        locations: [{ type: 'file', target: '../../examples/org.yaml' }],
      },
    },
  });
}

// Processed: the processors ran to completion on it (validation, relations). Stitching into
// final_entities follows on its own schedule and occasionally defers a few entities to the next
// processing round, which would put minutes of catalog scheduling noise into a processing rate.
async function countProcessed(c, batch) {
  const { rows } = await c.query(
    `select count(*)::int as n from refresh_state where entity_ref like $1 and result_hash is not null and result_hash <> '' and errors = '[]'`,
    [`%:default/bench-${batch.toLowerCase()}-%`],
  );
  return rows[0].n;
}

async function failures(c, batch) {
  const { rows } = await c.query(
    `select entity_ref, errors from refresh_state where entity_ref like $1 and errors not in ('[]', '') limit 3`,
    [`%:default/bench-${batch.toLowerCase()}-%`],
  );
  return rows;
}

async function runBatch(batch, file, n) {
  return pg(`${PREFIX}catalog`, async c => {
    const started = performance.now();
    const res = await fetch(`http://localhost:${PORT}/api/catalog/locations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        type: 'url',
        target: `http://localhost:${FILE_PORT}/${batch}.yaml`,
      }),
    });
    if (!res.ok)
      throw new Error(`registering ${file}: ${res.status} ${await res.text()}`);
    for (;;) {
      const done = await countProcessed(c, batch);
      if (done >= n) break;
      const bad = await failures(c, batch);
      if (bad.length)
        throw new Error(
          `batch ${batch} has processing errors: ${JSON.stringify(bad).slice(
            0,
            2000,
          )}`,
        );
      if (performance.now() - started > 30 * 60_000)
        throw new Error(`batch ${batch}: ${done}/${n} after 30 min`);
      await sleep(100);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${batch.padEnd(12)} ${String(n).padStart(6)} entities in ${seconds
        .toFixed(1)
        .padStart(6)} s  (${(n / seconds).toFixed(0)}/s)`,
    );
    return seconds;
  });
}

async function main() {
  console.log(
    `catalog ingestion: ${COUNT} Components vs ${COUNT} opmodel entities (Platform, OperatingRole, FundingLine), PostgreSQL`,
  );
  const batches = [
    ['componentsA', component, 'component'],
    ['opmodelA', opmodel, 'opmodel'],
    ['opmodelB', opmodel, 'opmodel'],
    ['componentsB', component, 'component'],
  ].map(([batch, make, side]) => ({
    batch,
    side,
    n: HALF,
    file: writeBatch(batch, make, HALF),
  }));

  if (args.includes('--generate-only')) return;
  const files = createServer((req, res) => {
    try {
      res.end(readFileSync(join(WORK, req.url.replace(/[^a-zA-Z0-9.]/g, ''))));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  }).listen(FILE_PORT);
  await dropDatabases(PREFIX);
  const child = start();
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  try {
    await waitReady(child, {
      port: PORT,
      log: LOG,
      failed: () => /Error: |exited with code/.test(readFileSync(LOG, 'utf8')),
    });
    await sleep(5000); // let the example organisation settle before timing
    const totals = { component: { n: 0, s: 0 }, opmodel: { n: 0, s: 0 } };
    for (const b of batches) {
      const s = await runBatch(b.batch, b.file, b.n);
      totals[b.side].n += b.n;
      totals[b.side].s += s;
    }
    const rc = totals.component.n / totals.component.s;
    const ro = totals.opmodel.n / totals.opmodel.s;
    console.log(`Components: ${rc.toFixed(0)} entities/s`);
    console.log(`opmodel:    ${ro.toFixed(0)} entities/s`);
    console.log(
      `ratio opmodel/Components: ${((ro / rc) * 100).toFixed(
        1,
      )} % (target ≥ 90 %)`,
    );
  } finally {
    stop();
    files.close();
    await sleep(1000);
    await dropDatabases(PREFIX);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
