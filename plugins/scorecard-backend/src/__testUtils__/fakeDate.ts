/**
 * Fakes Date alone, starting at `now` (move it with jest.setSystemTime): timers, ticks and
 * performance stay real, so the database drivers keep working. Undo with jest.useRealTimers().
 */
export function fakeDateOnly(now: number) {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
