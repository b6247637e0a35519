import { Text } from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import {
  indexOverview,
  type ConnectedRegistryView,
  type RegistryOverview,
  type TokenView,
} from '@latchkey/domain';
import { PasswordSlotsList } from '../../../components/password-slots';
import { PropertyList } from '../../../components/property-list';
import { RelativeTime } from '../../../components/relative-time';
import {
  ActivationBadge,
  ConnectionStateBadge,
  ModeBadge,
  TokenStatusBadge,
} from '../../../components/status-badges';
import { plural } from '../../../lib/format';
import type { RegistryParams } from '../../../lib/registry-ref';
import { syncedRepositories } from '../../../lib/scope-map-actions';
import { Can } from '../../../components/can';
import { Section } from '../../../components/section';
import type { HierarchyNode } from '../utils/build-tree';
import type { HierarchyAction } from '../utils/hierarchy-search';
import { RegistryDisabledNotice } from '../../../components/registry-disabled-notice';
import { TokenLink } from './token-link';
import { HrefLink } from '../../../components/href-link';
import type { NodeFindings } from '../utils/node-findings';
import { FindingsBadge } from './findings-badge';
import { ResourceId } from '../../../components/resource-id';
import { CronSchedule, IsoDuration } from '../../../components/schedule-text';
import { PropagationStatus } from './propagation-status';
import { lazy, Suspense } from 'react';
import { lazyNamed } from '../../../lib/lazy-named';
import { Separator } from '../../../components/separator';

// A connected registry's sections and actions (their dialogs, form fields and
// focus handling) are fetched when the first connected registry is selected:
// the page opens on the cloud registry, which needs none of them.
const AcceptedHereSection = lazy(() =>
  import('./client-tokens-section').then((m) => ({ default: m.AcceptedHereSection })),
);
const ClientTokensSection = lazy(() =>
  import('./client-tokens-section').then((m) => ({ default: m.ClientTokensSection })),
);
const ConnectionStringAction = lazyNamed(
  () => import('./connection-string-action'),
  'ConnectionStringAction',
);
const DeactivateAction = lazyNamed(() => import('./deactivate-action'), 'DeactivateAction');
const DeleteConnectedRegistryAction = lazyNamed(
  () => import('./delete-connected-registry-action'),
  'DeleteConnectedRegistryAction',
);
const SyncedRepositoriesAction = lazyNamed(
  () => import('./synced-repositories-action'),
  'SyncedRepositoriesAction',
);

import { ChildList, useNodePanelStyles } from './node-panel-common';
import { ROOT_VALUE } from './hierarchy-tree';

/** What a selected connected registry's panel is given (see NodeDetailPanel). */
export interface ConnectedRegistryPanelProps {
  registryParams: RegistryParams;
  overview: RegistryOverview;
  node: HierarchyNode;
  tokensByName: ReadonlyMap<string, TokenView>;
  onSelect: (value: string) => void;
  now: number;
  /** An admin action a link asked to open on this node (once). */
  request?: { action: HierarchyAction; token?: string | undefined } | undefined;
  onRequestHandled: () => void;
  /** This node's findings (computed from the overview, as the access review does). */
  findings: NodeFindings | undefined;
}

/**
 * A connected registry's panel: its state, sync, tokens and actions. Loaded
 * when a connected registry is first selected; the page opens on the cloud registry.
 */
export function ConnectedRegistryPanel({
  registryParams,
  overview,
  node,
  tokensByName,
  onSelect,
  now,
  request,
  onRequestHandled,
  findings,
}: ConnectedRegistryPanelProps) {
  const styles = useNodePanelStyles();
  const childList = (children: HierarchyNode[]) => (
    <ChildList nodes={children} onSelect={onSelect} />
  );

  const cr: ConnectedRegistryView = node.registry;
  const syncToken = cr.syncTokenName ? tokensByName.get(cr.syncTokenName.toLowerCase()) : undefined;
  const syncMap = syncToken?.scopeMapName
    ? overview.scopeMaps.find((m) => m.name.toLowerCase() === syncToken.scopeMapName?.toLowerCase())
    : undefined;
  const repos = syncMap ? syncedRepositories(syncMap.actions) : [];
  // The engine's reading: a disabled sync token disables its connected registry.
  const disabledBy = indexOverview(overview).context(cr).disabledBySyncToken;

  return (
    <Suspense
      fallback={
        <aside className={styles.panel} aria-label={cr.name}>
          <Spinner size="small" label={`Loading ${cr.name}`} />
        </aside>
      }
    >
      <aside className={styles.panel} aria-labelledby="node-detail-title">
        <div className={styles.section}>
          <Text as="h2" id="node-detail-title" size={600} weight="semibold" className={styles.h2}>
            {cr.name}
          </Text>
          <div className={styles.badges}>
            <ModeBadge mode={cr.mode} />
            <ConnectionStateBadge state={cr.connectionState} />
            <ActivationBadge state={cr.activation} />
            <FindingsBadge value={findings} />
            <PropagationStatus registry={registryParams} name={cr.name} pollMs={30_000} />
          </div>
          {disabledBy ? (
            <RegistryDisabledNotice
              registry={registryParams}
              connectedRegistry={cr.name}
              syncToken={disabledBy}
            />
          ) : null}
          {findings?.highest ? (
            <HrefLink
              href={`/registries/${encodeURIComponent(registryParams.subscriptionId)}/${encodeURIComponent(registryParams.resourceGroup)}/${encodeURIComponent(registryParams.registryName)}/access-review?q=${encodeURIComponent(cr.name)}`}
            >
              Review the findings about {cr.name}
            </HrefLink>
          ) : null}
          <Can action="connectedRegistry.write">
            <div className={styles.row} role="group" aria-label={`Actions on ${cr.name}`}>
              <Can action="token.credentials.generate">
                <ConnectionStringAction
                  registry={registryParams}
                  connectedRegistry={cr}
                  syncToken={syncToken}
                  requested={request?.action === 'connection-string'}
                  onRequestHandled={onRequestHandled}
                />
              </Can>
              {cr.activation !== 'Inactive' ? (
                <DeactivateAction registry={registryParams} connectedRegistry={cr} />
              ) : null}
              <DeleteConnectedRegistryAction
                registry={registryParams}
                connectedRegistry={cr}
                all={overview.connectedRegistries}
                children={node.children.map((c) => c.registry.name)}
                onDeleted={() => onSelect(ROOT_VALUE)}
              />
            </div>
          </Can>
        </div>

        <Section level={3} title="Sync properties">
          <PropertyList
            items={[
              ['Parent', cr.parentName ?? `${overview.registry.name} (cloud registry)`],
              ['Last sync', <RelativeTime iso={cr.lastSyncTime} now={now} />],
              ['Last activity', <RelativeTime iso={cr.lastActivityTime} now={now} />],
              [
                'Sync schedule',
                cr.syncSchedule ? <CronSchedule value={cr.syncSchedule} /> : 'Continuous',
              ],
              ['Sync window', cr.syncWindow ? <IsoDuration value={cr.syncWindow} /> : '—'],
              ['Message TTL', cr.messageTtl ? <IsoDuration value={cr.messageTtl} /> : '—'],
              cr.gatewayEndpoint
                ? ['Gateway endpoint', <span className={styles.mono}>{cr.gatewayEndpoint}</span>]
                : null,
              cr.version ? ['Version', cr.version] : null,
              cr.provisioningState ? ['Provisioning', cr.provisioningState] : null,
              ['Resource id', <ResourceId id={cr.id} what={`connected registry ${cr.name}`} />],
            ]}
          />
          {cr.statusDetails.length > 0 ? (
            <ul className={styles.list} aria-label="Status details">
              {cr.statusDetails.map((d, i) => (
                <li key={i}>
                  {[d.type, d.code].filter(Boolean).join(' · ')}
                  {d.description ? `: ${d.description}` : ''}
                  {d.timestamp ? (
                    <span className={styles.muted}>
                      {' '}
                      (<RelativeTime iso={d.timestamp} now={now} />)
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </Section>

        <Separator />
        <Section level={3} title="Sync token">
          {!cr.syncTokenName ? (
            <Text>This connected registry has no sync token: it cannot sync.</Text>
          ) : !syncToken ? (
            <Text>
              “{cr.syncTokenName}” is named as the sync token but was not found among the registry’s
              tokens.
            </Text>
          ) : (
            <>
              <div className={styles.row}>
                <TokenLink registry={registryParams} name={syncToken.name} />
                <TokenStatusBadge status={syncToken.status} />
                {syncToken.scopeMapName ? (
                  <span className={styles.muted}>scope map {syncToken.scopeMapName}</span>
                ) : null}
              </div>
              <Text className={styles.muted}>
                {cr.parentName
                  ? `It signs in to the parent ${cr.parentName}, which accepts it as the sync token of its child ${cr.name}.`
                  : `It signs in to the cloud registry ${overview.registry.name}.`}
              </Text>
              <PasswordSlotsList slots={syncToken.passwords} now={now} />
            </>
          )}
        </Section>

        <Separator />
        <AcceptedHereSection registry={registryParams} overview={overview} connectedRegistry={cr} />

        <Separator />
        <ClientTokensSection
          registry={registryParams}
          overview={overview}
          connectedRegistry={cr}
          tokensByName={tokensByName}
          requestedDetach={request?.action === 'detach-client' ? request : undefined}
          onRequestHandled={onRequestHandled}
        />

        <Separator />
        <Section level={3} title={`Synced repositories (${repos.length})`}>
          {!syncMap ? (
            <Text className={styles.muted}>
              Unknown: the sync token’s scope map is not available.
            </Text>
          ) : repos.length === 0 ? (
            <Text className={styles.muted}>None: the sync scope map grants no repository.</Text>
          ) : (
            <ul className={styles.list}>
              {repos.map((r) => (
                <li key={r} className={styles.mono}>
                  {r}
                </li>
              ))}
            </ul>
          )}
          <Can action="connectedRegistry.write">
            <div className={styles.row}>
              <SyncedRepositoriesAction
                registry={registryParams}
                connectedRegistry={cr}
                all={overview.connectedRegistries}
                tokensByName={tokensByName}
                synced={repos}
                requested={request?.action === 'repositories'}
                onRequestHandled={onRequestHandled}
              />
            </div>
          </Can>
        </Section>

        <Separator />
        <Section
          title={`Children (${plural(node.children.length, 'connected registry', 'connected registries')})`}
        >
          {childList(node.children)}
        </Section>
      </aside>
    </Suspense>
  );
}
