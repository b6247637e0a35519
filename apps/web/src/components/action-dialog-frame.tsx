import { Button, makeStyles, mergeClasses } from '@fluentui/react-components';
import { Spinner } from './spinner';
import type { FormEvent, ReactNode } from 'react';
import { DialogFrame } from './dialog-frame';
import { ErrorPanel } from './error-panel';

const useStyles = makeStyles({
  surface: { maxWidth: '40rem' },
  wide: { maxWidth: '56rem' },
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
    <DialogFrame
      title={title}
      modalType={destructive ? 'alert' : 'modal'}
      // Never halfway through a request.
      onDismiss={pending ? undefined : onDismiss}
      surfaceClassName={mergeClasses(styles.surface, wide && styles.wide)}
      onSubmit={submit}
      actions={
        <>
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
        </>
      }
    >
      {children}
      {error ? <ErrorPanel error={error} /> : null}
    </DialogFrame>
  );
}
