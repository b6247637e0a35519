import { useState } from 'react';

/** The part of a TanStack mutation the flow drives. */
interface SecretMutation<TBody, TResult> {
  data: TResult | undefined;
  isPending: boolean;
  error: unknown;
  mutate: (body: TBody) => void;
  reset: () => void;
}

/**
 * An action whose answer carries a secret shown once (a token's first
 * password, a new password): its button opens the form, forgetting any
 * earlier answer; the form shows until the answer comes, then the caller's
 * reveal-once dialog shows `result`. `forget` closes both and drops the
 * mutation's answer, which is what forgets the secret (the mutations keep
 * gcTime 0, so no cache holds it).
 */
export function useRevealOnceFlow<TBody, TResult>(
  mutation: SecretMutation<TBody, TResult>,
  defaultOpen = false,
) {
  const [open, setOpen] = useState(defaultOpen);
  const forget = () => {
    mutation.reset();
    setOpen(false);
  };
  return {
    result: mutation.data,
    /** Opens the form: the button's onClick. */
    start: () => {
      mutation.reset();
      setOpen(true);
    },
    /** The form's props while it shows, else undefined. */
    form:
      open && !mutation.data
        ? {
            pending: mutation.isPending,
            error: mutation.error,
            onSubmit: (body: TBody) => mutation.mutate(body),
            onDismiss: forget,
          }
        : undefined,
    forget,
  };
}
