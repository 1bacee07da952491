/** Value of one first-party cookie, decoded; undefined when absent, empty or undecodable. */
export function readCookie(name: string, doc: Document = document): string | undefined {
  for (const part of doc.cookie.split('; ')) {
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
