import { Csrf, Layout } from '../layout';
import type { View } from '../view';

/** `/admin/login`: exchange a token for a console session. `view.csrf` is the login nonce. */
export function LoginPage({ view, next, error }: { view: View; next: string; error?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('login.title')}>
      <form class="card login" method="post" action="/admin/login">
        <h1>{t('login.title')}</h1>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <Csrf view={view} />
        <input type="hidden" name="next" value={next} />
        <label for="token">{t('login.token')}</label>
        <input
          type="password"
          id="token"
          name="token"
          autocomplete="current-password"
          required
          autofocus
          maxlength={512}
        />
        <p class="muted">{t('login.hint')}</p>
        <div class="buttons">
          <button class="primary" type="submit">
            {t('login.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** A page that only says something: no permission, not found, expired form, not yet there. */
export function MessagePage(props: { view: View; title: string; message: string; back?: string }) {
  const { view } = props;
  return (
    <Layout view={view} title={props.title}>
      <section class="card">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href={props.back ?? '/admin'}>{view.t('back')}</a>
        </p>
      </section>
    </Layout>
  );
}
