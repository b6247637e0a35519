import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Checkmark16Regular } from '@fluentui/react-icons';
import type { PermissionRow } from '../lib/scope-map-actions';
import { VisuallyHidden } from './visually-hidden';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '560px' },
  target: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  centre: { textAlign: 'center' },
  // The header cell lays its label out in a flex button; centre it there.
  centreHead: { justifyContent: 'center' },
  yes: { color: tokens.colorPaletteGreenForeground1, verticalAlign: 'middle' },
  no: { color: tokens.colorNeutralForeground3 },
});

const permissionLabel = (p: string) => {
  const [area, verb] = p.split('/');
  return `${area ?? ''} ${verb ?? ''}`.trim();
};

/**
 * A target × permission matrix (repositories or connected-registry gateways).
 * Each cell says "allowed" or "not allowed" in words for screen readers; the tick is decoration.
 */
export function PermissionMatrix<P extends string>({
  caption,
  targetHeader,
  permissions,
  rows,
}: {
  caption: string;
  targetHeader: string;
  permissions: readonly P[];
  rows: PermissionRow<P>[];
}) {
  const styles = useStyles();
  return (
    <div className={styles.wrap}>
      <Table aria-label={caption} size="small" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{targetHeader}</TableHeaderCell>
            {permissions.map((p) => (
              <TableHeaderCell
                key={p}
                className={styles.centre}
                button={{ className: styles.centreHead }}
              >
                {permissionLabel(p)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.target}>
              <TableCell className={styles.target}>{row.target}</TableCell>
              {permissions.map((p) => (
                <TableCell key={p} className={styles.centre}>
                  {row.granted.has(p) ? (
                    <>
                      <Checkmark16Regular className={styles.yes} aria-hidden />
                      <VisuallyHidden>allowed</VisuallyHidden>
                    </>
                  ) : (
                    <>
                      <span className={styles.no} aria-hidden>
                        –
                      </span>
                      <VisuallyHidden>not allowed</VisuallyHidden>
                    </>
                  )}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
