import type { Locale } from '../core/message';
import { translate } from '../i18n';
import type { AuditEntry } from './audit';
import { zonedIso } from '../time-zone';
import { markupParts } from './console/markup';
import { formatTime } from './console/view';

/** The locale key of an action (`survey.publish` → `survey_publish`). */
const keyOf = (action: string) => action.replace(/[^A-Za-z0-9_]/g, '_');

/** A translation, or undefined when the catalogue has no such key. */
function maybe(locale: Locale, key: string, params?: Record<string, string>): string | undefined {
  const text = translate(locale, key, params);
  return text === key ? undefined : text;
}

/** An action's short name in a language (`Survey published`); the action itself if unknown. */
export function auditActionLabel(action: string, locale: Locale): string {
  return maybe(locale, `admin_audit.actions.${keyOf(action)}`) ?? action;
}

/** A role's name in a language (`Researcher`, `研究人员`). */
function roleName(role: string, locale: Locale): string {
  return maybe(locale, `admin.roles.${role}`) ?? role;
}

/** The target's title in a language, quoted as the language quotes (`'…'`, `「…」`). */
function targetWords(entry: AuditEntry, locale: Locale): string {
  const target = entry.target;
  if (!target) return '';
  const title = target.title;
  const text =
    typeof title === 'string' ? title : (title?.[locale] ?? title?.['zh-CN'] ?? title?.en);
  // A push is titled by its first line, which may carry chat markup (**bold**, links): the
  // sentence reads the words, not the asterisks.
  const words =
    text &&
    markupParts(text)
      .map((part) => part.text)
      .join('');
  return words
    ? translate(locale, 'admin_audit.titled', { title: words })
    : translate(locale, 'admin_audit.untitled', { id: target.id });
}

/**
 * A detail as words: a language by its name, a time in China time, a kind of push or an
 * export format by name.
 */
function detailWords(key: string, value: string | number | boolean, locale: Locale): string {
  const text = String(value);
  if (key === 'lang' || key === 'labels') return maybe(locale, `admin.languages.${text}`) ?? text;
  if (key === 'kind') return maybe(locale, `admin.kinds.${text}`) ?? text;
  if (key === 'sendAt') return formatTime({ locale }, text);
  if (key === 'format') return maybe(locale, `admin_audit.formats.${text}`) ?? text;
  return text;
}

/**
 * One entry as a plain sentence in a language: "Li (Researcher) sent a reminder for
 * 'Village shop survey' to 4 people". An action without a sentence reads "who: action on
 * target"; an entry of the older shape "who: POST /admin/api/… 201 (older entry)".
 */
export function auditSentence(entry: AuditEntry, locale: Locale): string {
  const who = entry.who;
  const actor = entry.role
    ? translate(locale, 'admin_audit.actor', { who, role: roleName(entry.role, locale) })
    : who;
  const details = entry.details ?? {};
  const params: Record<string, string> = { actor, who, target: targetWords(entry, locale) };
  for (const [key, value] of Object.entries(details)) params[key] = detailWords(key, value, locale);
  const count = details.recipients;
  if (typeof count === 'number')
    params.people =
      count === 1
        ? translate(locale, 'admin_audit.person')
        : translate(locale, 'admin_audit.people', { count: String(count) });
  if (entry.legacy)
    return translate(locale, 'admin_audit.legacy', {
      actor,
      action: entry.action,
      status: String(details.status ?? ''),
    });
  const sentence = maybe(locale, `admin_audit.sentence.${keyOf(entry.action)}`, params);
  // A sentence naming a detail the entry lacks would show a raw placeholder: say it plainly.
  if (sentence && !/\{\{/.test(sentence)) return sentence;
  const action = auditActionLabel(entry.action, locale);
  return entry.target
    ? translate(locale, 'admin_audit.generic_target', { actor, action, target: params.target! })
    : translate(locale, 'admin_audit.generic', { actor, action });
}

/** The details as `key=value; …` (the CSV's details column). */
export function auditDetailsText(entry: AuditEntry): string {
  return Object.entries(entry.details ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('; ');
}

/** A time as ISO 8601 in China time with its offset (`2026-05-01T16:00:00+08:00`). */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return zonedIso(ms);
}
