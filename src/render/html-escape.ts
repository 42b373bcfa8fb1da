const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * A URL fit for an href/src attribute, escaped; null when its scheme is not one we emit
 * (http(s), a root-relative path such as our /r/<token> links, or the extra schemes allowed by the caller).
 */
export function safeUrlAttribute(url: string, extraPrefixes: readonly string[] = []): string | null {
  const trimmed = url.trim();
  const lower = trimmed.toLowerCase();
  const allowed =
    lower.startsWith('https://') ||
    lower.startsWith('http://') ||
    (trimmed.startsWith('/') && !trimmed.startsWith('//')) ||
    extraPrefixes.some((prefix) => lower.startsWith(prefix));
  return allowed ? escapeHtml(trimmed) : null;
}
