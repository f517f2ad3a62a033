/**
 * The console previews messages with the channels' own markup tokenizer (`**bold**`,
 * `[label](https://url)`), so a preview shows what people will see.
 */
export { markupParts, type MarkupPart } from '../../core/markup';
