import {
  Button,
  Field,
  Input,
  makeStyles,
  Textarea,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Checkmark16Regular, Copy16Regular } from '@fluentui/react-icons';
import type { RevealedCredentials, StepReport } from '@latchkey/domain';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../lib/format';
import { DialogFrame } from './dialog-frame';
import { slotLabel } from './password-slots';
import { StepsReport } from './steps-report';
import { VisuallyHidden } from './visually-hidden';

const useStyles = makeStyles({
  surface: { maxWidth: '44rem' },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  command: {
    flexGrow: 1,
    minWidth: 0,
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    // Wrap at the spaces between arguments; only a word longer than the line is broken.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  commands: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  server: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0 },
  notices: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  hint: { color: tokens.colorNeutralForeground2 },
});

type CopyState = 'idle' | 'copied' | 'failed';

/** A copy button whose outcome is announced, since a silent clipboard gives no feedback. */
function CopyButton({
  text,
  what,
  onResult,
}: {
  text: string;
  what: string;
  onResult: (message: string) => void;
}) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      onResult(`${what} copied to the clipboard.`);
    } catch {
      setState('failed');
      onResult(`Could not copy the ${what.toLowerCase()}: select it and copy it by hand.`);
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setState('idle'), 4000);
  };
  return (
    <Button
      icon={state === 'copied' ? <Checkmark16Regular /> : <Copy16Regular />}
      onClick={() => void copy()}
      aria-label={`Copy ${what.toLowerCase()}`}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </Button>
  );
}

function SecretField({
  label,
  value,
  hint,
  multiline = false,
  announce,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  /** A long value (a connection string) wraps over several lines instead of scrolling sideways. */
  multiline?: boolean;
  announce: (m: string) => void;
}) {
  const styles = useStyles();
  // The hint goes below the row, not in the Field, so the copy button lines up with the input.
  return (
    <div>
      <div className={styles.row}>
        <Field label={label} className={styles.grow}>
          {multiline ? (
            <Textarea
              readOnly
              value={value}
              resize="none"
              rows={4}
              textarea={{ className: styles.mono, spellCheck: false, autoComplete: 'off' }}
              onFocus={(e) => e.currentTarget.select()}
            />
          ) : (
            <Input
              readOnly
              value={value}
              className={styles.mono}
              input={{ className: styles.mono, spellCheck: false, autoComplete: 'off' }}
              // Selecting everything on focus makes copying by hand one keystroke.
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
        </Field>
        <CopyButton text={value} what={label} onResult={announce} />
      </div>
      {hint ? (
        <Text size={200} className={styles.hint}>
          {hint}
        </Text>
      ) : null}
    </div>
  );
}

const aboutSeconds = (s: number) =>
  s <= 90 ? 'about a minute' : `about ${Math.round(s / 60)} minutes`;

export interface RevealOnceDialogProps {
  tokenName: string;
  credentials: RevealedCredentials;
  /**
   * A connected registry's connection string: shown instead of the username and
   * password fields, since it already carries both.
   */
  connectionString?: string | undefined;
  steps?: readonly StepReport[];
  /** What the server wants the person to know about this secret (e.g. a placeholder to replace). */
  notices?: readonly string[];
  title: string;
  onClose: () => void;
}

/** RevealOnceDialog itself (reveal-once-dialog.tsx), loaded when a secret first arrives. */
export function RevealOnceDialogFrame({
  tokenName,
  credentials,
  connectionString,
  steps = [],
  notices = [],
  title,
  onClose,
}: RevealOnceDialogProps) {
  const styles = useStyles();
  const [announcement, setAnnouncement] = useState('');
  const propagation = aboutSeconds(credentials.propagationSeconds);
  const secret = connectionString === undefined ? 'password' : 'connection string';
  const expiryHint = (expiry: string | undefined) =>
    expiry ? `Expires ${formatDateTime(expiry)}` : 'Never expires';
  return (
    <DialogFrame
      title={title}
      modalType="alert"
      // Escape and the backdrop do nothing on purpose: only the explicit button closes this dialog.
      onDismiss={undefined}
      surfaceClassName={styles.surface}
      actions={
        <Button appearance="primary" onClick={onClose}>
          I have stored it, close
        </Button>
      }
    >
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Shown once</MessageBarTitle>
          Store the {secret} now, in a password manager or your deployment&apos;s secret store. Once
          you close this dialog it is gone for good: the console keeps no copy, and the only remedy
          is to generate a new one.
        </MessageBarBody>
      </MessageBar>
      <StepsReport steps={steps} />
      {notices.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <ul className={styles.notices}>
              {notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {connectionString !== undefined ? (
        <SecretField
          label="Connection string"
          value={connectionString}
          multiline
          hint={
            credentials.passwords[0]
              ? `The sync token password in it: ${slotLabel(credentials.passwords[0].name).toLowerCase()}. ${expiryHint(credentials.passwords[0].expiry)}.`
              : undefined
          }
          announce={setAnnouncement}
        />
      ) : (
        <>
          <SecretField label="Username" value={credentials.username} announce={setAnnouncement} />
          {credentials.passwords.length === 0 ? (
            <Text>No password was generated for {tokenName}.</Text>
          ) : (
            credentials.passwords.map((p) => (
              <SecretField
                key={p.name}
                label={slotLabel(p.name)}
                value={p.value}
                hint={expiryHint(p.expiry)}
                announce={setAnnouncement}
              />
            ))
          )}
        </>
      )}
      {credentials.dockerLogin.length > 0 ? (
        <section aria-labelledby="reveal-docker-heading">
          <Text as="h3" id="reveal-docker-heading" weight="semibold" className={styles.heading}>
            Sign in with Docker
          </Text>
          <ul className={styles.commands}>
            {credentials.dockerLogin.map((d) => (
              <li key={d.server}>
                <span className={styles.server}>{d.server}</span>
                <div className={styles.row}>
                  <pre className={styles.command}>{d.command}</pre>
                  <CopyButton
                    text={d.command}
                    what={`docker login command for ${d.server}`}
                    onResult={setAnnouncement}
                  />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          A new password takes {propagation} to reach the registry (and connected registries after
          their next sync). A login refused right away does not mean the password is wrong: wait,
          then try again.
        </MessageBarBody>
      </MessageBar>
      <div role="status" aria-live="polite">
        <VisuallyHidden>{announcement}</VisuallyHidden>
      </div>
    </DialogFrame>
  );
}
