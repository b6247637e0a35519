import { Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Open16Regular } from '@fluentui/react-icons';
import { apiPaths, exportFormats, type ExportFormat } from '@latchkey/domain';
import { VisuallyHidden } from '../../../components/visually-hidden';
import { toRegistryPath, type RegistryParams } from '../../../lib/registry-ref';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  group: { display: 'inline-flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  label: { color: tokens.colorNeutralForeground2 },
});

const upper = (f: ExportFormat) => f.toUpperCase();

/**
 * Evidence as plain download links (GET, same-origin cookie), so the browser
 * saves the file itself and nothing of it passes through the SPA's memory.
 * Effective access follows the selected place.
 */
export function ExportLinks({
  registry,
  place,
}: {
  registry: RegistryParams;
  place: string | undefined;
}) {
  const styles = useStyles();
  const r = toRegistryPath(registry);
  const groups: Array<{ what: string; href: (f: ExportFormat) => string }> = [
    { what: 'findings', href: (f) => apiPaths.exportFindings(r, f) },
    { what: 'tokens', href: (f) => apiPaths.exportTokens(r, f) },
    {
      what: place ? `effective access on ${place}` : 'effective access',
      href: (f) => apiPaths.exportEffectiveAccess(r, f, place),
    },
  ];
  return (
    <nav className={styles.root} aria-label="Export evidence">
      {groups.map((g) => (
        <span key={g.what} className={styles.group}>
          <Text className={styles.label}>{g.what.charAt(0).toUpperCase() + g.what.slice(1)}:</Text>
          {exportFormats.map((f) => (
            <Link key={f} href={g.href(f)} download aria-label={`Export ${g.what} as ${upper(f)}`}>
              {upper(f)}
            </Link>
          ))}
        </span>
      ))}
      <Link href={apiPaths.accessReport(r)} target="_blank" rel="noopener">
        Printable report <Open16Regular aria-hidden />
        <VisuallyHidden> (opens in a new tab)</VisuallyHidden>
      </Link>
    </nav>
  );
}
