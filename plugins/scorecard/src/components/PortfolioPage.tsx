import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import NativeSelect from '@material-ui/core/NativeSelect';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { Fragment, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { checkModel, type ModelFinding } from '@opmodel/plugin-opmodel-common';
import {
  HEADLINE_METRICS,
  METRIC_DEFINITIONS,
  type GradedMetric,
  type MetricId,
  type PortfolioEntry,
} from '@opmodel/plugin-scorecard-common';
import { scorecardApiRef } from '../api';
import { formatCount, formatMetricValue } from './format';
import { GradeChip } from './GradeChip';
import { LoadError, Loading } from './states';
import { useLabelStyles, WindowSelect, windowQuery } from './WindowSelect';

type Row = PortfolioEntry & {
  funding: string[];
  findings: ModelFinding[];
};

type SortKey = 'platform' | 'owner' | 'lifecycle' | MetricId;

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Funding lines and model-check findings per platform, from the catalog. */
async function loadCatalogSide(
  catalogApi: typeof catalogApiRef.T,
): Promise<Map<string, { funding: string[]; findings: ModelFinding[] }>> {
  const { items } = await catalogApi.getEntities({
    filter: { kind: ['Platform', 'FundingLine', 'OperatingRole'] },
  });
  const findings = checkModel(items as Entity[]);
  const out = new Map<
    string,
    { funding: string[]; findings: ModelFinding[] }
  >();
  for (const e of items) {
    if (e.kind !== 'Platform') continue;
    const ref = lower(stringifyEntityRef(e));
    out.set(ref, {
      funding: (e.relations ?? [])
        .filter(r => r.type === 'fundedBy')
        .map(r => r.targetRef),
      findings: findings.filter(f => lower(f.entityRef) === ref),
    });
  }
  return out;
}

function sortValue(row: Row, key: SortKey): string | number | null {
  if (key === 'platform') return lower(row.title ?? row.entityRef);
  if (key === 'owner') return row.owner ?? null;
  if (key === 'lifecycle') return row.lifecycle ?? null;
  const m = row.metrics.find(x => x.metric === key);
  return m && m.state === 'ok' ? m.value : null;
}

/** Sorts rows by a column; rows without a value go last whichever the direction. */
function sortRows(rows: Row[], key: SortKey, dir: 'asc' | 'desc') {
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null && vb === null) return 0;
    if (va === null) return 1;
    if (vb === null) return -1;
    let c = 0;
    if (va < vb) c = -1;
    else if (va > vb) c = 1;
    return dir === 'asc' ? c : -c;
  });
}

function MetricCell(props: { metric?: GradedMetric }) {
  const m = props.metric;
  if (!m) return <TableCell>—</TableCell>;
  return (
    <TableCell data-metric={m.metric}>
      <Typography variant="body2">
        {m.state === 'ok' ? formatMetricValue(m) : 'not enough data'}
      </Typography>
      <GradeChip status={m.grade.status} label={m.grade.label} />
    </TableCell>
  );
}

/** The model-check findings of a platform: counted, and listed with their fixes on demand. */
function Findings(props: { findings: ModelFinding[] }) {
  const { findings } = props;
  if (findings.length === 0) return <>none</>;
  const errors = findings.filter(f => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = [
    errors ? `${formatCount(errors)} error${errors > 1 ? 's' : ''}` : '',
    warnings
      ? `${formatCount(warnings)} warning${warnings > 1 ? 's' : ''}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <details>
      <summary>{summary}</summary>
      <ul style={{ paddingLeft: 16, margin: 0, minWidth: 280 }}>
        {findings.map(f => (
          <li key={`${f.check}${f.path}`}>
            <Typography variant="body2">
              {f.severity}: {f.message}
            </Typography>
            <Typography variant="caption">
              {f.path}: {f.fix}
            </Typography>
          </li>
        ))}
      </ul>
    </details>
  );
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
}) {
  const classes = useLabelStyles();
  return (
    <FormControl size="small" style={{ minWidth: 200, marginRight: 16 }}>
      <InputLabel shrink htmlFor={props.id} className={classes.label}>
        {props.label}
      </InputLabel>
      <NativeSelect
        id={props.id}
        value={props.value}
        onChange={e => props.onChange(e.target.value)}
      >
        <option value="">All</option>
        {props.options.map(o => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </NativeSelect>
    </FormControl>
  );
}

/**
 * Every platform side by side: headline metrics with grades, funding lines and model-check
 * findings. Sorting, filters and the window live in the URL, so a view can be linked.
 */
export function PortfolioPage() {
  const scorecardApi = useApi(scorecardApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('window') ?? 28) || 28;
  const owner = params.get('owner') ?? '';
  const lifecycle = params.get('lifecycle') ?? '';
  const sort = (params.get('sort') ?? 'platform') as SortKey;
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const range = useMemo(() => windowQuery(days), [days]);
  const portfolio = useAsync(
    () => scorecardApi.getPortfolio(range),
    [scorecardApi, range],
  );
  const catalogSide = useAsync(() => loadCatalogSide(catalogApi), [catalogApi]);

  const rows: Row[] = useMemo(
    () =>
      (portfolio.value?.platforms ?? []).map(p => ({
        ...p,
        funding: catalogSide.value?.get(p.entityRef)?.funding ?? [],
        findings: catalogSide.value?.get(p.entityRef)?.findings ?? [],
      })),
    [portfolio.value, catalogSide.value],
  );
  const owners = [
    ...new Set(rows.map(r => r.owner).filter(Boolean)),
  ].sort() as string[];
  const lifecycles = [
    ...new Set(rows.map(r => r.lifecycle).filter(Boolean)),
  ].sort() as string[];
  const shown = sortRows(
    rows.filter(
      r =>
        (!owner || r.owner === owner) &&
        (!lifecycle || r.lifecycle === lifecycle),
    ),
    sort,
    dir,
  );

  const header = (key: SortKey, label: string) => (
    <TableCell
      sortDirection={sort === key ? dir : false}
      style={{ whiteSpace: key in METRIC_DEFINITIONS ? 'normal' : 'nowrap' }}
    >
      <TableSortLabel
        active={sort === key}
        direction={sort === key ? dir : 'asc'}
        onClick={() =>
          set({
            sort: key,
            dir: sort === key && dir === 'asc' ? 'desc' : 'asc',
          })
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  let body;
  if (portfolio.loading) body = <Loading what="the portfolio" />;
  else if (portfolio.error)
    body = <LoadError error={portfolio.error} what="the portfolio" />;
  else if (rows.length === 0)
    body = (
      <Typography>
        No Platform entities in the catalog yet. Declare one in a
        catalog-info.yaml (kind: Platform) and it appears here.
      </Typography>
    );
  else
    body = (
      <div style={{ overflowX: 'auto' }}>
        <Table
          size="small"
          aria-label="Platforms and their headline metrics"
          // as wide as its content, scrolled sideways on narrow screens, never squeezed
          style={{ width: 'max-content', minWidth: '100%' }}
        >
          <TableHead>
            <TableRow>
              {header('platform', 'Platform')}
              {header('owner', 'Owner')}
              {header('lifecycle', 'Lifecycle')}
              {HEADLINE_METRICS.map(id => (
                <Fragment key={id}>
                  {header(id, METRIC_DEFINITIONS[id].title)}
                </Fragment>
              ))}
              <TableCell>Funding</TableCell>
              <TableCell>Findings</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(r => (
              <TableRow key={r.entityRef} data-platform={r.entityRef}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <EntityRefLink entityRef={r.entityRef} title={r.title} />
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {r.owner ? (
                    <EntityRefLink entityRef={r.owner} defaultKind="group" />
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>{r.lifecycle ?? '—'}</TableCell>
                {HEADLINE_METRICS.map(id => (
                  <MetricCell
                    key={id}
                    metric={r.metrics.find(m => m.metric === id)}
                  />
                ))}
                <TableCell>
                  {r.funding.length === 0
                    ? 'none'
                    : r.funding.map(f => (
                        <div key={f}>
                          <EntityRefLink entityRef={f} />
                        </div>
                      ))}
                </TableCell>
                <TableCell>
                  <Findings findings={r.findings} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    );

  return (
    <Page themeId="tool">
      <Header
        title="Platform portfolio"
        subtitle="Every platform's headline figures, funding and model findings"
      />
      <Content>
        <ContentHeader
          title={`Platforms (${formatCount(shown.length)} of ${formatCount(
            rows.length,
          )})`}
        >
          <FilterSelect
            id="portfolio-owner"
            label="Owner"
            value={owner}
            options={owners}
            onChange={v => set({ owner: v })}
          />
          <FilterSelect
            id="portfolio-lifecycle"
            label="Lifecycle"
            value={lifecycle}
            options={lifecycles}
            onChange={v => set({ lifecycle: v })}
          />
          <WindowSelect
            value={days}
            onChange={d => set({ window: d === 28 ? '' : String(d) })}
          />
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
}
