// What the benchmarks share: the PostgreSQL connection, fresh databases per run, and a Backstage
// backend started from a bench entry file with a generated config, on PostgreSQL.
import { spawn, spawnSync } from 'node:child_process';
import {
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(join(ROOT, 'package.json'));
const { Client } = require('pg');

export const PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: 5432,
  user: process.env.PGUSER ?? 'postgres',
};

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** A bench's working directory under artifacts/bench, created. */
export function workDir(name) {
  const dir = join(ROOT, 'artifacts', 'bench', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function connect(database) {
  const c = new Client({ ...PG, database });
  await c.connect();
  return c;
}

/** Drops every database whose name starts with `prefix` (the backend's plugin databases). */
export async function dropDatabases(prefix) {
  const c = await connect('postgres');
  try {
    const { rows } = await c.query(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const r of rows)
      await c.query(`drop database "${r.datname}" with (force)`);
  } finally {
    await c.end();
  }
}

/**
 * A memory cgroup limited to `mb` (cgroup v1 or v2), as a container runtime would make one;
 * undefined when this machine gives none (not root, or no writable memory controller). Node sizes
 * its heap from such a limit, as it would in a container.
 */
export function memoryCgroup(name, mb) {
  for (const [root, limit] of [
    ['/sys/fs/cgroup/memory', 'memory.limit_in_bytes'],
    ['/sys/fs/cgroup', 'memory.max'],
  ]) {
    const dir = join(root, name);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, limit), String(mb * 1024 * 1024));
      return dir;
    } catch {
      try {
        rmdirSync(dir);
      } catch {
        /* was never made */
      }
    }
  }
  return undefined;
}

/** Removes a cgroup made by memoryCgroup once its processes have exited. */
export function removeCgroup(dir) {
  try {
    rmdirSync(dir);
  } catch {
    /* still in use or gone */
  }
}

/**
 * Starts `entry` (a bench backend: TypeScript, run through Backstage's transpiler, or plain
 * JavaScript) with a generated config: the port, PostgreSQL under `prefix`, a static token for the
 * bench's requests, and `extra` merged on top.
 */
export function startBackend({
  entry,
  port,
  prefix,
  token,
  log,
  logFlags = 'w',
  extra = {},
  configs = [],
  nodeArgs = [],
  env = {},
  detached = false,
  cgroup,
}) {
  const config = join(dirname(log), 'app-config.bench.yaml');
  const { backend: extraBackend = {}, ...rest } = extra;
  writeFileSync(
    config,
    JSON.stringify({
      ...rest,
      backend: {
        listen: { port },
        baseUrl: `http://localhost:${port}`,
        database: {
          client: 'pg',
          prefix,
          connection: { ...PG, password: '' },
        },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'bench' } },
          ],
        },
        ...extraBackend,
      },
    }),
  );
  const out = openSync(log, logFlags);
  // where this start's output begins in the log (appended after an earlier start's, or not)
  const logOffset = fstatSync(out).size;
  // in a cgroup: a shell joins it, then becomes the backend (same pid)
  const [command, prefixArgs] = cgroup
    ? [
        '/bin/sh',
        [
          '-c',
          'echo $$ > "$0/cgroup.procs" && exec "$@"',
          cgroup,
          process.execPath,
        ],
      ]
    : [process.execPath, []];
  const child = spawn(
    command,
    [
      ...prefixArgs,
      ...nodeArgs,
      ...(entry.endsWith('.ts')
        ? [
            '--require',
            require.resolve('@backstage/cli/config/nodeTransform.cjs'),
          ]
        : []),
      join(ROOT, entry),
      ...configs.flatMap(c => ['--config', c]),
      '--config',
      config,
    ],
    {
      cwd: join(ROOT, 'packages/backend'),
      stdio: ['ignore', out, out],
      detached,
      env: { ...process.env, NODE_ENV: 'production', ...env },
    },
  );
  child.logOffset = logOffset;
  return child;
}

/**
 * Builds workspace packages (`backstage-cli package build`: dist/index.cjs.js, what their
 * published package.json points at), for a bench backend that loads them as production does.
 */
export function buildPackages(dirs) {
  // a package build bundles its declarations from dist-types/, which the repository's tsc writes
  // (a fresh checkout has none)
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, '.yarn/releases/yarn-4.13.0.cjs'), 'tsc'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (tsc.status !== 0)
    throw new Error(`yarn tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  for (const dir of dirs) {
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, '.yarn/releases/yarn-4.13.0.cjs'),
        'backstage-cli',
        'package',
        'build',
      ],
      { cwd: join(ROOT, dir), encoding: 'utf8' },
    );
    if (run.status !== 0)
      throw new Error(`building ${dir} failed:\n${run.stdout}${run.stderr}`);
  }
}

/** Waits for the backend's readiness endpoint; fails early when it exits or `failed()` says so. */
export async function waitReady(
  child,
  { port, log, seconds = 240, failed = () => false },
) {
  // a plugin that fails to start leaves the process running, answering 503; its log (from this
  // start on) says so
  const startupFailed = () => {
    try {
      return readFileSync(log)
        .subarray(child.logOffset ?? 0)
        .includes('Backend startup failed');
    } catch {
      return false;
    }
  };
  for (let i = 0; i < seconds; i++) {
    if (child.exitCode !== null || failed() || startupFailed())
      throw new Error(`backend did not start; see ${log}`);
    try {
      const res = await fetch(
        `http://localhost:${port}/.backstage/health/v1/readiness`,
      );
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(1000);
  }
  throw new Error(`backend not ready after ${seconds} s; see ${log}`);
}
