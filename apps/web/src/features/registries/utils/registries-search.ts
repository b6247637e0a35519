/** The registry pages a person can ask for before choosing a registry. */
export const registryPages = ['hierarchy', 'tokens', 'scope-maps'] as const;
export type RegistryPageName = (typeof registryPages)[number];

export interface RegistriesSearch {
  /** Which page of the chosen registry to open (the nav's Tokens before a registry was chosen). */
  for?: RegistryPageName;
}

export function validateRegistriesSearch(raw: Record<string, unknown>): RegistriesSearch {
  const page = raw.for;
  return typeof page === 'string' && (registryPages as readonly string[]).includes(page)
    ? { for: page as RegistryPageName }
    : {};
}

export const registryPageNames: Record<RegistryPageName, string> = {
  hierarchy: 'hierarchy',
  tokens: 'tokens',
  'scope-maps': 'scope maps',
};
