/**
 * The scorecard's HTTP API. Request parameters are validated against it by
 * `@backstage/backend-openapi-utils`; the event batch body is validated item by item by the
 * ingestion service, so that every bad item is reported with its path.
 */
const entityRef = {
  name: 'entityRef',
  in: 'query',
  required: true,
  allowReserved: true,
  description:
    'The entity, as kind:namespace/name (platform:default/developer-platform).',
  schema: { type: 'string', minLength: 3, maxLength: 255 },
} as const;
const from = {
  name: 'from',
  in: 'query',
  required: false,
  allowReserved: true,
  description:
    'Start of the window (inclusive), ISO 8601. Default: the end minus the default window.',
  schema: { type: 'string', maxLength: 40 },
} as const;
const to = {
  name: 'to',
  in: 'query',
  required: false,
  allowReserved: true,
  description: 'End of the window (exclusive), ISO 8601. Default: now.',
  schema: { type: 'string', maxLength: 40 },
} as const;
const json = {
  content: { 'application/json': { schema: { type: 'object' } } },
} as const;
const errors = {
  '400': {
    description: 'Bad input; the message names the field and the fix.',
    ...json,
  },
  '401': { description: 'No or invalid credentials.', ...json },
  '403': { description: 'The permission policy denied it.', ...json },
} as const;

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'opmodel scorecard',
    version: '1',
    description:
      'Deployment, incident and availability events in; graded metrics out.',
  },
  servers: [{ url: '/' }],
  components: {},
  paths: {
    '/events': {
      post: {
        operationId: 'PostEvents',
        description:
          'Stores a batch of deployments, incidents and availability data, all or nothing, idempotent by (source, id).',
        requestBody: { required: true, ...json },
        responses: {
          '200': { description: 'Stored: how many of each kind.', ...json },
          ...errors,
          '413': {
            description:
              'Too many events in the batch, or the body is too large.',
            ...json,
          },
        },
      },
      get: {
        operationId: 'GetEvents',
        description: 'The events behind a figure, newest first.',
        parameters: [
          entityRef,
          {
            name: 'type',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['deployment', 'incident'] },
          },
          from,
          to,
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        ],
        responses: { '200': { description: 'Events.', ...json }, ...errors },
      },
    },
    '/scorecard': {
      get: {
        operationId: 'GetScorecard',
        description:
          "One entity's scorecard, computed from stored events for the window, or a frozen period's.",
        parameters: [
          entityRef,
          from,
          to,
          {
            name: 'period',
            in: 'query',
            required: false,
            description:
              'A frozen period by name; from and to are then ignored.',
            schema: { type: 'string', maxLength: 100 },
          },
        ],
        responses: {
          '200': { description: 'The scorecard.', ...json },
          ...errors,
          '404': { description: 'Unknown entity.', ...json },
        },
      },
    },
    '/trend': {
      get: {
        operationId: 'GetTrend',
        description: "One metric's daily history, from the stored snapshots.",
        parameters: [
          entityRef,
          {
            name: 'metric',
            in: 'query',
            required: true,
            schema: { type: 'string', maxLength: 50 },
          },
          from,
          to,
        ],
        responses: {
          '200': { description: 'The trend.', ...json },
          ...errors,
          '404': { description: 'Unknown entity.', ...json },
        },
      },
    },
    '/trends': {
      get: {
        operationId: 'GetTrends',
        description:
          "Several metrics' daily history, from the stored snapshots, in one request.",
        parameters: [
          entityRef,
          {
            name: 'metrics',
            in: 'query',
            required: false,
            description:
              'Metric ids, separated by commas; every metric when left out.',
            style: 'form',
            explode: false,
            schema: {
              type: 'array',
              items: { type: 'string', maxLength: 50 },
              maxItems: 20,
            },
          },
          from,
          to,
        ],
        responses: {
          '200': { description: 'The trends.', ...json },
          ...errors,
          '404': { description: 'Unknown entity.', ...json },
        },
      },
    },
    '/portfolio': {
      get: {
        operationId: 'GetPortfolio',
        description: 'Every Platform with its headline metrics.',
        parameters: [from, to],
        responses: {
          '200': { description: 'The portfolio.', ...json },
          ...errors,
        },
      },
    },
    '/definitions': {
      get: {
        operationId: 'GetDefinitions',
        description:
          'Metric definitions, benchmark profiles and the profile in use.',
        responses: {
          '200': { description: 'Definitions.', ...json },
          ...errors,
        },
      },
    },
    '/coverage': {
      get: {
        operationId: 'GetCoverage',
        description:
          "Which collectors read the entity's data (and its members'), when each last ran and last wrote, and the last error in words.",
        parameters: [entityRef],
        responses: { '200': { description: 'Coverage.', ...json }, ...errors },
      },
    },
    '/periods': {
      get: {
        operationId: 'GetPeriods',
        description: 'Frozen periods.',
        responses: { '200': { description: 'Periods.', ...json }, ...errors },
      },
      post: {
        operationId: 'PostPeriod',
        description:
          'Freezes a named, ended period: its scorecards are stored and never recomputed.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['name', 'from', 'to'],
                properties: {
                  name: { type: 'string', maxLength: 100 },
                  from: { type: 'string', maxLength: 40 },
                  to: { type: 'string', maxLength: 40 },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'The frozen period.', ...json },
          ...errors,
        },
      },
    },
  },
} as const;
