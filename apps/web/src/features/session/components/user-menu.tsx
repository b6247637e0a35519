import { Button, Persona, type ButtonProps } from '@fluentui/react-components';
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

/** The button showing who is signed in; the menu's trigger once the menu is loaded. */
export const UserButton = forwardRef<HTMLButtonElement, ButtonProps & { me: Me }>(
  function UserButton({ me, ...props }, ref) {
    return (
      <Button ref={ref} appearance="subtle" {...props}>
        <Persona
          name={me.name}
          secondaryText={roleLabel(me)}
          size="small"
          avatar={{ color: 'colorful', 'aria-hidden': true }}
        />
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
