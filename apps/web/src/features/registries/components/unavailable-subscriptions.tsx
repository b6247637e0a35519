import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

type Unavailable = { subscriptionId: string; message: string };

/**
 * The subscriptions the registries list could not read. The registries page
 * loads this (and Fluent's MessageBar with it) only when there are some.
 */
export function UnavailableSubscriptions({ unavailable }: { unavailable: Unavailable[] }) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          Some subscriptions could not be listed ({unavailable.length})
        </MessageBarTitle>
        <ul>
          {unavailable.map((u) => (
            <li key={u.subscriptionId}>
              <span className={styles.mono}>{u.subscriptionId}</span>: {u.message}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
