/**
 * The five system-defined scope maps every registry has (reference §3). They
 * are read-only and carry `type: SystemDefined`; the emulator adds them to each
 * registry, scenarios only reference them by name.
 */

export interface SystemScopeMap {
  name: string;
  description: string;
  /** In the order Azure lists them. */
  actions: readonly string[];
}

export const SYSTEM_SCOPE_MAPS: readonly SystemScopeMap[] = [
  {
    name: '_repositories_pull',
    description: 'Can pull any repository of the registry',
    actions: ['repositories/*/content/read'],
  },
  {
    name: '_repositories_pull_metadata_read',
    description: 'Can perform all read operations on the registry',
    actions: ['repositories/*/content/read', 'repositories/*/metadata/read'],
  },
  {
    name: '_repositories_push',
    description: 'Can push to any repository of the registry',
    actions: ['repositories/*/content/read', 'repositories/*/content/write'],
  },
  {
    name: '_repositories_push_metadata_write',
    description: 'Can perform all read and write operations on the registry',
    actions: [
      'repositories/*/metadata/read',
      'repositories/*/metadata/write',
      'repositories/*/content/read',
      'repositories/*/content/write',
    ],
  },
  {
    name: '_repositories_admin',
    description: 'Can perform all read, write and delete operations on the registry',
    actions: [
      'repositories/*/metadata/read',
      'repositories/*/metadata/write',
      'repositories/*/content/read',
      'repositories/*/content/write',
      'repositories/*/content/delete',
    ],
  },
];

export const SYSTEM_SCOPE_MAP_NAMES: readonly string[] = SYSTEM_SCOPE_MAPS.map((m) => m.name);

/** ARM names match case-insensitively. */
export function findSystemScopeMap(name: string): SystemScopeMap | undefined {
  const lower = name.toLowerCase();
  return SYSTEM_SCOPE_MAPS.find((m) => m.name === lower);
}
