import { metric } from '../../testing/fixtures';
import type { PortfolioRow } from './columns';
import { csvField, csvFileName, portfolioCsv, toCsv } from './csv';

describe('csvField and toCsv', () => {
  it('quotes commas, quotes and line breaks, and nothing else', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(null)).toBe('');
    expect(csvField(99.95)).toBe('99.95');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('keeps text from running as a spreadsheet formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@cmd, x')).toBe('"\'@cmd, x"');
  });

  it('ends every line in CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b,c', null],
      ]),
    ).toBe('a,1\r\n"b,c",\r\n');
  });
});

const row = (over: Partial<PortfolioRow>): PortfolioRow => ({
  entityRef: 'platform:default/p',
  title: 'P',
  owner: 'group:default/team',
  lifecycle: 'production',
  metrics: [],
  funding: [],
  findings: [],
  ...over,
});

describe('portfolioCsv', () => {
  it('writes the shown columns in the order given, values as numbers in the unit the header names', () => {
    const csv = portfolioCsv(
      ['lifecycle', 'uptime', 'leadTime', 'funding', 'findings'],
      [
        row({
          title: 'Data, "the" platform',
          metrics: [
            metric('uptime', { value: 0.9995 }),
            metric('leadTime', { value: 1.5 * 3_600_000 }),
          ],
          funding: [
            { entityRef: 'fundingline:default/a', title: 'A', share: 0.6 },
            { entityRef: 'fundingline:default/b' },
          ],
          findings: [
            {
              check: 'x',
              severity: 'warning',
              entityRef: 'platform:default/p',
              path: 'spec',
              message: 'm',
              fix: 'f',
            },
          ],
        }),
        row({
          entityRef: 'platform:default/q',
          title: undefined,
          owner: undefined,
          metrics: [
            metric('uptime', {
              state: 'not-enough-data',
              value: null,
              grade: {
                status: 'none',
                label: 'not enough data',
                rule: { source: 'none', description: 'needs 1' },
              },
            }),
          ],
        }),
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'Platform,Entity ref,Owner,Lifecycle,Uptime (%),Uptime grade,Lead time for changes (hours),Lead time for changes grade,Funding,Findings',
      '"Data, ""the"" platform",platform:default/p,group:default/team,production,99.95,met,1.5,met,fundingline:default/a (60 %); fundingline:default/b,1 warning',
      'platform:default/q,platform:default/q,,production,,not enough data,,,,none',
      '',
    ]);
  });

  it('names units per week for deployment frequency', () => {
    const csv = portfolioCsv(
      ['deploymentFrequency'],
      [row({ metrics: [metric('deploymentFrequency', { value: 12.25 })] })],
    );
    expect(csv).toBe(
      'Platform,Entity ref,Owner,Deployment frequency (per week),Deployment frequency grade\r\n' +
        'P,platform:default/p,group:default/team,12.25,met\r\n',
    );
  });
});

describe('csvFileName', () => {
  it('names the window by its days', () => {
    expect(
      csvFileName({
        from: '2026-10-25T00:00:00.000Z',
        to: '2026-11-22T00:00:00.000Z',
      }),
    ).toBe('portfolio-2026-10-25-2026-11-22.csv');
  });
});

describe('portfolioCsv, adoption and value for money', () => {
  it('writes consumer teams and what the money buys as numbers, empty where unknown', () => {
    const adoption = (consumers: number) => ({
      entityRef: 'platform:default/p',
      computedAt: '2026-11-28T00:00:00Z',
      consumers,
      consumingEntities: consumers,
      streamAligned: { consuming: 3, total: 6, share: 0.5 },
    });
    const csv = portfolioCsv(
      ['adoption', 'value'],
      [
        row({
          adoption: adoption(4),
          funding: [
            {
              entityRef: 'fundingline:default/a',
              share: 1,
              amount: { value: 100_000, currency: 'EUR' },
            },
          ],
        }),
        row({
          entityRef: 'platform:default/q',
          title: 'Q',
          adoption: adoption(4),
        }),
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'Platform,Entity ref,Owner,Consumer teams,Stream-aligned teams consuming (%),Funding in the period,Funding per consumer team,Funding share (%),Consumer team share (%)',
      'P,platform:default/p,group:default/team,4,50,EUR 100000,EUR 25000,100,50',
      'Q,platform:default/q,group:default/team,4,50,,,,50',
      '',
    ]);
  });
});
