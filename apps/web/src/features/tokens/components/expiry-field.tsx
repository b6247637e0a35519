import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  tokens,
} from '@fluentui/react-components';
import { formatDate } from '../../../lib/format';
import {
  defaultExpiryDays,
  expiryPresets,
  expiryValue,
  localDateInput,
  type ExpiryChoice,
} from '../utils/expiry';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  date: { maxWidth: '14rem', marginLeft: tokens.spacingHorizontalXXL },
});

const DAY = 24 * 3600_000;

const choiceKey = (c: ExpiryChoice) =>
  c.kind === 'days' ? `days:${c.days}` : c.kind === 'date' ? 'date' : 'never';

/**
 * Expiry of a new password. The default is 90 days; "Never expires" is an
 * explicit choice that says why it is a bad idea, never a blank field.
 */
export function ExpiryField({
  value,
  onChange,
  now,
  label = 'Password expiry',
}: {
  value: ExpiryChoice;
  onChange: (next: ExpiryChoice) => void;
  now: number;
  label?: string;
}) {
  const styles = useStyles();
  const checked = value.kind === 'date' ? 'date' : choiceKey(value);
  const dateError = value.kind === 'date' ? expiryValue(value, now) : undefined;
  return (
    <div className={styles.stack}>
      <Field label={label}>
        <RadioGroup
          value={checked}
          onChange={(_e, d) => {
            if (d.value === 'never') onChange({ kind: 'never' });
            else if (d.value === 'date') onChange({ kind: 'date', date: '' });
            else onChange({ kind: 'days', days: Number(d.value.slice('days:'.length)) });
          }}
        >
          {expiryPresets.map((days) => (
            <Radio
              key={days}
              value={`days:${days}`}
              label={`${days} days (until ${formatDate(new Date(now + days * DAY).toISOString())})${days === defaultExpiryDays ? ', recommended' : ''}`}
            />
          ))}
          <Radio value="date" label="On a date I choose" />
          <Radio value="never" label="Never expires" />
        </RadioGroup>
      </Field>
      {value.kind === 'date' ? (
        <Field
          label="Expires at the end of"
          className={styles.date}
          required
          validationMessage={dateError && !dateError.ok ? dateError.error : undefined}
        >
          <Input
            type="date"
            value={value.date}
            min={localDateInput(now + DAY)}
            onChange={(_e, d) => onChange({ kind: 'date', date: d.value })}
          />
        </Field>
      ) : null}
      {value.kind === 'never' ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            A password that never expires stays valid until someone revokes it, even if it leaks or
            the device holding it is lost. Access reviews report it as a finding. Choose it only
            when the client cannot be given a new password.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
