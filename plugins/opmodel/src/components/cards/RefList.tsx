import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Links to entities by ref, one a line. */
export function RefList(props: { refs: string[]; label?: string }) {
  return (
    <ul aria-label={props.label}>
      {props.refs.map(r => (
        <li key={r}>
          <EntityRefLink entityRef={r} />
        </li>
      ))}
    </ul>
  );
}
