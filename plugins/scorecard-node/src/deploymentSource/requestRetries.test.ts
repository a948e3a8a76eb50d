import { mockServices } from '@backstage/backend-test-utils';
import { RequestRetries } from './requestRetries';

const retries = (overrides: Partial<{ signal: AbortSignal }> = {}) =>
  new RequestRetries({
    label: 'GitHub on github.com',
    logger: mockServices.logger.mock(),
    maxRateLimitWaitMs: 1000,
    serverErrorBackoffMs: 0,
    serverErrorRetries: 3,
    ...overrides,
  });

describe('RequestRetries', () => {
  it('waits out a short rate limit twice, then tells the caller to stop', async () => {
    const r = retries();
    expect(await r.waitOutRateLimit(0)).toBe(true);
    expect(await r.waitOutRateLimit(0)).toBe(true);
    expect(await r.waitOutRateLimit(0)).toBe(false);
  });

  it('does not wait out a rate limit longer than the configured wait', async () => {
    expect(await retries().waitOutRateLimit(1001)).toBe(false);
  });

  it('asks again after a server error as often as configured, and never after a 4xx', async () => {
    const r = retries();
    expect(await r.waitAfterServerError(404)).toBe(false);
    for (let i = 0; i < 3; i++)
      expect(await r.waitAfterServerError(502)).toBe(true);
    expect(await r.waitAfterServerError(502)).toBe(false);
  });

  it('stops waiting when the run is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      retries({ signal: controller.signal }).waitOutRateLimit(0),
    ).rejects.toThrow();
  });
});
