import { z } from 'zod';
import { ISO_TIME, isRealTime } from './isoTime';
import { STORABLE } from './storableText';

/*
 * The event batch's fields, as POST /events takes them: each rule's message says what to write
 * instead. The OpenAPI document's IngestRequest describes the same batch for clients;
 * ingestionContract.test.ts holds the two together.
 */

const time = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a string',
  })
  .regex(
    ISO_TIME,
    'must be an ISO 8601 time with a zone, for example 2026-11-20T10:15:00Z',
  )
  .refine(
    s => !ISO_TIME.test(s) || isRealTime(s),
    'is not a real date and time',
  );

const text = (max: number) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // the write would otherwise fail whole on PostgreSQL, with no field named
    .regex(
      STORABLE,
      'must not contain the NUL character (\\u0000) or an unpaired surrogate (\\ud800-\\udfff)',
    );

const url = text(2000).regex(/^https?:\/\/\S+$/, 'must be a full http(s) URL');
const entityRef = text(255);

const deployment = z
  .object({
    id: text(255),
    entityRef,
    environment: text(100),
    result: z.enum(['success', 'failure', 'rollback'], {
      errorMap: () => ({
        message: 'must be one of success, failure, rollback',
      }),
    }),
    startedAt: time.optional(),
    finishedAt: time,
    commits: z
      .array(z.object({ sha: text(100), time }).strict(), {
        invalid_type_error: 'must be a list of { sha, time }',
      })
      .max(1000, 'must list at most 1000 commits; send firstCommitAt instead')
      .optional(),
    firstCommitAt: time.optional(),
    fixesIncident: text(255).optional(),
    url: url.optional(),
  })
  .strict();

const incident = z
  .object({
    id: text(255),
    entityRef,
    severity: text(50),
    impact: z.enum(['outage', 'partial', 'degraded', 'none'], {
      errorMap: () => ({
        message: 'must be one of outage, partial, degraded, none',
      }),
    }),
    triggeredAt: time,
    acknowledgedAt: time.optional(),
    mitigatedAt: time.optional(),
    resolvedAt: time.optional(),
    causedByDeployment: text(255).optional(),
    title: text(500).optional(),
    url: url.optional(),
  })
  .strict();

const probe = z
  .object({
    entityRef,
    time,
    up: z.boolean({
      required_error: 'is required',
      invalid_type_error: 'must be true or false',
    }),
  })
  .strict();

const count = z
  .number({
    required_error: 'is required',
    invalid_type_error: 'must be a number',
  })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(1e12, 'is too large');

const bucket = z
  .object({
    entityRef,
    start: time,
    lengthSeconds: z
      .number({
        required_error: 'is required',
        invalid_type_error: 'must be a number',
      })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1')
      .max(86400, 'must be at most 86400 (one day)'),
    good: count,
    total: count,
  })
  .strict();

const score = (min: number, max: number, meaning: string) =>
  z
    .number({ invalid_type_error: 'must be a number' })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be from ${min} to ${max} (${meaning})`)
    .max(max, `must be from ${min} to ${max} (${meaning})`);

const feedback = z
  .object({
    id: text(255),
    entityRef,
    team: entityRef,
    respondedAt: time,
    satisfaction: score(
      1,
      5,
      '1 very dissatisfied, 5 very satisfied',
    ).optional(),
    recommendation: score(
      0,
      10,
      'how likely the team is to recommend the platform',
    ).optional(),
    effort: score(1, 7, '1 very little effort, 7 very much').optional(),
    capability: text(255).optional(),
    comment: text(4000).optional(),
  })
  .strict()
  .refine(
    f =>
      f.satisfaction !== undefined ||
      f.recommendation !== undefined ||
      f.effort !== undefined,
    'answers no question; send at least one of satisfaction (1-5), recommendation (0-10) and effort (1-7)',
  );

const supportRequest = z
  .object({
    id: text(255),
    entityRef,
    team: entityRef,
    channel: text(100),
    openedAt: time,
    firstResponseAt: time.optional(),
    resolvedAt: time.optional(),
    title: text(500).optional(),
    url: url.optional(),
  })
  .strict();

export const ingestRequestSchema = z
  .object({
    source: text(100).regex(
      /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/,
      'must be letters, digits and . _ : / - (for example github-actions)',
    ),
    deployments: z
      .array(deployment, { invalid_type_error: 'must be a list' })
      .optional(),
    incidents: z
      .array(incident, { invalid_type_error: 'must be a list' })
      .optional(),
    availability: z
      .object({
        probes: z
          .array(probe, { invalid_type_error: 'must be a list' })
          .optional(),
        buckets: z
          .array(bucket, { invalid_type_error: 'must be a list' })
          .optional(),
      })
      .strict()
      .optional(),
    feedback: z
      .array(feedback, { invalid_type_error: 'must be a list' })
      .optional(),
    supportRequests: z
      .array(supportRequest, { invalid_type_error: 'must be a list' })
      .optional(),
  })
  .strict();
