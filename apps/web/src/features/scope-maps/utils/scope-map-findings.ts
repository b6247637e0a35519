import {
  computeFindings,
  severities,
  type Finding,
  type RegistryOverview,
  type Severity,
} from '@latchkey/domain';
import { plural } from '../../../lib/format';

export interface FindingsDelta {
  /** Findings the saved change would add, most severe first. */
  created: Finding[];
  /** Findings it would clear. */
  resolved: Finding[];
}

/**
 * What saving `actions` on scope map `name` would do to the access review:
 * the findings engine run on the registry as it is and on the same registry
 * with the edited map, compared by finding key (finding type and target).
 */
export function findingsDelta(
  overview: RegistryOverview,
  name: string,
  actions: readonly string[],
  now: number,
): FindingsDelta {
  const same = (a: string | null | undefined) => !!a && a.toLowerCase() === name.toLowerCase();
  // Only the tokens the map can affect: those using it, and every sync token
  // (the hierarchy's findings read sync tokens and their maps). Any other
  // token's findings are the same before and after, so they would cancel out;
  // leaving them out keeps the review quick on a fleet (5,000 tokens). A sync
  // token's map also decides its clients' findings: then the whole registry.
  const sync = new Set(
    overview.connectedRegistries.flatMap((c) =>
      c.syncTokenName ? [c.syncTokenName.toLowerCase()] : [],
    ),
  );
  const syncMap = overview.tokens.some(
    (t) => same(t.scopeMapName) && sync.has(t.name.toLowerCase()),
  );
  const tokens = syncMap
    ? overview.tokens
    : overview.tokens.filter((t) => same(t.scopeMapName) || sync.has(t.name.toLowerCase()));
  // Likewise the maps: the edited one and those of the tokens kept.
  const kept = new Set(
    tokens.flatMap((t) => (t.scopeMapName ? [t.scopeMapName.toLowerCase()] : [])),
  );
  const slice: RegistryOverview = syncMap
    ? overview
    : {
        ...overview,
        tokens,
        scopeMaps: overview.scopeMaps.filter((m) => same(m.name) || kept.has(m.name.toLowerCase())),
      };
  const edited: RegistryOverview = {
    ...slice,
    scopeMaps: slice.scopeMaps.map((m) => (same(m.name) ? { ...m, actions: [...actions] } : m)),
  };
  const before = computeFindings(slice, now);
  const after = computeFindings(edited, now);
  const keys = (list: Finding[]) => new Set(list.map((f) => f.key));
  const had = keys(before);
  const has = keys(after);
  return {
    created: after.filter((f) => !had.has(f.key)),
    resolved: before.filter((f) => !has.has(f.key)),
  };
}

export const severityWords: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Informational',
};

function counted(list: readonly Finding[]): string {
  const present = severities.filter((s) => list.some((f) => f.severity === s));
  if (present.length === 1) {
    return plural(list.length, `${severityWords[present[0]!]} finding`);
  }
  const parts = present.map(
    (s) => `${list.filter((f) => f.severity === s).length} ${severityWords[s]}`,
  );
  return `${plural(list.length, 'finding')} (${parts.join(', ')})`;
}

const named = (f: Finding) => `${f.title.toLowerCase()} (${f.target.label})`;

/**
 * One sentence per direction: "This change creates 1 High finding: delete
 * permission on a client token (token north-build-agent)." Names the finding
 * when there is one, counts them when there are several (the list follows).
 */
export function describeFindingsDelta(delta: FindingsDelta): string[] {
  const out: string[] = [];
  const { created, resolved } = delta;
  if (created.length > 0) {
    out.push(
      `This change creates ${counted(created)}${created.length === 1 ? `: ${named(created[0]!)}` : ''}.`,
    );
  }
  if (resolved.length > 0) {
    out.push(
      `This change resolves ${counted(resolved)}${resolved.length === 1 ? `: ${named(resolved[0]!)}` : ''}.`,
    );
  }
  if (out.length === 0) out.push('This change creates and resolves no finding.');
  return out;
}
