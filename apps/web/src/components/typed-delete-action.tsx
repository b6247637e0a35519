import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { Suspense, useId, useState, type ReactNode } from 'react';
import { useAzureRefusal } from './can';
import { lazyNamed } from '../lib/lazy-named';
import type { RegistryParams } from '../lib/registry-ref';
import type { RegistryOperation } from '@latchkey/domain';
import { restoreFocusTarget } from '../lib/restore-focus';

// The confirmation (its Field and Input) loads when it first opens, not with the page.
const TypedDeleteDialog = lazyNamed(() => import('./typed-delete-dialog'), 'TypedDeleteDialog');

const useStyles = makeStyles({
  reason: {
    flexBasis: '100%',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
});

/** The part of a TanStack delete mutation this action drives. */
export interface DeleteMutation {
  reset(): void;
  mutateAsync(variables: void): Promise<unknown>;
  isPending: boolean;
  error: unknown;
}

/**
 * Delete, behind the resource's name typed. When deletion is not allowed the
 * button stays visible but disabled (still focusable) with the reason beside
 * it, so the rule is learnt before trying rather than by failure.
 */
export function TypedDeleteAction({
  kind,
  name,
  what,
  blockedReason: ruleReason,
  azure,
  mutation,
  onDeleted,
  children,
  defaultOpen = false,
}: {
  /** "token", "scope map": used in the title and the submit label. */
  kind: string;
  name: string;
  /** What the person types, in words: "the token's name". */
  what: string;
  blockedReason: string | undefined;
  /** The Azure permission the delete needs there: refused, its reason blocks it too. */
  azure?: { registry: RegistryParams; needs: RegistryOperation };
  mutation: DeleteMutation;
  /** After a successful delete (the dialog is already closed). */
  onDeleted: () => void;
  /** What deleting does, for the confirmation. */
  children: ReactNode;
  /** Open the confirmation on mount (a finding's fix link lands here); never when blocked. */
  defaultOpen?: boolean;
}) {
  const styles = useStyles();
  const reasonId = useId();
  const refusal = useAzureRefusal(azure?.registry, azure?.needs ?? []);
  const blockedReason = ruleReason ?? refusal.reason;
  const [open, setOpen] = useState(defaultOpen && !blockedReason);
  const [typed, setTyped] = useState('');

  if (blockedReason) {
    return (
      <>
        <Button icon={<Delete20Regular />} disabledFocusable aria-describedby={reasonId}>
          Delete
        </Button>
        <Text id={reasonId} className={styles.reason}>
          {blockedReason}
        </Text>
      </>
    );
  }
  return (
    <>
      <Button
        icon={<Delete20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setTyped('');
          setOpen(true);
        }}
      >
        Delete
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <TypedDeleteDialog
            kind={kind}
            name={name}
            what={what}
            mutation={mutation}
            typed={typed}
            onTypedChange={setTyped}
            onClose={() => setOpen(false)}
            onDeleted={onDeleted}
          >
            {children}
          </TypedDeleteDialog>
        </Suspense>
      ) : null}
    </>
  );
}
