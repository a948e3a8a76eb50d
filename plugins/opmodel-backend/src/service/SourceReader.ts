import fs from 'node:fs/promises';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { SourceLocation } from './sourceLocation';

/** Larger files are refused rather than read: no entity file comes near it. */
const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
/** How long a read file is reused: long enough for one page's requests, short enough for edits. */
const DEFAULT_CACHE_MILLIS = 30_000;

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'may not be read by the backend',
  EISDIR: 'is a folder',
};

/**
 * Reads the text of an entity's source file: URLs through Backstage's UrlReader (so only the
 * hosts the integrations and `backend.reading.allow` permit), local paths from the file system.
 * Only the named file is read, never a tree or a glob. A read is reused briefly, so that the
 * several FundingLines of one file cost one read.
 */
export class SourceReader {
  private readonly cache = new Map<
    string,
    { expires: number; text: Promise<string> }
  >();

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly cacheMillis = DEFAULT_CACHE_MILLIS,
  ) {}

  read(location: SourceLocation): Promise<string> {
    const key = `${location.type}:${location.target}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.expires > now) return cached.text;
    const text = this.readUncached(location);
    this.cache.set(key, { expires: now + this.cacheMillis, text });
    // a failed read is not kept: the next request tries again
    text.catch(() => {
      if (this.cache.get(key)?.text === text) this.cache.delete(key);
    });
    return text;
  }

  private async readUncached(location: SourceLocation): Promise<string> {
    return location.type === 'url'
      ? this.readUrl(location.target)
      : this.readFile(location.target);
  }

  private async readUrl(url: string): Promise<string> {
    let buffer: Buffer;
    try {
      const response = await this.urlReader.readUrl(url);
      buffer = await response.buffer();
    } catch (e) {
      throw new ServiceUnavailableError(
        `Could not read ${url}: ${firstLine((e as Error).message)}`,
      );
    }
    if (buffer.length > MAX_SOURCE_BYTES) {
      throw new ServiceUnavailableError(
        `${url} is too large to be an entity file`,
      );
    }
    return buffer.toString('utf8');
  }

  private async readFile(file: string): Promise<string> {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) {
        throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      }
      if (stat.size > MAX_SOURCE_BYTES) {
        throw new ServiceUnavailableError(
          `${file} is too large to be an entity file`,
        );
      }
      return await fs.readFile(file, 'utf8');
    } catch (e) {
      if (e instanceof ServiceUnavailableError) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? '';
      throw new ServiceUnavailableError(
        `Could not read ${file}: it ${
          FILE_ERRORS[code] ?? 'could not be read'
        }`,
      );
    }
  }
}

/** Reader errors can carry response bodies; the first line says what went wrong. */
function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 300);
}
