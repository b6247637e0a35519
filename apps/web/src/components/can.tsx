import { Button, type ButtonProps } from '@fluentui/react-components';
import { can, type Permission, type RegistryOperation } from '@latchkey/domain';
import { Suspense, type ReactNode, type Ref } from 'react';
import { lazyNamed } from '../lib/lazy-named';
import { useCurrentMe } from '../lib/me-context';
import { useCapabilities } from '../lib/queries/get-capabilities';
import type { RegistryParams } from '../lib/registry-ref';

const AzureRefusedButton = lazyNamed(() => import('./azure-refused-button'), 'AzureRefusedButton');

/** Whether the signed-in person's console role allows `action`; false before /api/me answers. */
export function useCan(action: Permission): boolean {
  const me = useCurrentMe();
  return me ? can(me.roles, action) : false;
}

/**
 * Renders its children only when the console role allows `action` (Headlamp's
 * pattern). A reviewer sees no action control at all rather than disabled
 * ones: the BFF refuses the call anyway, and absent controls cannot mislead.
 * What Azure RBAC would refuse is a different matter (see AzureGatedButton):
 * the person is an admin here and should learn which Azure role is missing.
 */
export function Can({
  action,
  children,
  fallback = null,
}: {
  action: Permission;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return <>{useCan(action) ? children : fallback}</>;
}

export interface AzureRefusal {
  /** Why Azure would refuse, naming the role and the ARM action; undefined = allowed or unknown. */
  reason: string | undefined;
}

/**
 * Whether Azure RBAC would refuse every one of `needs` on the registry, from
 * the person's permissions there (the BFF's capability map). While the map
 * loads, or when it could not be read, nothing is refused: Azure judges the call.
 */
export function useAzureRefusal(
  registry: RegistryParams | undefined,
  needs: RegistryOperation | readonly RegistryOperation[],
): AzureRefusal {
  const query = useCapabilities(registry);
  const map = query.data?.known ? query.data.capabilities : undefined;
  const list = typeof needs === 'string' ? [needs] : needs;
  const refused = map ? list.map((op) => map[op]).find((c) => c && !c.allowed) : undefined;
  return { reason: refused?.reason };
}

/**
 * A Fluent button that is disabled, yet focusable, when Azure would refuse
 * what it starts; the reason shows as a tooltip on hover and focus and is
 * the button's accessible description (aria-describedby), so keyboard and
 * screen-reader users learn it too.
 */
export function AzureGatedButton({
  registry,
  needs,
  ...props
}: ButtonProps & {
  registry: RegistryParams | undefined;
  needs: RegistryOperation | readonly RegistryOperation[];
  ref?: Ref<HTMLButtonElement>;
}) {
  const { reason } = useAzureRefusal(registry, needs);
  if (!reason) return <Button {...props} />;
  const { onClick: _ignored, disabled: _disabled, ...rest } = props;
  // Until the tooltip's chunk arrives the button is already refused, without the tooltip.
  return (
    <Suspense fallback={<Button {...rest} disabledFocusable data-azure-refused="" />}>
      <AzureRefusedButton {...rest} reason={reason} />
    </Suspense>
  );
}
