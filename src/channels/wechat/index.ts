import type { Hono } from 'hono';
import type { WechatConfig } from '../../config';
import type { AppDeps, AppEnv } from '../../http/types';
import { WechatClient } from './client';
import { WechatCipher } from './crypto';
import { wechatRoutes } from './routes';
import { AccessTokens, type Fetch } from './token';

/** What the customer-service client needs: the token cache lives in the store. */
export type WechatClientDeps = Pick<AppDeps, 'store' | 'now' | 'newId' | 'log'>;

/** The customer-service API client with its shared access-token cache. */
export function createWechatClient(
  config: WechatConfig,
  deps: WechatClientDeps,
  fetcher: Fetch = (input, init) => fetch(input, init),
): WechatClient {
  const tokens = new AccessTokens(config, { ...deps, fetch: fetcher });
  return new WechatClient(config, { tokens, fetch: fetcher });
}

/**
 * The WeChat Official Account channel as a hono sub-app: `GET/POST /wechat`, built once
 * per app with its access-token cache and customer-service client.
 */
export function wechatChannel(
  config: WechatConfig,
  deps: AppDeps,
  fetcher: Fetch = (input, init) => fetch(input, init),
): Hono<AppEnv> {
  const client = createWechatClient(config, deps, fetcher);
  // Plaintext mode decrypts nothing, so an encrypted message is refused like an unknown one.
  const cipher =
    config.encodingAesKey && config.messageMode !== 'plaintext'
      ? new WechatCipher(config.encodingAesKey, config.appId)
      : undefined;
  return wechatRoutes({ config, client, cipher });
}
