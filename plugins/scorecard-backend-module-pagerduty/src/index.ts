/**
 * The scorecard's PagerDuty collector: incidents of every entity annotated
 * `pagerduty.com/service-id`, pulled incrementally and received as v3 webhooks.
 *
 * @packageDocumentation
 */
export {
  scorecardModulePagerDuty,
  eventsModulePagerDutyScorecardIngress,
  scorecardPagerDutyFeatures as default,
} from './module';
