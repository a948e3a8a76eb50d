// Test 1: hostile and fuzzed batches, and hostile read parameters.
//
// A seeded generator makes batches: valid ones (some in unusual but valid spellings), mutated ones
// (wrong types, huge numbers, NUL characters, unpaired surrogates, deep nesting, enormous strings,
// missing fields, duplicate ids, future times, resolution before trigger, unknown entities,
// prototype-pollution keys, ...), replays of earlier batches, and hostile bodies (not JSON, not an
// object, wrong content type or encoding, over the size or count limits). They are posted with
// bounded concurrency; then the scorecard's tables are read in SQL: everything of each accepted
// batch must be there, nothing of a refused one.
import {
  Histogram,
  REQUEST_TIMEOUT_MS,
  Report,
  leaksIn,
  postEvents,
  random,
  request,
} from './harness.mjs';
import {
  BatchMaker,
  expectedRows,
  normaliseRef,
  storedRows,
} from './tracked.mjs';

export const FUZZ_SOURCE = 'fault-suite-fuzz';
const MB = 1024 * 1024;
const MAX_BODY = 5 * MB;

const MAX_LENGTH = {
  id: 255,
  entityRef: 255,
  environment: 100,
  severity: 50,
  title: 500,
  url: 2000,
  fixesIncident: 255,
  causedByDeployment: 255,
};
const FIELDS = {
  deployments: {
    required: ['id', 'entityRef', 'environment', 'result', 'finishedAt'],
    optional: ['startedAt', 'firstCommitAt', 'url'],
    strings: ['id', 'entityRef', 'environment', 'url'],
    times: ['finishedAt', 'startedAt', 'firstCommitAt'],
  },
  incidents: {
    required: ['id', 'entityRef', 'severity', 'impact', 'triggeredAt'],
    optional: ['acknowledgedAt', 'resolvedAt', 'title'],
    strings: ['id', 'entityRef', 'severity', 'title'],
    times: ['triggeredAt', 'acknowledgedAt', 'resolvedAt'],
  },
  probes: {
    required: ['entityRef', 'time', 'up'],
    optional: [],
    strings: ['entityRef'],
    times: ['time'],
  },
  buckets: {
    required: ['entityRef', 'start', 'lengthSeconds', 'good', 'total'],
    optional: [],
    strings: ['entityRef'],
    times: ['start'],
  },
};

/** The lists of a batch, by kind. */
const listOf = (body, kind) => {
  const holder =
    kind === 'probes' || kind === 'buckets' ? body.availability : body;
  return holder && typeof holder === 'object' ? holder[kind] : undefined;
};

/**
 * One fuzz case in the making: a body object, and raw JSON text to put in place of marker values
 * once it is serialised (deep nesting, prototype keys, number literals JSON.stringify cannot write).
 */
class Case {
  constructor(n, body) {
    this.n = n;
    this.body = body;
    this.tags = [];
    this.expect = 'accept';
    this.raw = new Map();
    this.headers = {};
    this.text = undefined;
    this.aliases = [];
  }

  refuse(tag, expect = 'reject') {
    this.tags.push(tag);
    if (this.expect !== 'too-large') this.expect = expect;
  }

  variant(tag) {
    this.tags.push(tag);
  }

  /** A marker value that serialises to `json` instead. */
  rawValue(json) {
    const marker = `\u0001raw${this.raw.size}\u0001`;
    this.raw.set(JSON.stringify(marker), json);
    return marker;
  }

  /** A marker property that serialises to `"key": json` instead. */
  rawProperty(target, key, json) {
    const marker = `\u0001prop${this.raw.size}\u0001`;
    target[marker] = marker;
    this.raw.set(
      `${JSON.stringify(marker)}:${JSON.stringify(marker)}`,
      `${JSON.stringify(key)}:${json}`,
    );
  }

  serialise() {
    if (this.text !== undefined) return this.text;
    let text = JSON.stringify(this.body);
    for (const [marker, json] of this.raw) text = text.split(marker).join(json);
    return text;
  }
}

/**
 * Picks an event of the batch (of `kinds`), taking one from a fresh batch when the batch has none
 * (that batch's number is then an alias of this case). When earlier mutations left no list to
 * pick from, the event is a detached object and the mutation changes nothing.
 */
function pickEvent(c, rnd, maker, kinds = Object.keys(FIELDS)) {
  const usable = kinds.filter(k => Array.isArray(listOf(c.body, k)));
  if (usable.length === 0) return { kind: kinds[0], list: [], event: {} };
  const withEvents = usable.filter(k => listOf(c.body, k).length > 0);
  const kind = withEvents.length ? rnd.pick(withEvents) : rnd.pick(usable);
  const list = listOf(c.body, kind);
  if (list.length === 0) {
    const donor = maker.next();
    c.aliases.push(donor.n);
    const from = listOf(donor.body, kind);
    list.push(...(from.length ? from : makeOne(kind, donor.body)));
  }
  return { kind, list, event: rnd.pick(list) };
}

/** An event of `kind` made from a batch's first deployment, for batches that have none. */
function makeOne(kind, donor) {
  const d = donor.deployments[0];
  const t = Date.parse(d.finishedAt);
  if (kind === 'incidents')
    return [
      {
        id: `${d.id}-i`,
        entityRef: d.entityRef,
        severity: 'P2',
        impact: 'partial',
        triggeredAt: d.startedAt,
        resolvedAt: d.finishedAt,
        title: `${d.id} made`,
      },
    ];
  if (kind === 'buckets')
    return [
      {
        entityRef: d.entityRef,
        start: new Date(t - 120_000).toISOString(),
        lengthSeconds: 60,
        good: 60,
        total: 60,
      },
    ];
  return [{ entityRef: d.entityRef, time: d.startedAt, up: true }];
}

/**
 * `value` (a time an earlier mutation may have spoilt) moved by `ms`, as ISO text; a spoilt time
 * counts as a few days ago.
 */
function shifted(value, ms) {
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  const base =
    Number.isFinite(t) && Math.abs(t) < 8.64e15 - 1e10
      ? t
      : Date.now() - 3 * 86_400_000;
  return new Date(base + ms).toISOString();
}

// numbers past what each bucket field allows (a count is a whole number up to a trillion; a
// bucket lasts whole seconds, at most a day)
const OUT_OF_RANGE = {
  good: [1e300, 2 ** 53 + 1, -1, 1.5, 1e12 + 1, Number.MAX_VALUE],
  total: [1e300, 2 ** 53 + 1, -1, 1.5, 1e12 + 1, Number.MAX_VALUE],
  lengthSeconds: [0, -5, 86401, 1.5, 1e300, 2 ** 53 + 1],
};

const FUTURE_MS = [10 * 60_000, 3_600_000, 86_400_000, 3650 * 86_400_000];
const BAD_TIMES = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-20T10:00:00',
  '2026-11-20',
  'yesterday',
  '',
  '2026-11-20T25:00:00Z',
  '2026-11-20T10:00:60Z',
  '2026-11-20T10:00:00+24:00',
  '0099-01-01T00:00:00Z',
];
const WRONG_TYPES = [42, -1.5, true, null, [], {}, ['a'], { $gt: '' }];

/** The mutations: each makes the batch invalid in one way. */
const MUTATIONS = {
  wrongType(c, rnd, maker) {
    if (rnd.chance(0.1)) {
      c.body.source = rnd.pick(WRONG_TYPES);
      return;
    }
    if (rnd.chance(0.1)) {
      c.body[rnd.pick(['deployments', 'incidents'])] = rnd.pick([
        {},
        'x',
        7,
        true,
      ]);
      return;
    }
    const { kind, event } = pickEvent(c, rnd, maker);
    const field = rnd.pick(FIELDS[kind].required);
    event[field] =
      field === 'up'
        ? rnd.pick(['true', 1, null, 'yes'])
        : typeof event[field] === 'number'
        ? rnd.pick(['60', true, null, [], {}])
        : rnd.pick(WRONG_TYPES);
  },
  hugeNumber(c, rnd, maker) {
    const { event, kind } = pickEvent(c, rnd, maker, [
      'buckets',
      'deployments',
    ]);
    if (kind === 'buckets') {
      const field = rnd.pick(['good', 'total', 'lengthSeconds']);
      event[field] = rnd.chance(0.3)
        ? c.rawValue(
            rnd.pick([
              '1e999',
              '-1e999',
              '1' + '0'.repeat(400),
              '123456789012345678901234567890',
            ]),
          )
        : rnd.pick(OUT_OF_RANGE[field]);
    } else {
      event.finishedAt = rnd.pick([Number.MAX_SAFE_INTEGER, 1e300, -1]);
    }
  },
  nul(c, rnd, maker) {
    if (rnd.chance(0.1)) {
      c.body.source = `${FUZZ_SOURCE}\u0000`;
      return;
    }
    const { kind, event } = pickEvent(c, rnd, maker);
    const field = rnd.pick(FIELDS[kind].strings);
    const value = String(event[field] ?? 'x');
    const at = rnd.int(0, value.length);
    event[field] = `${value.slice(0, at)}\u0000${value.slice(at)}`;
  },
  surrogate(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker);
    const field = rnd.pick(FIELDS[kind].strings);
    const value = String(event[field] ?? 'x');
    const at = rnd.int(0, value.length);
    event[field] = `${value.slice(0, at)}${rnd.pick([
      '\ud800',
      '\udfff',
      '\udbff',
      '\udc00\ud800',
    ])}${value.slice(at)}`;
  },
  deepNesting(c, rnd, maker) {
    const depth = rnd.pick([100, 1000, 10_000, 100_000]);
    const nested = rnd.chance(0.5)
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    if (rnd.chance(0.2)) {
      c.body.availability = c.rawValue(nested);
      return;
    }
    const { kind, event } = pickEvent(c, rnd, maker);
    event[rnd.pick(FIELDS[kind].required)] = c.rawValue(nested);
  },
  enormousString(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker, [
      'deployments',
      'incidents',
    ]);
    const field = rnd.pick(FIELDS[kind].strings);
    const length = rnd.chance(0.85)
      ? rnd.pick([MAX_LENGTH[field] + 1, 10_000, 100_000])
      : rnd.pick([1_000_000, 3_000_000]);
    event[field] = `${event[field] ?? ''}${'x'.repeat(length)}`;
  },
  missingField(c, rnd, maker) {
    if (rnd.chance(0.1)) {
      delete c.body.source;
      return;
    }
    const { kind, event } = pickEvent(c, rnd, maker);
    delete event[rnd.pick(FIELDS[kind].required)];
  },
  duplicateId(c, rnd, maker) {
    const { list, event } = pickEvent(c, rnd, maker);
    list.splice(rnd.int(0, list.length), 0, { ...event });
  },
  futureTime(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker);
    const field = rnd.pick(FIELDS[kind].times);
    event[field] = new Date(Date.now() + rnd.pick(FUTURE_MS)).toISOString();
  },
  outOfOrder(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker, [
      'incidents',
      'deployments',
    ]);
    if (kind === 'incidents') {
      const field = rnd.pick(['resolvedAt', 'acknowledgedAt']);
      event[field] = shifted(event.triggeredAt, -rnd.int(1, 86_400) * 1000);
    } else {
      event.startedAt = shifted(event.finishedAt, rnd.int(1, 3600) * 1000);
    }
  },
  unknownEntity(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker);
    event.entityRef = rnd.pick([
      `component:default/no-such-${rnd.word()}`,
      `component:nowhere/${rnd.word()}`,
      `platform:default/${rnd.word()}`,
      'not a ref',
      'component:',
      ':/',
      'a:b/c/d',
    ]);
  },
  prototypeKey(c, rnd, maker) {
    let target = rnd.chance(0.4)
      ? c.body
      : rnd.chance(0.2)
      ? c.body.availability
      : pickEvent(c, rnd, maker).event;
    if (!target || typeof target !== 'object' || Array.isArray(target))
      target = c.body;
    const [key, json] = rnd.pick([
      ['__proto__', '{"polluted":"fault-suite","isAdmin":true}'],
      ['__proto__', 'null'],
      ['constructor', '{"prototype":{"polluted":"fault-suite"}}'],
      ['prototype', '{"polluted":"fault-suite"}'],
    ]);
    c.rawProperty(target, key, json);
  },
  invalidTime(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker);
    event[rnd.pick(FIELDS[kind].times)] = rnd.pick(BAD_TIMES);
  },
  unknownField(c, rnd, maker) {
    if (rnd.chance(0.3)) {
      c.body[rnd.pick(['foo', 'Source', 'events', 'toString'])] = rnd.word();
      return;
    }
    const { event } = pickEvent(c, rnd, maker);
    event[rnd.pick(['foo', 'entity_ref', 'Id', 'source', 'toString'])] =
      rnd.word();
  },
  badEnum(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker, [
      'deployments',
      'incidents',
    ]);
    event[kind === 'deployments' ? 'result' : 'impact'] = rnd.pick([
      'succeeded',
      'FAILURE',
      '',
      'rollback ',
      'toString',
    ]);
  },
  emptyString(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker);
    event[rnd.pick(FIELDS[kind].strings)] = '';
  },
  goodOverTotal(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker, ['buckets']);
    event.good = event.total + rnd.int(1, 100);
  },
  badSource(c, rnd) {
    c.body.source = rnd.pick([
      '',
      ` ${FUZZ_SOURCE}`,
      'fault suite',
      '-fault-suite',
      `${FUZZ_SOURCE}\n`,
      'x'.repeat(101),
      `${FUZZ_SOURCE}?`,
    ]);
  },
};

/** Valid but unusual spellings: the batch stays acceptable. */
const VARIANTS = {
  refCase(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker);
    if (typeof event.entityRef !== 'string') return;
    event.entityRef = event.entityRef.replace(/[a-z]/g, ch =>
      rnd.chance(0.5) ? ch.toUpperCase() : ch,
    );
  },
  refWithoutNamespace(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker);
    if (typeof event.entityRef !== 'string') return;
    event.entityRef = event.entityRef.replace(':default/', ':');
  },
  timeWithOffset(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker);
    const field = FIELDS[kind].times[0];
    const ms = Date.parse(event[field]);
    if (!Number.isFinite(ms)) return;
    const hours = rnd.int(-11, 12);
    const sign = hours < 0 ? '-' : '+';
    const local = new Date(ms + hours * 3_600_000).toISOString().slice(0, 19);
    event[field] = `${local}${sign}${String(Math.abs(hours)).padStart(
      2,
      '0',
    )}:00`;
  },
  fractionalSeconds(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker);
    const field = FIELDS[kind].times[0];
    if (typeof event[field] !== 'string') return;
    event[field] = event[field].replace(
      /\.\d+Z$/,
      `.${rnd.pick(['0', '000000', '000000000'])}Z`,
    );
  },
  withoutOptional(c, rnd, maker) {
    const { kind, event } = pickEvent(c, rnd, maker, [
      'deployments',
      'incidents',
    ]);
    for (const f of FIELDS[kind].optional) if (rnd.chance(0.7)) delete event[f];
  },
  commits(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker, ['deployments']);
    if (event.commits) return;
    const first = event.firstCommitAt ?? event.finishedAt;
    event.commits = [
      { sha: rnd.word(40), time: first },
      { sha: rnd.word(40), time: event.finishedAt },
    ];
    delete event.firstCommitAt;
  },
  longestId(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker, ['deployments', 'incidents']);
    if (typeof event.id === 'string' && event.id.length < 255)
      event.id = `${event.id}-`.padEnd(255, 'z');
  },
  unicode(c, rnd, maker) {
    const { event } = pickEvent(c, rnd, maker, ['incidents']);
    event.title = `${
      event.title ?? 'incident'
    } ✓ 😀 ‏עברית‎ 日本語 \u00e9\u0301`;
  },
  empty(c) {
    c.body.deployments = [];
    c.body.incidents = [];
    c.body.availability = { probes: [], buckets: [] };
  },
};

/** Hostile bodies: the whole request is wrong, not a field. */
function hostileBody(c, rnd) {
  const kind = rnd.pick([
    'notJson',
    'notJson',
    'notAnObject',
    'notAnObject',
    'emptyBody',
    'wrongContentType',
    'badEncoding',
    'deepTop',
    'manyKeys',
    'duplicateJsonKeys',
    'tooManyEvents',
    'oversized',
  ]);
  c.tags.push(kind);
  switch (kind) {
    case 'notJson':
      c.expect = 'reject';
      c.text = rnd.pick([
        '{',
        '{"source":',
        'source=fault-suite-fuzz',
        '\u0000\u0001\u0002',
        "{'source':'fault-suite-fuzz'}",
        `{"source":"${FUZZ_SOURCE}",}`,
        Buffer.from(
          Array.from({ length: rnd.int(1, 2000) }, () => rnd.int(0, 255)),
        ),
      ]);
      break;
    case 'notAnObject':
      c.expect = 'reject';
      c.text = rnd.pick([
        '[]',
        `[${JSON.stringify(c.body)}]`,
        'null',
        '42',
        '"text"',
        'true',
      ]);
      break;
    case 'emptyBody':
      c.expect = 'reject';
      c.text = '';
      break;
    case 'wrongContentType':
      c.expect = 'reject';
      c.headers['content-type'] = rnd.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
      ]);
      break;
    case 'badEncoding':
      c.expect = 'reject';
      c.headers['content-encoding'] = rnd.pick([
        'gzip',
        'deflate',
        'x-bogus',
        'br',
      ]);
      break;
    case 'deepTop': {
      c.expect = 'reject';
      const depth = rnd.pick([1000, 100_000, 1_000_000]);
      c.text = '['.repeat(depth) + ']'.repeat(depth);
      break;
    }
    case 'manyKeys':
      c.expect = 'reject';
      for (let i = 0; i < rnd.pick([1000, 100_000]); i++) c.body[`k${i}`] = i;
      break;
    case 'duplicateJsonKeys':
      // JSON.parse keeps the last of repeated keys; so does the check of what was stored
      c.text = `{"source":"other-source",${JSON.stringify(c.body).slice(1)}`;
      break;
    case 'tooManyEvents':
      c.expect = 'too-large';
      c.body.availability.probes = Array.from(
        { length: rnd.int(5001, 6000) },
        (_, i) => ({
          entityRef: c.body.deployments[0].entityRef,
          time: new Date(
            Date.parse(c.body.deployments[0].finishedAt) - (i + 1) * 7,
          ).toISOString(),
          up: true,
        }),
      );
      break;
    case 'oversized':
      c.expect = 'too-large';
      c.body.deployments[0].url = `https://x.example/${'y'.repeat(
        rnd.int(MAX_BODY, MAX_BODY + 2 * MB),
      )}`;
      break;
  }
}

/** The next case of a run: the same seed gives the same cases in the same order. */
export function makeCase(rnd, maker, earlierValid) {
  // numbered as the maker numbers its batches, whose ids carry the number
  const made = maker.next();
  const c = new Case(made.n, made.body);
  const r = rnd.next();
  if (r < 0.03 && earlierValid.length) {
    // the same bytes again: idempotent, changes nothing
    const original = rnd.pick(earlierValid);
    c.tags.push('replay');
    c.text = original.text;
    c.replayOf = original.n;
    return c;
  }
  if (r < 0.13) {
    hostileBody(c, rnd);
    return c;
  }
  if (r < 0.5) {
    for (let i = rnd.int(0, 2); i > 0; i--) {
      const [name, fn] = rnd.pick(Object.entries(VARIANTS));
      if (c.tags.includes(name)) continue;
      c.variant(name);
      fn(c, rnd, maker);
    }
    if (!c.tags.length) c.tags.push('valid');
    return c;
  }
  for (let i = rnd.int(1, 3); i > 0; i--) {
    const [name, fn] = rnd.pick(Object.entries(MUTATIONS));
    c.refuse(name);
    fn(c, rnd, maker);
  }
  return c;
}

const isAccepted = s => s >= 200 && s < 300;

/** Runs the fuzzer against `port`, then checks the tables. */
export async function fuzzBatches({
  port,
  seed,
  count,
  concurrency,
  entities,
  db,
}) {
  const report = new Report('1a. hostile and fuzzed batches');
  const rnd = random(seed);
  const maker = new BatchMaker({
    source: FUZZ_SOURCE,
    tag: `fz${seed}`,
    rnd,
    entities,
  });
  const statuses = new Histogram();
  const byTag = new Map();
  const earlierValid = [];
  const accepted = [];
  const refused = new Set();
  let refusedCases = 0;
  const counts = {
    fivexx: 0,
    hung: 0,
    noAnswer: 0,
    invalidAccepted: 0,
    validRefused: 0,
    leaky: 0,
  };
  const examples = {
    fivexx: [],
    invalidAccepted: [],
    validRefused: [],
    leaky: [],
    noAnswer: [],
  };
  const keep = (list, item) => list.length < 3 && list.push(item);
  let bytes = 0;
  let next = 0;

  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const c = makeCase(rnd, maker, earlierValid);
        const text = c.serialise();
        c.text = text;
        if (c.expect === 'accept' && !c.replayOf && text.length < 100_000)
          earlierValid.push(c);
        if (earlierValid.length > 50) earlierValid.shift();
        bytes += text.length;
        const res = await postEvents(port, text, { headers: c.headers });
        statuses.add(res);
        const label = `${c.tags.join('+')}`;
        for (const tag of c.tags) {
          const t = byTag.get(tag) ?? new Histogram();
          t.add(res);
          byTag.set(tag, t);
        }
        const what = {
          n: c.n,
          tags: label,
          status: res.status ?? res.error,
          body: (res.body ?? '').slice(0, 240),
        };
        if (res.error === 'timeout') counts.hung++;
        else if (!res.status) {
          counts.noAnswer++;
          keep(examples.noAnswer, what);
        }
        if (res.status >= 500) {
          counts.fivexx++;
          keep(examples.fivexx, what);
        }
        if (res.status && !isAccepted(res.status) && leaksIn(res.body).length) {
          counts.leaky++;
          keep(examples.leaky, { ...what, leaks: leaksIn(res.body) });
        }
        if (isAccepted(res.status)) {
          if (c.expect !== 'accept') {
            counts.invalidAccepted++;
            keep(examples.invalidAccepted, what);
          }
          // what the server parsed: the same bytes, decoded and parsed as it does
          const parsed = JSON.parse(
            Buffer.isBuffer(text) ? text.toString('utf8') : text,
          );
          accepted.push({ n: c.n, rows: expectedRows(parsed) });
        } else {
          if (c.expect === 'accept' && res.status) {
            counts.validRefused++;
            keep(examples.validRefused, what);
          }
          refusedCases++;
          refused.add(c.n);
          for (const alias of c.aliases) refused.add(alias);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  // what is stored: every source but the demo module's and the suite's warm-up
  const stored = await storedRows(db, {
    except: ['fault-suite-warmup'],
    exceptPrefix: 'demo-',
  });
  const expected = {
    deployments: new Map(),
    incidents: new Map(),
    availability: new Map(),
  };
  for (const a of accepted)
    for (const table of Object.keys(expected))
      for (const [k, v] of a.rows[table]) expected[table].set(k, v);
  let missing = 0;
  let altered = 0;
  let unexpected = 0;
  const leakedFrom = new Set();
  const batchOfRow = (table, key) => {
    if (table === 'availability')
      return maker.ownerOfTime(Number(key.split('|').pop()));
    const m = /\|fz\d+-(\d+)-/.exec(key);
    return m ? Number(m[1]) : undefined;
  };
  for (const table of Object.keys(expected)) {
    for (const [k, want] of expected[table]) {
      const got = stored[table].get(k);
      if (!got) missing++;
      else if (Object.keys(want).some(f => want[f] !== got[f])) altered++;
    }
    for (const k of stored[table].keys()) {
      if (expected[table].has(k)) continue;
      unexpected++;
      const owner = batchOfRow(table, k);
      if (owner !== undefined && refused.has(owner)) leakedFrom.add(owner);
    }
  }
  const storedCount = Object.keys(expected).reduce(
    (s, t) => s + stored[t].size,
    0,
  );
  const expectedCount = Object.keys(expected).reduce(
    (s, t) => s + expected[t].size,
    0,
  );

  report.try(
    `${count} batches (seed ${seed}), ${concurrency} at a time, ${(
      bytes / MB
    ).toFixed(1)} MB in ${seconds.toFixed(1)} s; ${
      accepted.length
    } accepted, ${refusedCases} refused`,
  );
  report.try(`statuses: ${statuses}`);
  const kinds = group =>
    [...byTag]
      .filter(([t]) => group(t))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, h]) => `${t} {${h}}`)
      .join('; ');
  report.try(
    `valid, unusual spellings and replays: ${kinds(
      t =>
        t in VARIANTS ||
        t === 'valid' ||
        t === 'replay' ||
        t === 'duplicateJsonKeys',
    )}`,
  );
  report.try(
    `mutated fields (statuses per mutation): ${kinds(t => t in MUTATIONS)}`,
  );
  report.try(
    `hostile bodies: ${kinds(
      t =>
        !(
          t in VARIANTS ||
          t in MUTATIONS ||
          t === 'valid' ||
          t === 'replay' ||
          t === 'duplicateJsonKeys'
        ),
    )}`,
  );
  report.try(
    `in SQL: ${storedCount} rows stored under the suite's fuzz sources, ${expectedCount} expected from the accepted batches`,
  );
  for (const [name, list] of Object.entries(examples))
    for (const e of list)
      report.note(
        `${name} e.g. #${e.n} [${e.tags}] ${e.status}: ${e.body}${
          e.leaks ? ` (shows ${e.leaks.join(', ')})` : ''
        }`,
      );
  report.figure('5xx responses', counts.fivexx);
  report.figure(
    `hung requests (no answer in ${REQUEST_TIMEOUT_MS / 1000} s)`,
    counts.hung,
  );
  report.figure(
    'requests with no answer (connection dropped)',
    counts.noAnswer,
  );
  report.figure(
    'error bodies showing SQL, stack frames, knex or pg',
    counts.leaky,
  );
  report.figure('invalid batches accepted', counts.invalidAccepted);
  report.figure('valid batches refused', counts.validRefused);
  report.figure('refused batches with anything stored', leakedFrom.size);
  report.figure('stored rows from no accepted batch', unexpected);
  report.figure('events of accepted batches missing', missing);
  report.figure('events of accepted batches stored differently', altered);
  return report;
}

/** The read endpoints with hostile parameters: none may answer 5xx, hang or show internals. */
export async function hostileReads({ port, seed, entities, concurrency = 4 }) {
  const report = new Report('1b. hostile read parameters');
  const rnd = random(seed ^ 0x5eed);
  const ref = entities[0];
  const long = n => 'x'.repeat(n);
  const refs = [
    '%00',
    `${ref}%00`,
    encodeURIComponent(ref),
    '%ZZ',
    '%',
    long(254),
    long(256),
    long(10_000),
    long(20_000),
    '%ED%A0%80',
    '%F0%9F%98%80',
    'component:default/no-such-entity',
    'group:default/finance',
    '__proto__',
    'constructor',
    '',
    `${ref}&entityRef=${ref}`,
    `${ref}&entityRef[]=x`,
    'x&entityRef[a]=b',
    `${ref.toUpperCase()}`,
    "component:default/argo-cd'%20or%20'1'='1",
  ];
  const times = [
    'junk',
    '-1',
    '1e309',
    '0',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '2026-02-30T00:00:00Z',
    long(41),
    'NaN',
    '%00',
    '2000-01-01T00:00:00Z',
    '',
  ];
  const metrics = [
    'junk',
    '__proto__',
    'constructor',
    'toString',
    '%00',
    long(51),
    'uptime',
  ];
  const metricLists = [
    `${'x,'.repeat(500)}x`,
    '__proto__',
    ',',
    '',
    'uptime,uptime',
    'constructor,toString',
  ];
  const limits = ['0', '9999', '-1', '1e9', 'abc', '99999', '%00', '1.5'];
  const types = ['junk', '__proto__', '', 'deployment%00', 'incident'];
  const periods = [
    'junk',
    '%00',
    long(101),
    '__proto__',
    'constructor',
    '2026-Q3',
  ];

  const paths = [];
  for (const r of refs) {
    paths.push(
      `/scorecard?entityRef=${r}`,
      `/trends?entityRef=${r}`,
      `/trend?entityRef=${r}&metric=uptime`,
      `/events?entityRef=${r}&type=deployment`,
    );
  }
  for (const t of times) {
    paths.push(
      `/scorecard?entityRef=${ref}&from=${t}`,
      `/scorecard?entityRef=${ref}&to=${t}`,
      `/trend?entityRef=${ref}&metric=uptime&from=${t}`,
      `/trends?entityRef=${ref}&to=${t}`,
      `/events?entityRef=${ref}&type=incident&from=${t}&to=${t}`,
      `/portfolio?from=${t}`,
    );
  }
  for (const m of metrics) paths.push(`/trend?entityRef=${ref}&metric=${m}`);
  for (const m of metricLists)
    paths.push(`/trends?entityRef=${ref}&metrics=${m}`);
  for (const l of limits)
    paths.push(`/events?entityRef=${ref}&type=deployment&limit=${l}`);
  for (const t of types) paths.push(`/events?entityRef=${ref}&type=${t}`);
  for (const p of periods)
    paths.push(`/scorecard?entityRef=${ref}&period=${p}`);
  // random combinations of the above
  for (let i = 0; i < 60; i++) {
    const endpoint = rnd.pick(['scorecard', 'trend', 'trends', 'events']);
    const params = [
      `entityRef=${rnd.pick(refs)}`,
      rnd.chance(0.5) && `from=${rnd.pick(times)}`,
      rnd.chance(0.5) && `to=${rnd.pick(times)}`,
      endpoint === 'trend' && `metric=${rnd.pick(metrics)}`,
      endpoint === 'trends' &&
        rnd.chance(0.7) &&
        `metrics=${rnd.pick(metricLists)}`,
      endpoint === 'events' && `type=${rnd.pick(types)}`,
      endpoint === 'events' && rnd.chance(0.5) && `limit=${rnd.pick(limits)}`,
    ].filter(Boolean);
    paths.push(`/${endpoint}?${params.join('&')}`);
  }

  const statuses = new Histogram();
  const counts = { fivexx: 0, hung: 0, noAnswer: 0, leaky: 0 };
  const examples = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) {
        const path = `/api/scorecard${paths[next++]}`;
        const res = await request(port, { path });
        statuses.add(res);
        const leaks = res.status && res.status >= 300 ? leaksIn(res.body) : [];
        if (res.error === 'timeout') counts.hung++;
        else if (!res.status) counts.noAnswer++;
        if (res.status >= 500) counts.fivexx++;
        if (leaks.length) counts.leaky++;
        if (
          (res.status >= 500 || leaks.length || !res.status) &&
          examples.length < 5
        )
          examples.push(
            `${path.slice(0, 120)} -> ${res.status ?? res.error}: ${(
              res.body ?? ''
            ).slice(0, 200)}`,
          );
      }
    }),
  );
  report.try(
    `${paths.length} GET requests on /scorecard, /trend, /trends, /events, /portfolio`,
  );
  report.try(`statuses: ${statuses}`);
  for (const e of examples) report.note(e);
  report.figure('5xx responses', counts.fivexx);
  report.figure('hung requests', counts.hung);
  report.figure('requests with no answer', counts.noAnswer);
  report.figure(
    'error bodies showing SQL, stack frames, knex or pg',
    counts.leaky,
  );
  return report;
}

export { normaliseRef };
