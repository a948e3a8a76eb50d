import {
  METRIC_DEFINITIONS,
  type MetricId,
  type MetricUnit,
} from '@opmodel/plugin-scorecard-common';
import {
  columnTitle,
  findingsSummary,
  isMetricColumn,
  type OptionalColumn,
  type PortfolioRow,
} from './columns';
import { formatRatio } from '../format';
import { valueForMoney } from './valueForMoney';

export type CsvCell = string | number | null;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with quotes
 * doubled. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading '.
 */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? String(cell) : '';
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text, lines ending in CRLF. */
export function toCsv(rows: CsvCell[][]): string {
  return rows.map(r => `${r.map(csvField).join(',')}\r\n`).join('');
}

const UNITS: Record<MetricUnit, { name: string; scale: number }> = {
  ratio: { name: '%', scale: 100 },
  perWeek: { name: 'per week', scale: 1 },
  ms: { name: 'hours', scale: 1 / 3_600_000 },
  score: { name: 'score', scale: 1 },
  perTeam: { name: 'per team', scale: 1 },
};

const unitOf = (id: MetricId) =>
  UNITS[METRIC_DEFINITIONS[id].unit] ?? {
    name: METRIC_DEFINITIONS[id].unit,
    scale: 1,
  };

/** A metric's value in the CSV's unit, without floating-point dust (99.95, never 99.94999999999999). */
const inUnit = (value: number, id: MetricId) =>
  Number((value * unitOf(id).scale).toFixed(4));

/**
 * The portfolio as shown, as CSV: the platform, its owner and the shown columns in the table's
 * order, one line per shown row in its order. A metric is a number in the unit its header names
 * ("Lead time for changes (hours)", "Uptime (%)"), empty without enough data, followed by its grade;
 * funding lines by ref with the platform's share and, for those who may see it, its amount.
 */
export function portfolioCsv(
  columns: OptionalColumn[],
  rows: PortfolioRow[],
): string {
  const header: CsvCell[] = ['Platform', 'Entity ref', 'Owner'];
  for (const c of columns) {
    if (isMetricColumn(c))
      header.push(
        `${columnTitle(c)} (${unitOf(c).name})`,
        `${columnTitle(c)} grade`,
      );
    else if (c === 'adoption')
      header.push('Consumer teams', 'Stream-aligned teams consuming (%)');
    else if (c === 'value')
      header.push(
        'Funding in the period',
        'Funding per consumer team',
        'Funding share (%)',
        'Consumer team share (%)',
      );
    else header.push(columnTitle(c));
  }
  const values = valueForMoney(rows);
  const percent = (r: number | null | undefined) =>
    r === null || r === undefined ? null : Number((r * 100).toFixed(2));
  const lines = rows.map(r => {
    const line: CsvCell[] = [
      r.title ?? r.entityRef,
      r.entityRef,
      r.owner ?? null,
    ];
    for (const c of columns) {
      if (isMetricColumn(c)) {
        const m = r.metrics.find(x => x.metric === c);
        line.push(
          m && m.state === 'ok' && m.value !== null ? inUnit(m.value, c) : null,
          m?.grade.label ?? null,
        );
      } else if (c === 'lifecycle') line.push(r.lifecycle ?? null);
      else if (c === 'adoption')
        line.push(
          r.adoption?.consumers ?? null,
          percent(r.adoption?.streamAligned.share),
        );
      else if (c === 'value') {
        const v = values.get(r.entityRef);
        const money = (n: number | undefined) =>
          n === undefined || !v?.funding
            ? null
            : `${v.funding.currency} ${Math.round(n)}`;
        line.push(
          money(v?.funding?.value),
          money(v?.perTeam),
          percent(v?.fundingShare),
          percent(v?.adoptionShare),
        );
      } else if (c === 'funding')
        line.push(
          r.funding
            .map(f => {
              const parts = [
                f.share === undefined
                  ? undefined
                  : formatRatio(f.share, 'en-US'),
                f.amount && `${f.amount.currency} ${f.amount.value}`,
              ].filter(Boolean);
              return parts.length === 0
                ? f.entityRef
                : `${f.entityRef} (${parts.join(', ')})`;
            })
            .join('; '),
        );
      else line.push(findingsSummary(r.findings, 'en-US'));
    }
    return line;
  });
  return toCsv([header, ...lines]);
}

/** portfolio-2026-10-25-2026-11-22.csv for a window from 25 October to 22 November 2026. */
export function csvFileName(window: { from: string; to: string }): string {
  const day = (iso: string) => iso.slice(0, 10);
  return `portfolio-${day(window.from)}-${day(window.to)}.csv`;
}
