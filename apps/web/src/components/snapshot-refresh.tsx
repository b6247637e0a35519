import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import { snapshotAgeSeconds, useOverview, useRefreshOverview } from '../lib/queries/get-overview';
import type { RegistryParams } from '../lib/registry-ref';
import { useNow } from '../lib/use-now';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  note: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** "12 s ago", "3 min ago", "2 h ago": how old the lists on screen are. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

/**
 * How old the registry's lists are (the shared snapshot's age when served
 * from it, counted on from when this page received it) and a Refresh button
 * that reads ARM now.
 */
export function SnapshotRefresh({ registry }: { registry: RegistryParams }) {
  const styles = useStyles();
  const overview = useOverview(registry);
  const refresh = useRefreshOverview(registry);
  const now = useNow(5_000);
  const data = overview.data;
  if (!data) return null;
  // A poll answered 304 keeps the lists but not their age: the BFF's Age header has it.
  const age =
    snapshotAgeSeconds(registry, now) ??
    (data.snapshot?.ageSeconds ?? 0) + Math.max(0, (now - overview.dataUpdatedAt) / 1000);
  return (
    <span className={styles.root}>
      <Text size={200} className={styles.note} aria-live="polite">
        As of {formatAge(age)}
        {data.snapshot?.refreshing ? ' · a newer read is on its way' : ''}
      </Text>
      {refresh.isError ? (
        <Text size={200} className={styles.error} role="alert">
          Refresh failed: {refresh.error.message}
        </Text>
      ) : null}
      <Button
        size="small"
        icon={<ArrowSync20Regular />}
        disabledFocusable={refresh.isPending}
        onClick={() => refresh.mutate()}
      >
        {refresh.isPending ? 'Refreshing…' : 'Refresh'}
      </Button>
    </span>
  );
}
