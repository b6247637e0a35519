import {
  ancestorsOf,
  descendantsOf,
  type ConnectedRegistryView,
  type TokenView,
} from '@latchkey/domain';

const lower = (s: string) => s.toLowerCase();

/** One connected registry whose sync scope map a synced-repository change rewrites. */
export interface SyncMapTarget {
  connectedRegistry: string;
  role: 'this registry' | 'ancestor' | 'descendant';
  /** Its sync token's scope map; undefined when unknown (the BFF then refuses the change). */
  scopeMap: string | undefined;
}

/**
 * Which sync scope maps a change rewrites, as the BFF (and the CLI's
 * `permissions update`) does: an added repository goes to this registry and
 * every ancestor, which must sync it to pass it down; a removed one leaves
 * this registry and every descendant, which can no longer receive it.
 */
export function syncMapTargets(
  cr: ConnectedRegistryView,
  all: readonly ConnectedRegistryView[],
  tokens: ReadonlyMap<string, Pick<TokenView, 'scopeMapName'>>,
  change: { adding: boolean; removing: boolean },
): SyncMapTarget[] {
  const target = (c: ConnectedRegistryView, role: SyncMapTarget['role']): SyncMapTarget => ({
    connectedRegistry: c.name,
    role,
    scopeMap: (c.syncTokenName && tokens.get(lower(c.syncTokenName))?.scopeMapName) || undefined,
  });
  return [
    target(cr, 'this registry'),
    ...(change.adding ? ancestorsOf(cr, all).map((a) => target(a, 'ancestor')) : []),
    ...(change.removing ? descendantsOf(cr, all).map((d) => target(d, 'descendant')) : []),
  ];
}

// Docker distribution's path component, as the BFF checks it.
const repositoryComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export interface RepositoryListResult {
  repositories: string[];
  /** One message per bad line, naming it; empty when every line is a valid name. */
  errors: string[];
}

/**
 * The "repositories to add" box: one name per line (commas also separate),
 * lower-cased like the CLI and the BFF, duplicates dropped. A connected
 * registry syncs named repositories, so a wildcard is refused here, before
 * the BFF would refuse it.
 */
export function parseRepositoryList(text: string): RepositoryListResult {
  const repositories: string[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const repo = raw.trim().toLowerCase();
    if (repo === '') continue;
    if (repo.includes('*')) {
      errors.push(`"${raw.trim()}": give a repository name; wildcards are not allowed here.`);
    } else if (!repo.split('/').every((c) => repositoryComponent.test(c))) {
      errors.push(
        `"${raw.trim()}" is not a repository name: use lower-case letters and digits separated by ".", "_", "__" or "-", joined by "/".`,
      );
    } else if (!repositories.includes(repo)) {
      repositories.push(repo);
    }
  }
  return { repositories, errors };
}
