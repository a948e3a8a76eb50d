import type { Entity } from '@backstage/catalog-model';
import { sourceLocationOf } from './sourceLocation';

const withLocation = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'opmodel.dev/v1alpha1',
  kind: 'FundingLine',
  metadata: { name: 'run', annotations },
  spec: {},
});

describe('sourceLocationOf', () => {
  it('takes the file the catalog read the entity from, not the Location that led to it', () => {
    expect(
      sourceLocationOf(
        withLocation({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/budgets/blob/main/funding.yaml',
          'backstage.io/managed-by-origin-location':
            'url:https://github.com/acme/budgets/blob/main/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      type: 'url',
      target: 'https://github.com/acme/budgets/blob/main/funding.yaml',
    });
    expect(
      sourceLocationOf(
        withLocation({
          'backstage.io/managed-by-location':
            'file:/srv/catalog/./funding.yaml',
        }),
      ),
    ).toEqual({ type: 'file', target: '/srv/catalog/funding.yaml' });
  });

  it.each([
    [{}, /has no backstage.io\/managed-by-location annotation/],
    [
      { 'backstage.io/managed-by-location': 'funding.yaml' },
      /is not a location ref \('funding.yaml'\)/,
    ],
    [
      { 'backstage.io/managed-by-location': 'file:../funding.yaml' },
      /'..\/funding.yaml', which is not an absolute path/,
    ],
    [
      { 'backstage.io/managed-by-location': 'github-org:acme' },
      /comes from a 'github-org' location; amounts are read only from 'url' and 'file' locations/,
    ],
  ])('refuses %p, saying why', (annotations, said) => {
    expect(() => sourceLocationOf(withLocation(annotations))).toThrow(said);
  });
});
