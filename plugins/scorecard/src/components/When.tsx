import { exactTime, formatDateTime } from './format';

/**
 * An instant in the reader's locale and time zone, the exact ISO 8601 time on hover; `otherwise`
 * (a dash unless set) when there is none.
 */
export function When(props: { at?: string | null; otherwise?: string }) {
  if (!props.at) return <>{props.otherwise ?? '—'}</>;
  const exact = exactTime(props.at);
  return (
    <time dateTime={exact} title={exact}>
      {formatDateTime(props.at)}
    </time>
  );
}
