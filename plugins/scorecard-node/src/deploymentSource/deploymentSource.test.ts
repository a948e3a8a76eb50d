import {
  decodeDeploymentCursor,
  encodeDeploymentCursor,
  firstCommitAt,
  isRollbackByCommitOrder,
} from '.';

describe('firstCommitAt', () => {
  it('is the earliest commit time, in UTC, whatever the order and zone of the list', () => {
    expect(
      firstCommitAt([
        { sha: 'c', time: '2026-11-20T10:00:00Z' },
        { sha: 'a', time: '2026-11-19T23:30:00-02:00' },
        { sha: 'b', time: '2026-11-20T08:00:00+01:00' },
      ]),
    ).toBe('2026-11-20T01:30:00.000Z');
  });

  it('is never later than the deployment finished (clock skew)', () => {
    expect(
      firstCommitAt(
        [{ sha: 'a', time: '2026-11-20T10:05:00Z' }],
        '2026-11-20T10:00:00Z',
      ),
    ).toBe('2026-11-20T10:00:00.000Z');
  });

  it('is undefined without commits or readable times: no lead time', () => {
    expect(firstCommitAt([])).toBeUndefined();
    expect(firstCommitAt([{ time: 'yesterday' }])).toBeUndefined();
  });
});

describe('isRollbackByCommitOrder', () => {
  it('is a rollback only for a commit older than the running one', () => {
    expect(isRollbackByCommitOrder({ aheadBy: 0, behindBy: 3 })).toBe(true);
    expect(isRollbackByCommitOrder({ aheadBy: 2, behindBy: 0 })).toBe(false);
    // a redeploy of the running commit
    expect(isRollbackByCommitOrder({ aheadBy: 0, behindBy: 0 })).toBe(false);
    // another line of history
    expect(isRollbackByCommitOrder({ aheadBy: 1, behindBy: 4 })).toBe(false);
  });
});

describe('deployment cursors', () => {
  it('come back as they were stored', () => {
    const cursor = {
      after: 1234567890123,
      running: { sha: 'abc', finishedAt: '2026-11-20T10:00:00Z' },
      newest: { sha: 'def', finishedAt: '2026-11-19T10:00:00Z' },
      etag: 'W/"e1"',
      etags: { repo: '"r1"' },
      extra: { defaultBranch: 'main' },
    };
    expect(decodeDeploymentCursor(encodeDeploymentCursor(cursor))).toEqual(
      cursor,
    );
    expect(decodeDeploymentCursor(encodeDeploymentCursor({}))).toEqual({});
  });

  it('read as absent when nothing, or not a cursor of this version, is stored', () => {
    expect(decodeDeploymentCursor(undefined)).toBeUndefined();
    expect(decodeDeploymentCursor('')).toBeUndefined();
    expect(decodeDeploymentCursor('W/"an-etag"')).toBeUndefined();
    expect(decodeDeploymentCursor('{"v":2,"after":1}')).toBeUndefined();
    expect(decodeDeploymentCursor('[1]')).toBeUndefined();
  });

  it('drop fields of the wrong type rather than trusting them', () => {
    expect(
      decodeDeploymentCursor(
        '{"v":1,"after":"12","running":{"sha":1},"etag":"x","extra":{"a":1}}',
      ),
    ).toEqual({ etag: 'x' });
  });
});
