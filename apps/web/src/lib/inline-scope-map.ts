import {
  gatewayPermissions,
  nameSchema,
  repositoryPermissions,
  type InlineScopeMap,
} from '@latchkey/domain';

export type RepositoryPermission = (typeof repositoryPermissions)[number];
export type GatewayPermission = (typeof gatewayPermissions)[number];

/** One editable row of the inline scope-map editor; `key` keeps React rows stable while editing. */
export interface RepositoryRow {
  key: string;
  repository: string;
  permissions: RepositoryPermission[];
}
export interface GatewayRow {
  key: string;
  connectedRegistry: string;
  permissions: GatewayPermission[];
}

/** Azure allows at most 500 actions in one scope map. */
export const maxScopeMapActions = 500;

// A Docker repository path component: lower-case letters and digits, joined by
// `.`, `_`, `__` or runs of `-` (the distribution spec's grammar).
const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Why a repository pattern is invalid, or undefined when it is fine. Wildcards
 * only as the whole name (a lone star) or a trailing slash-star; Azure refuses a
 * star inside a name or in the middle of a path.
 */
export function repositoryPatternError(pattern: string): string | undefined {
  const p = pattern.trim();
  if (p === '') return 'Enter a repository, a prefix ending in /*, or * for every repository.';
  if (p === '*') return undefined;
  if (p.length > 256) return 'At most 256 characters.';
  const body = p.endsWith('/*') ? p.slice(0, -2) : p;
  if (body.includes('*')) {
    return 'A wildcard is allowed only as a trailing /* (team/*) or as * alone.';
  }
  if (body !== body.toLowerCase()) return 'Repository names are lower-case.';
  const parts = body.split('/');
  if (parts.some((c) => !component.test(c))) {
    return 'Use lower-case letters and digits, separated by ., _, - or / (for example team/app).';
  }
  return undefined;
}

/** `*` reaches every repository of the registry, including ones created later. */
export const isRegistryWide = (pattern: string) => pattern.trim() === '*';

export interface InlineScopeMapErrors {
  /** Per row key: what is wrong with the repository field. */
  repository: Record<string, string>;
  /** Per row key: what is wrong with the chosen permissions. */
  repositoryPermissions: Record<string, string>;
  connectedRegistry: Record<string, string>;
  gatewayPermissions: Record<string, string>;
  /** About the map as a whole (empty, too many actions). */
  form: string[];
}

const emptyErrors = (): InlineScopeMapErrors => ({
  repository: {},
  repositoryPermissions: {},
  connectedRegistry: {},
  gatewayPermissions: {},
  form: [],
});

export function countActions(repos: readonly RepositoryRow[], gateways: readonly GatewayRow[]) {
  return (
    repos.reduce((n, r) => n + r.permissions.length, 0) +
    gateways.reduce((n, g) => n + g.permissions.length, 0)
  );
}

/**
 * Validates the editor's rows and, when they are valid, builds the request's
 * `inline` scope map. Permissions on the same pattern given in two rows are
 * merged (Azure adds them up anyway), so the request holds each pattern once.
 */
export function buildInlineScopeMap(
  repos: readonly RepositoryRow[],
  gateways: readonly GatewayRow[],
): { ok: true; value: InlineScopeMap } | { ok: false; errors: InlineScopeMapErrors } {
  const errors = emptyErrors();
  for (const row of repos) {
    const e = repositoryPatternError(row.repository);
    if (e) errors.repository[row.key] = e;
    if (row.permissions.length === 0) {
      errors.repositoryPermissions[row.key] = 'Choose at least one permission.';
    }
  }
  const gatewayName = nameSchema('connectedRegistry');
  for (const row of gateways) {
    const r = gatewayName.safeParse(row.connectedRegistry.trim());
    if (!r.success) {
      errors.connectedRegistry[row.key] =
        `The connected registry name ${r.error.issues[0]?.message ?? 'is invalid'}.`;
    }
    if (row.permissions.length === 0) {
      errors.gatewayPermissions[row.key] = 'Choose at least one permission.';
    }
  }
  if (repos.length === 0 && gateways.length === 0) {
    errors.form.push('Add at least one repository or gateway permission.');
  }
  const total = countActions(repos, gateways);
  if (total > maxScopeMapActions) {
    errors.form.push(
      `A scope map holds at most ${maxScopeMapActions} actions; these rows make ${total}.`,
    );
  }
  const invalid =
    errors.form.length > 0 ||
    [
      errors.repository,
      errors.repositoryPermissions,
      errors.connectedRegistry,
      errors.gatewayPermissions,
    ].some((m) => Object.keys(m).length > 0);
  if (invalid) return { ok: false, errors };

  const merge = <P extends string>(rows: Array<{ target: string; permissions: readonly P[] }>) => {
    const m = new Map<string, Set<P>>();
    for (const r of rows) {
      const set = m.get(r.target) ?? new Set<P>();
      for (const p of r.permissions) set.add(p);
      m.set(r.target, set);
    }
    return m;
  };
  // Keep the canonical permission order, whatever order the boxes were ticked in.
  const ordered = <P extends string>(all: readonly P[], set: Set<P>) =>
    all.filter((p) => set.has(p));
  const repoMap = merge(
    repos.map((r) => ({ target: r.repository.trim(), permissions: r.permissions })),
  );
  const gatewayMap = merge(
    gateways.map((g) => ({ target: g.connectedRegistry.trim(), permissions: g.permissions })),
  );
  return {
    ok: true,
    value: {
      repositories: [...repoMap].map(([repository, set]) => ({
        repository,
        permissions: ordered(repositoryPermissions, set),
      })),
      gateways: [...gatewayMap].map(([connectedRegistry, set]) => ({
        connectedRegistry,
        permissions: ordered(gatewayPermissions, set),
      })),
    },
  };
}

/** The scope-map actions the rows will create, for a preview before submitting. */
export function previewActions(map: InlineScopeMap): string[] {
  return [
    ...map.repositories.flatMap((r) =>
      r.permissions.map((p) => `repositories/${r.repository}/${p}`),
    ),
    ...map.gateways.flatMap((g) => g.permissions.map((p) => `gateway/${g.connectedRegistry}/${p}`)),
  ];
}
