import type { MalformedCase } from './MalformedCase';

/** Malformed FundingLine declarations. */
export const fundingLineMalformedCases: MalformedCase[] = [
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
