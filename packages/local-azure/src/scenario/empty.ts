/**
 * The empty scenario: the Contoso tenant, people, apps and role assignments,
 * and one Premium registry with nothing in it yet (no connected registries,
 * tokens or user-defined scope maps; the emulator still adds the system maps).
 */
import { contosoIdentity, DEMO_REGISTRY } from './contoso';
import { DAY, timeHelpers } from './build';
import type { ScenarioData, ScenarioFactory } from './types';

export const emptyScenario: ScenarioFactory = ({ now }): ScenarioData => {
  const t = timeHelpers(now);
  return {
    name: 'empty',
    ...contosoIdentity(),
    registries: [
      {
        ...DEMO_REGISTRY,
        sku: 'Premium',
        // Off, as on a fresh registry: creating a connected registry turns it on first.
        dataEndpointEnabled: false,
        adminUserEnabled: false,
        createdAt: t.ago(1 * DAY),
        scopeMaps: [],
        tokens: [],
        connectedRegistries: [],
      },
    ],
  };
};
