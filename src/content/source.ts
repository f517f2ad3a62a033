/** A content file as read from disk: its path under `content/` and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One problem in content: which file, where inside it, and why. */
export interface ContentError {
  file: string;
  path: string;
  message: string;
}

/** Format an error the way a person fixing the file wants to read it. */
export function formatContentError(e: ContentError): string {
  return `content/${e.file}${e.path ? ` at ${e.path}` : ''}: ${e.message}`;
}
