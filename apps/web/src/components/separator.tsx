import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  // Fluent's Divider as the detail panels and pages use it (horizontal, no
  // label, default colour): its styles for every variant are 2.6 KB gzip on
  // first loads of the hierarchy and the detail pages.
  root: {
    display: 'flex',
    flexGrow: 1,
    alignItems: 'center',
    boxSizing: 'border-box',
    position: 'relative',
    width: '100%',
    '::before': {
      content: '""',
      display: 'flex',
      flexGrow: 1,
      boxSizing: 'border-box',
      minWidth: '8px',
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
});

/** A horizontal rule between sections, with the separator role Fluent's Divider has. */
export function Separator() {
  return <div role="separator" aria-orientation="horizontal" className={useStyles().root} />;
}
