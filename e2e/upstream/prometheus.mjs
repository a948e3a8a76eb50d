// The stand-in Prometheus: HTTP API v1, under ${url}/prometheus.
import { HOUR, DAY, send, readBody } from './http.mjs';

/**
 * The hour ending at `end` (ms) of service-<i>: total around 3,600 requests, good a few less
 * (about 99.9 %), or undefined (no samples) in a gap of four hours 30 to 34 hours before `now`,
 * and before `days` days ago (the retention).
 */
function hourOf(i, now, days, end) {
  const last = Math.floor(now / HOUR) * HOUR;
  const gapEnd = last - (30 + (i % 5)) * HOUR;
  if (end > gapEnd - 4 * HOUR && end <= gapEnd) return undefined;
  if (end <= last - days * DAY) return undefined;
  const h = Math.floor(end / HOUR);
  const total = 3600 + ((h * 37 + i * 101) % 240) - 120;
  const bad = (h * 7 + i * 3) % 8; // 0..7 errors an hour
  return { total, good: total - bad };
}

/** PromQL the stand-in answers: `sum(increase(http_requests_total{job="service-<i>"…}[1h]))`. */
export const promQuery = (i, which) =>
  which === 'good'
    ? `sum(increase(http_requests_total{job="service-${i}",code!~"5.."}[1h]))`
    : `sum(increase(http_requests_total{job="service-${i}"}[1h]))`;

function balanced(query) {
  let depth = 0;
  for (const ch of query.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
    if ('({['.includes(ch)) depth++;
    if (')}]'.includes(ch)) depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

export function prometheusHandler({ count, now, days, stats }) {
  const api = '/prometheus';
  return async (req, res, url) => {
    stats.prometheus.requests++;
    // the error body of the HTTP API: { status: 'error', errorType, error }
    const error = (status, errorType, message) =>
      send(res, status, { status: 'error', errorType, error: message });
    const path = url.pathname.slice(api.length);

    // GET|POST /api/v1/query_range, "Range queries", Prometheus HTTP API v1: query, start, end
    // (unix seconds or RFC 3339), step (seconds or a duration); POST form encoded. The answer is a
    // matrix, one point per step from start to end, a series left out when it has no point.
    if (
      path === '/api/v1/query_range' &&
      (req.method === 'GET' || req.method === 'POST')
    ) {
      const params =
        req.method === 'POST'
          ? new URLSearchParams(await readBody(req))
          : url.searchParams;
      const time = v =>
        /^\d+(\.\d+)?$/.test(v ?? '') ? Number(v) : Date.parse(v ?? '') / 1000;
      const duration = v => {
        const d = String(v ?? '').match(/^(\d+)(ms|s|m|h|d)$/);
        if (!d) return Number(v);
        return (
          Number(d[1]) * { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[d[2]]
        );
      };
      const query = params.get('query') ?? '';
      const start = time(params.get('start'));
      const end = time(params.get('end'));
      const step = duration(params.get('step'));
      if (!Number.isFinite(start)) {
        error(
          400,
          'bad_data',
          'invalid parameter "start": cannot parse to a valid timestamp',
        );
        return;
      }
      if (!Number.isFinite(end)) {
        error(
          400,
          'bad_data',
          'invalid parameter "end": cannot parse to a valid timestamp',
        );
        return;
      }
      if (end < start) {
        error(
          400,
          'bad_data',
          'invalid parameter "end": end timestamp must not be before start time',
        );
        return;
      }
      if (!(step > 0)) {
        error(
          400,
          'bad_data',
          'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
        );
        return;
      }
      if ((end - start) / step > 11_000) {
        error(
          400,
          'bad_data',
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
        return;
      }
      if (!query.trim() || !balanced(query)) {
        error(
          400,
          'bad_data',
          `invalid parameter "query": 1:1: parse error: unexpected end of input in ${JSON.stringify(
            query,
          )}`,
        );
        return;
      }
      const values = [];
      const m = query.match(
        /http_requests_total\{job="service-(\d+)"(,code!~"5\.\.")?\}/,
      );
      if (m && Number(m[1]) < count && String(Number(m[1])) === m[1]) {
        const i = Number(m[1]);
        const which = m[2] ? 'good' : 'total';
        const clock = Date.now();
        for (let t = start; t <= end; t += step) {
          const ms = Math.round(t * 1000);
          // no point for an evaluation time yet to come
          if (ms > clock) break;
          const hour = hourOf(i, now, days, ms);
          if (hour) values.push([t, String(hour[which])]);
        }
      }
      send(res, 200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: values.length > 0 ? [{ metric: {}, values }] : [],
        },
      });
      return;
    }
    error(404, 'not_found', `404 page not found: ${url.pathname}`);
  };
}
