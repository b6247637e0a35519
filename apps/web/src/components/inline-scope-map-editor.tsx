import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
import { gatewayPermissions, repositoryPermissions } from '@latchkey/domain';
import { useId } from 'react';
import {
  isRegistryWide,
  type GatewayRow,
  type InlineScopeMapErrors,
  type RepositoryRow,
} from '../lib/inline-scope-map';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  target: { flexGrow: 1, minWidth: '14rem' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  boxes: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const permissionLabel = (p: string) => p.replace('/', ' ');

let nextKey = 0;
/** Row keys only need to be unique within the page's life. */
export const newRowKey = () => `row-${++nextKey}`;

export const emptyRepositoryRow = (): RepositoryRow => ({
  key: newRowKey(),
  repository: '',
  permissions: ['content/read', 'metadata/read'],
});

const toggle = <P extends string>(list: readonly P[], p: P, on: boolean): P[] =>
  on ? [...list, p] : list.filter((x) => x !== p);

/**
 * A group of checkboxes. Not a Fluent Field: a Field hands its one id and label
 * to every checkbox inside it, so each box would be labelled "Permissions".
 */
function PermissionBoxes<P extends string>({
  label,
  all,
  chosen,
  error,
  onChange,
}: {
  label: string;
  all: readonly P[];
  chosen: readonly P[];
  error: string | undefined;
  onChange: (next: P[]) => void;
}) {
  const styles = useStyles();
  const errorId = useId();
  return (
    <div>
      {/* Seen, not read: the group's own label says which rule the permissions belong to. */}
      <Text size={200} weight="semibold" aria-hidden>
        Permissions
      </Text>
      <div
        role="group"
        aria-label={label}
        aria-describedby={error ? errorId : undefined}
        className={styles.boxes}
      >
        {all.map((p) => (
          <Checkbox
            key={p}
            label={permissionLabel(p)}
            checked={chosen.includes(p)}
            onChange={(_e, d) => onChange(toggle(chosen, p, d.checked === true))}
          />
        ))}
      </div>
      {error ? (
        <Text id={errorId} className={styles.error} size={200}>
          {error}
        </Text>
      ) : null}
    </div>
  );
}

/**
 * Repository and gateway permissions typed in the create dialog, which
 * become a new scope map. Each rule is a fieldset, so every checkbox is read
 * with the rule it belongs to.
 */
export function InlineScopeMapEditor({
  repositories,
  gateways,
  onRepositoriesChange,
  onGatewaysChange,
  errors,
}: {
  repositories: RepositoryRow[];
  gateways: GatewayRow[];
  onRepositoriesChange: (rows: RepositoryRow[]) => void;
  onGatewaysChange: (rows: GatewayRow[]) => void;
  /** Shown once the person has tried to submit, or per field as it is edited. */
  errors: InlineScopeMapErrors | undefined;
}) {
  const styles = useStyles();
  const updateRepo = (key: string, patch: Partial<RepositoryRow>) =>
    onRepositoriesChange(repositories.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const updateGateway = (key: string, patch: Partial<GatewayRow>) =>
    onGatewaysChange(gateways.map((g) => (g.key === key ? { ...g, ...patch } : g)));

  return (
    <div className={styles.stack}>
      <Text as="h3" weight="semibold" className={styles.heading}>
        Repository permissions
      </Text>
      <Text className={styles.muted}>
        A repository (team/app), every repository under a prefix (team/*), or * for every repository
        of the registry.
      </Text>
      {repositories.map((row, i) => {
        const n = i + 1;
        const repoError = errors?.repository[row.key];
        const permError = errors?.repositoryPermissions[row.key];
        return (
          <fieldset key={row.key} className={styles.row}>
            <legend className={styles.legend}>Repository rule {n}</legend>
            <div className={styles.line}>
              <Field
                label="Repository"
                required
                className={styles.target}
                validationMessage={repoError}
              >
                <Input
                  value={row.repository}
                  input={{ className: styles.mono, spellCheck: false }}
                  placeholder="team/app or team/*"
                  onChange={(_e, d) => updateRepo(row.key, { repository: d.value })}
                />
              </Field>
              <Button
                icon={<Delete16Regular />}
                aria-label={`Remove repository rule ${n}`}
                onClick={() => onRepositoriesChange(repositories.filter((r) => r.key !== row.key))}
              >
                Remove
              </Button>
            </div>
            <PermissionBoxes
              label={`Permissions for repository rule ${n}`}
              all={repositoryPermissions}
              chosen={row.permissions}
              error={permError}
              onChange={(permissions) => updateRepo(row.key, { permissions })}
            />
            {isRegistryWide(row.repository) ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  * is registry-wide: these permissions apply to every repository of the registry,
                  including repositories created later. Access reviews report it as a finding.
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {row.permissions.includes('content/delete') ? (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  content delete lets the token delete images. Client tokens rarely need it.
                </MessageBarBody>
              </MessageBar>
            ) : null}
          </fieldset>
        );
      })}
      <div>
        <Button
          icon={<Add16Regular />}
          onClick={() => onRepositoriesChange([...repositories, emptyRepositoryRow()])}
        >
          Add repository rule
        </Button>
      </div>

      <Text as="h3" weight="semibold" className={styles.heading}>
        Gateway permissions
      </Text>
      <Text className={styles.muted}>
        Only a connected registry&apos;s sync token needs these (to read its configuration and
        exchange sync messages). Leave empty for a client token.
      </Text>
      {gateways.map((row, i) => {
        const n = i + 1;
        return (
          <fieldset key={row.key} className={styles.row}>
            <legend className={styles.legend}>Gateway rule {n}</legend>
            <div className={styles.line}>
              <Field
                label="Connected registry"
                required
                className={styles.target}
                validationMessage={errors?.connectedRegistry[row.key]}
              >
                <Input
                  value={row.connectedRegistry}
                  input={{ spellCheck: false }}
                  onChange={(_e, d) => updateGateway(row.key, { connectedRegistry: d.value })}
                />
              </Field>
              <Button
                icon={<Delete16Regular />}
                aria-label={`Remove gateway rule ${n}`}
                onClick={() => onGatewaysChange(gateways.filter((g) => g.key !== row.key))}
              >
                Remove
              </Button>
            </div>
            <PermissionBoxes
              label={`Permissions for gateway rule ${n}`}
              all={gatewayPermissions}
              chosen={row.permissions}
              error={errors?.gatewayPermissions[row.key]}
              onChange={(permissions) => updateGateway(row.key, { permissions })}
            />
          </fieldset>
        );
      })}
      <div>
        <Button
          icon={<Add16Regular />}
          onClick={() =>
            onGatewaysChange([
              ...gateways,
              { key: newRowKey(), connectedRegistry: '', permissions: [...gatewayPermissions] },
            ])
          }
        >
          Add gateway rule
        </Button>
      </div>
      {errors?.form.length ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{errors.form.join(' ')}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
