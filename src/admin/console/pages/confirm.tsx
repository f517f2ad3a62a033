import { Csrf } from '../layout';
import type { View } from '../view';

/** Props of {@link Confirm}. */
export interface ConfirmProps {
  view: View;
  /** Where the confirmed form posts (the same action, with `confirmed=yes`). */
  action: string;
  /** What will happen, in plain words ("This sends to 214 people"). */
  text: string;
  /** The confirming button's words. */
  button: string;
  /** Where "No, go back" leads. */
  back: string;
  /** The fields of the form being confirmed, posted again unchanged. */
  fields?: Readonly<Record<string, string>>;
  danger?: boolean;
}

/**
 * The step before an action that cannot be undone: says what will happen and asks again.
 * Works without JavaScript (a second post), so no browser dialog is needed.
 */
export function Confirm(props: ConfirmProps) {
  const { view } = props;
  return (
    <section class="card confirm" id="confirm" role="alertdialog" aria-labelledby="confirm-text">
      <p id="confirm-text">
        <b>{props.text}</b>
      </p>
      <form method="post" action={props.action}>
        <Csrf view={view} />
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        <div class="buttons">
          <button class={props.danger ? 'danger' : 'primary'} type="submit">
            {props.button}
          </button>
          <a class="button" href={props.back}>
            {view.t('trust.confirm.back')}
          </a>
        </div>
      </form>
    </section>
  );
}
