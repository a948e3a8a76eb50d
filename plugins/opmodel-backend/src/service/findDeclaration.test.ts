import { findDeclaration } from './findDeclaration';

const line = (name: string, namespace?: string) =>
  JSON.stringify({
    apiVersion: 'opmodel.dev/v1alpha1',
    kind: 'FundingLine',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { periods: [{ start: '2026-01-01', end: '2027-01-01', amount: 5 }] },
  });
const run = { kind: 'FundingLine', namespace: 'default', name: 'run' };

describe('findDeclaration', () => {
  it('finds the document with the same kind, namespace and name, regardless of case', () => {
    const text = [line('other'), line('run', 'finance'), line('RUN')].join(
      '\n---\n',
    );
    expect(
      findDeclaration(text, { ...run, kind: 'fundingline' }, 'file:/f.yaml')
        .metadata.name,
    ).toBe('RUN');
    expect(
      findDeclaration(text, { ...run, namespace: 'finance' }, 'file:/f.yaml')
        .metadata.namespace,
    ).toBe('finance');
  });

  it('says the source no longer declares the entity', () => {
    expect(() => findDeclaration(line('other'), run, 'file:/f.yaml')).toThrow(
      'file:/f.yaml no longer declares fundingline:default/run',
    );
  });

  it('refuses a source that declares the entity twice', () => {
    expect(() =>
      findDeclaration(
        `${line('run')}\n---\n${line('run')}`,
        run,
        'file:/f.yaml',
      ),
    ).toThrow(/declares fundingline:default\/run more than once/);
  });

  it('names the lines of YAML errors without quoting the file', () => {
    const text = `${line(
      'other',
    )}\n---\nkind: FundingLine\nspec: { amount: 424242\n`;
    let message = '';
    try {
      findDeclaration(text, run, 'file:/f.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/the file has YAML errors at line \d+/);
    expect(message).not.toContain('424242');
  });
});
