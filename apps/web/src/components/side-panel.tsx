import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/**
 * The Portal's detail pane: a modal drawer at the end of the page, titled,
 * with a close button; Escape and a click outside close it too, and focus
 * returns where it was. Mount it only while open: a closed drawer still
 * leaves focus-trap guards in the body.
 */
export function SidePanel({
  title,
  label,
  closeLabel = 'Close',
  onClose,
  children,
}: {
  title: ReactNode;
  /** The dialog's accessible name. */
  label: string;
  closeLabel?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <OverlayDrawer
      open
      position="end"
      size="medium"
      onOpenChange={(_e, d) => {
        if (!d.open) onClose();
      }}
      aria-label={label}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={closeLabel}
              icon={<Dismiss24Regular />}
              onClick={onClose}
            />
          }
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>{children}</DrawerBody>
    </OverlayDrawer>
  );
}
