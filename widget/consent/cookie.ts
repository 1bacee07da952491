/** Value of one first-party cookie, decoded; undefined when absent, empty or undecodable. */
export function readCookie(name: string, doc: Document = document): string | undefined {
  let all: string;
  try {
    all = doc.cookie;
  } catch {
    // cookies blocked (sandboxed frame, browser setting): reading throws SecurityError
    return undefined;
  }
  for (const part of all.split('; ')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq) === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1)) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
