import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ConnectionStateBadge, ModeBadge } from '../../../components/status-badges';
import type { HierarchyNode } from '../utils/build-tree';

/** The styles both node panels share (the cloud registry's and a connected registry's). */
export const useNodePanelStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  h2: { margin: 0, overflowWrap: 'anywhere' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** A node's children (or the cloud registry's top level): links that select them. */
export function ChildList({
  nodes,
  onSelect,
}: {
  nodes: HierarchyNode[];
  onSelect: (value: string) => void;
}) {
  const styles = useNodePanelStyles();
  return nodes.length === 0 ? (
    <Text className={styles.muted}>None.</Text>
  ) : (
    <ul className={styles.list}>
      {nodes.map((c) => (
        <li key={c.registry.name} className={styles.row}>
          <Link as="button" onClick={() => onSelect(c.registry.name)}>
            {c.registry.name}
          </Link>
          <ModeBadge mode={c.registry.mode} />
          <ConnectionStateBadge state={c.registry.connectionState} />
        </li>
      ))}
    </ul>
  );
}
