/*
 * Demo data for the platform-as-a-product metrics: the consumer teams' survey responses and
 * support requests about each example Platform over the demo's days, so that satisfaction, NPS,
 * effort and the support figures show something on first start. Deterministic: an event's id
 * decides its content, so a re-run writes the same events again, adding only those whose time
 * has come (and the answers and resolutions of requests that were still open).
 *
 * - the developer platform is loved: satisfied promoters, little effort, quick answers,
 * - the data platform is used but disliked: detractors, much effort, many requests, slow answers,
 * - the observability platform hears too little from its teams for survey figures.
 */
import type {
  FeedbackEventInput,
  SupportRequestEventInput,
} from '@opmodel/plugin-scorecard-common';
import { between, pick, random } from './demoRandom';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEK = 7 * DAY;
const DAYS = 90;
/** The first Monday of the epoch: weeks counted from it are the same on every run. */
const FIRST_MONDAY = 4 * DAY;

export type ProductProfile = {
  /** The Group refs that answer the survey and ask for help, taking turns. */
  teams: string[];
  /**
   * What the responses are about, as ids of the Platform's spec.capabilities: an id listed twice
   * is answered about twice as often.
   */
  topics: string[];
  /** What a team writes about a capability, by its id; a capability without any gets none. */
  comments: Record<string, string[]>;
  survey: {
    /** The survey runs one week in `everyWeeks`, and brings `responsesPerWeek` in each week it runs. */
    everyWeeks: number;
    responsesPerWeek: number;
    /** The answers to draw from, evenly: a score listed twice is given twice as often. */
    satisfaction: number[];
    recommendation: number[];
    effort: number[];
    /** The share of responses that carry a comment. */
    commentShare: number;
  };
  support: {
    requestsPerWeek: number;
    /** How long after opening a request is answered, and resolved, in hours. */
    firstResponseHours: [number, number];
    resolveHours: [number, number];
    titles: string[];
    /** Where a request filed as an issue lives (spec.feedback.requestsUrl). */
    issuesUrl: string;
    /** Where a request asked in Slack lives (the support channel of spec.support.channels). */
    slackChannelUrl: string;
  };
};

const group = (name: string) => `group:default/${name}`;

/** The three example platforms' consumers, as each should come across in the demo. */
export const DEMO_PRODUCT_PROFILES: Record<string, ProductProfile> = {
  'platform:default/developer-platform': {
    // its declared consumers, and the data platform team, which uses the shared cluster
    // without being declared a consumer
    teams: [
      group('checkout'),
      group('payments'),
      group('fulfilment'),
      group('catalog-search'),
      group('customer-accounts'),
      group('data-platform-team'),
    ],
    topics: [
      'deploy',
      'deploy',
      'new-service',
      'new-service',
      'build-test',
      'developer-portal',
      'container-images',
      'run-containers',
      'secrets',
      'guardrails',
    ],
    comments: {
      deploy: [
        'Rolling back in Argo CD took one click during the sale.',
        'Deploying is so routine we no longer plan for it.',
      ],
      'new-service': [
        'We had a new service in production on its first day.',
        'The golden path saved us a week of setup.',
      ],
      'build-test': [
        'Builds are fast, though runners queue on Monday mornings.',
      ],
      'developer-portal': ['Finding who owns a service is finally easy.'],
      secrets: ['Secrets just work once the ExternalSecret is in place.'],
      guardrails: ['Policy errors could say how to fix them.'],
    },
    survey: {
      everyWeeks: 1,
      responsesPerWeek: 4,
      satisfaction: [5, 5, 4, 4, 5, 4, 3],
      recommendation: [10, 9, 9, 10, 8, 9, 7],
      effort: [1, 2, 2, 3, 2, 1],
      commentShare: 0.3,
    },
    support: {
      requestsPerWeek: 2,
      firstResponseHours: [0.1, 2.5],
      resolveHours: [1, 40],
      titles: [
        'Preview environment for a pull request',
        'Ingress returns 502 after a deploy',
        'How do we rotate a database password?',
        'Image scan blocks a release',
        'Add our new team to the portal',
      ],
      issuesUrl:
        'https://github.northwind.example/platform/developer-platform/issues',
      slackChannelUrl: 'https://northwind.slack.example/archives/platform-help',
    },
  },
  'platform:default/data-platform': {
    teams: [
      group('catalog-search'),
      group('marketing-tech'),
      group('fulfilment'),
      group('payments'),
    ],
    topics: [
      'event-streaming',
      'event-streaming',
      'batch-processing',
      'batch-processing',
      'orchestration',
      'data-discovery',
      'warehouse-access',
      'self-service-databases',
    ],
    comments: {
      'event-streaming': [
        'A new topic takes a ticket and a week of waiting.',
        'Schema changes broke our consumer without warning.',
      ],
      'batch-processing': [
        'Spark jobs fail without a useful error, and nobody answers in the channel.',
      ],
      orchestration: ['Our DAGs are picked up hours after we merge them.'],
      'data-discovery': [
        'The data catalog is out of date; we ask in Slack instead.',
      ],
      'warehouse-access': [
        'Access to the warehouse needs an approval that takes days.',
      ],
    },
    survey: {
      everyWeeks: 1,
      responsesPerWeek: 3,
      satisfaction: [2, 3, 2, 3, 2],
      recommendation: [3, 5, 6, 4, 6, 7, 2],
      effort: [6, 5, 7, 6, 5],
      commentShare: 0.4,
    },
    support: {
      requestsPerWeek: 5,
      firstResponseHours: [2, 40],
      resolveHours: [24, 300],
      titles: [
        'Access to the orders tables',
        'Spark job stuck in pending',
        'New Kafka topic for returns',
        'Airflow DAG not picked up',
        'Connector lag on inventory events',
        'Backfill of last week’s orders',
        'Lineage missing for the marketing tables',
      ],
      issuesUrl: 'https://github.northwind.example/data/data-platform/issues',
      slackChannelUrl:
        'https://northwind.slack.example/archives/data-platform-help',
    },
  },
  'platform:default/observability-platform': {
    teams: [
      group('checkout'),
      group('payments'),
      group('platform-team'),
      group('catalog-search'),
    ],
    topics: ['metrics', 'dashboards', 'alerting', 'logging', 'tracing'],
    comments: {
      dashboards: ['The default dashboard covers most of what we look at.'],
      alerting: ['Routing alerts to our team took some trial and error.'],
      logging: ['Searching a whole day of logs is slow.'],
    },
    // a survey that runs every other week and hears from one team stays below the minimum
    // number of responses in any window
    survey: {
      everyWeeks: 2,
      responsesPerWeek: 1,
      satisfaction: [4, 3, 4],
      recommendation: [8, 7, 9],
      effort: [3, 4, 3],
      commentShare: 0.5,
    },
    support: {
      requestsPerWeek: 1,
      firstResponseHours: [0.5, 5],
      resolveHours: [4, 72],
      titles: [
        'Alerts go to the wrong team',
        'Dashboard for a new service',
        'Logs missing for a cron job',
      ],
      issuesUrl:
        'https://github.northwind.example/observability/observability-platform/issues',
      slackChannelUrl:
        'https://northwind.slack.example/archives/observability-help',
    },
  },
};

/** Every ref the product events name: the catalog must serve them all, or a batch is rejected. */
export function demoProductRefs(
  profiles: Record<string, ProductProfile> = DEMO_PRODUCT_PROFILES,
): string[] {
  const refs = new Set<string>();
  for (const [platform, profile] of Object.entries(profiles)) {
    refs.add(platform);
    profile.teams.forEach(team => refs.add(team));
  }
  return [...refs].sort();
}

const iso = (ms: number) => new Date(ms).toISOString();
const weekOf = (ms: number) => Math.floor((ms - FIRST_MONDAY) / WEEK);
/** Survey tools and help desks keep whole seconds. */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** A time in the working hours of a weekday of the week that starts on `monday`. */
const workingHour = (monday: number, rnd: () => number) =>
  toSecond(monday + Math.floor(rnd() * 5) * DAY + 8 * HOUR + rnd() * 9 * HOUR);

/** A Platform's survey responses and support requests of the last `DAYS` days, all before `now`. */
export function demoProductEvents(
  platformRef: string,
  profile: ProductProfile,
  now: number,
): {
  feedback: FeedbackEventInput[];
  supportRequests: SupportRequestEventInput[];
} {
  const feedback: FeedbackEventInput[] = [];
  const supportRequests: SupportRequestEventInput[] = [];
  const { survey, support, teams } = profile;
  const from = Math.floor(now / DAY) * DAY - DAYS * DAY;
  const inRange = (t: number) => t >= from && t < now;
  const name = platformRef.slice(platformRef.indexOf('/') + 1);

  for (let week = weekOf(from); week <= weekOf(now); week++) {
    const monday = FIRST_MONDAY + week * WEEK;
    const weekId = iso(monday).slice(0, 10);

    if (week % survey.everyWeeks === 0) {
      const turn =
        Math.floor(week / survey.everyWeeks) * survey.responsesPerWeek;
      for (let n = 0; n < survey.responsesPerWeek; n++) {
        const id = `${name}/${weekId}/${n}`;
        // each event draws from its own id, so one left out (not given yet) moves no other
        const rnd = random(`survey ${id}`);
        const respondedAt = workingHour(monday, rnd);
        const capability = pick(rnd, profile.topics);
        const comments = profile.comments[capability] ?? [];
        const withComment = comments.length > 0 && rnd() < survey.commentShare;
        const response: FeedbackEventInput = {
          id,
          entityRef: platformRef,
          team: teams[(turn + n) % teams.length],
          respondedAt: iso(respondedAt),
          satisfaction: pick(rnd, survey.satisfaction),
          recommendation: pick(rnd, survey.recommendation),
          effort: pick(rnd, survey.effort),
          capability,
          comment: withComment ? pick(rnd, comments) : undefined,
        };
        if (inRange(respondedAt)) feedback.push(response);
      }
    }

    for (let n = 0; n < support.requestsPerWeek; n++) {
      const id = `${name}/${weekId}/${n}`;
      const rnd = random(`support ${id}`);
      const openedAt = workingHour(monday, rnd);
      const answeredAt = toSecond(
        openedAt + between(rnd, support.firstResponseHours) * HOUR,
      );
      // a request is answered before it is resolved, however quickly it is resolved
      const resolvedAt = Math.max(
        answeredAt,
        toSecond(openedAt + between(rnd, support.resolveHours) * HOUR),
      );
      const channel = pick(rnd, ['slack', 'github']);
      const title = pick(rnd, support.titles);
      const issue = 100 + Math.floor(rnd() * 900);
      const request: SupportRequestEventInput = {
        id,
        entityRef: platformRef,
        team: teams[(week * support.requestsPerWeek + n) % teams.length],
        channel,
        openedAt: iso(openedAt),
        // an answer or a resolution still to come is sent by a later run
        firstResponseAt: answeredAt < now ? iso(answeredAt) : undefined,
        resolvedAt: resolvedAt < now ? iso(resolvedAt) : undefined,
        title,
        url:
          channel === 'github'
            ? `${support.issuesUrl}/${issue}`
            : `${support.slackChannelUrl}/p${openedAt}`,
      };
      if (inRange(openedAt)) supportRequests.push(request);
    }
  }
  return { feedback, supportRequests };
}
