import type { Knex } from 'knex';
import type {
  DeploymentRecord,
  IncidentRecord,
  TimeWindow,
} from '../metrics/types';
import {
  toIncident,
  type AvailabilitySumRow,
  type DeploymentRow,
  type IncidentRow,
} from './eventRows';
import { chunks, num, numOrNull } from './sql';
import {
  EVENT_KINDS,
  type EntityEvents,
  type EventKind,
  type EventQuery,
} from './types';

/**
 * Up to this many member entities, a read is one statement instead of three parallel queries. A
 * component's card is mostly round trips, which one statement saves; larger reads are mostly
 * database work, which three connections spread over the cores (measured in docs/benchmarks.md,
 * "Tuning constants").
 */
const ONE_STATEMENT_MEMBERS = 10;

/** The values of one card read, which its cached statement's bindings are filled from. */
type CardValues = {
  refs: string[];
  environments: string[];
  from: number;
  to: number;
  horizon: number;
};

/*
 * What a read takes of each kind for a window [from, to) and its horizon (a recovery may end after
 * the window): the card's one-statement read and the larger reads share these, so both read the
 * same events. Aliases: d, i and a.
 */
const deploymentsIn = (
  q: Knex.QueryBuilder,
  environments: readonly Knex.Value[],
  from: Knex.Value,
  horizon: Knex.Value,
) =>
  q
    .whereIn('d.environment', environments)
    .where('d.finished_at', '>=', from)
    .where('d.finished_at', '<', horizon);
// open incidents, and those resolved after the window began, triggered before the horizon
const incidentsIn = (
  q: Knex.QueryBuilder,
  from: Knex.Value,
  horizon: Knex.Value,
) =>
  q
    .where('i.triggered_at', '<', horizon)
    .where(w =>
      w.whereNull('i.resolved_at').orWhere('i.resolved_at', '>=', from),
    );
const availabilityIn = (
  q: Knex.QueryBuilder,
  from: Knex.Value,
  to: Knex.Value,
) => q.where('a.start', '>=', from).where('a.start', '<', to);

/** Rows sorted by a key (the order writers lock them in). */
/**
 * The window reads of the scorecard's events: per owner, set-based for many owners at once, and
 * for a single card's few members one prepared statement.
 */
export class EventReader {
  /** The card read's SQL per shape, and how to fill its bindings (see cardRead). */
  private readonly cardStatements = new Map<
    string,
    { sql: string; fill: Array<(values: CardValues) => unknown> }
  >();

  constructor(
    private readonly db: Knex,
    /** Above this many member entities, reads join the stored membership instead of naming them. */
    private readonly membershipJoinThreshold: number,
  ) {}

  async readEvents(
    owners: Map<string, string[]>,
    query: EventQuery,
  ): Promise<Map<string, EntityEvents>> {
    const result = new Map<string, EntityEvents>();
    // who each member's events count towards (usually one owner, itself; a platform's parts two)
    const ownersOf = new Map<string, string[]>();
    for (const [owner, members] of owners) {
      result.set(owner, {
        deployments: [],
        incidents: [],
        availability: { good: 0, total: 0 },
      });
      for (const m of members)
        ownersOf.set(m, [...(ownersOf.get(m) ?? []), owner]);
    }
    const { window, horizon, environments } = query;
    const wanted = new Set<EventKind>(query.kinds ?? EVENT_KINDS);

    // Few members (one entity's card): name them. Many (the portfolio, a snapshot): let the
    // database join the stored membership, one short owner list instead of thousands of refs.
    const viaMembership = ownersOf.size > this.membershipJoinThreshold;
    const groups = viaMembership
      ? chunks([...owners.keys()], 500)
      : chunks([...ownersOf.keys()], 1000);
    for (const refs of groups) {
      // a semi-join: each event once, however many owners in this group it counts towards
      const scope = (table: string, alias: string) =>
        this.db(`${table} as ${alias}`).whereIn(
          `${alias}.entity_ref`,
          viaMembership
            ? this.db('scorecard_members')
                .select('member_ref')
                .whereIn('entity_ref', refs)
            : refs,
        );
      // the owners a member's events count towards, within this group: worked out once per
      // member, since its rows do not come together (a hash join returns them in table order)
      const inGroup = viaMembership ? new Set(refs) : undefined;
      const targetsByRef = new Map<string, EntityEvents[]>();
      const targetsOf = (ref: string): EntityEvents[] => {
        let out = targetsByRef.get(ref);
        if (!out) {
          out = [];
          for (const owner of ownersOf.get(ref) ?? []) {
            if (!inGroup || inGroup.has(owner)) out.push(result.get(owner)!);
          }
          targetsByRef.set(ref, out);
        }
        return out;
      };
      const availabilityQuery = () =>
        viaMembership
          ? // summed per owner by the database: one row per owner, not one per member
            availabilityIn(
              this.db('scorecard_availability as a')
                .join('scorecard_members as m', 'm.member_ref', 'a.entity_ref')
                .whereIn('m.entity_ref', refs),
              window.from,
              window.to,
            )
              .groupBy('m.entity_ref')
              .select('m.entity_ref as owner')
              .sum({ good: 'a.good', total: 'a.total' })
          : availabilityIn(
              scope('scorecard_availability', 'a'),
              window.from,
              window.to,
            )
              .groupBy('a.entity_ref')
              .select('a.entity_ref')
              .sum({ good: 'a.good', total: 'a.total' });
      const deploymentsQuery = () =>
        deploymentsIn(
          scope('scorecard_deployments', 'd'),
          environments,
          window.from,
          horizon,
        );
      const incidentsQuery = () =>
        incidentsIn(scope('scorecard_incidents', 'i'), window.from, horizon);
      let deployments: DeploymentRow[];
      let incidents: IncidentRow[];
      let availability: AvailabilitySumRow[];
      if (
        !viaMembership &&
        ownersOf.size <= ONE_STATEMENT_MEMBERS &&
        wanted.size === EVENT_KINDS.length
      ) {
        // A handful of entities (an entity's card): one statement and one round trip instead of
        // three, its rows tagged by kind in shared columns. Larger reads keep three queries,
        // which PostgreSQL runs side by side.
        const rows = await this.cardRead(refs, environments, window, horizon);
        deployments = [];
        incidents = [];
        availability = [];
        for (const r of rows) {
          if (r.k === 'd')
            deployments.push({
              id: r.id,
              entity_ref: r.entity_ref,
              result: r.s1,
              finished_at: r.n1,
              first_commit_at: r.n2,
              fixes_incident: r.s3,
            });
          else if (r.k === 'i')
            incidents.push({
              id: r.id,
              entity_ref: r.entity_ref,
              severity: r.s1,
              impact: r.s2,
              caused_by_deployment: r.s3,
              triggered_at: r.n1,
              acknowledged_at: r.n2,
              mitigated_at: r.n3,
              resolved_at: r.n4,
            });
          else
            availability.push({
              entity_ref: r.entity_ref,
              good: r.n1,
              total: r.n2,
            });
        }
      } else {
        [deployments, incidents, availability] = await Promise.all([
          !wanted.has('deployments')
            ? []
            : deploymentsQuery().select(
                'd.id',
                'd.entity_ref',
                'd.result',
                'd.finished_at',
                'd.first_commit_at',
                'd.fixes_incident',
              ),
          !wanted.has('incidents')
            ? []
            : incidentsQuery().select(
                'i.id',
                'i.entity_ref',
                'i.severity',
                'i.impact',
                'i.triggered_at',
                'i.acknowledged_at',
                'i.mitigated_at',
                'i.resolved_at',
                'i.caused_by_deployment',
              ),
          wanted.has('availability') ? availabilityQuery() : [],
        ]);
      }
      for (const r of deployments) {
        const d: DeploymentRecord = {
          source: '',
          id: r.id,
          entityRef: r.entity_ref,
          environment: '',
          result: r.result,
          startedAt: null,
          finishedAt: num(r.finished_at),
          firstCommitAt: numOrNull(r.first_commit_at),
          fixesIncident: r.fixes_incident ?? null,
        };
        for (const e of targetsOf(r.entity_ref)) e.deployments.push(d);
      }
      for (const r of incidents) {
        const i: IncidentRecord = toIncident(r);
        for (const e of targetsOf(r.entity_ref)) e.incidents.push(i);
      }
      for (const r of availability) {
        const counts = { good: num(r.good), total: num(r.total) };
        if (viaMembership) {
          // reads through the membership select each row's owner
          result.get(r.owner!)!.availability = counts;
        } else {
          for (const e of targetsOf(r.entity_ref)) {
            e.availability = {
              good: e.availability.good + counts.good,
              total: e.availability.total + counts.total,
            };
          }
        }
      }
    }
    return result;
  }

  /**
   * The card's one-statement read (see ONE_STATEMENT_MEMBERS): deployments, incidents and
   * availability sums of a few entities, tagged by kind in shared columns. Its SQL depends only
   * on how many refs and environments it names, so it is built once per such shape and then run
   * with new values: building it with the query builder took more of the backend's CPU under
   * 10 concurrent card readers than any other package (12 %). On PostgreSQL it is also a named
   * statement, parsed and planned once per connection (SQLite ignores the name).
   */
  private async cardRead(
    refs: string[],
    environments: string[],
    window: TimeWindow,
    horizon: number,
  ): Promise<any[]> {
    const name = `opmodel_scorecard_card_${refs.length}_${environments.length}`;
    let statement = this.cardStatements.get(name);
    if (!statement) {
      // built with a placeholder for each value, so that its bindings say where each goes
      const slots = new Map<unknown, (values: CardValues) => unknown>();
      const slot = (key: string, get: (values: CardValues) => unknown) => {
        const marker = `\u0000${key}`;
        slots.set(marker, get);
        return marker;
      };
      const { sql, bindings } = this.cardQuery(
        refs.map((_, i) => slot(`ref${i}`, v => v.refs[i])),
        environments.map((_, i) => slot(`env${i}`, v => v.environments[i])),
        slot('from', v => v.from),
        slot('to', v => v.to),
        slot('horizon', v => v.horizon),
      ).toSQL();
      const fill = bindings.map(b => {
        const get = slots.get(b);
        if (!get) throw new Error(`card read: unexpected binding ${String(b)}`);
        return get;
      });
      statement = { sql, fill };
      this.cardStatements.set(name, statement);
    }
    const values: CardValues = {
      refs,
      environments,
      from: window.from,
      to: window.to,
      horizon,
    };
    const result = await this.db
      .raw(
        statement.sql,
        statement.fill.map(get => get(values) as Knex.Value),
      )
      .options({ name });
    // PostgreSQL answers a raw statement with its result, SQLite with the rows
    return Array.isArray(result) ? result : result.rows;
  }

  private cardQuery(
    refs: Knex.Value[],
    environments: Knex.Value[],
    from: Knex.Value,
    to: Knex.Value,
    horizon: Knex.Value,
  ) {
    const raw = (sql: string) => this.db.raw(sql);
    return deploymentsIn(
      this.db('scorecard_deployments as d').whereIn('d.entity_ref', refs),
      environments,
      from,
      horizon,
    )
      .select(
        raw(`'d' as k`),
        'd.id as id',
        'd.entity_ref as entity_ref',
        'd.result as s1',
        raw('null as s2'),
        'd.fixes_incident as s3',
        'd.finished_at as n1',
        'd.first_commit_at as n2',
        raw('null as n3'),
        raw('null as n4'),
      )
      .unionAll([
        incidentsIn(
          this.db('scorecard_incidents as i').whereIn('i.entity_ref', refs),
          from,
          horizon,
        ).select(
          raw(`'i' as k`),
          'i.id',
          'i.entity_ref',
          'i.severity',
          'i.impact',
          'i.caused_by_deployment',
          'i.triggered_at',
          'i.acknowledged_at',
          'i.mitigated_at',
          'i.resolved_at',
        ),
        availabilityIn(
          this.db('scorecard_availability as a').whereIn('a.entity_ref', refs),
          from,
          to,
        )
          .groupBy('a.entity_ref')
          .select(
            raw(`'a' as k`),
            raw('null as id'),
            'a.entity_ref',
            raw('null as s1, null as s2, null as s3'),
            raw(
              'sum(a.good) as n1, sum(a.total) as n2, null as n3, null as n4',
            ),
          ),
      ]);
  }
}
