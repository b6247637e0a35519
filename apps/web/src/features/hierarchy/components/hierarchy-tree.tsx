import {
  Badge,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
  Tree,
  TreeItem,
  TreeItemLayout,
  type TreeOpenChangeData,
} from '@fluentui/react-components';
import { Cloud16Regular, Server16Regular } from '@fluentui/react-icons';
import type { RegistrySummary, TokenView } from '@latchkey/domain';
import { RelativeTime } from '../../../components/relative-time';
import {
  ActivationBadge,
  ConnectionStateBadge,
  ModeBadge,
} from '../../../components/status-badges';
import { plural } from '../../../lib/format';
import type { HierarchyNode } from '../utils/build-tree';
import type { NodeFindings } from '../utils/node-findings';
import { FindingsBadge } from './findings-badge';
import { SyncTokenBadge } from './sync-token-badge';

export const ROOT_VALUE = '$registry';

const useStyles = makeStyles({
  tree: { minWidth: 0 },
  layout: {
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    height: 'auto',
    minHeight: '40px',
  },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  name: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export function HierarchyTree({
  registry,
  roots,
  tokensByName,
  openItems,
  onOpenChange,
  selected,
  onSelect,
  now,
  findings,
}: {
  registry: RegistrySummary;
  roots: HierarchyNode[];
  tokensByName: ReadonlyMap<string, TokenView>;
  openItems: ReadonlySet<string>;
  onOpenChange: (value: string, open: boolean) => void;
  selected: string;
  onSelect: (value: string) => void;
  now: number;
  /** Per connected registry (lower-cased name), for the finding badges. */
  findings: ReadonlyMap<string, NodeFindings>;
}) {
  const styles = useStyles();

  // Clicking (or Enter on) a row selects it; only the chevron and the arrow keys expand or collapse.
  const handleOpenChange = (_e: unknown, data: TreeOpenChangeData) => {
    if (data.type === 'Click' || data.type === 'Enter') return;
    onOpenChange(String(data.value), data.open);
  };

  const renderNode = (node: HierarchyNode) => {
    const cr = node.registry;
    const syncToken = cr.syncTokenName
      ? tokensByName.get(cr.syncTokenName.toLowerCase())
      : undefined;
    const isSelected = selected === cr.name;
    return (
      <TreeItem
        key={cr.name}
        value={cr.name}
        itemType={node.children.length > 0 ? 'branch' : 'leaf'}
        aria-selected={isSelected}
        onClick={() => onSelect(cr.name)}
      >
        <TreeItemLayout
          iconBefore={<Server16Regular aria-hidden />}
          className={mergeClasses(styles.layout, isSelected && styles.selected)}
        >
          <span className={styles.summary}>
            <span className={styles.name}>{cr.name}</span>
            <ModeBadge mode={cr.mode} />
            <ConnectionStateBadge state={cr.connectionState} />
            <ActivationBadge state={cr.activation} />
            <SyncTokenBadge token={syncToken} name={cr.syncTokenName} now={now} />
            <FindingsBadge value={findings.get(cr.name.toLowerCase())} />
            <span className={styles.meta}>
              Last sync <RelativeTime iso={cr.lastSyncTime} now={now} />
            </span>
            <span className={styles.meta}>
              {plural(cr.clientTokenNames.length, 'client token')}
            </span>
            {node.orphaned ? (
              <Badge appearance="outline" color="warning" shape="rounded">
                Parent {cr.parentName} not found
              </Badge>
            ) : null}
          </span>
        </TreeItemLayout>
        {node.children.length > 0 ? <Tree>{node.children.map(renderNode)}</Tree> : null}
      </TreeItem>
    );
  };

  const rootSelected = selected === ROOT_VALUE;
  return (
    <Tree
      aria-label={`Connected registries of ${registry.name}`}
      className={styles.tree}
      openItems={openItems}
      onOpenChange={handleOpenChange}
    >
      <TreeItem
        value={ROOT_VALUE}
        itemType={roots.length > 0 ? 'branch' : 'leaf'}
        aria-selected={rootSelected}
        onClick={() => onSelect(ROOT_VALUE)}
      >
        <TreeItemLayout
          iconBefore={<Cloud16Regular aria-hidden />}
          className={mergeClasses(styles.layout, rootSelected && styles.selected)}
        >
          <span className={styles.summary}>
            <span className={styles.name}>{registry.name}</span>
            <Badge appearance="tint" color="brand" shape="rounded">
              Cloud registry
            </Badge>
            <Text className={styles.meta}>
              {registry.sku} · {registry.location} ·{' '}
              {plural(roots.length, 'direct connected registry', 'direct connected registries')}
            </Text>
          </span>
        </TreeItemLayout>
        {roots.length > 0 ? <Tree>{roots.map(renderNode)}</Tree> : null}
      </TreeItem>
    </Tree>
  );
}
