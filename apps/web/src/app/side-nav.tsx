import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import type { AnchorHTMLAttributes, HTMLAttributes, ReactElement, ReactNode } from 'react';

/**
 * The console's side navigation: a native <nav> of plain links drawn like
 * Fluent's NavDrawer (its tokens, spacing, selected bar and focus ring).
 * Fluent's NavDrawer, NavItem and the Drawer/motion packages under them cost
 * about 6 KB gzip on every first page for what is a list of links here: the
 * console never collapses the drawer, overlays it or moves through it with
 * arrow keys (links are plain tab stops, which axe and the specs expect).
 */
const useStyles = makeStyles({
  nav: {
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    maxWidth: '100vw',
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  link: {
    display: 'flex',
    position: 'relative',
    justifyContent: 'start',
    alignItems: 'flex-start',
    textAlign: 'left',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalMNudge} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalMNudge} ${tokens.spacingHorizontalMNudge}`,
    backgroundColor: tokens.colorNeutralBackground4,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    boxSizing: 'border-box',
    cursor: 'pointer',
    transitionDuration: tokens.durationFaster,
    transitionTimingFunction: tokens.curveLinear,
    transitionProperty: 'background',
    width: '100%',
    ...typographyStyles.body1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground4Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(${tokens.strokeWidthThick} * -1)`,
    },
  },
  // The selected page: strong text and the brand-coloured bar at the inline start.
  selected: {
    ...typographyStyles.body1Strong,
    '::after': {
      content: '""',
      position: 'absolute',
      marginInlineStart: '-16px',
      width: '4px',
      height: '20px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandForeground1,
    },
    '@media (forced-colors: active)': {
      '::after': { outline: `solid 2px ${tokens.colorTransparentStroke}`, outlineOffset: '-2px' },
    },
  },
  icon: {
    display: 'grid',
    minHeight: '20px',
    minWidth: '20px',
    justifyContent: 'center',
    overflow: 'hidden',
  },
  header: {
    marginInlineStart: '10px',
    marginBlock: '8px',
    ...typographyStyles.caption1Strong,
  },
});

export function SideNav({ className, ...props }: HTMLAttributes<HTMLElement>) {
  const styles = useStyles();
  return <nav {...props} className={mergeClasses(styles.nav, className)} />;
}

export function SideNavLink({
  selected,
  icon,
  children,
  className,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  selected: boolean;
  icon: ReactElement;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <a
      {...props}
      aria-current={selected ? 'page' : undefined}
      className={mergeClasses(styles.link, selected && styles.selected, className)}
    >
      <span className={styles.icon}>{icon}</span>
      {children}
    </a>
  );
}

export function SideNavSectionHeader({ children }: { children: ReactNode }) {
  return <h3 className={useStyles().header}>{children}</h3>;
}
