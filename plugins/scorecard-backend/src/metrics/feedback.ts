import type { MetricValue } from '@opmodel/plugin-scorecard-common';
import { inWindow, metricValue } from './metricValue';
import type { FeedbackRecord, TimeWindow } from './types';

/*
 * Consumer survey metrics. A response belongs to the window it was given in, [from, to). Every
 * response counts (a team that answers twice is heard twice, as in the survey tools themselves);
 * the response rate says how many of the consumer teams were heard at all.
 */

export type SurveyContext = {
  /** The Platform's consumer teams (Group refs, normalised), declared or observed. */
  consumerTeams: ReadonlySet<string>;
  /** Below this many responses a figure is not enough data, overall and per capability. */
  minimumResponses: number;
};

type SurveyQuestion = 'satisfaction' | 'recommendation' | 'effort';

const mean = (scores: number[]) =>
  scores.reduce((sum, s) => sum + s, 0) / scores.length;

/** Net promoter score: promoters (9–10) minus detractors (0–6), as a share of all × 100. */
function netPromoterScore(scores: number[]): number {
  const promoters = scores.filter(s => s >= 9).length;
  const detractors = scores.filter(s => s <= 6).length;
  return ((promoters - detractors) / scores.length) * 100;
}

/**
 * One survey question's figure over the responses given in the window that answered it, overall
 * and per capability (capabilities below the minimum show a null value with their count).
 * details: responses, respondingTeams (distinct teams among them), consumerTeams, and
 * responseRate: the share of the consumer teams that answered (null without consumer teams). A
 * team that answered but is no longer a consumer counts in the figure, not in the rate.
 */
function surveyMetric(
  metric: 'csat' | 'nps' | 'customerEffort',
  question: SurveyQuestion,
  score: (scores: number[]) => number,
  responses: FeedbackRecord[],
  window: TimeWindow,
  { consumerTeams, minimumResponses }: SurveyContext,
): MetricValue {
  const all: number[] = [];
  const perCapability = new Map<string, number[]>();
  const teams = new Set<string>();
  for (const r of responses) {
    const answer = r[question];
    if (answer === null || !inWindow(r.respondedAt, window)) continue;
    all.push(answer);
    teams.add(r.team);
    if (r.capability !== null) {
      const list = perCapability.get(r.capability) ?? [];
      list.push(answer);
      perCapability.set(r.capability, list);
    }
  }
  const consumersHeard = [...teams].filter(t => consumerTeams.has(t)).length;
  const byCapability: NonNullable<MetricValue['byCapability']> = {};
  for (const [capability, scores] of [...perCapability].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    byCapability[capability] = {
      value: scores.length >= minimumResponses ? score(scores) : null,
      count: scores.length,
    };
  }
  return metricValue(metric, {
    value: all.length > 0 ? score(all) : null,
    count: all.length,
    minimumCount: minimumResponses,
    details: {
      responses: all.length,
      respondingTeams: teams.size,
      consumerTeams: consumerTeams.size,
      responseRate:
        consumerTeams.size > 0 ? consumersHeard / consumerTeams.size : null,
    },
    byCapability,
  });
}

/** CSAT: the mean satisfaction score (1–5) of the responses given in the window. */
export function computeCsat(
  responses: FeedbackRecord[],
  window: TimeWindow,
  context: SurveyContext,
): MetricValue {
  return surveyMetric('csat', 'satisfaction', mean, responses, window, context);
}

/**
 * NPS: of the recommendation answers (0–10) given in the window, the share of promoters (9–10)
 * minus the share of detractors (0–6), × 100; passives (7–8) count only in the whole.
 */
export function computeNps(
  responses: FeedbackRecord[],
  window: TimeWindow,
  context: SurveyContext,
): MetricValue {
  return surveyMetric(
    'nps',
    'recommendation',
    netPromoterScore,
    responses,
    window,
    context,
  );
}

/**
 * Customer effort: the mean effort score (1 very little – 7 very much) of the responses given in
 * the window; lower is better. It stands for the cognitive load the platform leaves its consumers.
 */
export function computeCustomerEffort(
  responses: FeedbackRecord[],
  window: TimeWindow,
  context: SurveyContext,
): MetricValue {
  return surveyMetric(
    'customerEffort',
    'effort',
    mean,
    responses,
    window,
    context,
  );
}
