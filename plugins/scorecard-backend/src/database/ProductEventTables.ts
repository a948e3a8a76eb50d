import type { Knex } from 'knex';
import type { TimeWindow } from '../metrics/types';
import { chunks, num, numOrNull, upsert } from './sql';
import type {
  EventBatch,
  FeedbackWrite,
  ProductEvents,
  SupportRequestWrite,
} from './types';

/*
 * The tables of the platform-as-a-product events: survey responses (scorecard_feedback) and
 * support requests (scorecard_support_requests). Their writes join the batch's transaction;
 * their reads are by the Platform itself, since a response or a request is about one Platform
 * and never rolls up.
 */

type DbNumber = number | string;

type FeedbackRow = {
  source: string;
  id: string;
  entity_ref: string;
  team: string;
  responded_at: DbNumber;
  satisfaction: number | null;
  recommendation: number | null;
  effort: number | null;
  capability: string | null;
  comment?: string | null;
};

type SupportRequestRow = {
  source: string;
  id: string;
  entity_ref: string;
  team: string;
  channel: string;
  opened_at: DbNumber;
  first_response_at: DbNumber | null;
  resolved_at: DbNumber | null;
  title?: string | null;
  url?: string | null;
};

const toFeedback = (r: FeedbackRow): FeedbackWrite => ({
  source: r.source,
  id: r.id,
  entityRef: r.entity_ref,
  team: r.team,
  respondedAt: num(r.responded_at),
  satisfaction: numOrNull(r.satisfaction),
  recommendation: numOrNull(r.recommendation),
  effort: numOrNull(r.effort),
  capability: r.capability,
  comment: r.comment ?? null,
});

const toSupportRequest = (r: SupportRequestRow): SupportRequestWrite => ({
  source: r.source,
  id: r.id,
  entityRef: r.entity_ref,
  team: r.team,
  channel: r.channel,
  openedAt: num(r.opened_at),
  firstResponseAt: numOrNull(r.first_response_at),
  resolvedAt: numOrNull(r.resolved_at),
  title: r.title ?? null,
  url: r.url ?? null,
});

/** Rows sorted by source and id, the order concurrent writers lock them in. */
const byKey = <T extends { source: string; id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => {
    const ka = `${a.source}\u0000${a.id}`;
    const kb = `${b.source}\u0000${b.id}`;
    if (ka < kb) return -1;
    return ka > kb ? 1 : 0;
  });

/** Writes, window reads and listings of survey responses and support requests. */
export class ProductEventTables {
  constructor(private readonly db: Knex) {}

  /** Writes the batch's responses and requests within its transaction. */
  async write(
    tx: Knex.Transaction,
    batch: Pick<EventBatch, 'feedback' | 'supportRequests'>,
    receivedAt: number,
    writtenBy: string | null,
  ): Promise<void> {
    // a response sent again replaces the one before (a survey tool's edited submission)
    await upsert(
      tx,
      'scorecard_feedback',
      byKey(batch.feedback ?? []).map(f => ({
        source: f.source,
        id: f.id,
        entity_ref: f.entityRef,
        team: f.team,
        responded_at: f.respondedAt,
        satisfaction: f.satisfaction,
        recommendation: f.recommendation,
        effort: f.effort,
        capability: f.capability,
        comment: f.comment,
        received_at: receivedAt,
        written_by: writtenBy,
      })),
      {
        conflict: ['source', 'id'],
        update: {
          entity_ref: 'excluded',
          team: 'excluded',
          responded_at: 'excluded',
          satisfaction: 'excluded',
          recommendation: 'excluded',
          effort: 'excluded',
          capability: 'excluded',
          comment: 'excluded',
          received_at: 'excluded',
          written_by: 'excluded',
        },
      },
    );
    // a request is sent again as it is answered and resolved: what an update leaves out stays
    await upsert(
      tx,
      'scorecard_support_requests',
      byKey(batch.supportRequests ?? []).map(r => ({
        source: r.source,
        id: r.id,
        entity_ref: r.entityRef,
        team: r.team,
        channel: r.channel,
        opened_at: r.openedAt,
        first_response_at: r.firstResponseAt,
        resolved_at: r.resolvedAt,
        title: r.title,
        url: r.url,
        received_at: receivedAt,
        written_by: writtenBy,
      })),
      {
        conflict: ['source', 'id'],
        update: {
          entity_ref: 'excluded',
          team: 'excluded',
          channel: 'excluded',
          opened_at: 'excluded',
          first_response_at: 'keep-earlier',
          resolved_at: 'keep-earlier',
          title: 'keep-earlier',
          url: 'keep-earlier',
          received_at: 'excluded',
          written_by: 'excluded',
        },
      },
    );
  }

  /** Each Platform's responses given and requests opened in the window; comments are not read. */
  async read(
    platformRefs: string[],
    window: TimeWindow,
  ): Promise<Map<string, ProductEvents>> {
    const result = new Map<string, ProductEvents>();
    for (const ref of platformRefs)
      result.set(ref, { feedback: [], supportRequests: [] });
    for (const refs of chunks([...result.keys()], 500)) {
      const [feedback, requests] = await Promise.all([
        this.db('scorecard_feedback')
          .whereIn('entity_ref', refs)
          .where('responded_at', '>=', window.from)
          .where('responded_at', '<', window.to)
          .select(
            'source',
            'id',
            'entity_ref',
            'team',
            'responded_at',
            'satisfaction',
            'recommendation',
            'effort',
            'capability',
          ) as Promise<FeedbackRow[]>,
        this.db('scorecard_support_requests')
          .whereIn('entity_ref', refs)
          .where('opened_at', '>=', window.from)
          .where('opened_at', '<', window.to)
          .select(
            'source',
            'id',
            'entity_ref',
            'team',
            'channel',
            'opened_at',
            'first_response_at',
            'resolved_at',
          ) as Promise<SupportRequestRow[]>,
      ]);
      for (const r of feedback) {
        const { comment: _comment, ...record } = toFeedback(r);
        result.get(r.entity_ref)!.feedback.push(record);
      }
      for (const r of requests) {
        const { title: _title, url: _url, ...record } = toSupportRequest(r);
        result.get(r.entity_ref)!.supportRequests.push(record);
      }
    }
    return result;
  }

  /** A Platform's responses or requests in the window, newest first. */
  async list(
    entityRef: string,
    type: 'feedback' | 'supportRequest',
    window: TimeWindow,
    limit: number,
  ): Promise<Array<FeedbackWrite | SupportRequestWrite>> {
    const [table, time] =
      type === 'feedback'
        ? ['scorecard_feedback', 'responded_at']
        : ['scorecard_support_requests', 'opened_at'];
    const rows = await this.db(table)
      .where('entity_ref', entityRef)
      .where(time, '>=', window.from)
      .where(time, '<', window.to)
      .orderBy(time, 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .select('*');
    return type === 'feedback'
      ? rows.map(toFeedback)
      : rows.map(toSupportRequest);
  }
}
