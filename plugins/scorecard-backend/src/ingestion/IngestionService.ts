import type {
  IngestIssue,
  IngestRequest,
  IngestResponse,
} from '@opmodel/plugin-scorecard-common';
import type { ScorecardEventWriter } from '@opmodel/plugin-scorecard-node';
import type { EventStore, KnownEntity } from '../database/types';
import type { CatalogMirror } from '../service/CatalogMirror';
import { IngestValidationError, PayloadTooLargeError } from '../service/errors';
import { countItems, parseIngestRequest } from './parseIngestRequest';
import type { LateEventDaysStore } from '../database/LateEventDaysStore';
import { earliestPastDay } from './earliestPastDay';

/** An issue for each named ref that is in the catalog but not of the kind its field needs. */
function kindIssues(
  named: Map<string, string[]>,
  known: Map<string, KnownEntity>,
  kind: string,
  what: string,
): IngestIssue[] {
  return [...named].flatMap(([ref, paths]) => {
    const found = known.get(ref);
    if (!found || found.kind === kind) return [];
    return paths.map(path => ({
      path,
      message: `${ref} is a ${found.kind}; this field names ${what}`,
    }));
  });
}

/**
 * An issue for each response about a capability its Platform does not declare (as of the last
 * catalog sync), naming the ones it does.
 */
function capabilityIssues(
  capabilities: Array<{
    platformRef: string;
    capability: string;
    path: string;
  }>,
  known: Map<string, KnownEntity>,
): IngestIssue[] {
  return capabilities.flatMap(({ platformRef, capability, path }) => {
    const platform = known.get(platformRef);
    if (platform?.kind !== 'platform') return [];
    const ids = platform.capabilities ?? [];
    if (ids.includes(capability)) return [];
    return [
      {
        path,
        message:
          ids.length === 0
            ? `${platformRef} declares no capabilities; leave capability out, or add it to the Platform's spec.capabilities`
            : `'${capability.slice(
                0,
                80,
              )}' is not a capability of ${platformRef}; use the id of one of its spec.capabilities: ${ids.join(
                ', ',
              )}`,
      },
    ];
  });
}

export type IngestionOptions = {
  maxBatchItems: number;
  maxClockSkewMs: number;
  now?: () => number;
};

/**
 * The one way events get in, for the HTTP API and collectors alike: the whole batch is validated
 * (fields, times, duplicates, entities known to the catalog) before anything is written, and is
 * then written in one transaction, idempotently by (source, id).
 */
export class IngestionService implements ScorecardEventWriter {
  constructor(
    private readonly store: EventStore,
    private readonly catalogMirror: CatalogMirror,
    private readonly options: IngestionOptions,
    /** Given: the earliest past day of each batch is noted, so its snapshots are taken again. */
    private readonly lateEventDays?: LateEventDaysStore,
  ) {}

  /**
   * `writtenBy` is the principal stored with each event; collectors, which run inside this
   * plugin, write as the plugin itself.
   */
  async write(
    body: IngestRequest | unknown,
    writtenBy = 'plugin:scorecard',
  ): Promise<IngestResponse> {
    const items = countItems(body);
    if (items > this.options.maxBatchItems) {
      throw new PayloadTooLargeError(
        `The batch holds ${items} events; at most ${this.options.maxBatchItems} are accepted in one request. Split it into smaller batches.`,
      );
    }
    const now = this.options.now?.() ?? Date.now();
    const parsed = parseIngestRequest(body, {
      now,
      maxClockSkewMs: this.options.maxClockSkewMs,
    });
    if (!parsed.ok) throw new IngestValidationError(parsed.issues);
    const { source, batch, refs, platformRefs, teamRefs, capabilities } =
      parsed.value;

    let known = (await this.catalogMirror.current()).entities;
    const missing = [...refs.keys()].filter(ref => !known.has(ref));
    if (missing.length > 0 && (await this.catalogMirror.refreshFor(missing))) {
      known = (await this.catalogMirror.current()).entities;
    }
    const unknown = [...refs].filter(([ref]) => !known.has(ref));
    if (unknown.length > 0) {
      throw new IngestValidationError(
        unknown.flatMap(([ref, paths]) =>
          paths.map(path => ({
            path,
            message: `${ref} is not in the catalog; register the entity first, or correct the ref`,
          })),
        ),
      );
    }

    const wrongKind = [
      ...kindIssues(platformRefs, known, 'platform', 'a Platform'),
      ...kindIssues(teamRefs, known, 'group', 'a Group (the team)'),
      ...capabilityIssues(capabilities, known),
    ];
    if (wrongKind.length > 0) throw new IngestValidationError(wrongKind);

    await this.store.writeBatch(batch, writtenBy);
    const late = earliestPastDay(batch, now);
    if (late && this.lateEventDays) await this.lateEventDays.mark([late], now);
    return {
      source,
      received: {
        deployments: batch.deployments.length,
        incidents: batch.incidents.length,
        probes: batch.availability.filter(a => a.lengthMs === 0).length,
        buckets: batch.availability.filter(a => a.lengthMs > 0).length,
        feedback: batch.feedback?.length ?? 0,
        supportRequests: batch.supportRequests?.length ?? 0,
      },
    };
  }
}
