import type { Outbound } from '../../core/message';

/** The JSON the web chat API answers with. */
export interface WebchatResponse {
  messages: { text: string; choices?: { id: string; label: string }[]; ref?: string }[];
}

/** Render replies for the web chat: the page draws buttons and the tiny markup itself. */
export function renderWebchat(replies: readonly Outbound[]): WebchatResponse {
  return {
    messages: replies.map((r) =>
      r.choices && r.choices.length > 0
        ? { text: r.text, choices: r.choices, ...(r.ref ? { ref: r.ref } : {}) }
        : { text: r.text },
    ),
  };
}
