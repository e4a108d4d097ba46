/**
 * Vault's `errors` as one-line texts: `"2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"`
 * becomes `permission denied`, `invalid token`. Any occurrence of `hide` (the token sent, when 6+ characters) is masked.
 */
export function vaultErrorTexts(body: unknown, hide: readonly string[] = []): string[] {
  const raw = (body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(raw)) return [];
  const texts: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    for (const part of item.split(/\n\t\* /)) {
      let text = part.replace(/\s+/g, ' ').trim();
      if (/^\d+ errors? occurred:$/.test(text) || text === '') continue;
      // Real tokens are long; masking a very short test token would shred ordinary words.
      for (const secret of hide) if (secret.length >= 6) text = text.split(secret).join('[redacted]');
      texts.push(text);
    }
  }
  return texts;
}
