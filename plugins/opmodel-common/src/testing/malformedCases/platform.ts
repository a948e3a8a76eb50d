import type { MalformedCase } from './MalformedCase';

const deep = (levels: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { nested: v };
  return v;
};

/** Malformed Platform declarations. */
export const platformMalformedCases: MalformedCase[] = [
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
];
