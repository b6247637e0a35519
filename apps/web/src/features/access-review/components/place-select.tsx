import { Field, Select } from '@fluentui/react-components';
import type { ConnectedRegistryView } from '@latchkey/domain';

/**
 * Where access is asked about: the cloud registry (value '') or one connected
 * registry, listed in hierarchy-agnostic name order with its mode.
 */
export function PlaceSelect({
  connectedRegistries,
  value,
  onChange,
  allowCloud = true,
  cloudName,
}: {
  connectedRegistries: readonly ConnectedRegistryView[];
  value: string | undefined;
  onChange: (place: string | undefined) => void;
  allowCloud?: boolean;
  cloudName: string;
}) {
  const sorted = [...connectedRegistries].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Field label="Place">
      <Select value={value ?? ''} onChange={(_e, d) => onChange(d.value || undefined)}>
        {allowCloud ? <option value="">Cloud registry {cloudName}</option> : null}
        {sorted.map((cr) => (
          <option key={cr.name} value={cr.name}>
            {cr.name} ({cr.mode}, connected registry)
          </option>
        ))}
      </Select>
    </Field>
  );
}
