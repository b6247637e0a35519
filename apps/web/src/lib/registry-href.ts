import type { RegistryParams } from './registry-ref';

const enc = encodeURIComponent;

/** The console path of a registry, or of one of its pages (with an optional item, e.g. a token). */
export function registryHref(registry: RegistryParams, page?: string, item?: string): string {
  const base = `/registries/${enc(registry.subscriptionId)}/${enc(registry.resourceGroup)}/${enc(registry.registryName)}`;
  if (!page) return base;
  return item ? `${base}/${page}/${enc(item)}` : `${base}/${page}`;
}
