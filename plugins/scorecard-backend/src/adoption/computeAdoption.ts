import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { fullEntityRef } from '@opmodel/plugin-opmodel-common';
import type {
  AdoptionFinding,
  CapabilityAdoption,
  ConsumerTeam,
  TeamShare,
} from '@opmodel/plugin-scorecard-common';

/** A Platform's adoption as of one look at the catalog (its history is stored apart). */
export type PlatformAdoption = {
  entityRef: string;
  teams: ConsumerTeam[];
  streamAligned: TeamShare;
  capabilities: CapabilityAdoption[];
  findings: AdoptionFinding[];
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** A ref as a spec writes it (kind and namespace may be left out), full and lower-case. */
const fullRef = (
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined => fullEntityRef(ref, { defaultKind, defaultNamespace });

/** What an entity provides beside itself: a System its parts, a Component the APIs it provides. */
const PROVIDES = new Set(['haspart', 'providesapi']);
/** How a consumer uses what a platform provides. */
const USES = new Set(['dependson', 'consumesapi']);
const CONSUMER_KINDS = new Set(['component', 'system']);
/** Far enough for a Platform, its Systems, their Components and those Components' APIs. */
const MAX_DEPTH = 4;

type Graph = {
  byRef: Map<string, Entity>;
  relations: Map<string, { type: string; target: string }[]>;
};

function graphOf(entities: Entity[]): Graph {
  const byRef = new Map<string, Entity>();
  const relations = new Map<string, { type: string; target: string }[]>();
  for (const e of entities) {
    const ref = lower(stringifyEntityRef(e));
    byRef.set(ref, e);
    relations.set(
      ref,
      (e.relations ?? []).map(r => ({
        type: lower(r.type),
        target: lower(r.targetRef),
      })),
    );
  }
  return { byRef, relations };
}

/** `start` and what it provides, transitively (bounded). */
function provided(graph: Graph, start: string[]): Set<string> {
  const reached = new Set(start);
  let frontier = start;
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const ref of frontier)
      for (const r of graph.relations.get(ref) ?? [])
        if (PROVIDES.has(r.type) && !reached.has(r.target)) {
          reached.add(r.target);
          next.push(r.target);
        }
    frontier = next;
  }
  return reached;
}

/** The owning Group of an entity, as a full ref. */
function ownerOf(graph: Graph, ref: string): string | undefined {
  const owned = graph.relations.get(ref)?.find(r => r.type === 'ownedby');
  if (owned) return owned.target;
  const e = graph.byRef.get(ref);
  const ns = e?.metadata.namespace ?? 'default';
  return fullRef((e?.spec as { owner?: unknown })?.owner, 'group', ns);
}

/**
 * Teams using what `offered` holds, each with the Components and Systems it uses it through:
 * owners of Components and Systems (outside the offer) with a dependsOn or consumesApi relation
 * into it.
 */
function usersOf(graph: Graph, offered: Set<string>): Map<string, Set<string>> {
  const teams = new Map<string, Set<string>>();
  for (const [ref, relations] of graph.relations) {
    if (offered.has(ref)) continue;
    const kind = lower(graph.byRef.get(ref)?.kind ?? '');
    if (!CONSUMER_KINDS.has(kind)) continue;
    if (!relations.some(r => USES.has(r.type) && offered.has(r.target)))
      continue;
    const team = ownerOf(graph, ref);
    if (!team || !team.startsWith('group:')) continue;
    teams.set(team, (teams.get(team) ?? new Set()).add(ref));
  }
  return teams;
}

function share(teams: Iterable<string>, streamAligned: Set<string>): TeamShare {
  const consuming = [...new Set(teams)].filter(t =>
    streamAligned.has(t),
  ).length;
  const total = streamAligned.size;
  return { consuming, total, share: total === 0 ? null : consuming / total };
}

type PlatformSpec = {
  owner?: unknown;
  includes?: unknown;
  consumers?: { team?: unknown }[];
  capabilities?: { id?: unknown; title?: unknown; implementedBy?: unknown }[];
};

/**
 * Who uses each Platform, from the catalog alone: the teams it declares (`spec.consumers`) and
 * the teams observed using it (owning Components or Systems that depend on, or consume an API of,
 * something it includes or that implements one of its capabilities; the platform's own team is
 * no consumer of it), the share of the stream-aligned Groups (those whose `spec.type` is one of
 * `streamAlignedTypes`) among them, per capability too, and a finding for each team declared but
 * not observed or observed but not declared.
 */
export function computeAdoption(
  entities: Entity[],
  options: { streamAlignedTypes: string[] },
): PlatformAdoption[] {
  const graph = graphOf(entities);
  const types = new Set(options.streamAlignedTypes.map(lower));
  const streamAligned = new Set(
    entities
      .filter(
        e =>
          lower(e.kind) === 'group' &&
          types.has(lower(String((e.spec as { type?: unknown })?.type ?? ''))),
      )
      .map(e => lower(stringifyEntityRef(e))),
  );

  return entities
    .filter(e => lower(e.kind) === 'platform')
    .map(platform => {
      const ref = lower(stringifyEntityRef(platform));
      const ns = platform.metadata.namespace ?? 'default';
      const spec = (platform.spec ?? {}) as PlatformSpec;
      const ownTeam = fullRef(spec.owner, 'group', ns);
      const included = (graph.relations.get(ref) ?? [])
        .filter(r => r.type === 'includes')
        .map(r => r.target);
      const capabilities = (spec.capabilities ?? []).map(c => ({
        id: String(c.id ?? ''),
        title: String(c.title ?? c.id ?? ''),
        offered: provided(
          graph,
          (Array.isArray(c.implementedBy) ? c.implementedBy : [])
            .map(t => fullRef(t, 'component', ns))
            .filter((t): t is string => !!t),
        ),
      }));
      const offered = provided(graph, included);
      capabilities.forEach(c => c.offered.forEach(t => offered.add(t)));
      offered.add(ref);

      const observed = usersOf(graph, offered);
      if (ownTeam) observed.delete(ownTeam);
      const declared = new Set(
        (spec.consumers ?? [])
          .map(c => fullRef(c?.team, 'group', ns))
          .filter((t): t is string => !!t),
      );
      const teams: ConsumerTeam[] = [
        ...new Set([...declared, ...observed.keys()]),
      ]
        .sort()
        .map(team => ({
          team,
          declared: declared.has(team),
          observed: observed.has(team),
          via: [...(observed.get(team) ?? [])].sort(),
          streamAligned: streamAligned.has(team),
        }));

      const findings: AdoptionFinding[] = teams.flatMap(
        (t): AdoptionFinding[] => {
          if (t.declared && !t.observed)
            return [
              {
                team: t.team,
                kind: 'declared-not-observed' as const,
                message: `${t.team} is declared a consumer, but owns no Component or System that depends on what the platform provides`,
                fix: `give the team's Components that use the platform a dependsOn or consumesApis on what it includes, or remove ${t.team} from spec.consumers`,
              },
            ];
          if (t.observed && !t.declared)
            return [
              {
                team: t.team,
                kind: 'observed-not-declared' as const,
                message: `${t.team} uses the platform through ${t.via.join(
                  ', ',
                )}, but is not in spec.consumers`,
                fix: `add - { team: ${t.team}, interaction: x-as-a-service } to spec.consumers`,
              },
            ];
          return [];
        },
      );

      return {
        entityRef: ref,
        teams,
        streamAligned: share(
          teams.map(t => t.team),
          streamAligned,
        ),
        capabilities: capabilities.map(c => {
          const users = usersOf(graph, c.offered);
          if (ownTeam) users.delete(ownTeam);
          const capTeams = [...users.keys()].sort();
          return {
            id: c.id,
            title: c.title,
            teams: capTeams,
            streamAligned: share(capTeams, streamAligned),
          };
        }),
        findings,
      };
    });
}
