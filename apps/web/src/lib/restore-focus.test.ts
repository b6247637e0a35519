import { useRestoreFocusTarget } from '@fluentui/react-components';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { restoreFocusTarget } from './restore-focus';

// What Fluent's hook returns, read by rendering a component that calls it
// (its Tabster instance is only created in an effect, which a server render skips).
function fluentRestoreFocusTarget(): object {
  let attribute: object = {};
  function Probe() {
    attribute = useRestoreFocusTarget();
    return null;
  }
  renderToStaticMarkup(createElement(Probe));
  return attribute;
}

describe('restoreFocusTarget', () => {
  it("is the attribute Fluent's useRestoreFocusTarget() puts on a dialog's opener", () => {
    expect(fluentRestoreFocusTarget()).toEqual(restoreFocusTarget);
  });

  it('marks a restorer target (type 1), not a source (type 0)', () => {
    expect(JSON.parse(restoreFocusTarget['data-tabster'])).toEqual({ restorer: { type: 1 } });
  });
});
