import bundle from './generated/content.json';
import type { ContentBundle } from './schema';

/**
 * The content bundle, validated by `npm run content` with the same schemas the runtime
 * uses; the Worker imports it as data and never parses YAML.
 */
export const content: ContentBundle = bundle as unknown as ContentBundle;
