/**
 * A scorecard backend module that reads hourly availability from Prometheus.
 *
 * @packageDocumentation
 */
export { scorecardModulePrometheus as default } from './module';
export {
  PROMETHEUS_GOOD_ANNOTATION,
  PROMETHEUS_INSTANCE_ANNOTATION,
  PROMETHEUS_PROBE_ANNOTATION,
  PROMETHEUS_TOTAL_ANNOTATION,
} from './collector';
