import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import type { Notice } from './notify';

const useStyles = makeStyles({
  notice: { pointerEvents: 'auto', boxShadow: tokens.shadow16 },
});

/** The receipts on screen (notify.tsx loads this with the first one). */
export function NoticeList({
  notices,
  dismiss,
}: {
  notices: Notice[];
  dismiss: (id: number) => void;
}) {
  const styles = useStyles();
  return notices.map((n) => (
    <MessageBar key={n.id} intent={n.intent} layout="multiline" className={styles.notice}>
      <MessageBarBody>
        <MessageBarTitle>{n.title}</MessageBarTitle>
        {n.body}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            icon={<Dismiss16Regular />}
            aria-label={`Dismiss: ${n.title}`}
            onClick={() => dismiss(n.id)}
          />
        }
      />
    </MessageBar>
  ));
}
