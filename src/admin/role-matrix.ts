import type { Role } from '../config';

/**
 * The one table of who may do what: every admin operation (by its OpenAPI `operationId`)
 * and the roles besides admin that may perform it (admin may do everything). The API's
 * route guards, the console's page guards and the services all consult it.
 */
export const ROLE_MATRIX = {
  adminOpenApi: ['researcher', 'trainer'],
  whoami: ['researcher', 'trainer'],
  overview: [],
  auditTrail: [],
  previewAudience: ['trainer', 'researcher'],
  listCourses: ['trainer'],
  courseStats: ['trainer'],
  listQuestions: ['trainer'],
  answerQuestion: ['trainer'],
  // Lessons published without a deploy (services/lessons.ts).
  publishLesson: ['trainer'],
  editLesson: ['trainer'],
  unpublishLesson: ['trainer'],
  lessonVersions: ['trainer'],
  createBroadcast: ['trainer'],
  listBroadcasts: ['trainer'],
  getBroadcast: ['trainer'],
  cancelBroadcast: ['trainer'],
  editBroadcast: ['trainer'],
  duplicateBroadcast: ['trainer'],
  listSurveys: ['researcher'],
  saveSurveyDraft: ['researcher'],
  importSurvey: ['researcher'],
  validateSurvey: ['researcher'],
  getSurvey: ['researcher'],
  publishSurvey: ['researcher'],
  sendSurvey: ['researcher'],
  remindSurvey: ['researcher'],
  startSurveyWave: ['researcher'],
  closeSurvey: ['researcher'],
  reopenSurvey: ['researcher'],
  surveyStats: ['researcher'],
  exportSurvey: ['researcher'],
  // rconsole: responses, withdrawals and the definition of one survey
  surveyResponses: ['researcher'],
  surveyWithdrawals: ['researcher'],
  surveyDefinition: ['researcher'],
  surveyMedia: ['researcher'],
  defineExperiment: ['researcher'],
  getExperiment: ['researcher'],
} as const satisfies Record<string, readonly Role[]>;

/** An admin operation's id (its OpenAPI `operationId`). */
export type OperationId = keyof typeof ROLE_MATRIX;

/** The roles that may perform `operation`, admin first. */
export function rolesFor(operation: OperationId): Role[] {
  return ['admin', ...ROLE_MATRIX[operation]];
}

/** True when `role` may perform `operation`. */
export function mayPerform(role: Role, operation: OperationId): boolean {
  return role === 'admin' || (ROLE_MATRIX[operation] as readonly Role[]).includes(role);
}
