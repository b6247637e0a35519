/**
 * Runs a mutation, then `onSuccess` with its result, even when the read-back
 * unmounts the component that asked for it (a deleted node leaves the tree, a
 * revoked slot's row goes, a deactivated registry swaps its actions): TanStack
 * Query drops the callbacks given to `mutate` once that component is gone,
 * but the promise of `mutateAsync` still settles. A failure needs no handling
 * here: the dialog shows it from `mutation.error`.
 */
export function submitMutation<TData, TVariables>(
  mutateAsync: (variables: TVariables) => Promise<TData>,
  variables: TVariables,
  onSuccess: (data: TData) => void,
): void {
  mutateAsync(variables).then(onSuccess, () => undefined);
}
