import { Suspense } from 'react';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useConnectedRegistryDetail } from '../api/connected-registry-lifecycle';

// The badge (with its Tooltip) loads once a connected registry's detail has a change to show.
const PropagationBadge = lazyNamed(() => import('./propagation-badge'), 'PropagationBadge');

/**
 * Whether the latest change to what this connected registry syncs or accepts
 * has reached it: Azure propagates at its next sync. Nothing when no change
 * is known (the BFF finds changes in the audit log).
 */
export function PropagationStatus({
  registry,
  name,
  pollMs,
}: {
  registry: RegistryParams;
  name: string;
  pollMs: number;
}) {
  const detail = useConnectedRegistryDetail(registry, name, pollMs);
  const value = detail.data?.propagation;
  return value ? (
    <Suspense fallback={null}>
      <PropagationBadge value={value} />
    </Suspense>
  ) : null;
}
