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

export interface SidePanelProps {
  title: ReactNode;
  /** The dialog's accessible name. */
  label: string;
  closeLabel?: string;
  onClose: () => void;
  children: ReactNode;
}

/** The drawer behind SidePanel (loaded on first open). */
export function SidePanelFrame({
  title,
  label,
  closeLabel = 'Close',
  onClose,
  children,
}: SidePanelProps) {
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
