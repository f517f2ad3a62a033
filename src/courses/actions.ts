import type { ContentActionFactory as ActionFactory } from '../content/schema';
import { COURSE_HOME_ACTIONS } from './course-actions';
import { DRIP_ACTIONS } from './drip-actions';
import { LESSON_ACTIONS } from './lesson-actions';
import { PUSH_ACTIONS } from './push-actions';

/**
 * Every course action flows may run: the catalogue and a course's card, subscriptions,
 * lessons and quizzes, plan-step lessons, drips, deep links, forgetting, and `/push`.
 */
export const COURSE_ACTIONS: Readonly<Record<string, ActionFactory>> = {
  ...COURSE_HOME_ACTIONS,
  ...LESSON_ACTIONS,
  ...DRIP_ACTIONS,
  ...PUSH_ACTIONS,
};
