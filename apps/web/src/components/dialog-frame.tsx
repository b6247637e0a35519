import {
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { keepFocusManager } from '../lib/restore-focus';
import { useReturnFocusOnClose } from '../lib/return-focus';

const useStyles = makeStyles({
  surface: { width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * Holds a Tabster instance (with its restorer, which records the buttons marked
 * restoreFocusTarget as they take focus) for the rest of the session, from the
 * moment this module, and with it Tabster, is first loaded.
 */
function KeepTabster() {
  // Only for the instance it holds; the attribute it returns is restoreFocusTarget.
  useRestoreFocusTarget();
  return null;
}
keepFocusManager(KeepTabster);

export interface DialogFrameProps {
  title: string;
  /** `alert` where closing is a decision: a destructive change, a running action, a secret shown once. */
  modalType: 'modal' | 'alert';
  /**
   * What Escape and the backdrop do. Undefined: nothing, so that a dialog
   * halfway through a request, or one only an explicit button may close,
   * stays open.
   */
  onDismiss: (() => void) | undefined;
  /** The surface's maximum width (each dialog sets its own). */
  surfaceClassName: string;
  /** Makes the body a form (Enter submits) and handles its submit. */
  onSubmit?: ((e: FormEvent) => void) | undefined;
  /** The buttons, in DialogActions. */
  actions: ReactNode;
  children: ReactNode;
}

/**
 * The dialog every console dialog is drawn in (action, bulk, reveal-once):
 * a modal Fluent dialog, full width up to the dialog's own maximum, whose
 * content stacks its parts with one gap, and whose buttons sit below.
 * Closed, it gives focus back to what had it when it opened (the button that
 * opened it), as Fluent's Dialog does when Tabster already knew that button.
 */
export function DialogFrame({
  title,
  modalType,
  onDismiss,
  surfaceClassName,
  onSubmit,
  actions,
  children,
}: DialogFrameProps) {
  const styles = useStyles();
  // Before Fluent's Dialog takes focus into itself (its effect runs after this render).
  useReturnFocusOnClose();
  const body = (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={styles.content}>{children}</DialogContent>
      <DialogActions>{actions}</DialogActions>
    </DialogBody>
  );
  return (
    <Dialog
      open
      modalType={modalType}
      onOpenChange={(_e, d) => {
        if (!d.open) onDismiss?.();
      }}
    >
      <DialogSurface className={mergeClasses(styles.surface, surfaceClassName)}>
        {onSubmit ? (
          <form onSubmit={onSubmit} noValidate>
            {body}
          </form>
        ) : (
          body
        )}
      </DialogSurface>
    </Dialog>
  );
}
