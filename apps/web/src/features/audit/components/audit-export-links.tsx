import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { apiPaths, exportFormats } from '@latchkey/domain';
import type { AuditSearch } from '../utils/audit-search';

const useStyles = makeStyles({
  root: { display: 'inline-flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground2 },
});

/** Download links for the records matching the current filters (all pages, not only the loaded ones). */
export function AuditExportLinks({ filters }: { filters: AuditSearch }) {
  const styles = useStyles();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <nav className={styles.root} aria-label="Export the audit log">
      <Text className={styles.label}>{filtered ? 'Export matching records:' : 'Export:'}</Text>
      {exportFormats.map((f) => (
        <Link
          key={f}
          href={apiPaths.auditExport(f, filters)}
          download
          aria-label={`Export the audit log as ${f.toUpperCase()}`}
        >
          {f.toUpperCase()}
        </Link>
      ))}
    </nav>
  );
}
