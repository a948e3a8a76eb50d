import { fullEntityRef } from './entityRefs';

describe('fullEntityRef', () => {
  it('fills in the kind and namespace a spec leaves out, in lower case', () => {
    expect(fullEntityRef('Checkout', { defaultKind: 'group' })).toBe(
      'group:default/checkout',
    );
    expect(
      fullEntityRef('user:Jane', {
        defaultKind: 'group',
        defaultNamespace: 'Retail',
      }),
    ).toBe('user:retail/jane');
    expect(fullEntityRef('platform:ops/Dev', { defaultKind: 'platform' })).toBe(
      'platform:ops/dev',
    );
  });

  it('gives nothing for what is no ref', () => {
    expect(fullEntityRef(undefined, { defaultKind: 'group' })).toBeUndefined();
    expect(fullEntityRef(42, { defaultKind: 'group' })).toBeUndefined();
    expect(fullEntityRef('group:', { defaultKind: 'group' })).toBeUndefined();
    expect(fullEntityRef('', { defaultKind: 'group' })).toBeUndefined();
  });
});
