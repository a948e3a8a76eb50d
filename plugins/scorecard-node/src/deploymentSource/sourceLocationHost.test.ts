import type { Entity } from '@backstage/catalog-model';
import { sourceLocationHost } from './sourceLocationHost';

const entity = (location?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: location
      ? { 'backstage.io/source-location': location }
      : undefined,
  },
});
const options = {
  defaultHost: 'github.com',
  isConfigured: (host: string) => host === 'ghe.example.com',
};

describe('sourceLocationHost', () => {
  it('takes the source location’s host when the source is configured for it', () => {
    expect(
      sourceLocationHost(
        entity('url:https://ghe.example.com/shop/checkout/tree/main/'),
        options,
      ),
    ).toBe('ghe.example.com');
  });

  it('falls back to the public host otherwise', () => {
    expect(sourceLocationHost(entity(), options)).toBe('github.com');
    expect(
      sourceLocationHost(entity('url:https://other.example.com/x'), options),
    ).toBe('github.com');
    expect(sourceLocationHost(entity('not a url'), options)).toBe('github.com');
  });
});
