import type { RegistryOverview } from '@latchkey/domain';
import { useEffect, useState } from 'react';

interface Computed {
  finding: string;
  overview: RegistryOverview;
  names: Set<string>;
}

/**
 * The tokens a `finding=` filter keeps, or undefined until they are known. The
 * findings engine is loaded (dynamic import) only when the filter is set.
 */
export function useFindingTargets(
  finding: string | undefined,
  overview: RegistryOverview | undefined,
): Set<string> | undefined {
  const [computed, setComputed] = useState<Computed | undefined>();
  useEffect(() => {
    if (!finding || !overview) return;
    let live = true;
    void import('./finding-targets').then((m) => {
      if (live) setComputed({ finding, overview, names: m.tokenFindingTargets(overview, finding) });
    });
    return () => {
      live = false;
    };
  }, [finding, overview]);
  return computed && computed.finding === finding && computed.overview === overview
    ? computed.names
    : undefined;
}

/**
 * The title of the finding type a `finding=` filter names, from the same
 * lazily loaded module; undefined until it is there, or for an unknown id.
 */
export function useFindingTitle(finding: string | undefined): string | undefined {
  const [known, setKnown] = useState<{ finding: string; title: string | undefined }>();
  useEffect(() => {
    if (!finding) return;
    let live = true;
    void import('./finding-targets').then((m) => {
      if (live) setKnown({ finding, title: m.findingTitle(finding) });
    });
    return () => {
      live = false;
    };
  }, [finding]);
  return known && known.finding === finding ? known.title : undefined;
}
