import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { ErrorPanel } from './error-panel';

const useStyles = makeStyles({
  surface: { maxWidth: '40rem', width: '100%' },
  wide: { maxWidth: '56rem' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // "Generate password 1" on two lines reads as two things.
  nowrap: { whiteSpace: 'nowrap' },
});

export interface ActionDialogProps {
  title: string;
  submitLabel: string;
  pendingLabel: string;
  destructive?: boolean;
  canSubmit: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onDismiss: () => void;
  wide?: boolean;
  children: ReactNode;
}

/** ActionDialog itself (action-dialog.tsx), loaded when a dialog first opens. */
export function ActionDialogFrame({
  title,
  submitLabel,
  pendingLabel,
  destructive = false,
  canSubmit,
  pending,
  error,
  onSubmit,
  onDismiss,
  wide = false,
  children,
}: ActionDialogProps) {
  const styles = useStyles();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit && !pending) onSubmit();
  };
  return (
    <Dialog
      open
      modalType={destructive ? 'alert' : 'modal'}
      onOpenChange={(_e, d) => {
        if (!d.open && !pending) onDismiss();
      }}
    >
      <DialogSurface className={mergeClasses(styles.surface, wide && styles.wide)}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {children}
              {error ? <ErrorPanel error={error} /> : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onDismiss} disabled={pending}>
                Cancel
              </Button>
              <Button
                type="submit"
                appearance="primary"
                className={styles.nowrap}
                disabled={!canSubmit || pending}
                icon={pending ? <Spinner size="tiny" aria-hidden /> : undefined}
              >
                {pending ? pendingLabel : submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
