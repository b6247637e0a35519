import type { ReactNode } from 'react';
import { submitMutation } from '../lib/submit-mutation';
import { ActionDialog } from './action-dialog';
import { TypedConfirmation, typedMatches } from './typed-confirmation';
import type { DeleteMutation } from './typed-delete-action';

/** The confirmation of TypedDeleteAction (typed-delete-action.tsx), loaded when it first opens. */
export function TypedDeleteDialog({
  kind,
  name,
  what,
  mutation,
  typed,
  onTypedChange,
  onClose,
  onDeleted,
  children,
}: {
  kind: string;
  name: string;
  what: string;
  mutation: DeleteMutation;
  typed: string;
  onTypedChange: (typed: string) => void;
  onClose: () => void;
  onDeleted: () => void;
  children: ReactNode;
}) {
  return (
    <ActionDialog
      title={`Delete ${kind} ${name}?`}
      submitLabel={`Delete ${kind}`}
      pendingLabel="Deleting…"
      destructive
      canSubmit={typedMatches(typed, name)}
      pending={mutation.isPending}
      error={mutation.error}
      onDismiss={onClose}
      onSubmit={() =>
        // The read-back removes the object, which may unmount this action.
        submitMutation(mutation.mutateAsync, undefined, () => {
          onClose();
          onDeleted();
        })
      }
    >
      {children}
      <TypedConfirmation expected={name} what={what} value={typed} onChange={onTypedChange} />
    </ActionDialog>
  );
}
