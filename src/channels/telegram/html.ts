/** Escapes text for Telegram's HTML parse mode: only `<`, `>`, `&` (and `"` in attributes) are special. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders the little Markdown dialogs may use (`**bold**`, `*italic*` or `_italic_`, `` `code` ``,
 * `[label](https://…)`) as Telegram HTML, escaping everything else. Telegram's own Markdown modes are
 * avoided: a stray `_` or `*` in a resident's quoted text would make the whole message fail.
 */
export function markdownToHtml(markdown: string): string {
  const pattern =
    /\*\*([^*\n]+)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|(?<![\w*])[*_]([^*_\n]+)[*_](?![\w*])/g;
  let html = '';
  let last = 0;
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) {
    html += escapeHtml(markdown.slice(last, m.index));
    if (m[1] !== undefined) html += `<b>${escapeHtml(m[1])}</b>`;
    else if (m[2] !== undefined) html += `<code>${escapeHtml(m[2])}</code>`;
    else if (m[3] !== undefined) html += `<a href="${escapeHtml(m[4]!)}">${escapeHtml(m[3])}</a>`;
    else html += `<i>${escapeHtml(m[5]!)}</i>`;
    last = m.index + m[0].length;
  }
  return html + escapeHtml(markdown.slice(last));
}
