import { z } from 'zod';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  IngestIssue,
  IngestRequest,
} from '@opmodel/plugin-scorecard-common';
import type { EventBatch } from '../database/types';

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * Whether an ISO_TIME string names a real instant. Date.parse rolls 2026-02-31 over into March, so
 * the calendar date is checked against the date Date.UTC makes of it; the clock fields by range.
 * (luxon's DateTime.fromISO says the same, at about ten times the cost per time, and a batch holds
 * thousands of times.)
 */
export function isRealTime(s: string): boolean {
  const m = ISO_TIME.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offH, offM] = m
    .slice(1)
    .map(v => (v === undefined ? 0 : Number(v)));
  // every month has 28 days: only later days need the calendar
  let dateOk =
    month >= 1 && month <= 12 && day >= 1 && day <= 28 && year >= 100;
  if (!dateOk) {
    const date = new Date(Date.UTC(year, month - 1, day));
    dateOk =
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
  }
  return (
    dateOk &&
    // 24:00 is ISO 8601's end of the day, the next day's midnight
    (hour <= 23 || (hour === 24 && minute === 0 && second === 0)) &&
    minute <= 59 &&
    second <= 59 &&
    offH <= 23 &&
    offM <= 59
  );
}

const time = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a string',
  })
  .regex(
    ISO_TIME,
    'must be an ISO 8601 time with a zone, for example 2026-11-20T10:15:00Z',
  )
  .refine(
    s => !ISO_TIME.test(s) || isRealTime(s),
    'is not a real date and time',
  );

// Text PostgreSQL can store: no NUL character, no unpaired UTF-16 surrogate.
export const STORABLE =
  // eslint-disable-next-line no-control-regex
  /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

const text = (max: number) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // the write would otherwise fail whole on PostgreSQL, with no field named
    .regex(
      STORABLE,
      'must not contain the NUL character (\\u0000) or an unpaired surrogate (\\ud800-\\udfff)',
    );

const url = text(2000).regex(/^https?:\/\/\S+$/, 'must be a full http(s) URL');
const entityRef = text(255);

const deployment = z
  .object({
    id: text(255),
    entityRef,
    environment: text(100),
    result: z.enum(['success', 'failure', 'rollback'], {
      errorMap: () => ({
        message: 'must be one of success, failure, rollback',
      }),
    }),
    startedAt: time.optional(),
    finishedAt: time,
    commits: z
      .array(z.object({ sha: text(100), time }).strict(), {
        invalid_type_error: 'must be a list of { sha, time }',
      })
      .max(1000, 'must list at most 1000 commits; send firstCommitAt instead')
      .optional(),
    firstCommitAt: time.optional(),
    fixesIncident: text(255).optional(),
    url: url.optional(),
  })
  .strict();

const incident = z
  .object({
    id: text(255),
    entityRef,
    severity: text(50),
    impact: z.enum(['outage', 'partial', 'degraded', 'none'], {
      errorMap: () => ({
        message: 'must be one of outage, partial, degraded, none',
      }),
    }),
    triggeredAt: time,
    acknowledgedAt: time.optional(),
    mitigatedAt: time.optional(),
    resolvedAt: time.optional(),
    causedByDeployment: text(255).optional(),
    title: text(500).optional(),
    url: url.optional(),
  })
  .strict();

const probe = z
  .object({
    entityRef,
    time,
    up: z.boolean({
      required_error: 'is required',
      invalid_type_error: 'must be true or false',
    }),
  })
  .strict();

const count = z
  .number({
    required_error: 'is required',
    invalid_type_error: 'must be a number',
  })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(1e12, 'is too large');

const bucket = z
  .object({
    entityRef,
    start: time,
    lengthSeconds: z
      .number({
        required_error: 'is required',
        invalid_type_error: 'must be a number',
      })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1')
      .max(86400, 'must be at most 86400 (one day)'),
    good: count,
    total: count,
  })
  .strict();

const request = z
  .object({
    source: text(100).regex(
      /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/,
      'must be letters, digits and . _ : / - (for example github-actions)',
    ),
    deployments: z
      .array(deployment, { invalid_type_error: 'must be a list' })
      .optional(),
    incidents: z
      .array(incident, { invalid_type_error: 'must be a list' })
      .optional(),
    availability: z
      .object({
        probes: z
          .array(probe, { invalid_type_error: 'must be a list' })
          .optional(),
        buckets: z
          .array(bucket, { invalid_type_error: 'must be a list' })
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

function pathOf(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    return acc ? `${acc}.${p}` : p;
  }, '');
}

/** How many events a request carries, before any validation (for the batch-size limit). */
export function countItems(body: unknown): number {
  if (!body || typeof body !== 'object') return 0;
  const b = body as Record<string, any>;
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  return (
    len(b.deployments) +
    len(b.incidents) +
    len(b.availability?.probes) +
    len(b.availability?.buckets)
  );
}

export type ParsedBatch = {
  source: string;
  batch: EventBatch;
  /** Every entity ref named, normalised, with where it was named (for unknown-ref errors). */
  refs: Map<string, string[]>;
};

/**
 * Validates a whole ingestion request. Returns the rows to write, or every problem found, each
 * with its path (`deployments[3].finishedAt`) and what to write instead.
 */
export function parseIngestRequest(
  body: unknown,
  options: { now: number; maxClockSkewMs: number },
): { ok: true; value: ParsedBatch } | { ok: false; issues: IngestIssue[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      issues: [
        {
          path: '(body)',
          message:
            'must be a JSON object: { "source": "...", "deployments": [...] }',
        },
      ],
    };
  }
  const parsed = request.safeParse(body);
  const issues: IngestIssue[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = pathOf(i.path);
      if (i.code === 'unrecognized_keys') {
        for (const key of i.keys) {
          issues.push({
            path: path ? `${path}.${key}` : key,
            message: 'is not a known field; remove it or correct its spelling',
          });
        }
      } else {
        issues.push({ path: path || '(body)', message: i.message });
      }
    }
    return { ok: false, issues };
  }

  const req = parsed.data as IngestRequest;
  const { now, maxClockSkewMs } = options;
  const latest = now + maxClockSkewMs;
  const refs = new Map<string, string[]>();
  const ms = (s: string | undefined) =>
    s === undefined ? null : Date.parse(s);

  // a batch usually names few entities many times: parse each ref once
  const normalisedRefs = new Map<string, string>();
  const ref = (value: string, path: string): string | undefined => {
    try {
      let normalised = normalisedRefs.get(value);
      if (normalised === undefined) {
        // toLowerCase is toLocaleLowerCase('en-US') (what the catalog uses) without the cost
        normalised = stringifyEntityRef(parseEntityRef(value)).toLowerCase();
        normalisedRefs.set(value, normalised);
      }
      const paths = refs.get(normalised);
      if (paths) paths.push(path);
      else refs.set(normalised, [path]);
      return normalised;
    } catch {
      issues.push({
        path,
        message: `'${value.slice(
          0,
          80,
        )}' is not an entity ref; write kind:namespace/name, for example component:default/checkout-service`,
      });
      return undefined;
    }
  };
  const notFuture = (t: number | null, path: string) => {
    if (t !== null && t > latest) {
      issues.push({
        path,
        message:
          'is in the future; send events once they have happened, with the time they happened',
      });
    }
  };
  const notBefore = (
    t: number | null,
    earlier: number | null,
    path: string,
    earlierName: string,
  ) => {
    if (t !== null && earlier !== null && t < earlier) {
      issues.push({
        path,
        message: `is before ${earlierName}; check the order of the times`,
      });
    }
  };
  // `seen` maps a key to the path of the item that used it first, so a repeat names that item
  // even across lists (a probe and a bucket share the same key space)
  const unique = (
    seen: Map<string, string>,
    key: string,
    item: string,
    path: string,
    what: string,
  ) => {
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path,
        message: `repeats the ${what} of ${first}; send each one once per batch`,
      });
    } else seen.set(key, item);
  };

  const batch: EventBatch = {
    deployments: [],
    incidents: [],
    availability: [],
  };

  const deploymentIds = new Map<string, string>();
  (req.deployments ?? []).forEach((d, i) => {
    const p = `deployments[${i}]`;
    unique(deploymentIds, d.id, p, `${p}.id`, 'id');
    const entity = ref(d.entityRef, `${p}.entityRef`);
    const startedAt = ms(d.startedAt);
    const finishedAt = ms(d.finishedAt)!;
    const commitTimes = (d.commits ?? []).map(c => Date.parse(c.time));
    const firstCommitAt =
      commitTimes.length > 0 ? Math.min(...commitTimes) : ms(d.firstCommitAt);
    if (d.commits && d.firstCommitAt) {
      issues.push({
        path: `${p}.firstCommitAt`,
        message: 'is given together with commits; send one of them',
      });
    }
    notFuture(finishedAt, `${p}.finishedAt`);
    notBefore(finishedAt, startedAt, `${p}.finishedAt`, 'startedAt');
    notBefore(finishedAt, firstCommitAt, `${p}.finishedAt`, 'the first commit');
    if (entity) {
      batch.deployments.push({
        source: req.source,
        id: d.id,
        entityRef: entity,
        environment: d.environment.toLocaleLowerCase('en-US'),
        result: d.result,
        startedAt,
        finishedAt,
        firstCommitAt,
        fixesIncident: d.fixesIncident ?? null,
        url: d.url ?? null,
      });
    }
  });

  const incidentIds = new Map<string, string>();
  (req.incidents ?? []).forEach((inc, i) => {
    const p = `incidents[${i}]`;
    unique(incidentIds, inc.id, p, `${p}.id`, 'id');
    const entity = ref(inc.entityRef, `${p}.entityRef`);
    const triggeredAt = ms(inc.triggeredAt)!;
    const acknowledgedAt = ms(inc.acknowledgedAt);
    const mitigatedAt = ms(inc.mitigatedAt);
    const resolvedAt = ms(inc.resolvedAt);
    notFuture(triggeredAt, `${p}.triggeredAt`);
    notFuture(acknowledgedAt, `${p}.acknowledgedAt`);
    notFuture(mitigatedAt, `${p}.mitigatedAt`);
    notFuture(resolvedAt, `${p}.resolvedAt`);
    notBefore(
      acknowledgedAt,
      triggeredAt,
      `${p}.acknowledgedAt`,
      'triggeredAt',
    );
    notBefore(mitigatedAt, triggeredAt, `${p}.mitigatedAt`, 'triggeredAt');
    notBefore(resolvedAt, triggeredAt, `${p}.resolvedAt`, 'triggeredAt');
    if (entity) {
      batch.incidents.push({
        source: req.source,
        id: inc.id,
        entityRef: entity,
        severity: inc.severity,
        impact: inc.impact,
        triggeredAt,
        acknowledgedAt,
        mitigatedAt,
        resolvedAt,
        causedByDeployment: inc.causedByDeployment ?? null,
        title: inc.title ?? null,
        url: inc.url ?? null,
      });
    }
  });

  const availabilityKeys = new Map<string, string>();
  (req.availability?.probes ?? []).forEach((item, i) => {
    const p = `availability.probes[${i}]`;
    const entity = ref(item.entityRef, `${p}.entityRef`);
    const at = ms(item.time)!;
    notFuture(at, `${p}.time`);
    if (entity) {
      unique(
        availabilityKeys,
        `${entity} ${at}`,
        p,
        `${p}.time`,
        'entity and time',
      );
      batch.availability.push({
        source: req.source,
        entityRef: entity,
        start: at,
        lengthMs: 0,
        good: item.up ? 1 : 0,
        total: 1,
      });
    }
  });
  (req.availability?.buckets ?? []).forEach((b, i) => {
    const p = `availability.buckets[${i}]`;
    const entity = ref(b.entityRef, `${p}.entityRef`);
    const start = ms(b.start)!;
    notFuture(start + b.lengthSeconds * 1000, `${p}.start`);
    if (b.good > b.total) {
      issues.push({
        path: `${p}.good`,
        message: `is more than total (${b.total}); good counts the successful part of total`,
      });
    }
    if (entity) {
      unique(
        availabilityKeys,
        `${entity} ${start}`,
        p,
        `${p}.start`,
        'entity and start',
      );
      batch.availability.push({
        source: req.source,
        entityRef: entity,
        start,
        lengthMs: b.lengthSeconds * 1000,
        good: b.good,
        total: b.total,
      });
    }
  });

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { source: req.source, batch, refs } };
}
