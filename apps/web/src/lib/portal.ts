/**
 * The Azure portal's page of a resource: the portal takes the tenant after `#@`
 * and the ARM resource id after `/resource`. In local mode the ids are the
 * emulator's, so the portal opens but finds no such resource; the link stays
 * (the id is what the portal takes, and the console does not pretend otherwise).
 */
export function portalResourceUrl(tenantId: string, resourceId: string): string {
  const id = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
  return `https://portal.azure.com/#@${encodeURIComponent(tenantId)}/resource${id}`;
}
