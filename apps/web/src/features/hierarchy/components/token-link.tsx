import { RouterLink } from '../../../components/router-link';
import type { RegistryParams } from '../../../lib/registry-ref';

export function TokenLink({ registry, name }: { registry: RegistryParams; name: string }) {
  return (
    <RouterLink
      to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
      params={{ ...registry, tokenName: name }}
    >
      {name}
    </RouterLink>
  );
}
