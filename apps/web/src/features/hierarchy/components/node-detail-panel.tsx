import { Text } from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { lazy, Suspense } from 'react';
import { PropertyList } from '../../../components/property-list';
import { Section } from '../../../components/section';
import { Separator } from '../../../components/separator';
import { formatCount } from '../../../lib/format';
import type { HierarchyNode } from '../utils/build-tree';
import { ROOT_VALUE } from './hierarchy-tree';
import { ChildList, useNodePanelStyles } from './node-panel-common';
import type { ConnectedRegistryPanelProps } from './connected-registry-panel';

// A connected registry's panel (its sections, badges, actions) is fetched when
// the first connected registry is selected: the page opens on the cloud registry.
const ConnectedRegistryPanel = lazy(() =>
  import('./connected-registry-panel').then((m) => ({ default: m.ConnectedRegistryPanel })),
);

export function NodeDetailPanel({
  registryParams,
  overview,
  selected,
  node,
  topLevel,
  tokensByName,
  onSelect,
  now,
  request,
  onRequestHandled,
  findings,
}: Omit<ConnectedRegistryPanelProps, 'node'> & {
  /** The selected node's name, or the cloud registry (ROOT_VALUE). */
  selected: string;
  node: HierarchyNode | undefined;
  topLevel: HierarchyNode[];
}) {
  const styles = useNodePanelStyles();
  const childList = (children: HierarchyNode[]) => (
    <ChildList nodes={children} onSelect={onSelect} />
  );

  if (selected === ROOT_VALUE || !node) {
    const r = overview.registry;
    return (
      <aside className={styles.panel} aria-labelledby="node-detail-title">
        <Text as="h2" id="node-detail-title" size={600} weight="semibold" className={styles.h2}>
          {r.name}
        </Text>
        {selected !== ROOT_VALUE ? (
          <Text className={styles.muted}>
            The connected registry “{selected}” is not in this registry (any more). Showing the
            cloud registry.
          </Text>
        ) : null}
        <PropertyList
          items={[
            ['Kind', 'Cloud registry'],
            ['SKU', r.sku],
            ['Location', r.location],
            ['Login server', <span className={styles.mono}>{r.loginServer}</span>],
            ['Data endpoint', r.dataEndpointEnabled ? 'Enabled' : 'Disabled'],
            [
              'Connected registries',
              `${formatCount(overview.connectedRegistries.length)}${r.supportsConnectedRegistries ? '' : ' (not supported by this SKU or configuration)'}`,
            ],
            ['Tokens', formatCount(overview.tokens.length)],
            ['Scope maps', formatCount(overview.scopeMaps.length)],
          ]}
        />
        <Separator />
        <Section level={3} title="Connected registries under the cloud registry">
          {childList(topLevel)}
        </Section>
      </aside>
    );
  }

  return (
    <Suspense
      fallback={
        <aside className={styles.panel} aria-label={node.registry.name}>
          <Spinner size="small" label={`Loading ${node.registry.name}`} />
        </aside>
      }
    >
      <ConnectedRegistryPanel
        registryParams={registryParams}
        overview={overview}
        node={node}
        tokensByName={tokensByName}
        onSelect={onSelect}
        now={now}
        request={request}
        onRequestHandled={onRequestHandled}
        findings={findings}
      />
    </Suspense>
  );
}
