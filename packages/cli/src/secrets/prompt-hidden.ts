import { CliError } from '../cli/cli-error.js';

/** The terminal side of standard input, as far as {@link promptHidden} needs it. */
export interface TerminalInput {
  setRawMode(mode: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  resume(): unknown;
  pause(): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  off(event: 'data', listener: (chunk: string) => void): unknown;
}

/**
 * Ask for one line on a terminal without echoing it: `question` goes to `write` (standard error), the
 * terminal is put in raw mode so typed characters are neither shown nor kept in a line buffer, and Enter ends
 * the line. Backspace deletes, Ctrl-C and Ctrl-D on an empty line cancel (a usage error), other control
 * characters and escape sequences (arrow keys) are ignored.
 */
export function promptHidden(
  input: TerminalInput,
  write: (text: string) => void,
  question: string,
): Promise<string> {
  // Raw mode first: a key typed as soon as the question shows must not meet a terminal that still echoes.
  input.setEncoding('utf8');
  input.setRawMode(true);
  write(question);
  input.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      write('\n');
    };
    const onData = (chunk: string): void => {
      // A key that sends an escape sequence (arrows, function keys) arrives as one chunk: ignore it whole.
      if (chunk.startsWith('\u001b')) return;
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (char === '\u0003' || (char === '\u0004' && chars.length === 0)) {
          finish();
          reject(CliError.usage('cancelled: no value entered'));
          return;
        }
        if (char === '\u007f' || char === '\b') chars = chars.slice(0, -1);
        else if (char === '\u0015')
          chars = []; // Ctrl-U clears the line, as in a shell
        else if (char >= ' ') chars.push(char);
      }
    };
    input.on('data', onData);
  });
}
