import type { Entity } from '@backstage/catalog-model';
import {
  validFundingLine,
  validOperatingRole,
  validPlatform,
} from './validEntities';

/**
 * A malformed declaration: a valid entity with one thing broken, and the field path the
 * validation error must name.
 *
 * @public
 */
export type MalformedCase = {
  id: string;
  base: 'platform' | 'role' | 'funding';
  /** Field paths (dotted, with [i] for list items) set to new values; undefined removes the field. */
  set: Record<string, unknown>;
  /** The field path the error must name. */
  expectPath: string;
};

const deep = (levels: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { nested: v };
  return v;
};

/**
 * Malformed declarations of all three kinds, each of which the validator (and so the catalog and
 * `opmodel validate`) rejects with an error naming `expectPath`. Build each with
 * {@link buildMalformedEntity}.
 *
 * @public
 */
export const malformedCases: MalformedCase[] = [
  {
    id: 'wrong-api-version',
    base: 'platform',
    set: { apiVersion: 'opmodel.dev/v2' },
    expectPath: 'apiVersion',
  },
  {
    id: 'missing-spec',
    base: 'platform',
    set: { spec: undefined },
    expectPath: 'spec',
  },
  {
    id: 'missing-type',
    base: 'platform',
    set: { 'spec.type': undefined },
    expectPath: 'spec.type',
  },
  {
    id: 'missing-lifecycle',
    base: 'platform',
    set: { 'spec.lifecycle': undefined },
    expectPath: 'spec.lifecycle',
  },
  {
    id: 'missing-owner',
    base: 'platform',
    set: { 'spec.owner': undefined },
    expectPath: 'spec.owner',
  },
  {
    id: 'unknown-lifecycle',
    base: 'platform',
    set: { 'spec.lifecycle': 'prod' },
    expectPath: 'spec.lifecycle',
  },
  {
    id: 'owner-number',
    base: 'platform',
    set: { 'spec.owner': 42 },
    expectPath: 'spec.owner',
  },
  {
    id: 'owner-bad-ref',
    base: 'platform',
    set: { 'spec.owner': 'group:' },
    expectPath: 'spec.owner',
  },
  {
    id: 'owner-wrong-kind',
    base: 'platform',
    set: { 'spec.owner': 'component:argo-cd' },
    expectPath: 'spec.owner',
  },
  {
    id: 'domain-wrong-kind',
    base: 'platform',
    set: { 'spec.domain': 'system:ci-cd' },
    expectPath: 'spec.domain',
  },
  {
    id: 'includes-not-list',
    base: 'platform',
    set: { 'spec.includes': 'system:ci-cd' },
    expectPath: 'spec.includes',
  },
  {
    id: 'includes-group',
    base: 'platform',
    set: { 'spec.includes[1]': 'group:checkout' },
    expectPath: 'spec.includes[1]',
  },
  {
    id: 'includes-spaces',
    base: 'platform',
    set: { 'spec.includes[0]': 'system:ci cd' },
    expectPath: 'spec.includes[0]',
  },
  {
    id: 'unknown-spec-field',
    base: 'platform',
    set: { 'spec.valueProposal': 'typo' },
    expectPath: 'spec.valueProposal',
  },
  {
    id: 'duplicate-capability-id',
    base: 'platform',
    set: { 'spec.capabilities[1].id': 'deploy' },
    expectPath: 'spec.capabilities[1].id',
  },
  {
    id: 'capability-missing-title',
    base: 'platform',
    set: { 'spec.capabilities[0].title': undefined },
    expectPath: 'spec.capabilities[0].title',
  },
  {
    id: 'capability-unknown-domain',
    base: 'platform',
    set: { 'spec.capabilities[0].domain': 'magic' },
    expectPath: 'spec.capabilities[0].domain',
  },
  {
    id: 'capability-selfservice-string',
    base: 'platform',
    set: { 'spec.capabilities[0].selfService': 'yes' },
    expectPath: 'spec.capabilities[0].selfService',
  },
  {
    id: 'capability-bad-id',
    base: 'platform',
    set: { 'spec.capabilities[0].id': 'Deploy It' },
    expectPath: 'spec.capabilities[0].id',
  },
  {
    id: 'implemented-by-user',
    base: 'platform',
    set: { 'spec.capabilities[0].implementedBy[0]': 'user:jane' },
    expectPath: 'spec.capabilities[0].implementedBy[0]',
  },
  {
    id: 'consumer-unknown-interaction',
    base: 'platform',
    set: { 'spec.consumers[0].interaction': 'as-a-service' },
    expectPath: 'spec.consumers[0].interaction',
  },
  {
    id: 'consumer-not-group',
    base: 'platform',
    set: { 'spec.consumers[0].team': 'user:jane' },
    expectPath: 'spec.consumers[0].team',
  },
  {
    id: 'consumer-bad-date',
    base: 'platform',
    set: { 'spec.consumers[0].since': '2025-13-45' },
    expectPath: 'spec.consumers[0].since',
  },
  {
    id: 'role-not-operatingrole',
    base: 'platform',
    set: { 'spec.roles[0].role': 'group:platform-team' },
    expectPath: 'spec.roles[0].role',
  },
  {
    id: 'role-missing-holder',
    base: 'platform',
    set: { 'spec.roles[1].holder': undefined },
    expectPath: 'spec.roles[1].holder',
  },
  {
    id: 'role-holder-component',
    base: 'platform',
    set: { 'spec.roles[0].holder': 'component:argo-cd' },
    expectPath: 'spec.roles[0].holder',
  },
  {
    id: 'role-until-before-since',
    base: 'platform',
    set: { 'spec.roles[0].until': '2024-06-30' },
    expectPath: 'spec.roles[0].until',
  },
  {
    id: 'role-date-not-iso',
    base: 'platform',
    set: { 'spec.roles[0].since': '01/01/2025' },
    expectPath: 'spec.roles[0].since',
  },
  {
    id: 'support-channel-unknown-type',
    base: 'platform',
    set: { 'spec.support.channels[0].type': 'carrier-pigeon' },
    expectPath: 'spec.support.channels[0].type',
  },
  {
    id: 'support-docs-not-url',
    base: 'platform',
    set: { 'spec.support.docs': 'docs.example.com' },
    expectPath: 'spec.support.docs',
  },
  {
    id: 'response-target-bad-duration',
    base: 'platform',
    set: { 'spec.support.responseTargets[0].acknowledge': 'fifteen minutes' },
    expectPath: 'spec.support.responseTargets[0].acknowledge',
  },
  {
    id: 'response-target-duplicate-severity',
    base: 'platform',
    set: {
      'spec.support.responseTargets[1]': { severity: 'P1', acknowledge: '30m' },
    },
    expectPath: 'spec.support.responseTargets[1].severity',
  },
  {
    id: 'ritual-unknown',
    base: 'platform',
    set: { 'spec.collaboration[0].ritual': 'party' },
    expectPath: 'spec.collaboration[0].ritual',
  },
  {
    id: 'objective-availability-over-1',
    base: 'platform',
    set: { 'spec.objectives.availability.target': 99.9 },
    expectPath: 'spec.objectives.availability.target',
  },
  {
    id: 'objective-cfr-string',
    base: 'platform',
    set: { 'spec.objectives.changeFailureRate': '15%' },
    expectPath: 'spec.objectives.changeFailureRate',
  },
  {
    id: 'objective-unknown',
    base: 'platform',
    set: { 'spec.objectives.happiness': 1 },
    expectPath: 'spec.objectives.happiness',
  },
  {
    id: 'huge-value-proposition',
    base: 'platform',
    set: { 'spec.valueProposition': 'x'.repeat(100_000) },
    expectPath: 'spec.valueProposition',
  },
  {
    id: 'deeply-nested-title',
    base: 'platform',
    set: { 'spec.capabilities[0].title': deep(200) },
    expectPath: 'spec.capabilities[0].title',
  },
  {
    id: 'too-many-includes',
    base: 'platform',
    set: {
      'spec.includes': Array.from({ length: 600 }, (_, i) => `component:c${i}`),
    },
    expectPath: 'spec.includes',
  },
  {
    id: 'role-missing-category',
    base: 'role',
    set: { 'spec.category': undefined },
    expectPath: 'spec.category',
  },
  {
    id: 'role-unknown-raci',
    base: 'role',
    set: { 'spec.responsibilities[0].raci': 'X' },
    expectPath: 'spec.responsibilities[0].raci',
  },
  {
    id: 'role-duplicate-activity',
    base: 'role',
    set: { 'spec.responsibilities[1].activity': 'roadmap' },
    expectPath: 'spec.responsibilities[1].activity',
  },
  {
    id: 'role-required-for-unknown',
    base: 'role',
    set: { 'spec.requiredFor': ['prod'] },
    expectPath: 'spec.requiredFor[0]',
  },
  {
    id: 'role-exclusive-string',
    base: 'role',
    set: { 'spec.exclusive': 'true' },
    expectPath: 'spec.exclusive',
  },
  {
    id: 'role-no-responsibilities',
    base: 'role',
    set: { 'spec.responsibilities': [] },
    expectPath: 'spec.responsibilities',
  },
  {
    id: 'funding-unknown-type',
    base: 'funding',
    set: { 'spec.type': 'capex' },
    expectPath: 'spec.type',
  },
  {
    id: 'funding-share-over-1',
    base: 'funding',
    set: { 'spec.allocations[0].share': 1.5 },
    expectPath: 'spec.allocations[0].share',
  },
  {
    id: 'funding-shares-sum-over-1',
    base: 'funding',
    set: { 'spec.allocations[1].share': 0.5 },
    expectPath: 'spec.allocations',
  },
  {
    id: 'funding-negative-amount',
    base: 'funding',
    set: { 'spec.periods[0].amount': -5 },
    expectPath: 'spec.periods[0].amount',
  },
  {
    id: 'funding-amount-string',
    base: 'funding',
    set: { 'spec.periods[0].amount': '1.2M' },
    expectPath: 'spec.periods[0].amount',
  },
  {
    id: 'funding-overlapping-periods',
    base: 'funding',
    set: { 'spec.periods[1].start': '2026-06-01' },
    expectPath: 'spec.periods[1].start',
  },
  {
    id: 'funding-end-before-start',
    base: 'funding',
    set: { 'spec.periods[0].end': '2025-01-01' },
    expectPath: 'spec.periods[0].end',
  },
  {
    id: 'funding-target-not-platform',
    base: 'funding',
    set: { 'spec.allocations[0].target': 'component:argo-cd' },
    expectPath: 'spec.allocations[0].target',
  },
  {
    id: 'funding-duplicate-target',
    base: 'funding',
    set: {
      'spec.allocations[1].target': 'platform:test-platform',
      'spec.allocations[1].share': 0.1,
    },
    expectPath: 'spec.allocations[1].target',
  },
  {
    id: 'funding-bad-currency',
    base: 'funding',
    set: { 'spec.currency': 'euro' },
    expectPath: 'spec.currency',
  },
  {
    id: 'funding-project-without-project',
    base: 'funding',
    set: { 'spec.type': 'project' },
    expectPath: 'spec.project',
  },
  {
    id: 'funding-no-periods',
    base: 'funding',
    set: { 'spec.periods': [] },
    expectPath: 'spec.periods',
  },
  {
    id: 'funding-zero-share',
    base: 'funding',
    set: { 'spec.allocations[1].share': 0 },
    expectPath: 'spec.allocations[1].share',
  },
];

function setPath(target: any, path: string, value: unknown) {
  const segments = path.match(/[^.[\]]+/g)!;
  let node = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i];
    if (node[seg] === undefined)
      node[seg] = /^\d+$/.test(segments[i + 1]) ? [] : {};
    node = node[seg];
  }
  const last = segments[segments.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * The entity of a malformed case, named `bad-<id>`.
 *
 * @public
 */
export function buildMalformedEntity(c: MalformedCase): Entity {
  const name = `bad-${c.id}`;
  const bases = {
    platform: validPlatform,
    role: validOperatingRole,
    funding: validFundingLine,
  };
  const base = bases[c.base](name);
  const entity = JSON.parse(JSON.stringify(base));
  for (const [path, value] of Object.entries(c.set))
    setPath(entity, path, value);
  return entity;
}
