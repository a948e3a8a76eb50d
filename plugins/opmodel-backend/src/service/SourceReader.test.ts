import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { SourceReader } from './SourceReader';

describe('SourceReader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opmodel-source-'));
  const file = path.join(dir, 'funding.yaml');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // file locations never reach the UrlReader
  const urlReader = mockServices.urlReader.mock();

  it('reads a file once while its read is fresh, and again afterwards', async () => {
    const reader = new SourceReader(urlReader, 60_000);
    fs.writeFileSync(file, 'first');
    expect(await reader.read({ type: 'file', target: file })).toBe('first');
    fs.writeFileSync(file, 'second');
    expect(await reader.read({ type: 'file', target: file })).toBe('first');
    const fresh = new SourceReader(urlReader, 0);
    expect(await fresh.read({ type: 'file', target: file })).toBe('second');
    expect(urlReader.readUrl).not.toHaveBeenCalled();
  });

  it('does not keep a failed read: the next request tries again', async () => {
    const reader = new SourceReader(urlReader, 60_000);
    const later = path.join(dir, 'later.yaml');
    await expect(reader.read({ type: 'file', target: later })).rejects.toThrow(
      `Could not read ${later}: it does not exist`,
    );
    fs.writeFileSync(later, 'now here');
    expect(await reader.read({ type: 'file', target: later })).toBe('now here');
  });

  it('reads only a file, not a folder or a pattern', async () => {
    const reader = new SourceReader(urlReader, 0);
    await expect(reader.read({ type: 'file', target: dir })).rejects.toThrow(
      `Could not read ${dir}: it is a folder`,
    );
    await expect(
      reader.read({ type: 'file', target: path.join(dir, '*.yaml') }),
    ).rejects.toThrow(/it does not exist/);
  });
});
