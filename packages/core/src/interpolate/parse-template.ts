/** One `${…}` of a template. */
export interface TemplateReference {
  /** `key`: another configuration value; `env`: an environment variable; `file`: a file's text. */
  readonly kind: 'key' | 'env' | 'file';
  /** The dotted path, the variable's name or the file's path. */
  readonly name: string;
  /** Declared secret in the template (`${secret:env:DB_PASSWORD}`): whatever it goes into is redacted. */
  readonly secret: boolean;
  /** The text after `:-`, itself a template, used when the reference is unset. */
  readonly fallback?: Template | undefined;
  /** The reference as written between the braces, without its fallback (`env:DB_HOST`). */
  readonly text: string;
}

/** A parsed template: literal text and references, in order. */
export interface Template {
  readonly parts: readonly (string | TemplateReference)[];
}

/** A template, or why the text is not one (`unterminated "${"`). */
export type ParsedTemplate =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly message: string };

const keyPath = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parse `text` as a template: `${database.host}`, `${env:NAME}`, `${file:path}`, `${secret:env:NAME}`, each
 * with an optional `:-fallback` (itself a template, so fallbacks nest), and `$${` for a literal `${`. A `$`
 * not followed by `{` is plain text. `maxDepth` bounds the nesting of fallbacks, so a hostile value cannot
 * recurse the parser off the stack.
 */
export function parseTemplate(text: string, maxDepth: number): ParsedTemplate {
  try {
    return { ok: true, template: parseAt(text, 0, maxDepth) };
  } catch (error) {
    if (error instanceof TemplateSyntax) return { ok: false, message: error.message };
    throw error;
  }
}

class TemplateSyntax extends Error {}

function parseAt(text: string, depth: number, maxDepth: number): Template {
  if (depth > maxDepth) {
    throw new TemplateSyntax(`fallbacks nest deeper than ${maxDepth} levels (limits.maxDepth)`);
  }
  const parts: (string | TemplateReference)[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, dollar);
    if (text.startsWith('$${', dollar)) {
      literal += '${';
      i = dollar + 3;
      continue;
    }
    if (text[dollar + 1] !== '{') {
      literal += '$';
      i = dollar + 1;
      continue;
    }
    const close = matchingBrace(text, dollar + 2);
    if (close < 0) {
      throw new TemplateSyntax(
        `has an unterminated "\${" at character ${dollar + 1}; close it with "}" or write "$\${" for a literal "\${"`,
      );
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push(referenceOf(text.slice(dollar + 2, close), depth, maxDepth));
    i = close + 1;
  }
  if (literal) parts.push(literal);
  return { parts };
}

/** The index of the `}` closing a reference whose body starts at `start`; nested `${…}` (in fallbacks) count. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (char === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function referenceOf(body: string, depth: number, maxDepth: number): TemplateReference {
  const split = body.indexOf(':-');
  const head = split < 0 ? body : body.slice(0, split);
  const fallback = split < 0 ? undefined : parseAt(body.slice(split + 2), depth + 1, maxDepth);
  let rest = head.trim();
  const secret = rest.startsWith('secret:');
  if (secret) rest = rest.slice('secret:'.length);
  const kind = rest.startsWith('env:') ? 'env' : rest.startsWith('file:') ? 'file' : 'key';
  const name = kind === 'key' ? rest : rest.slice(kind.length + 1).trim();
  if (name === '') {
    throw new TemplateSyntax(
      `has an empty reference "\${${head}}"; name a key (\${database.host}), a variable (\${env:NAME}) or a file (\${file:path})`,
    );
  }
  if (kind === 'key' && !keyPath.test(name)) {
    throw new TemplateSyntax(
      `refers to "${name}", which is not a dotted key path (letters, digits, _ $ - between dots); a variable is \${env:NAME}, a file \${file:path}`,
    );
  }
  if (kind === 'env' && !envName.test(name)) {
    throw new TemplateSyntax(`refers to the variable "${name}", which is not a variable name`);
  }
  if (kind === 'key' && secret) {
    throw new TemplateSyntax(
      `marks the key reference "${name}" secret; a key's secrecy comes from its own field (@Secret) or source`,
    );
  }
  return { kind, name, secret, fallback, text: head.trim() };
}
