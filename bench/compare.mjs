#!/usr/bin/env node
// Runs the scorecard's reads on the builds of two revisions (a base and HEAD, each from a clean
// checkout), one after the other on the same data, and prints their figures side by side: what a
// change costs or saves, as ratios within one run (this machine is shared; absolute figures move
// between runs).
//
//   bash scripts/opm bench compare --base <revision> [--head <revision>] [--keep]
//
// The data is bench/scorecard.mjs's (loaded once with --load-only). The builds take turns in
// ABBA order, each round on a freshly started backend: sequential reads of one Component's and
// one Platform's scorecard, the portfolio with every platform computed and read again, and the
// full snapshot.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import {
  ROOT,
  dropDatabases,
  sleep,
  startBackend,
  waitReady,
  workDir,
} from './lib.mjs';
import {
  SCORECARD_BENCH_PREFIX,
  scorecardBenchConfig,
} from './scorecardBenchConfig.mjs';

const { packageDirs } = createRequire(import.meta.url)('./built.cjs');
const args = process.argv.slice(2);
const BASE = args.includes('--base') ? args[args.indexOf('--base') + 1] : '';
if (!BASE) {
  console.error('usage: bash scripts/opm bench compare --base <revision>');
  process.exit(2);
}
const HEAD = args.includes('--head')
  ? args[args.indexOf('--head') + 1]
  : 'HEAD';
const KEEP = args.includes('--keep');
const PORT = 7028;
const TOKEN = `compare-${process.pid}`;
const WORK = workDir('compare');
const LOG = join(WORK, 'backend.log');
const DAY = 86_400_000;
const PLATFORMS = 100;
const COMPONENTS = 9900;

const fmt = n => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const mean = values => values.reduce((a, b) => a + b, 0) / values.length;
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${command} ${commandArgs.join(' ')} failed in ${cwd}:\n${result.stdout}${
        result.stderr
      }`,
    );
}

/**
 * The dependencies of a checkout of another revision: this checkout's node_modules entry by entry
 * (the third-party packages the two builds load are the same, so the comparison is of opmodel's
 * own code), except the workspace links of `@opmodel/…`, which point at that checkout's packages.
 */
function linkDependencies(dir) {
  const modules = join(ROOT, 'node_modules');
  mkdirSync(join(dir, 'node_modules/@opmodel'), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry !== '@opmodel')
      symlinkSync(join(modules, entry), join(dir, 'node_modules', entry));
  }
  for (const name of readdirSync(join(modules, '@opmodel'))) {
    const target = realpathSync(join(modules, '@opmodel', name));
    symlinkSync(
      join(dir, relative(ROOT, target)),
      join(dir, 'node_modules/@opmodel', name),
    );
  }
  for (const parent of ['plugins', 'packages']) {
    for (const name of readdirSync(join(ROOT, parent))) {
      const from = join(ROOT, parent, name, 'node_modules');
      const to = join(dir, parent, name, 'node_modules');
      if (existsSync(from) && existsSync(join(to, '..')) && !existsSync(to))
        symlinkSync(from, to);
    }
  }
}

/** A checkout of `revision` beside this one, its scorecard packages built as this checkout's are. */
function buildRevision(revision) {
  const commit = execFileSync('git', ['rev-parse', '--short', revision], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const dir = join(WORK, `rev-${commit}`);
  if (existsSync(dir)) run('git', ['worktree', 'remove', '--force', dir], ROOT);
  run('git', ['worktree', 'add', '--detach', dir, commit], ROOT);
  linkDependencies(dir);
  // a package build bundles its declarations from dist-types/, which the repository's tsc writes
  run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc')], dir);
  for (const pkg of packageDirs)
    run(
      process.execPath,
      [
        join(dir, 'node_modules/@backstage/cli/bin/backstage-cli'),
        'package',
        'build',
      ],
      join(dir, pkg),
    );
  return { commit, dir };
}

const api = (path, init = {}) =>
  fetch(`http://localhost:${PORT}/api/scorecard${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) },
  });

async function latencies(n, path) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await api(path(i));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path(i)}: ${res.status}`);
    out.push(performance.now() - started);
  }
  return out.sort((a, b) => a - b);
}

/** The snapshot task, triggered; its own log line says how long it took. */
async function snapshotMs() {
  const res = await api(
    '/.backstage/scheduler/v1/tasks/scorecard-snapshots/trigger',
    { method: 'POST' },
  );
  if (!res.ok) throw new Error(`trigger: ${res.status}`);
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const line =
      /stored scorecard snapshots of \d+ entities for \d+ day\(s\) in (\d+) ms/.exec(
        readFileSync(LOG, 'utf8'),
      );
    if (line) return Number(line[1]);
    if (Date.now() > deadline) throw new Error('the snapshot did not finish');
    await sleep(100);
  }
}

/**
 * A backend on `buildRoot`'s packages, started, given `measure` to run against it, and stopped.
 */
async function withBackend(buildRoot, measure) {
  const child = startBackend({
    entry: 'bench/scorecard-backend.cjs',
    port: PORT,
    prefix: SCORECARD_BENCH_PREFIX,
    token: TOKEN,
    log: LOG,
    env: { OPMODEL_BENCH_BUILD_ROOT: buildRoot },
    extra: scorecardBenchConfig(PORT),
  });
  try {
    await waitReady(child, { port: PORT, log: LOG, seconds: 180 });
    return await measure();
  } finally {
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** One round's figures: sequential reads, the portfolio and the snapshot. */
async function measureRound(index) {
  await latencies(20, i => `/scorecard?entityRef=component:default/c-${i}`);
  const component = await latencies(
    300,
    i => `/scorecard?entityRef=component:default/c-${(i * 31) % COMPONENTS}`,
  );
  const platform = await latencies(
    50,
    i => `/scorecard?entityRef=platform:default/p-${i % PLATFORMS}`,
  );
  // window lengths no earlier round asked for, so every platform is computed
  const computed = await latencies(10, i => {
    const to = Date.now() - 3_600_000;
    const from = to - 28 * DAY - (index * 10 + i + 1) * 60_000;
    return `/portfolio?from=${new Date(from).toISOString()}&to=${new Date(
      to,
    ).toISOString()}`;
  });
  await latencies(1, () => '/portfolio');
  const again = await latencies(20, () => '/portfolio');
  return {
    'one scorecard p50 (ms)': pct(component, 0.5),
    'one scorecard p95 (ms)': pct(component, 0.95),
    'one platform scorecard p50 (ms)': pct(platform, 0.5),
    'portfolio, every platform computed, p50 (ms)': pct(computed, 0.5),
    'portfolio read again p50 (ms)': pct(again, 0.5),
    'snapshot of every entity (ms)': await snapshotMs(),
  };
}

async function main() {
  const base = buildRevision(BASE);
  const head = buildRevision(HEAD);
  console.log(`built ${base.commit} (base) and ${head.commit} (head)`);
  // the data: bench/scorecard.mjs's bulk load, once
  const load = spawnSync(
    process.execPath,
    [join(ROOT, 'bench/scorecard.mjs'), '--load-only'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (load.status !== 0) throw new Error('loading the bench data failed');
  // the first snapshot fills every day since the backfill limit; the rounds' snapshots then
  // recompute the same day, as the nightly run does
  await withBackend(head.dir, snapshotMs);

  const results = { base: [], head: [] };
  const order = ['head', 'base', 'base', 'head'];
  for (const [index, which] of order.entries()) {
    const figures = await withBackend(
      (which === 'base' ? base : head).dir,
      () => measureRound(index),
    );
    results[which].push(figures);
    console.log(`round ${index + 1} (${which}) done`);
  }

  const names = Object.keys(results.head[0]);
  const width = Math.max(...names.map(n => n.length));
  console.log(
    `\n${'mean of two rounds each'.padEnd(
      width,
    )}  ${`base ${base.commit}`.padStart(14)}  ${`head ${head.commit}`.padStart(
      14,
    )}  head/base`,
  );
  for (const name of names) {
    const b = mean(results.base.map(r => r[name]));
    const h = mean(results.head.map(r => r[name]));
    console.log(
      `${name.padEnd(width)}  ${fmt(b).padStart(14)}  ${fmt(h).padStart(
        14,
      )}  ${fmt((h / b) * 100).padStart(7)} %`,
    );
  }
}

main()
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (KEEP) return;
    await dropDatabases(SCORECARD_BENCH_PREFIX);
    // the other revision's checkout, registered with git, goes with the run
    const worktrees = existsSync(WORK) ? readdirSync(WORK) : [];
    for (const name of worktrees.filter(n => n.startsWith('rev-')))
      spawnSync('git', ['worktree', 'remove', '--force', join(WORK, name)], {
        cwd: ROOT,
      });
  });
