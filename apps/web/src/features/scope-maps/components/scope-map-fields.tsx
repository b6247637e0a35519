import { Field, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { InlineScopeMapEditor } from '../../../components/inline-scope-map-editor';
import type { InlineScopeMapErrors } from '../../../lib/inline-scope-map';
import type { ScopeMapDraftRows } from '../utils/scope-map-edit';

const useStyles = makeStyles({
  other: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

export const maxDescription = 256;

export const descriptionError = (d: string) =>
  d.length > maxDescription ? `At most ${maxDescription} characters (now ${d.length}).` : undefined;

/** Description and permission rows of a scope map, shared by the create and edit dialogs. */
export function ScopeMapFields({
  description,
  onDescriptionChange,
  rows,
  onRowsChange,
  errors,
}: {
  description: string;
  onDescriptionChange: (d: string) => void;
  rows: ScopeMapDraftRows;
  onRowsChange: (rows: ScopeMapDraftRows) => void;
  errors: InlineScopeMapErrors | undefined;
}) {
  const styles = useStyles();
  const dError = descriptionError(description);
  return (
    <>
      <Field
        label="Description"
        hint={dError ? undefined : `Plain text, at most ${maxDescription} characters.`}
        validationMessage={dError}
      >
        <Textarea
          value={description}
          resize="vertical"
          onChange={(_e, d) => onDescriptionChange(d.value)}
        />
      </Field>
      <InlineScopeMapEditor
        repositories={rows.repositories}
        gateways={rows.gateways}
        onRepositoriesChange={(repositories) => onRowsChange({ ...rows, repositories })}
        onGatewaysChange={(gateways) => onRowsChange({ ...rows, gateways })}
        errors={errors}
      />
      {rows.other.length > 0 ? (
        <div>
          <Text weight="semibold">Other actions (kept as they are)</Text>
          <ul className={styles.other}>
            {rows.other.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
