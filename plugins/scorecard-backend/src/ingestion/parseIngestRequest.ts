import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  IngestIssue,
  IngestRequest,
} from '@opmodel/plugin-scorecard-common';
import type { EventBatch } from '../database/types';
import { ingestRequestSchema } from './batchSchema';

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
    len(b.availability?.buckets) +
    len(b.feedback) +
    len(b.supportRequests)
  );
}

export type ParsedBatch = {
  source: string;
  batch: EventBatch;
  /** Every entity ref named, normalised, with where it was named (for unknown-ref errors). */
  refs: Map<string, string[]>;
  /** The refs that must name a Platform (what a response or request is about), with where. */
  platformRefs: Map<string, string[]>;
  /** The refs that must name a Group (a responding or requesting team), with where. */
  teamRefs: Map<string, string[]>;
  /** The capabilities responses are about, each to be one its Platform declares. */
  capabilities: Array<{
    platformRef: string;
    capability: string;
    path: string;
  }>;
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
  const parsed = ingestRequestSchema.safeParse(body);
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

  const batch: Required<EventBatch> = {
    deployments: [],
    incidents: [],
    availability: [],
    feedback: [],
    supportRequests: [],
  };
  const platformRefs = new Map<string, string[]>();
  const teamRefs = new Map<string, string[]>();
  const capabilities: ParsedBatch['capabilities'] = [];
  const noteKind = (
    into: Map<string, string[]>,
    normalised: string | undefined,
    path: string,
  ) => {
    if (normalised === undefined) return;
    const paths = into.get(normalised);
    if (paths) paths.push(path);
    else into.set(normalised, [path]);
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

  const feedbackIds = new Map<string, string>();
  (req.feedback ?? []).forEach((f, i) => {
    const p = `feedback[${i}]`;
    unique(feedbackIds, f.id, p, `${p}.id`, 'id');
    const entity = ref(f.entityRef, `${p}.entityRef`);
    const team = ref(f.team, `${p}.team`);
    noteKind(platformRefs, entity, `${p}.entityRef`);
    noteKind(teamRefs, team, `${p}.team`);
    const respondedAt = ms(f.respondedAt)!;
    notFuture(respondedAt, `${p}.respondedAt`);
    if (entity && f.capability !== undefined)
      capabilities.push({
        platformRef: entity,
        capability: f.capability,
        path: `${p}.capability`,
      });
    if (entity && team) {
      batch.feedback.push({
        source: req.source,
        id: f.id,
        entityRef: entity,
        team,
        respondedAt,
        satisfaction: f.satisfaction ?? null,
        recommendation: f.recommendation ?? null,
        effort: f.effort ?? null,
        capability: f.capability ?? null,
        comment: f.comment ?? null,
      });
    }
  });

  const requestIds = new Map<string, string>();
  (req.supportRequests ?? []).forEach((r, i) => {
    const p = `supportRequests[${i}]`;
    unique(requestIds, r.id, p, `${p}.id`, 'id');
    const entity = ref(r.entityRef, `${p}.entityRef`);
    const team = ref(r.team, `${p}.team`);
    noteKind(platformRefs, entity, `${p}.entityRef`);
    noteKind(teamRefs, team, `${p}.team`);
    const openedAt = ms(r.openedAt)!;
    const firstResponseAt = ms(r.firstResponseAt);
    const resolvedAt = ms(r.resolvedAt);
    notFuture(openedAt, `${p}.openedAt`);
    notFuture(firstResponseAt, `${p}.firstResponseAt`);
    notFuture(resolvedAt, `${p}.resolvedAt`);
    notBefore(firstResponseAt, openedAt, `${p}.firstResponseAt`, 'openedAt');
    notBefore(resolvedAt, openedAt, `${p}.resolvedAt`, 'openedAt');
    if (entity && team) {
      batch.supportRequests.push({
        source: req.source,
        id: r.id,
        entityRef: entity,
        team,
        channel: r.channel.toLocaleLowerCase('en-US'),
        openedAt,
        firstResponseAt,
        resolvedAt,
        title: r.title ?? null,
        url: r.url ?? null,
      });
    }
  });

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      source: req.source,
      batch,
      refs,
      platformRefs,
      teamRefs,
      capabilities,
    },
  };
}
