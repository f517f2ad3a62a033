import { surveySchema, type SurveyDefinition } from '../../src/surveys/schema';

/** A two-question survey: `story` takes voice answers, `detail` does not. */
export function voiceSurvey(): SurveyDefinition {
  return surveySchema.parse({
    id: 'voice_test',
    version: 1,
    title: { 'zh-CN': '语音测试', en: 'Voice test' },
    intro: { 'zh-CN': '两道题。', en: 'Two questions.' },
    consent: { 'zh-CN': '您同意吗？', en: 'Do you agree?' },
    thanks: { 'zh-CN': '谢谢！', en: 'Thanks!' },
    questions: [
      {
        id: 'story',
        type: 'text',
        allowVoice: true,
        text: { 'zh-CN': '说说您的店。', en: 'Tell us about your shop.' },
      },
      { id: 'detail', type: 'text', text: { 'zh-CN': '还有吗？', en: 'Anything else?' } },
    ],
  });
}
