import { computeFindings, findingCatalogue, type RegistryOverview } from '@latchkey/domain';
import { findingTargetNames } from './token-rows';

/**
 * The names (lower-cased) of the tokens that findings of `id` target, computed
 * by the same engine as the findings page. Its own module so the engine is
 * fetched only when the grid is filtered by a finding (`finding=`).
 */
export function tokenFindingTargets(overview: RegistryOverview, id: string): Set<string> {
  return findingTargetNames(computeFindings(overview, Date.parse(overview.fetchedAt)), id);
}

/** The finding type's title for the filter's chip (the catalogue travels with the engine). */
export function findingTitle(id: string): string | undefined {
  return findingCatalogue.find((f) => f.id === id)?.title;
}
