import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildMalformedEntity,
  malformedCases,
} from '@opmodel/plugin-opmodel-common/testing';

jest.setTimeout(120_000);

const bin = path.resolve(__dirname, '../bin/opmodel');
const examples = path.resolve(__dirname, '../../../examples');

function run(...args: string[]) {
  const res = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('opmodel validate (as a process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-cli-'));
  });

  it('finds only the deliberate model findings in the example organisation', () => {
    const { code, out } = run('validate', '--now', '2026-06-15', examples);
    // observability-platform deliberately lacks a service manager (error) and a feedback ritual (warning)
    expect(code).toBe(1);
    expect(out).toContain('5 file(s) checked: 1 error(s), 1 warning(s)');
    expect(out).toMatch(
      /platforms\.yaml:\d+: spec\.roles: a production platform needs a Service Manager.*\[platform:default\/observability-platform\]/,
    );
    expect(out).toMatch(
      /platforms\.yaml:\d+: spec\.collaboration: warning: .*\[platform:default\/observability-platform\]/,
    );
  });

  it('passes a clean file, and fails on warnings only with --fail-on-warnings', () => {
    const file = path.join(dir, 'roles.yaml');
    fs.copyFileSync(path.join(examples, 'roles.yaml'), file);
    expect(run('validate', file).code).toBe(0);
    const warn = path.join(dir, 'warn.yaml');
    fs.writeFileSync(
      warn,
      'apiVersion: opmodel.dev/v1alpha1\nkind: Platform\nmetadata: { name: p }\nspec: { type: t, lifecycle: experimental, owner: group:a }\n',
    );
    expect(run('validate', warn).code).toBe(0);
    expect(run('validate', '--fail-on-warnings', warn).code).toBe(1);
  });

  it('reports every malformed case as file:line: field: message, and exits 1', () => {
    const file = path.join(dir, 'bad.yaml');
    const text = malformedCases
      .map(c => JSON.stringify(buildMalformedEntity(c)))
      .join('\n---\n');
    fs.writeFileSync(file, text);
    const { code, out } = run('validate', file);
    expect(code).toBe(1);
    for (const c of malformedCases) {
      const line = out
        .split('\n')
        .find(
          l => l.includes(`/bad-${c.id}]`) && l.includes(`: ${c.expectPath}: `),
        );
      expect({ id: c.id, line: line ?? 'missing' }).toEqual({
        id: c.id,
        line: expect.stringMatching(/^.*bad\.yaml:\d+: /),
      });
    }
  });

  it('points at the line of the bad field in a hand-written file', () => {
    const file = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: unrelated }',
        'spec: { type: service, lifecycle: production, owner: team-a }',
        '---',
        'apiVersion: opmodel.dev/v1alpha1',
        'kind: Platform',
        'metadata:',
        '  name: p',
        'spec:',
        '  type: developer-platform',
        '  lifecycle: prod',
        '  owner: group:platform-team',
        '',
      ].join('\n'),
    );
    const { code, out } = run('validate', file);
    expect(code).toBe(1);
    expect(out).toContain(
      `${file}:12: spec.lifecycle: must be one of experimental, production, deprecated (got 'prod')`,
    );
  });

  it('writes JSON with --json', () => {
    const file = path.join(dir, 'one.yaml');
    fs.writeFileSync(
      file,
      'apiVersion: opmodel.dev/v1alpha1\nkind: FundingLine\nmetadata: { name: f }\nspec: { type: operational, owner: group:finance, currency: EUR, periods: [], allocations: [] }\n',
    );
    const { code, out } = run('validate', '--json', file);
    expect(code).toBe(1);
    const parsed = JSON.parse(out);
    expect(parsed.errors).toBe(2);
    expect(parsed.reports.map((r: any) => r.path).sort()).toEqual([
      'spec.allocations',
      'spec.periods',
    ]);
    expect(parsed.reports[0]).toMatchObject({
      file,
      line: 4,
      severity: 'error',
    });
  });

  it('reports YAML syntax errors with their line', () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'kind: Platform\nspec: [unclosed\n');
    const { code, out } = run('validate', file);
    expect(code).toBe(1);
    expect(out).toMatch(/broken\.yaml:\d+: <root>: YAML syntax error/);
  });

  it('exits 2 with usage on bad arguments', () => {
    expect(run().code).toBe(2);
    expect(run('validate').code).toBe(2);
    const missing = run('validate', path.join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
  });
});
