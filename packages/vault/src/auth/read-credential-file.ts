import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Read a credential (token, secret_id, service-account JWT) from a file, trimmed. Errors name the file and
 * the option, never the content.
 */
export async function readCredentialFile(file: string, cwd: string, option: string): Promise<string> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(`cannot read ${option} ${path} (${code})`, { cause: error });
  }
  const value = text.trim();
  if (value === '') throw new Error(`${option} ${path} is empty`);
  return value;
}
