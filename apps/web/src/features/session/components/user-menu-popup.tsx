import {
  Button,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Persona,
  Spinner,
  type MenuProps,
} from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';
import { primaryRole, type Me } from '@latchkey/domain';
import { useThemePreference, type ThemePreference } from '../../../lib/theme-preference';
import { useSignOut } from '../api/sign-out';

const roleLabel = (me: Me) => {
  const role = primaryRole(me.roles);
  return role === 'Latchkey.Admin'
    ? 'Admin'
    : role === 'Latchkey.Reviewer'
      ? 'Reviewer'
      : 'No console role';
};

/** The signed-in person, their role, the theme choice and sign-out. */
export function UserMenu({ me }: { me: Me }) {
  const { preference, setPreference } = useThemePreference();
  const signOut = useSignOut();
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const next = data.checkedItems[0];
    if (next === 'system' || next === 'light' || next === 'dark') setPreference(next);
  };
  const role = roleLabel(me);
  return (
    <Menu checkedValues={{ theme: [preference] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle">
          <Persona
            name={me.name}
            secondaryText={role}
            size="small"
            avatar={{ color: 'colorful', 'aria-hidden': true }}
          />
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>{me.username}</MenuGroupHeader>
          </MenuGroup>
          <MenuDivider />
          <MenuGroup>
            <MenuGroupHeader>Theme</MenuGroupHeader>
            {(['system', 'light', 'dark'] as ThemePreference[]).map((t) => (
              <MenuItemRadio key={t} name="theme" value={t}>
                {t === 'system' ? 'Same as system' : t === 'light' ? 'Light' : 'Dark'}
              </MenuItemRadio>
            ))}
          </MenuGroup>
          <MenuDivider />
          <MenuItem
            icon={signOut.isPending ? <Spinner size="extra-tiny" /> : <SignOut20Regular />}
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            Sign out
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
