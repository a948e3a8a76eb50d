// Tracked traffic for the crash, replica and database tests: writers that post batches of unique
// events and remember which were acknowledged, readers, and the check in SQL of what was stored
// (acknowledged events missing, duplicated, half-written batches, rows from no batch, rows altered).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Histogram,
  ROOT,
  leaksIn,
  postEvents,
  request,
  require,
  sleep,
} from './harness.mjs';

const yaml = require('yaml');
const {
  parseEntityRef,
  stringifyEntityRef,
} = require('@backstage/catalog-model');

const HOUR = 3_600_000;

/** The example organisation's Components and Platforms (examples/*.yaml), as entity refs. */
export function exampleEntities() {
  const components = [];
  const platforms = [];
  for (const file of ['systems.yaml', 'platforms.yaml']) {
    for (const doc of yaml.parseAllDocuments(
      readFileSync(join(ROOT, 'examples', file), 'utf8'),
    )) {
      const e = doc.toJS();
      if (!e?.kind) continue;
      const ref = `${e.kind.toLowerCase()}:${
        e.metadata.namespace ?? 'default'
      }/${e.metadata.name}`;
      if (e.kind === 'Component') components.push(ref);
      if (e.kind === 'Platform') platforms.push(ref);
    }
  }
  return { components, platforms };
}

/** An entity ref as the scorecard stores it. */
export function normaliseRef(ref) {
  return stringifyEntityRef(parseEntityRef(ref)).toLowerCase();
}

const iso = ms => new Date(ms).toISOString();

/**
 * Makes batches of unique events under `source`: ids `<tag>-<batch>-<kind><n>`, and availability
 * samples at times no other batch uses (availability rows are keyed by entity and time). Each
 * batch spans the three event tables, so a half-written batch shows.
 */
export class BatchMaker {
  constructor({ source, tag, rnd, entities }) {
    this.source = source;
    this.tag = tag;
    this.rnd = rnd;
    this.entities = entities;
    this.count = 0;
    this.slot = 0;
    // which batch each time slot went to, so a stored row can be traced back to its batch
    this.slotOwner = [];
    // whole seconds, two days back: every sample time is in the past and distinct
    this.base = Math.floor(Date.now() / 1000) * 1000 - 48 * HOUR;
  }

  /** The batch a time this maker handed out went to, or undefined. */
  ownerOfTime(ms) {
    const slot = (this.base - ms) / 61_000;
    return Number.isInteger(slot) ? this.slotOwner[slot] : undefined;
  }

  next() {
    const { rnd } = this;
    const n = this.count++;
    const id = kind => k => `${this.tag}-${n}-${kind}${k}`;
    const time = () => {
      this.slotOwner.push(n);
      return this.base - this.slot++ * 61_000;
    };
    const deployments = Array.from({ length: rnd.int(1, 6) }, (_, k) => {
      const finished = time();
      return {
        id: id('d')(k),
        entityRef: rnd.pick(this.entities),
        environment: 'production',
        result: rnd.pick(['success', 'success', 'failure', 'rollback']),
        startedAt: iso(finished - 300_000),
        finishedAt: iso(finished),
        firstCommitAt: iso(finished - 4 * HOUR),
        url: `https://ci.fault-suite.example/${this.tag}/${n}/${k}`,
      };
    });
    const incidents = Array.from({ length: rnd.int(0, 3) }, (_, k) => {
      const triggered = time();
      return {
        id: id('i')(k),
        entityRef: rnd.pick(this.entities),
        severity: rnd.pick(['P1', 'P2', 'P3']),
        impact: rnd.pick(['outage', 'partial', 'degraded']),
        triggeredAt: iso(triggered),
        acknowledgedAt: iso(triggered + 60_000),
        resolvedAt: iso(triggered + 1_800_000),
        title: `${this.tag} ${n} ${k}`,
      };
    });
    const probes = Array.from({ length: rnd.int(1, 8) }, () => ({
      entityRef: rnd.pick(this.entities),
      time: iso(time()),
      up: rnd.chance(0.97),
    }));
    const buckets = Array.from({ length: rnd.int(0, 3) }, () => ({
      entityRef: rnd.pick(this.entities),
      start: iso(time()),
      lengthSeconds: 60,
      good: 59,
      total: 60,
    }));
    return {
      n,
      body: {
        source: this.source,
        deployments,
        incidents,
        availability: { probes, buckets },
      },
      acked: false,
      attempts: 0,
    };
  }
}

/** The rows a batch stores when written: per table, key → what the row must hold. */
export function expectedRows(body) {
  const src = body.source;
  const deployments = new Map();
  const incidents = new Map();
  const availability = new Map();
  for (const d of body.deployments ?? [])
    deployments.set(`${src}|${d.id}`, {
      entity: normaliseRef(d.entityRef),
      time: Date.parse(d.finishedAt),
    });
  for (const i of body.incidents ?? [])
    incidents.set(`${src}|${i.id}`, {
      entity: normaliseRef(i.entityRef),
      time: Date.parse(i.triggeredAt),
    });
  for (const p of body.availability?.probes ?? [])
    availability.set(
      `${src}|${normaliseRef(p.entityRef)}|${Date.parse(p.time)}`,
      {
        good: p.up ? 1 : 0,
        total: 1,
      },
    );
  for (const b of body.availability?.buckets ?? [])
    availability.set(
      `${src}|${normaliseRef(b.entityRef)}|${Date.parse(b.start)}`,
      {
        good: b.good,
        total: b.total,
      },
    );
  return { deployments, incidents, availability };
}

/**
 * Which rows a check reads: `{ sources }` (those sources), or `{ except, exceptPrefix }` (every
 * source but those, and but those starting with the prefix).
 */
function sourceCondition(filter) {
  if (filter.sources) return ['source = any($1)', [filter.sources]];
  return [
    "source <> all($1) and source not like $2 || '%'",
    [filter.except ?? [], filter.exceptPrefix ?? '\u0001'],
  ];
}

async function sequence(steps) {
  const results = [];
  for (const step of steps) results.push(await step());
  return results;
}

/** Every row stored under the sources `filter` names, keyed as expectedRows keys them. */
export async function storedRows(db, filter) {
  const [where, params] = sourceCondition(filter);
  const q = sql => db.query(sql, params).then(r => r.rows);
  // one query at a time: a client runs them in turn anyway
  const [deployments, incidents, availability, duplicated] = await sequence([
    () =>
      q(
        `select source, id, entity_ref, finished_at::text as time
           from scorecard_deployments where ${where}`,
      ),
    () =>
      q(
        `select source, id, entity_ref, triggered_at::text as time
           from scorecard_incidents where ${where}`,
      ),
    () =>
      q(
        `select source, entity_ref, start::text as start, good::text as good, total::text as total
           from scorecard_availability where ${where}`,
      ),
    // rows beyond the first per key, and markers (each event's own url or title) on more than one
    // row: the primary keys make the first impossible, which is what this checks
    () =>
      q(
        `select (select coalesce(sum(n - 1), 0) from (select count(*) n from scorecard_deployments where ${where} group by source, id having count(*) > 1) d)
            + (select coalesce(sum(n - 1), 0) from (select count(*) n from scorecard_incidents where ${where} group by source, id having count(*) > 1) i)
            + (select coalesce(sum(n - 1), 0) from (select count(*) n from scorecard_availability where ${where} group by source, entity_ref, start having count(*) > 1) a)
            + (select coalesce(sum(n - 1), 0) from (select count(*) n from scorecard_deployments where ${where} and url is not null group by url having count(*) > 1) du)
            + (select coalesce(sum(n - 1), 0) from (select count(*) n from scorecard_incidents where ${where} and title is not null group by title having count(*) > 1) it)
         as n`,
      ),
  ]);
  return {
    deployments: new Map(
      deployments.map(r => [
        `${r.source}|${r.id}`,
        { entity: r.entity_ref, time: Number(r.time) },
      ]),
    ),
    incidents: new Map(
      incidents.map(r => [
        `${r.source}|${r.id}`,
        { entity: r.entity_ref, time: Number(r.time) },
      ]),
    ),
    availability: new Map(
      availability.map(r => [
        `${r.source}|${r.entity_ref}|${r.start}`,
        { good: Number(r.good), total: Number(r.total) },
      ]),
    ),
    duplicated: Number(duplicated[0].n),
  };
}

const same = (a, b) => Object.keys(a).every(k => a[k] === b[k]);

/**
 * Compares what is stored with the batches sent. Every batch is all there or not there at all;
 * an acknowledged one all there, as sent; no row from anything else.
 */
export async function verifyBatches(db, batches, sources) {
  const stored = await storedRows(db, { sources });
  const claimed = {
    deployments: new Set(),
    incidents: new Set(),
    availability: new Set(),
  };
  const result = {
    batches: batches.length,
    acked: 0,
    ackedEvents: 0,
    missing: 0,
    halfWritten: 0,
    storedUnacked: 0,
    altered: 0,
    duplicated: stored.duplicated,
    unexpected: 0,
  };
  for (const batch of batches) {
    const expected = expectedRows(batch.body);
    let total = 0;
    let present = 0;
    for (const table of ['deployments', 'incidents', 'availability']) {
      for (const [key, want] of expected[table]) {
        total++;
        claimed[table].add(key);
        const got = stored[table].get(key);
        if (got) {
          present++;
          if (!same(want, got)) result.altered++;
        }
      }
    }
    if (batch.acked) {
      result.acked++;
      result.ackedEvents += total;
      result.missing += total - present;
    } else if (present === total && total > 0) {
      // committed, but the answer was lost (the process died, the connection dropped)
      result.storedUnacked++;
    }
    if (present > 0 && present < total) result.halfWritten++;
  }
  for (const table of ['deployments', 'incidents', 'availability'])
    for (const key of stored[table].keys())
      if (!claimed[table].has(key)) result.unexpected++;
  return result;
}

/** Adds the verification's loss figures to a report. */
export function reportIntegrity(report, v) {
  report.figure('acknowledged events missing', v.missing);
  report.figure('events duplicated', v.duplicated);
  report.figure('half-written batches', v.halfWritten);
  report.figure('stored rows from no batch sent', v.unexpected);
  report.figure('stored rows differing from what was sent', v.altered);
}

/** The answers that say the batch itself is wrong: a client drops such a batch. */
const REFUSALS = new Set([400, 413, 422]);

/**
 * Writers: each posts batch after batch until `stop()`; a batch not acknowledged (no answer, or
 * any status but those that refuse the batch itself) is sent again, the same, until it is or the
 * writers stop. With several ports, each batch goes to every port at once and counts as
 * acknowledged when any port answered 200.
 */
export function startWriters({ clients, ports, maker, onResult = () => {} }) {
  const state = {
    batches: [],
    statuses: new Histogram(),
    leaks: [],
    inflight: 0,
    acks: 0,
    refused4xx: 0,
    // the first few answers of each error status, to show what they said
    examples: new Map(),
    stopped: false,
  };
  const send = async (port, batch) => {
    state.inflight++;
    const res = await postEvents(port, batch.body);
    state.inflight--;
    state.statuses.add(res);
    onResult(res, 'write');
    if (res.status && res.status !== 200) {
      const seen = state.examples.get(res.status) ?? [];
      if (seen.length < 2)
        state.examples.set(res.status, [...seen, res.body.slice(0, 300)]);
      const leaks = leaksIn(res.body);
      if (leaks.length)
        state.leaks.push({
          status: res.status,
          leaks,
          body: res.body.slice(0, 300),
        });
    }
    return res;
  };
  const loops = Array.from({ length: clients }, async () => {
    while (!state.stopped) {
      const batch = maker.next();
      state.batches.push(batch);
      while (!state.stopped && !batch.acked) {
        batch.attempts++;
        const results = await Promise.all(ports.map(p => send(p, batch)));
        if (results.some(r => r.status === 200)) {
          batch.acked = true;
          state.acks++;
        } else if (results.every(r => REFUSALS.has(r.status))) {
          // a batch the writer made valid was refused: reported, not retried
          state.refused4xx++;
          break;
        } else {
          await sleep(200);
        }
      }
    }
  });
  state.stop = async () => {
    state.stopped = true;
    await Promise.all(loops);
  };
  return state;
}

/** Readers of the scorecard's GET endpoints for an example entity, until `stop()`. */
export function startReaders({
  clients,
  port,
  entities,
  rnd,
  onResult = () => {},
}) {
  const state = {
    statuses: new Histogram(),
    leaks: [],
    ok: 0,
    examples: new Map(),
    stopped: false,
  };
  const paths = () => {
    const ref = rnd.pick(entities);
    return rnd.pick([
      `/api/scorecard/scorecard?entityRef=${ref}`,
      `/api/scorecard/trends?entityRef=${ref}`,
      `/api/scorecard/events?entityRef=${ref}&type=deployment&limit=20`,
      `/api/scorecard/portfolio`,
    ]);
  };
  const loops = Array.from({ length: clients }, async () => {
    while (!state.stopped) {
      const res = await request(port, { path: paths() });
      state.statuses.add(res);
      onResult(res, 'read');
      if (res.status === 200) state.ok++;
      else if (res.status) {
        const seen = state.examples.get(res.status) ?? [];
        if (seen.length < 2)
          state.examples.set(res.status, [
            ...seen,
            `${res.body.slice(0, 300)}`,
          ]);
        const leaks = leaksIn(res.body);
        if (leaks.length)
          state.leaks.push({
            status: res.status,
            leaks,
            body: res.body.slice(0, 300),
          });
      }
      if (!res.status) await sleep(200);
    }
  });
  state.stop = async () => {
    state.stopped = true;
    await Promise.all(loops);
  };
  return state;
}

/** Notes what the error answers of writers and readers said (a few of each status). */
export function noteErrorExamples(report, ...clients) {
  for (const [who, state] of clients)
    for (const [status, bodies] of state.examples)
      for (const body of bodies) report.note(`${who} got ${status}: ${body}`);
}
