import { http, HttpResponse } from 'msw';

/**
 * A stand-in for one Prometheus server's HTTP API v1 range-query endpoint, written from
 * https://prometheus.io/docs/prometheus/latest/querying/api/ ("Range queries",
 * `GET|POST /api/v1/query_range`, parameters query, start, end, step; POST as
 * application/x-www-form-urlencoded):
 *
 * - success: `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},
 *   "values":[[<unix seconds>,"<value>"], ...]}]}}`, one point per step from start to end, a
 *   series left out when it has no point, values as strings ("NaN", "+Inf" included);
 * - failure: `{"status":"error","errorType":"<type>","error":"<message>"}` with 400 for
 *   `bad_data` (a query that does not parse), 503 for `unavailable`/timeouts;
 * - more than 11,000 points per series is refused as `bad_data`, as Prometheus does.
 */

/** A series: the value evaluated at a time (unix seconds), or undefined where there is none. */
export type FixtureSeries = (time: number) => string | undefined;

export type PrometheusFixture = {
  /** The server's address, e.g. http://prometheus-main.test */
  baseUrl: string;
  /** Queries the server answers, by their exact PromQL text. */
  series: Record<string, FixtureSeries>;
  /** Queries that do not parse, with the message Prometheus gives. */
  parseErrors?: Record<string, string>;
  /** Headers every request must carry, as a server behind an authenticating proxy wants. */
  requiredHeaders?: Record<string, string>;
  /** How many requests are answered 503 (with Retry-After: 1) before the server answers. */
  unavailableFirst?: number;
};

export type RecordedQuery = {
  baseUrl: string;
  method: string;
  query: string;
  start: number;
  end: number;
  step: number;
  status: number;
};

export function prometheusHandlers(
  fixture: PrometheusFixture,
  log: RecordedQuery[],
) {
  let unavailable = fixture.unavailableFirst ?? 0;
  return http.all(
    `${fixture.baseUrl}/api/v1/query_range`,
    async ({ request }) => {
      const params =
        request.method === 'POST'
          ? new URLSearchParams(await request.text())
          : new URL(request.url).searchParams;
      const query = params.get('query') ?? '';
      const start = Number(params.get('start'));
      const end = Number(params.get('end'));
      const step = Number(params.get('step'));
      const answer = (status: number, body: unknown, headers = {}) => {
        log.push({
          baseUrl: fixture.baseUrl,
          method: request.method,
          query,
          start,
          end,
          step,
          status,
        });
        return HttpResponse.json(body as any, { status, headers });
      };
      const error = (status: number, errorType: string, message: string) =>
        answer(status, { status: 'error', errorType, error: message });

      for (const [name, value] of Object.entries(
        fixture.requiredHeaders ?? {},
      )) {
        if (request.headers.get(name) !== value) {
          log.push({
            baseUrl: fixture.baseUrl,
            method: request.method,
            query,
            start,
            end,
            step,
            status: 401,
          });
          // an authenticating proxy in front of Prometheus answers in plain text
          return new HttpResponse('Unauthorized', { status: 401 });
        }
      }
      if (unavailable > 0) {
        unavailable--;
        return answer(
          503,
          {
            status: 'error',
            errorType: 'unavailable',
            error: 'Prometheus is starting up',
          },
          { 'Retry-After': '1' },
        );
      }
      if (fixture.parseErrors?.[query]) {
        return error(400, 'bad_data', fixture.parseErrors[query]);
      }
      if (
        ![start, end, step].every(Number.isFinite) ||
        end < start ||
        step <= 0
      ) {
        return error(400, 'bad_data', 'invalid parameter "start"/"end"/"step"');
      }
      if ((end - start) / step > 11_000) {
        return error(
          400,
          'bad_data',
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
        );
      }
      const series = fixture.series[query];
      if (!series) {
        // the fixture knows every query the test expects; anything else is a test failure
        return error(400, 'bad_data', `the fixture has no series for ${query}`);
      }
      const values: [number, string][] = [];
      for (let t = start; t <= end; t += step) {
        const value = series(t);
        if (value !== undefined) values.push([t, value]);
      }
      return answer(200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: values.length > 0 ? [{ metric: {}, values }] : [],
        },
      });
    },
  );
}
