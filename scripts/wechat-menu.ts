/**
 * Create the WeChat Official Account menu from the content's main menu, in Chinese:
 *   WECHAT_APP_ID=... WECHAT_APP_SECRET=... npm run wechat:menu
 * Each item is a CLICK button whose key is the chat command that opens its flow, so a
 * press is the command typed. `--dry-run` prints the menu without calling WeChat.
 * The access token comes from getStableAccessToken, which does not invalidate the
 * Worker's token.
 */
import { buildWechatMenu } from '../src/channels/wechat/menu';
import { fetchStableToken, postWechat, type Fetch } from '../src/channels/wechat/token';
import { WECHAT_API_ROOT } from '../src/config';
import { content } from '../src/content';
import { translate } from '../src/i18n';
import { scriptEnv } from './env';
import { installRuntimeDataFromFiles } from './runtime-data';

async function main(): Promise<void> {
  installRuntimeDataFromFiles();
  const env = scriptEnv();
  const menu = buildWechatMenu({
    items: content.lists.menu ?? [],
    commands: content.commands,
    locale: 'zh-CN',
    t: translate,
  });
  console.log(JSON.stringify(menu, null, 2));
  if (process.argv.includes('--dry-run')) return;

  if (!env.WECHAT_APP_ID || !env.WECHAT_APP_SECRET) {
    console.error(
      'usage: WECHAT_APP_ID=... WECHAT_APP_SECRET=... npm run wechat:menu [-- --dry-run]',
    );
    process.exit(2);
  }
  const config = {
    apiRoot: (env.WECHAT_API_ROOT || WECHAT_API_ROOT).replace(/\/+$/, ''),
    appId: env.WECHAT_APP_ID,
    appSecret: env.WECHAT_APP_SECRET,
  };
  const fetcher: Fetch = (input, init) => fetch(input, init);
  const { token } = await fetchStableToken(fetcher, config, Date.now());
  await postWechat(
    fetcher,
    `${config.apiRoot}/cgi-bin/menu/create?access_token=${encodeURIComponent(token)}`,
    menu,
  );
  console.log(`menu created for ${config.appId}`);
}

main().catch((error: unknown) => {
  console.error(`wechat:menu failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
