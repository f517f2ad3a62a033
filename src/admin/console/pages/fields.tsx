import type { Option } from '../lists';
import type { FormErrors, PushForm } from '../push-form';
import type { View } from '../view';

/** The problem with one field of the push or send form, in the page's language. */
export function FieldError(props: { view: View; errors: FormErrors; field: keyof PushForm }) {
  const problems = props.errors[props.field];
  if (!problems || problems.length === 0) return null;
  const code = problems.find((p) => p === 'time' || p === 'past');
  return <p class="field-error">{props.view.t(`push.errors.${code ?? props.field}`)}</p>;
}

/** A select with an "any" first option. */
export function Select(props: {
  name: string;
  value: string;
  any: string;
  options: readonly Option[];
}) {
  return (
    <select id={props.name} name={props.name}>
      <option value="">{props.any}</option>
      {props.options.map((o) => (
        <option value={o.id} selected={o.id === props.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A radio button with its label. */
export function Radio(props: { name: string; value: string; checked: boolean; label: string }) {
  return (
    <label class="inline">
      <input type="radio" name={props.name} value={props.value} checked={props.checked} />{' '}
      {props.label}
    </label>
  );
}
