import {
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  type MenuProps,
} from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { SignOut20Regular } from '@fluentui/react-icons';
import type { Me } from '@latchkey/domain';
import { useState } from 'react';
import { useThemePreference, type ThemePreference } from '../../../lib/theme-preference';
import { useSignOut } from '../api/sign-out';
import { UserButton } from './user-menu';

/**
 * The menu itself, loaded on the first click of the person's button
 * (user-menu.tsx): it opens as soon as it arrives.
 */
export function UserMenuPopup({ me }: { me: Me }) {
  const [open, setOpen] = useState(true);
  const { preference, setPreference } = useThemePreference();
  const signOut = useSignOut();
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const next = data.checkedItems[0];
    if (next === 'system' || next === 'light' || next === 'dark') setPreference(next);
  };
  return (
    <Menu
      open={open}
      onOpenChange={(_e, data) => setOpen(data.open)}
      checkedValues={{ theme: [preference] }}
      onCheckedValueChange={onCheckedValueChange}
    >
      <MenuTrigger disableButtonEnhancement>
        <UserButton me={me} />
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
            subText="Ends your sessions in every browser"
          >
            Sign out everywhere
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
