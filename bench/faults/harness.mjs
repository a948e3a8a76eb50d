// What the fault suite's tests share: the example backend started and stopped (or killed) as a
// process group on PostgreSQL, an HTTP client with a deadline per request, a seeded random source,
// leak detection in error bodies, and the figures each test reports.
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  PG,
  ROOT,
  connect,
  require,
  sleep,
  startBackend,
  waitReady,
  workDir,
} from '../lib.mjs';

export const PREFIX = 'opmodel_faults_';
export const SCORECARD_DB = `${PREFIX}scorecard`;
export const TOKEN = `fault-suite-${process.pid}-${Math.random()
  .toString(36)
  .slice(2)}`;
export const REQUEST_TIMEOUT_MS = 30_000;
const ENTRY = 'packages/backend/src/index.ts';

// ---- seeded randomness -------------------------------------------------------------------------

/** A small seeded generator (mulberry32) with the helpers the tests draw from. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: p => next() < p,
    pick: list => list[Math.floor(next() * list.length)],
    word: (len = int(4, 12)) =>
      Array.from(
        { length: len },
        () => 'abcdefghijklmnopqrstuvwxyz0123456789'[int(0, 35)],
      ).join(''),
  };
}

// ---- the backend -------------------------------------------------------------------------------

/**
 * One backend replica: the example backend (packages/backend) with the example's app-config and a
 * generated overlay (port, PostgreSQL under PREFIX, a static token for subject fault-suite, and
 * `overlay`). Its database connections carry application_name `opmodel-faults-<name>`, so what
 * they do can be told apart in PostgreSQL. Runs in its own process group, so a kill takes all of it.
 */
export class Backend {
  constructor({ name, port, overlay = {} }) {
    this.name = name;
    this.port = port;
    this.overlay = overlay;
    this.appName = `opmodel-faults-${name}`;
    this.log = join(workDir(`faults/${name}`), 'backend.log');
    this.child = undefined;
    this.starts = 0;
    // whether the latest start has answered its readiness check
    this.ready = false;
  }

  get pid() {
    return this.child?.pid;
  }

  get running() {
    return (
      Boolean(this.child) &&
      this.child.exitCode === null &&
      !this.child.signalCode
    );
  }

  /** Starts the process and waits until its readiness endpoint answers 200. */
  async start({ overlay } = {}) {
    if (overlay) this.overlay = overlay;
    const { backend: extraBackend = {}, ...rest } = this.overlay;
    this.child = startBackend({
      entry: ENTRY,
      port: this.port,
      prefix: PREFIX,
      token: TOKEN,
      log: this.log,
      logFlags: this.starts === 0 ? 'w' : 'a',
      configs: [join(ROOT, 'app-config.yaml')],
      detached: true,
      extra: {
        ...rest,
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: TOKEN, subject: 'fault-suite' },
              },
            ],
          },
          database: {
            client: 'pg',
            prefix: PREFIX,
            connection: { ...PG, password: '', application_name: this.appName },
          },
          ...extraBackend,
        },
      },
    });
    this.starts++;
    this.ready = false;
    const started = Date.now();
    await waitReady(this.child, {
      port: this.port,
      log: this.log,
      seconds: 180,
    });
    this.ready = true;
    return Date.now() - started;
  }

  /** What the process wrote to its log since its latest start. */
  logSinceStart() {
    return this.logSince(this.child?.logOffset ?? 0);
  }

  /** The log's size now: where what comes next will start. */
  logSize() {
    try {
      return statSync(this.log).size;
    } catch {
      return 0;
    }
  }

  logSince(offset) {
    try {
      return readFileSync(this.log).subarray(offset).toString('utf8');
    } catch {
      return '';
    }
  }

  /** SIGKILL to the whole process group, as an OOM killer or a node failure would; waits for it. */
  async kill() {
    this.ready = false;
    if (!this.running) return;
    const exited = new Promise(r => this.child.once('exit', r));
    process.kill(-this.child.pid, 'SIGKILL');
    await exited;
  }

  /** SIGTERM (a graceful shutdown), then SIGKILL if it is still there after a while. */
  async stop() {
    this.ready = false;
    if (!this.running) return;
    const exited = new Promise(r => this.child.once('exit', r));
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const done = await Promise.race([
      exited.then(() => true),
      sleep(20_000).then(() => false),
    ]);
    if (!done) await this.kill();
  }

  /** For the exit handler: no waiting, nothing thrown. */
  killNow() {
    if (!this.running) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

// ---- HTTP --------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/**
 * One request to 127.0.0.1 with a deadline. Never throws: the result has `status` (undefined when
 * no answer came), `error` ('timeout', 'ECONNREFUSED', ...), the body (up to 256 KB), its headers
 * and the time taken.
 */
export function request(
  port,
  { method = 'GET', path, body, headers = {}, timeoutMs = REQUEST_TIMEOUT_MS },
) {
  const started = performance.now();
  return new Promise(resolve => {
    let settled = false;
    let deadline;
    const finish = result => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ms: performance.now() - started, ...result });
    };
    const payload =
      body === undefined || Buffer.isBuffer(body) ? body : Buffer.from(body);
    const onResponse = res => {
      const chunks = [];
      let size = 0;
      res.on('data', chunk => {
        if (size < 256 * 1024) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        finish({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', e =>
        finish({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          error: e.code ?? e.message,
        }),
      );
    };
    let req;
    try {
      req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            authorization: `Bearer ${TOKEN}`,
            ...(payload
              ? {
                  'content-type': 'application/json',
                  'content-length': payload.length,
                }
              : {}),
            ...headers,
          },
        },
        onResponse,
      );
    } catch (e) {
      finish({ error: e.code ?? e.message });
      return;
    }
    deadline = setTimeout(() => {
      finish({ error: 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('error', e => finish({ error: e.code ?? e.message }));
    if (payload) req.write(payload);
    req.end();
  });
}

export const postEvents = (port, body, init = {}) =>
  request(port, {
    method: 'POST',
    path: '/api/scorecard/events',
    body:
      typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : JSON.stringify(body),
    ...init,
  });

// ---- what an error body must not carry ---------------------------------------------------------

const LEAKS = [
  [
    'SQL text',
    /\bselect\s+[\s\S]{0,200}?\bfrom\b|\binsert\s+into\b|\bupdate\s+"?\w+"?\s+set\b|\bdelete\s+from\b|\bon\s+conflict\b/i,
  ],
  [
    'stack frame',
    /\bat\s+[\w$.<>]+\s+\([^)]*:\d+:\d+\)|\bat\s+\/[^\s]+:\d+:\d+|"stack"\s*:/,
  ],
  ['knex', /\bknex\b/i],
  ['pg', /\bpg\b|\bpg_\w+|node_modules\/pg/i],
];

/** What kinds of internals a response body shows (SQL, stack frames, knex, pg), if any. */
export function leaksIn(body) {
  if (!body) return [];
  return LEAKS.filter(([, re]) => re.test(body)).map(([what]) => what);
}

/**
 * Why requests failed, as the backend logged it: the distinct endings of its "<METHOD> <path>
 * failed <error>" lines (the database error after the SQL), with how often each came.
 */
export function failureReasons(log) {
  const reasons = new Map();
  for (const line of log.split('\n')) {
    if (!line.includes('"level":"error"')) continue;
    let message;
    try {
      message = JSON.parse(line).message ?? '';
    } catch {
      continue;
    }
    const m = /^(GET|POST|PUT|DELETE) (\S+) failed ([\s\S]*)$/.exec(message);
    if (!m) continue;
    const reason = m[3].includes(' - ')
      ? m[3].slice(m[3].lastIndexOf(' - ') + 3)
      : m[3].slice(0, 160);
    const key = `${m[1]} ${m[2].split('?')[0]}: ${reason}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  return [...reasons].map(([reason, n]) => `${reason} (${n})`);
}

// ---- figures -----------------------------------------------------------------------------------

/**
 * A test's outcome: what was tried, its figures (each a count; `zero: true` when anything but zero
 * is a failure) and notes. PASS when every must-be-zero figure is zero.
 */
export class Report {
  constructor(title) {
    this.title = title;
    this.tried = [];
    this.figures = [];
    this.notes = [];
  }

  try(line) {
    this.tried.push(line);
    console.log(`  tried: ${line}`);
  }

  figure(label, value, { zero = true } = {}) {
    this.figures.push({ label, value, zero });
  }

  note(line) {
    this.notes.push(line);
    console.log(`  note: ${line}`);
  }

  get failed() {
    return this.figures.filter(f => f.zero && f.value !== 0);
  }

  print() {
    for (const f of this.figures) {
      const mark = f.zero ? (f.value === 0 ? 'ok  ' : 'FAIL') : '    ';
      console.log(`  ${mark} ${f.label}: ${f.value}`);
    }
    console.log(`  => ${this.failed.length === 0 ? 'PASS' : 'FAIL'}`);
  }
}

/** A histogram of outcomes, keyed by status code or error name. */
export class Histogram {
  constructor() {
    this.counts = new Map();
  }

  add(result) {
    const key = result.status ?? result.error ?? 'no answer';
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  toString() {
    return (
      [...this.counts]
        .sort(([a], [b]) => String(a).localeCompare(String(b)))
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ') || '(none)'
    );
  }
}

// ---- PostgreSQL --------------------------------------------------------------------------------

/** Runs `fn` with a fresh connection to the scorecard's database, closed afterwards. */
export async function withScorecardDb(fn) {
  const db = await connect(SCORECARD_DB);
  try {
    return await fn(db);
  } finally {
    await db.end().catch(() => {});
  }
}

/** Runs `fn` with a fresh connection to the maintenance database (outside the backend's). */
export async function withAdminDb(fn) {
  const db = await connect('postgres');
  try {
    return await fn(db);
  } finally {
    await db.end().catch(() => {});
  }
}

/** Polls `check` until it returns something truthy; fails after `seconds`. */
export async function waitFor(
  what,
  check,
  { seconds = 60, everyMs = 250 } = {},
) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export { sleep, require, ROOT };
