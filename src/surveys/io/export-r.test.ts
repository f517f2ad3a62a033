import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCi } from '../../../test/support/redis-available';
import { seedRecords } from '../../../test/support/survey-records';
import { content } from '../../content';
import { translate } from '../../i18n';
import { createMemoryStore } from '../../store/memory';
import { voiceSurvey } from '../../../test/media/voice-survey';
import { analysisModel, rScript } from '../analysis';
import { mediaAnswerKey, mediaKey } from '../media-keys';
import { responseTable } from '../response';
import { exportStream } from './export';

const survey = content.surveys.find((s) => s.id === 'seller_baseline')!;
const at = Date.UTC(2026, 2, 1, 8, 30);

/** Rscript when installed; under CI its absence fails the suite instead of skipping. */
function rscript(): string | undefined {
  const path = process.env.RSCRIPT_PATH ?? '/usr/bin/Rscript';
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    const message = `Rscript is not installed at ${path} (apt-get install r-base-core)`;
    if (isCi()) throw new Error(`${message}; it is required when CI is set`);
    console.warn(`Skipping the R run: ${message}.`);
    return undefined;
  }
}

const R = rscript();

describe.runIf(R)('analysis scripts: the R script run by Rscript', () => {
  it('reads the real CSV export into labelled factors, in both languages', async () => {
    const store = createMemoryStore();
    await seedRecords(store, responseTable(survey.id, survey.version), {
      rA: {
        status: 'completed',
        locale: 'zh-CN',
        channel: 'wechat',
        startedAt: at,
        completedAt: at + 90_000,
        answers: {
          category: 'other',
          platforms: ['taobao', 'other'],
          years_selling: 0,
          monthly_orders: 1200,
          order_value_rmb: null,
          livestream: 'never',
          difficulty_detail: '价格战，"太激烈"\n第二行, 还有逗号',
          trained: true,
          outlook: 2,
        },
        other: { category: '=SUM(A1:A9)', platforms: '@小红书' },
      },
      rB: {
        status: 'started',
        locale: 'en',
        channel: 'telegram',
        startedAt: at,
        answers: { category: 'furniture', platforms: ['douyin'], years_selling: 12 },
        other: {},
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'survey-r-'));
    try {
      const model = analysisModel(survey, 'en', translate);
      const csv = await new Response(
        exportStream(store, survey, 'csv', { t: translate }),
      ).arrayBuffer();
      writeFileSync(join(dir, model.csvFile), new Uint8Array(csv));
      for (const lang of ['en', 'zh-CN'] as const) {
        writeFileSync(
          join(dir, `${lang}.R`),
          rScript(analysisModel(survey, lang, translate), translate),
        );
      }
      const probe = (lang: string) =>
        [
          `source("${lang}.R", encoding = "UTF-8")`,
          'out <- function(...) cat(enc2utf8(paste0(...)), "\\n", sep = "")',
          'out(nrow(survey))',
          'out(paste(levels(survey$category), collapse = "|"))',
          'out(paste(as.character(survey$category), collapse = "|"))',
          'out(attr(survey$category, "label"))',
          'out(is.ordered(survey$outlook), " ", as.character(survey$outlook[1]))',
          'out(paste(as.character(survey$platforms_taobao), collapse = "|"))',
          'out(paste(as.character(survey$trained), collapse = "|"))',
          'out(survey$years_selling[2] + 1)',
          'out(survey$difficulty_detail[1])',
          // Missing answers: NA, with the reason kept as the "na_reason" attribute.
          'reason <- function(col, i) as.character(attr(survey[[col]], "na_reason")[i])',
          'out(is.na(survey$order_value_rmb[1]), " ", reason("order_value_rmb", 1))',
          'out(is.na(survey$livestream_share_pct[1]), " ", reason("livestream_share_pct", 1))',
          'out(is.na(survey$monthly_orders[2]), " ", reason("monthly_orders", 2))',
          'out(is.na(survey$livestream[2]), " ", reason("livestream", 2), " ", reason("livestream", 1))',
          'out(is.na(survey$platforms_other_text[2]), " ", reason("platforms_other_text", 2))',
          'out(reason("platforms_taobao", 2), " ", attr(survey$platforms_taobao, "label"))',
          'out(reason("last_training", 2), " ", is.na(survey$last_training[2]))',
        ].join('\n');
      const run = (lang: string) =>
        execFileSync(R!, ['-e', probe(lang)], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
        }).split('\n');
      for (const lang of ['en', 'zh-CN'] as const) {
        const lines = run(lang);
        const category = survey.questions.find((q) => q.id === 'category')!;
        if (category.type !== 'single_choice') throw new Error('category is a single choice');
        const labels = [
          ...category.options.map((o) => o.label[lang]),
          ...(category.other ? [translate(lang, 'surveys.other')] : []),
        ];
        const furniture = category.options.find((o) => o.code === 'furniture')!.label[lang];
        expect(lines[0]).toBe('2');
        expect(lines[1]).toBe(labels.join('|'));
        expect(lines[2]).toBe(`${translate(lang, 'surveys.other')}|${furniture}`);
        expect(lines[3]).toBe(category.text[lang]);
        expect(lines[4]).toBe('TRUE 2');
        const chosen = (key: string) => translate(lang, `surveyExport.option.${key}`);
        expect(lines[5]).toBe(`${chosen('chosen')}|${chosen('not_chosen')}`);
        expect(lines[6]).toBe(`${translate(lang, 'common.yes')}|NA`);
        expect(lines[7]).toBe('13');
        expect(lines[8]).toBe('价格战，"太激烈"');
        expect(lines[9]).toBe('第二行, 还有逗号');
        const why = (reason: string) => translate(lang, `surveyExport.missing.${reason}`);
        expect(lines[10]).toBe(`TRUE ${why('skipped')}`);
        expect(lines[11]).toBe(`TRUE ${why('not_shown')}`);
        expect(lines[12]).toBe(`TRUE ${why('not_reached')}`);
        expect(lines[13]).toBe(`TRUE ${why('not_reached')} NA`);
        // "Other" not chosen: empty, no reason (not one of the three cases).
        expect(lines[14]).toBe('TRUE NA');
        const platforms = survey.questions.find((q) => q.id === 'platforms')!;
        if (platforms.type !== 'multiple_choice') throw new Error('platforms is multiple choice');
        const taobao = platforms.options.find((o) => o.code === 'taobao')!.label[lang];
        expect(lines[15]).toBe(`NA ${platforms.text[lang]}: ${taobao}`);
        expect(lines[16]).toBe(`${why('not_reached')} TRUE`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the voice link and arm columns under their own names and labels', async () => {
    const voice = voiceSurvey();
    const p = `r${'ab'.repeat(16)}`;
    const key = mediaKey(voice.id, p, 'story', 'ogg');
    const store = createMemoryStore();
    await seedRecords(store, responseTable(voice.id, voice.version), {
      [p]: {
        status: 'completed',
        locale: 'en',
        channel: 'telegram',
        startedAt: at,
        completedAt: at + 1000,
        answers: { story: 'heard', [mediaAnswerKey('story')]: key, detail: 'typed' },
        other: {},
      },
    });
    const arms = { ids: ['nudge'], byRespondent: new Map([[p, { nudge: 'video' }]]) };
    const dir = mkdtempSync(join(tmpdir(), 'survey-r-voice-'));
    try {
      const model = analysisModel(voice, 'en', translate, undefined, arms.ids);
      const csv = await new Response(
        exportStream(store, voice, 'csv', { t: translate, arms }),
      ).arrayBuffer();
      writeFileSync(join(dir, model.csvFile), new Uint8Array(csv));
      writeFileSync(join(dir, 'en.R'), rScript(model, translate));
      const probe = [
        'source("en.R", encoding = "UTF-8")',
        'out <- function(...) cat(enc2utf8(paste0(...)), "\\n", sep = "")',
        'out(survey$story_media[1])',
        'out(attr(survey$story_media, "label"))',
        'out(survey$arm_nudge[1], " ", attr(survey$arm_nudge, "label"))',
        'out(survey$detail[1])',
      ].join('\n');
      const lines = execFileSync(R!, ['-e', probe], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      }).split('\n');
      expect(lines[0]).toBe(`/admin/api/surveys/${voice.id}/media/${encodeURIComponent(key)}`);
      expect(lines[1]).toBe(
        translate('en', 'surveyExport.media', { question: 'Tell us about your shop.' }),
      );
      expect(lines[2]).toBe(
        `video ${translate('en', 'surveyExport.arm', { experiment: 'nudge' })}`,
      );
      expect(lines[3]).toBe('typed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
