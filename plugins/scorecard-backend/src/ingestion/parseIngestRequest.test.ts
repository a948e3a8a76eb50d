import { DateTime } from 'luxon';
import { isRealTime } from './isoTime';
import { countItems, parseIngestRequest } from './parseIngestRequest';

const now = Date.parse('2026-11-22T12:00:00Z');
const options = { now, maxClockSkewMs: 300_000 };
const ref = 'component:default/checkout-service';

function issues(body: unknown) {
  const result = parseIngestRequest(body, options);
  if (result.ok) throw new Error('expected the batch to be refused');
  return result.issues.map(i => `${i.path}: ${i.message}`);
}

describe('parseIngestRequest', () => {
  it('turns a good batch into rows, with normalised refs and epoch milliseconds', () => {
    const result = parseIngestRequest(
      {
        source: 'ci',
        deployments: [
          {
            id: '1',
            entityRef: 'Component:checkout-service',
            environment: 'Production',
            result: 'success',
            finishedAt: '2026-11-22T10:00:00+01:00',
            commits: [
              { sha: 'b', time: '2026-11-22T08:00:00Z' },
              { sha: 'a', time: '2026-11-22T07:00:00Z' },
            ],
          },
        ],
        availability: {
          probes: [{ entityRef: ref, time: '2026-11-22T09:00:00Z', up: false }],
        },
      },
      options,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [d] = result.value.batch.deployments;
    expect(d).toMatchObject({
      entityRef: ref,
      environment: 'production',
      finishedAt: Date.parse('2026-11-22T09:00:00Z'),
      firstCommitAt: Date.parse('2026-11-22T07:00:00Z'),
    });
    expect(result.value.batch.availability[0]).toMatchObject({
      lengthMs: 0,
      good: 0,
      total: 1,
    });
    expect([...result.value.refs.keys()]).toEqual([ref]);
  });

  it('refuses what is not an object, naming the body', () => {
    expect(issues(null)).toEqual([
      '(body): must be a JSON object: { "source": "...", "deployments": [...] }',
    ]);
    expect(issues([1])).toHaveLength(1);
    expect(issues({ deployments: [] })).toEqual(['source: is required']);
  });

  it('checks buckets and probes', () => {
    const found = issues({
      source: 'blackbox',
      availability: {
        buckets: [
          {
            entityRef: ref,
            start: '2026-11-22T00:00:00Z',
            lengthSeconds: 3600,
            good: 11,
            total: 10,
          },
          {
            entityRef: ref,
            start: '2026-11-22T00:00:00Z',
            lengthSeconds: 0,
            good: 1,
            total: 1,
          },
          {
            entityRef: ref,
            start: '2026-11-22T11:59:00Z',
            lengthSeconds: 3600,
            good: 1,
            total: 1,
          },
        ],
        probes: [
          { entityRef: 'not a ref', time: '2026-11-22T00:00:00Z', up: 'yes' },
        ],
      },
    });
    expect(found.sort()).toEqual([
      'availability.buckets[1].lengthSeconds: must be at least 1',
      'availability.probes[0].up: must be true or false',
    ]);
    const second = issues({
      source: 'blackbox',
      availability: {
        buckets: [
          {
            entityRef: ref,
            start: '2026-11-22T00:00:00Z',
            lengthSeconds: 3600,
            good: 11,
            total: 10,
          },
          {
            entityRef: ref,
            start: '2026-11-22T11:59:00Z',
            lengthSeconds: 3600,
            good: 1,
            total: 1,
          },
          {
            entityRef: ref,
            start: '2026-11-22T00:00:00Z',
            lengthSeconds: 60,
            good: 1,
            total: 1,
          },
        ],
        probes: [
          { entityRef: 'not a ref', time: '2026-11-22T00:00:00Z', up: true },
        ],
      },
    });
    expect(second).toEqual([
      "availability.probes[0].entityRef: 'not a ref' is not an entity ref; write kind:namespace/name, for example component:default/checkout-service",
      'availability.buckets[0].good: is more than total (10); good counts the successful part of total',
      'availability.buckets[1].start: is in the future; send events once they have happened, with the time they happened',
      'availability.buckets[2].start: repeats the entity and start of availability.buckets[0]; send each one once per batch',
    ]);
  });

  it('refuses times without a zone, impossible dates, and both commits and firstCommitAt', () => {
    const found = issues({
      source: 'ci',
      deployments: [
        {
          id: '1',
          entityRef: ref,
          environment: 'production',
          result: 'success',
          finishedAt: '2026-11-22T10:00:00',
        },
        {
          id: '2',
          entityRef: ref,
          environment: 'production',
          result: 'success',
          finishedAt: '2026-02-31T10:00:00Z',
        },
      ],
    });
    expect(found[0]).toBe(
      'deployments[0].finishedAt: must be an ISO 8601 time with a zone, for example 2026-11-20T10:15:00Z',
    );
    expect(found[1]).toBe(
      'deployments[1].finishedAt: is not a real date and time',
    );
    expect(
      issues({
        source: 'ci',
        deployments: [
          {
            id: '1',
            entityRef: ref,
            environment: 'production',
            result: 'success',
            finishedAt: '2026-11-22T10:00:00Z',
            firstCommitAt: '2026-11-22T09:00:00Z',
            commits: [{ sha: 'a', time: '2026-11-22T09:00:00Z' }],
          },
        ],
      }),
    ).toEqual([
      'deployments[0].firstCommitAt: is given together with commits; send one of them',
    ]);
  });
});

describe('parseIngestRequest across availability lists', () => {
  it('names a probe that a bucket repeats by its own list and index', () => {
    expect(
      issues({
        source: 'blackbox',
        availability: {
          probes: [{ entityRef: ref, time: '2026-11-22T01:00:00Z', up: true }],
          buckets: [
            {
              entityRef: ref,
              start: '2026-11-22T01:00:00Z',
              lengthSeconds: 60,
              good: 1,
              total: 1,
            },
          ],
        },
      }),
    ).toEqual([
      'availability.buckets[0].start: repeats the entity and start of availability.probes[0]; send each one once per batch',
    ]);
  });
});

describe('countItems', () => {
  it('counts every kind of event before validation, and nothing in what is not a batch', () => {
    expect(
      countItems({
        deployments: [1, 2],
        incidents: [3],
        availability: { probes: [4], buckets: [5, 6] },
      }),
    ).toBe(6);
    expect(countItems('x')).toBe(0);
    expect(countItems({ deployments: 'many' })).toBe(0);
  });
});

describe('isRealTime', () => {
  it('agrees with luxon on real, impossible and malformed times', () => {
    const cases = [
      '2026-11-22T10:15:00Z',
      '2026-11-22T10:15Z',
      '2026-11-22T10:15:00.123456789+02:00',
      '2026-11-22T23:59:59-0530',
      '2024-02-29T00:00:00Z', // leap year
      '2026-02-29T00:00:00Z', // not one
      '2026-02-31T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-00-10T10:00:00Z',
      '2026-11-00T10:00:00Z',
      '2026-11-22T24:00:00Z',
      '2026-11-22T10:60:00Z',
      '2026-11-22T10:15:60Z',
      '2026-11-22 10:15:00Z',
      '2026-11-22T10:15:00',
    ];
    for (const s of cases) {
      const luxon = /T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(s)
        ? DateTime.fromISO(s, { setZone: true }).isValid
        : false;
      expect({ s, valid: isRealTime(s) }).toEqual({ s, valid: luxon });
    }
    // stricter than luxon: an offset's hours and minutes are in range
    expect(isRealTime('2026-11-22T10:15:00+24:00')).toBe(false);
    expect(isRealTime('2026-11-22T10:15:00+02:60')).toBe(false);
  });
});
