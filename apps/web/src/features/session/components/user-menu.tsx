import { Button, makeStyles, tokens, type ButtonProps } from '@fluentui/react-components';
import { primaryRole, type Me } from '@latchkey/domain';
import { forwardRef, lazy, Suspense, useState } from 'react';

const roleLabel = (me: Me) => {
  const role = primaryRole(me.roles);
  return role === 'Latchkey.Admin'
    ? 'Admin'
    : role === 'Latchkey.Reviewer'
      ? 'Reviewer'
      : 'No console role';
};

const loadPopup = () => import('./user-menu-popup');
const UserMenuPopup = lazy(() => loadPopup().then((m) => ({ default: m.UserMenuPopup })));

const useStyles = makeStyles({
  person: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  initials: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '28px',
    height: '28px',
    flexShrink: 0,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  text: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', textAlign: 'start' },
  name: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  role: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
  },
});

/** "Avery Admin" → "AA": what Fluent's Avatar shows, without its 7 KB gzip on every first page. */
const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** The button showing who is signed in; the menu's trigger once the menu is loaded. */
export const UserButton = forwardRef<HTMLButtonElement, ButtonProps & { me: Me }>(
  function UserButton({ me, ...props }, ref) {
    const styles = useStyles();
    return (
      <Button ref={ref} appearance="subtle" {...props}>
        <span className={styles.person}>
          <span className={styles.initials} aria-hidden>
            {initialsOf(me.name)}
          </span>
          <span className={styles.text}>
            <span className={styles.name}>{me.name}</span>
            <span className={styles.role}>{roleLabel(me)}</span>
          </span>
        </span>
      </Button>
    );
  },
);

/**
 * The signed-in person, their role, the theme choice and sign-out. The menu
 * (Fluent's Menu and its positioning engine, a quarter of the shell's
 * JavaScript) is fetched when the person first reaches for it: pointing at
 * or focusing the button starts the download, the click opens it.
 */
export function UserMenu({ me }: { me: Me }) {
  const [wanted, setWanted] = useState(false);
  const placeholder = (
    <UserButton
      me={me}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => void loadPopup()}
      onFocus={() => void loadPopup()}
      onClick={() => setWanted(true)}
    />
  );
  if (!wanted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <UserMenuPopup me={me} />
    </Suspense>
  );
}
