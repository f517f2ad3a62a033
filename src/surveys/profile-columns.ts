/**
 * The profile columns of the answer exports: a respondent's province and category as
 * their profile holds them now (the codes of the console's lists), for people who consented
 * to keep their profile; empty for everyone else. They follow the question columns.
 */
export const PROFILE_COLUMNS = ['profile_province', 'profile_category'] as const;

/** A consenting respondent's profile fields, by pseudonym (see `io/profiles.ts`). */
export interface RespondentProfile {
  province?: string;
  category?: string;
}

/** The profile cells of a row, in {@link PROFILE_COLUMNS} order. */
export function profileCells(profile: RespondentProfile | undefined): (string | undefined)[] {
  return [profile?.province, profile?.category];
}
