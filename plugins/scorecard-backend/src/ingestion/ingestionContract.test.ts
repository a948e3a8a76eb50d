import Ajv2020 from 'ajv/dist/2020';
import { spec } from '../schema/openapi/generated/router';
import { parseIngestRequest } from './parseIngestRequest';

/*
 * POST /events is described by the OpenAPI document's IngestRequest (what clients are generated
 * from) and checked by the ingestion's own schema and rules (what answers with each bad item's
 * fix). Whatever the document refuses, the ingestion refuses at the same path; what only the
 * ingestion refuses are the rules a schema cannot say.
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'openapi', components: spec.components });
const documentAccepts = ajv.compile({
  $ref: 'openapi#/components/schemas/IngestRequest',
});

const now = Date.parse('2026-11-22T12:00:00Z');
const ingest = (body: unknown) =>
  parseIngestRequest(body, { now, maxClockSkewMs: 300_000 });
const ref = 'component:default/checkout-service';

const deployment = {
  id: 'run-1',
  entityRef: ref,
  environment: 'production',
  result: 'success',
  startedAt: '2026-11-22T09:50:00Z',
  finishedAt: '2026-11-22T10:00:00Z',
  commits: [{ sha: 'a1', time: '2026-11-22T08:00:00Z' }],
  fixesIncident: 'P123',
  url: 'https://ci.example.com/runs/1',
};
const incident = {
  id: 'P123',
  entityRef: ref,
  severity: 'P1',
  impact: 'outage',
  triggeredAt: '2026-11-22T09:00:00Z',
  acknowledgedAt: '2026-11-22T09:05:00Z',
  mitigatedAt: '2026-11-22T09:30:00Z',
  resolvedAt: '2026-11-22T10:00:00Z',
  causedByDeployment: 'run-0',
  title: 'Checkout down',
  url: 'https://pagerduty.example.com/incidents/P123',
};
const probe = { entityRef: ref, time: '2026-11-22T09:00:00Z', up: true };
const bucket = {
  entityRef: ref,
  start: '2026-11-21T00:00:00Z',
  lengthSeconds: 86400,
  good: 999,
  total: 1000,
};
const full = {
  source: 'github-actions',
  deployments: [deployment],
  incidents: [incident],
  availability: { probes: [probe], buckets: [bucket] },
};

/** A copy of the full batch with `change` applied to it. */
function changed(change: (batch: any) => void) {
  const batch = structuredClone(full);
  change(batch);
  return batch;
}

/** ajv's `/deployments/0/result` as the ingestion writes it: `deployments[0].result`. */
function issuePath(instancePath: string, missingProperty?: string) {
  const parts = instancePath.split('/').filter(Boolean);
  if (missingProperty) parts.push(missingProperty);
  return parts
    .map((p, i) => {
      if (/^\d+$/.test(p)) return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

describe('the ingestion batch and its OpenAPI description', () => {
  it('both accept a batch with every field of every kind', () => {
    expect(documentAccepts(full)).toBe(true);
    expect(ingest(full).ok).toBe(true);
  });

  it.each<[string, (batch: any) => void]>([
    ['no source', b => delete b.source],
    ['a source with a space', b => (b.source = 'github actions')],
    [
      'a deployment without finishedAt',
      b => delete b.deployments[0].finishedAt,
    ],
    ['an unknown result', b => (b.deployments[0].result = 'ok')],
    ['an id that is a number', b => (b.deployments[0].id = 7)],
    ['an unknown field', b => (b.deployments[0].status = 'done')],
    [
      'an environment too long',
      b => (b.deployments[0].environment = 'e'.repeat(101)),
    ],
    ['commits that are not a list', b => (b.deployments[0].commits = 'a1')],
    ['a commit without a time', b => delete b.deployments[0].commits[0].time],
    ['an unknown impact', b => (b.incidents[0].impact = 'total')],
    ['a title too long', b => (b.incidents[0].title = 't'.repeat(501))],
    [
      'a probe whose up is a string',
      b => (b.availability.probes[0].up = 'yes'),
    ],
    [
      'a bucket longer than a day',
      b => (b.availability.buckets[0].lengthSeconds = 86401),
    ],
    ['a negative count', b => (b.availability.buckets[0].good = -1)],
    ['a fractional count', b => (b.availability.buckets[0].total = 1.5)],
    ['deployments that are not a list', b => (b.deployments = {})],
    ['an unknown availability kind', b => (b.availability.samples = [])],
  ])('both refuse %s, at the same path', (_, change) => {
    const batch = changed(change);
    expect(documentAccepts(batch)).toBe(false);
    const documentPaths = (documentAccepts.errors ?? []).map(e =>
      issuePath(
        e.instancePath,
        (e.params as { missingProperty?: string; additionalProperty?: string })
          .missingProperty ??
          (e.params as { additionalProperty?: string }).additionalProperty,
      ),
    );
    const result = ingest(batch);
    expect(result.ok).toBe(false);
    const ingestionPaths = result.ok ? [] : result.issues.map(i => i.path);
    expect(documentPaths.some(p => ingestionPaths.includes(p))).toBe(true);
  });

  it.each<[string, (batch: any) => void]>([
    [
      'a date that does not exist',
      b => (b.deployments[0].finishedAt = '2026-02-30T10:00:00Z'),
    ],
    [
      'a time without a zone',
      b => (b.deployments[0].finishedAt = '2026-11-22T10:00:00'),
    ],
    [
      'a finish before the start',
      b => (b.deployments[0].startedAt = '2026-11-22T11:00:00Z'),
    ],
    [
      'a time in the future',
      b => (b.incidents[0].triggeredAt = '2027-01-01T00:00:00Z'),
    ],
    ['a repeated id', b => b.deployments.push(b.deployments[0])],
    ['good above total', b => (b.availability.buckets[0].good = 1001)],
    ['a url that is not http(s)', b => (b.incidents[0].url = 'ftp://x')],
    [
      'a ref that is not a ref',
      b => (b.incidents[0].entityRef = 'checkout-service'),
    ],
  ])(
    'the ingestion alone refuses %s, a rule the document cannot say',
    (_, change) => {
      const batch = changed(change);
      expect(documentAccepts(batch)).toBe(true);
      expect(ingest(batch).ok).toBe(false);
    },
  );
});
