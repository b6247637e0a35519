import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import type { TokenView } from '@latchkey/domain';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** What deleting a token does, for its confirmation (delete-token-action.tsx). */
export function DeleteTokenConsequences({ token }: { token: TokenView }) {
  const styles = useStyles();
  return (
    <>
      {token.clientOf.length > 0 ? (
        <>
          <Text>These connected registries accept {token.name} as a client token:</Text>
          <ul className={styles.list}>
            {token.clientOf.map((cr) => (
              <li key={cr}>{cr}</li>
            ))}
          </ul>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Clients using {token.name} stop working there and on the registry.
            </MessageBarBody>
          </MessageBar>
        </>
      ) : (
        <Text>
          No connected registry accepts {token.name}. Clients signing in with it on the registry
          stop working.
        </Text>
      )}
      <Text>
        Deleting cannot be undone; its scope map
        {token.scopeMapName ? ` (${token.scopeMapName})` : ''} is kept.
      </Text>
    </>
  );
}
