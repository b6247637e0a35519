import { formatDateTime, formatRelative } from '../lib/format';

/** A relative time with the exact one available on hover and to assistive tech. */
export function RelativeTime({ iso, now }: { iso: string | undefined; now: number }) {
  if (!iso) return <span>—</span>;
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {formatRelative(iso, now)}
    </time>
  );
}
