import type { MalformedCase } from './MalformedCase';

/** Malformed OperatingRole declarations. */
export const operatingRoleMalformedCases: MalformedCase[] = [
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
];
