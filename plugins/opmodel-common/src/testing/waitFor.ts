/**
 * Polls `fn` until it gives a value (anything but undefined) and returns that value; fails naming
 * `what` once `timeoutMs` has passed. Tests wait on a condition this way, never for a fixed time,
 * so a busy machine makes them slower, not red. The bound only ends a wait that would never end.
 * Meant for asynchronous work such as the catalog processing entities.
 *
 * @param what - what is waited for, named in the error on timeout
 * @param fn - gives the value once the condition holds, undefined until then
 * @param timeoutMs - how long to wait at most; default 5 minutes
 * @param intervalMs - how long to wait between looks; default half a second
 * @public
 */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 300_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
